"""Shared fixtures: the real GloVe vectors, loaded once, and a small real subset of them for file tests."""
from __future__ import annotations

import pytest
from gensim.models import KeyedVectors

from wordgan_word2vec import Word2VecEmbedder

#: Fashion-MNIST's label words and a few more, so a subset still answers clothing questions.
CLOTHES = ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots",
           "running", "shoes", "slipper"]


@pytest.fixture(scope="session")
def glove() -> Word2VecEmbedder:
    return Word2VecEmbedder()


@pytest.fixture(scope="session")
def subset(glove: Word2VecEmbedder) -> KeyedVectors:
    """The 500 most frequent GloVe words plus :data:`CLOTHES`, as a (V, 50) float32 KeyedVectors."""
    full = glove.keyed_vectors
    words = list(dict.fromkeys(full.index_to_key[:500] + CLOTHES))
    small = KeyedVectors(full.vector_size, count=0)
    small.add_vectors(words, full[words])
    return small
