"""The ``visual`` embedder: a trained concept is its image prototype; any other text, its text vector mapped there."""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any, Sequence

import numpy as np

import wordgan
from wordgan.errors import WordganError
from wordgan.interfaces import Embedder
from wordgan.safety import resolve_path

from wordgan_visual.space import DEFAULT_TEMPERATURE, VisualSpace

#: The share of a new word's vector taken from the prototypes of the concepts nearest it by text (see
#: :meth:`VisualSpace.map_text`); of 0, 0.25, 0.5, 0.75 and 1, chosen on the tuning split of
#: benchmarks/visual_ceiling.py (the regression alone, 0, placed the fewest words in their subcategory).
DEFAULT_BLEND = 0.75

#: True while a visual embedder's text embedder runs: a text embedder that holds a visual embedder (a concat of
#: one, from a hand-made file) would otherwise map a text through itself without end.
_MAPPING: ContextVar[bool] = ContextVar("wordgan_visual_mapping", default=False)


class VisualEmbedder(Embedder):
    """Texts -> (N, E) float32 vectors in a visual space fitted by ``wordgan-visual-fit`` (E = its size, e.g. 64).

    ``model``: the visual space file (``.safetensors``; a relative path means the checkpoint's folder when a
    checkpoint names it). A text that is one of the file's trained concept names gets that concept's prototype:
    the mean ImageNet feature of its real images. Any other text gets the ridge regression of its text vector
    (by the text embedder the file names, built on first need): EXEM's place for an unseen class. ``blend``
    (0 to 1) draws that place toward the prototypes of the concepts whose names are nearest by text, picked
    with softmax ``temperature`` (:meth:`VisualSpace.map_text`).

    Whether a text is a trained concept is an exact match of its whitespace-normalised form ("hot dog", not
    "Hot dog"). A text the text embedder cannot embed raises its :class:`~wordgan.errors.UnknownWordError`.
    """

    def __init__(self, model: str, blend: float = DEFAULT_BLEND, temperature: float = DEFAULT_TEMPERATURE):
        if not isinstance(model, str) or not model.strip():
            raise WordganError(f"visual option model must name a visual space file, got {model!r}")
        if isinstance(blend, bool) or not isinstance(blend, (int, float)) or not 0 <= blend <= 1:
            raise WordganError(f"visual option blend must be a number from 0 to 1, got {blend!r}")
        if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not 1e-4 <= temperature <= 10:
            raise WordganError(f"visual option temperature must be a number from 0.0001 to 10, got {temperature!r}")
        path = resolve_path(model)
        self.space = VisualSpace.load(path)
        self.blend, self.temperature = float(blend), float(temperature)
        self.options: dict[str, Any] = {"model": str(path), "blend": self.blend, "temperature": self.temperature}
        self.dim = self.space.dim
        self._rows = {name: row for row, name in enumerate(self.space.concepts)}
        self._text: Embedder | None = None
        self._device: Any = None

    @property
    def text_embedder(self) -> Embedder:
        """The embedder the file's regression reads (built from the file's spec the first time it is needed)."""
        if self._text is None:
            spec = self.space.text_embedder
            self._text = wordgan.build_embedder(spec["name"], **spec["options"])
            if self._device is not None:
                self._text.to(self._device)
        return self._text

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """(N,) texts -> (N, E) float32: prototypes for trained concepts, mapped text vectors for the rest."""
        vectors = np.empty((len(texts), self.dim), dtype=np.float32)
        new = [i for i, text in enumerate(texts) if text not in self._rows]
        for i, text in enumerate(texts):
            if text in self._rows:
                vectors[i] = self.space.prototypes[self._rows[text]]
        if new:
            vectors[new] = self.space.map_text(self.text_vectors([texts[i] for i in new]), self.blend, self.temperature)
        return vectors

    def text_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """(N,) texts -> (N, D): the text embedder's vectors, what the regression maps."""
        if _MAPPING.get():
            raise WordganError("a visual space's text embedder may not itself contain a visual embedder")
        token = _MAPPING.set(True)
        try:
            return self.text_embedder.encode(list(texts))
        finally:
            _MAPPING.reset(token)

    def knows(self, text: str) -> bool:
        """A trained concept, or a text the text embedder knows."""
        return " ".join(text.split()) in self._rows or self.text_embedder.knows(text)

    def to(self, device: Any) -> "VisualEmbedder":
        """Run the text embedder on ``device`` (the prototypes and the regression are numpy, on the CPU)."""
        self._device = device
        if self._text is not None:
            self._text.to(device)
        return self

    def most_similar(self, text: str, topn: int = 10) -> list[tuple[str, float]]:
        """The ``topn`` trained concepts whose prototypes are nearest to ``text``'s vector by cosine, highest
        first, leaving out ``text`` itself (as gensim's ``most_similar`` does)."""
        return self.neighbours(text, topn)["visual"]

    def neighbours(self, text: str, topn: int = 10) -> dict[str, Any]:
        """The nearest trained concepts to ``text`` in both spaces, as ``similar`` shows them:

        ``{"text": str, "trained": bool, "visual": [(concept, cosine)], "text_space": [(concept, cosine)]}``:
        ``visual`` by the vector this embedder gives ``text`` (its prototype, or its mapped text vector), among
        the prototypes; ``text_space`` by the text embedder's vector of ``text`` among the concept names' text
        vectors (what the regression was fitted on). ``text`` itself is left out of both.
        """
        if isinstance(topn, bool) or not isinstance(topn, int) or topn < 1:
            raise WordganError(f"topn must be a positive whole number, got {topn!r}")
        key = " ".join(text.split())
        row = self._rows.get(key)
        own = self.space.text_vectors[row] if row is not None else self.text_vectors([key])[0]
        return {
            "text": key,
            "trained": row is not None,
            "visual": _nearest(self.encode([key])[0], self.space.prototypes, self.space.concepts, topn, row),
            "text_space": _nearest(own, self.space.text_vectors, self.space.concepts, topn, row),
        }


def _nearest(vector: np.ndarray, table: np.ndarray, names: Sequence[str], topn: int, skip: int | None) -> list[tuple[str, float]]:
    """The ``topn`` rows of (K, X) ``table`` nearest to (X,) ``vector`` by cosine, as (name, cosine), without row ``skip``."""
    cosines = (table @ vector) / np.maximum(np.linalg.norm(table, axis=1) * np.linalg.norm(vector), 1e-12)  # (K,)
    if skip is not None:
        cosines[skip] = -np.inf
    order = np.argsort(-cosines, kind="stable")[: min(topn, len(names) - (skip is not None))]
    return [(names[i], float(cosines[i])) for i in order]
