"""The sentence-transformers embedder on the real all-MiniLM-L6-v2 weights, with the network cut off."""
import socket

import numpy as np
import pytest

import wordgan
from wordgan.errors import WordganError
from wordgan.testing import EmbedderContract
from wordgan_sentence_transformers import SentenceTransformerEmbedder, bundled_model_path

WORDS = "shirts trousers pullover dress coat sandals shirt sneakers bag boots".split()


@pytest.fixture(scope="module")
def embedder():
    """The default embedder, built once (importing sentence-transformers takes seconds) with sockets refused."""
    connect = socket.socket.connect

    def refuse(sock, address):
        raise AssertionError(f"the default model tried to reach the network: {address}")

    socket.socket.connect = refuse
    try:
        return wordgan.build_embedder("sentence-transformers")
    finally:
        socket.socket.connect = connect


class TestSentenceTransformersContract(EmbedderContract):
    known_words = ("sandals", "running shoes", "long sleeve shirt")
    unknown_word = None  # a transformer embeds any string
    # A model folder whose weights exist only as a pickle, at its top and in a module's sub-folder.
    pickle_options = (
        ("pickled/pytorch_model.bin", {"model": "pickled"}),
        ("dense/2_Dense/pytorch_model.bin", {"model": "dense"}),
    )

    @pytest.fixture
    def embedder(self, embedder):
        return embedder


def test_dimension_comes_from_the_model(embedder):
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.dim == 384
    assert embedder.spec.to_dict() == {"name": "sentence-transformers", "options": {}}


def test_output_is_normalised(embedder):
    vectors = embedder.encode(["running shoes", "long sleeve shirt", "black leather boots", "bag"])
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_running_shoes_are_closer_to_sneakers_than_to_a_bag(embedder):
    sneakers, bag = embedder.similarity("running shoes", ["sneakers", "bag"])
    assert sneakers > bag + 0.1


def test_batch_matches_one_at_a_time(embedder):
    batch = embedder.encode(WORDS)
    single = np.stack([embedder.embed(word) for word in WORDS])
    np.testing.assert_allclose(batch, single, atol=1e-5)


def test_unseen_words_are_embedded(embedder):
    assert embedder.knows("sandalz") and embedder.knows("kimono")


def test_model_by_path_gives_the_same_vectors(embedder):
    by_path = SentenceTransformerEmbedder(model=str(bundled_model_path()))
    np.testing.assert_allclose(by_path.encode(WORDS), embedder.encode(WORDS), atol=1e-5)


def test_a_folder_without_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(WordganError, match="could not load the SentenceTransformer model"):
        SentenceTransformerEmbedder(model=str(tmp_path))
