"""The default embedder on the real GloVe 6B-50d vectors."""
from __future__ import annotations

import numpy as np
import pytest

from wordgan.errors import UnknownWordError, WordganError
from wordgan_word2vec import Word2VecEmbedder


def test_shape_and_dtype(glove: Word2VecEmbedder) -> None:
    vectors = glove.encode(["sandals", "running shoes", "coat"])
    assert glove.dim == 50
    assert vectors.shape == (3, 50) and vectors.dtype == np.float32


def test_neighbours_follow_meaning(glove: Word2VecEmbedder) -> None:
    sneakers, trousers = glove.similarity("sandals", ["sneakers", "trousers"])
    assert sneakers > trousers


def test_phrase_is_mean_of_known_words(glove: Word2VecEmbedder) -> None:
    expected = (glove.embed("running") + glove.embed("shoes")) / 2
    np.testing.assert_allclose(glove.embed("running shoes"), expected, rtol=1e-6)
    # Case and spacing do not matter; a word with no vector is left out of the mean.
    np.testing.assert_allclose(glove.embed("  Running   SHOES "), expected, rtol=1e-6)
    np.testing.assert_array_equal(glove.embed("running xqzvblorf"), glove.embed("running"))


@pytest.mark.parametrize("text", ["xqzvblorf", "xqzvblorf qwzzkx"])
def test_unknown_text_names_itself(glove: Word2VecEmbedder, text: str) -> None:
    with pytest.raises(UnknownWordError) as caught:
        glove.encode(["sandals", text])
    assert caught.value.word == text
    message = str(caught.value)
    assert repr(text) in message and "GloVe 6B-50d" in message and "spelling" in message


def test_knows_agrees_with_embed(glove: Word2VecEmbedder) -> None:
    assert glove.knows("sandals") and glove.knows("Running xqzvblorf")
    assert not glove.knows("xqzvblorf") and not glove.knows("   ")


@pytest.mark.parametrize("prompt", ["", "   \t "])
def test_empty_prompt_is_an_error(glove: Word2VecEmbedder, prompt: str) -> None:
    with pytest.raises(WordganError, match="empty prompt") as caught:
        glove.encode([prompt])
    assert not isinstance(caught.value, UnknownWordError)


def test_lowercase_false_keeps_case() -> None:
    cased = Word2VecEmbedder(lowercase=False)
    assert cased.knows("sandals") and not cased.knows("Sandals")


def test_format_without_vectors_is_an_error() -> None:
    with pytest.raises(WordganError, match="vectors="):
        Word2VecEmbedder(format="kv")
