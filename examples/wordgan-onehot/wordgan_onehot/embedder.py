"""One-hot vectors: each vocabulary word gets its own axis, so no two words share anything."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from wordgan.errors import UnknownWordError, WordganError
from wordgan.interfaces import Embedder

#: Fashion-MNIST's label words, in class order: the default vocabulary.
FASHION_MNIST_WORDS = (
    "t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots"
)


class OneHotEmbedder(Embedder):
    """Word i of ``words`` -> the i-th unit vector of size E = len(words): (N,) texts -> (N, E) float32.

    Every pair of distinct words has cosine 0, so a GAN conditioned on these vectors learns each word on its own
    and can say nothing about a word outside ``words``: that raises :class:`~wordgan.errors.UnknownWordError`.
    Compare an embedder with this one to see what its zero-shot ability is worth.

    ``words``: the vocabulary (a list, so the checkpoint can store it as JSON); matched case-insensitively.
    """

    def __init__(self, words: Sequence[str] = FASHION_MNIST_WORDS):
        self.words = [word.strip().lower() for word in words]
        if not self.words or len(set(self.words)) != len(self.words) or not all(self.words):
            raise WordganError(f"words must be distinct non-empty strings, got {list(words)}")
        self.index = {word: i for i, word in enumerate(self.words)}
        self.dim = len(self.words)

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """(N,) texts -> (N, E) float32, one 1.0 per row."""
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            column = self.index.get(text.lower())
            if column is None:
                raise UnknownWordError(text, "the onehot embedder", hint=f"it knows only {', '.join(self.words)}")
            vectors[row, column] = 1.0
        return vectors
