"""The contract suite every embedder plugin runs, on GloVe and on a vectors file, plus the pickle refusals."""
from __future__ import annotations

from pathlib import Path

import pytest
from gensim.models import KeyedVectors

import wordgan
from wordgan.testing import EmbedderContract
from wordgan_word2vec import Word2VecEmbedder


@pytest.fixture(scope="module")
def glove_built() -> Word2VecEmbedder:
    """GloVe through wordgan.build_embedder, so that it carries the spec a checkpoint stores."""
    return wordgan.build_embedder("word2vec")


class TestGloveContract(EmbedderContract):
    known_words = ("shoe", "bag", "running shoes")
    # The two ways a checkpoint could make gensim unpickle: a .kv by its extension, and any file named as kv.
    pickle_options = (
        ("vectors.kv", {"vectors": "vectors.kv"}),
        ("vectors/clothes.bin", {"vectors": "vectors/clothes.bin", "format": "kv"}),
    )

    @pytest.fixture
    def embedder(self, glove_built: Word2VecEmbedder) -> Word2VecEmbedder:
        return glove_built


@pytest.fixture(scope="module")
def vectors_file(tmp_path_factory: pytest.TempPathFactory, subset: KeyedVectors) -> Path:
    path = tmp_path_factory.mktemp("vectors") / "clothes.bin"
    subset.save_word2vec_format(str(path), binary=True)
    return path


class TestVectorsFileContract(EmbedderContract):
    known_words = ("shirt", "bag", "sandals")
    path_options = ("vectors",)

    @pytest.fixture
    def embedder(self, vectors_file: Path) -> Word2VecEmbedder:
        return wordgan.build_embedder("word2vec", vectors=str(vectors_file))
