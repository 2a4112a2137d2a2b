"""The Embedder interface: words or short phrases in, vectors out."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from wordgan.errors import UnknownWordError, WordganError


@dataclass(frozen=True)
class EmbedderSpec:
    """What a checkpoint stores to rebuild the same embedder: its plugin name and constructor options."""

    name: str
    options: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "options": dict(self.options)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "EmbedderSpec":
        return cls(name=data["name"], options=dict(data.get("options", {})))


class Embedder(ABC):
    """Turns words or short phrases into vectors of size ``dim`` (E).

    A plugin subclasses this, sets ``dim`` and implements :meth:`embed_batch`. The constructor takes the
    plugin's options as keyword arguments (all JSON-serialisable), so that ``EmbedderSpec(name, options)``
    rebuilds the same embedder when a checkpoint is loaded.

    Callers use :meth:`encode`, which validates input and output, and the helpers built on it.
    """

    #: The size E of every vector this embedder returns.
    dim: int

    #: The options that rebuild this embedder as the constructor resolved them (absolute paths, detected
    #: formats). When left None, :func:`wordgan.build_embedder` records the options it was called with.
    options: dict[str, Any] | None = None

    #: Set by :func:`wordgan.build_embedder`; what a checkpoint stores to rebuild this embedder.
    spec: EmbedderSpec | None = None

    @abstractmethod
    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Embed N non-empty, stripped texts.

        Returns a float array of shape (N, E). Raises :class:`~wordgan.errors.UnknownWordError` naming
        the first text it cannot embed.
        """

    # Concrete helpers, built on embed_batch.

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(N,) texts -> (N, E) float32, after checking that no text is empty and the shape is right."""
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts; wrap a single text in a list")
        cleaned = [_clean(text) for text in texts]
        if not cleaned:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = np.asarray(self.embed_batch(cleaned), dtype=np.float32)
        if vectors.shape != (len(cleaned), self.dim):
            raise WordganError(
                f"{type(self).__name__}.embed_batch returned shape {vectors.shape}, "
                f"expected {(len(cleaned), self.dim)}"
            )
        return vectors

    def embed(self, text: str) -> np.ndarray:
        """One text -> (E,) float32."""
        return self.encode([text])[0]

    def knows(self, text: str) -> bool:
        """Whether :meth:`embed` would return a vector for ``text`` instead of raising."""
        try:
            self.encode([text])
        except UnknownWordError:
            return False
        return True

    def to(self, device: Any) -> "Embedder":
        """Compute on ``device`` (a ``torch.device`` or its name) from now on; returns self.

        The default does nothing: lookup embedders (word vectors) compute on the CPU whatever the device, and
        their vectors are moved where the model is by the caller. Embedders that run a network override it.
        """
        return self

    def similarity(self, text: str, others: Sequence[str]) -> np.ndarray:
        """Cosine similarity of ``text`` to each of K ``others`` -> (K,) float32."""
        vectors = _unit(self.encode([text, *others]))
        return vectors[1:] @ vectors[0]

    def __getitem__(self, texts: str | Sequence[str]) -> np.ndarray:
        """``embedder["shoe"]`` -> (E,), ``embedder[["shoe", "bag"]]`` -> (N, E), as gensim's KeyedVectors index."""
        return self.embed(texts) if isinstance(texts, str) else self.encode(texts)

    def __contains__(self, text: object) -> bool:
        """``"shoe" in embedder``, as with gensim's KeyedVectors: whether :meth:`embed` gives ``text`` a vector."""
        return isinstance(text, str) and bool(text.split()) and self.knows(text)

    def most_similar(self, text: str, topn: int = 10) -> list[tuple[str, float]]:
        """The ``topn`` words of the embedder's vocabulary nearest to ``text`` by cosine, as (word, similarity),
        highest first, as gensim's ``KeyedVectors.most_similar`` gives them.

        Only embedders with a vocabulary to search can answer; they override this. The default explains that.
        """
        name = self.spec.name if self.spec is not None else type(self).__name__
        raise WordganError(
            f"the {name!r} embedder has no vocabulary to search, so it cannot list the words most "
            "similar to a text; use similarity(text, candidates) with candidate words of your own"
        )


def _clean(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"texts must be strings, got {type(text).__name__}")
    stripped = " ".join(text.split())
    if not stripped:
        raise WordganError("empty prompt: give at least one word")
    return stripped


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
