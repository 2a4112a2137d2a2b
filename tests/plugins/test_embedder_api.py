"""Embedders as gensim and sentence-transformers users expect: ``in``, ``most_similar``."""
from __future__ import annotations

import pytest

import wordgan
from wordgan.errors import UnknownWordError, WordganError


@pytest.fixture(scope="module")
def glove():
    return wordgan.build_embedder("word2vec")


@pytest.fixture(scope="module")
def minilm():
    return wordgan.build_embedder("sentence-transformers")


def test_contains_on_word_vectors(glove):
    assert "shoe" in glove and "Running Shoes" in glove and "shoe qxzvqxzv" in glove  # one known word suffices
    assert "qxzvqxzv" not in glove
    assert "" not in glove and "   " not in glove and 5 not in glove and None not in glove


def test_contains_on_a_sentence_model(minilm):
    assert "slipper" in minilm and "qxzvqxzv" in minilm  # it embeds any text
    assert "" not in minilm


def test_most_similar_on_word_vectors(glove):
    nearest = glove.most_similar("shoe", topn=5)
    assert len(nearest) == 5 and nearest[0][0] == "shoes"
    assert all(isinstance(w, str) and isinstance(s, float) for w, s in nearest)
    assert [s for _, s in nearest] == sorted((s for _, s in nearest), reverse=True)
    phrase = glove.most_similar("running shoes", topn=10)
    assert not {"running", "shoes"} & {w for w, _ in phrase}  # the query's own words are left out, as in gensim


def test_most_similar_errors(glove, minilm):
    with pytest.raises(UnknownWordError, match="qxzvqxzv"):
        glove.most_similar("qxzvqxzv")
    with pytest.raises(WordganError, match="topn"):
        glove.most_similar("shoe", topn=0)
    with pytest.raises(WordganError, match="'sentence-transformers' embedder has no vocabulary"):
        minilm.most_similar("slipper")


def test_indexing_gives_vectors_like_keyed_vectors(glove):
    assert glove["shoe"].shape == (glove.dim,)
    assert (glove["shoe"] == glove.keyed_vectors["shoe"]).all()
    assert glove[["shoe", "red bag"]].shape == (2, glove.dim)
    with pytest.raises(UnknownWordError):
        glove["qxzvqxzv"]


def test_most_similar_on_fasttext_searches_its_vocabulary():
    fasttext = wordgan.build_embedder("fasttext")  # the small model the plugin ships
    nearest = fasttext.most_similar("sandals", topn=5)
    assert len(nearest) == 5 and "sandals" not in {w for w, _ in nearest}
    assert all(isinstance(w, str) and isinstance(s, float) for w, s in nearest)
    assert [s for _, s in nearest] == sorted((s for _, s in nearest), reverse=True)
    assert "sandal" in {w for w, _ in fasttext.most_similar("sandalz", topn=20)}  # a misspelt query: its n-grams
    with pytest.raises(WordganError, match="topn"):
        fasttext.most_similar("shoe", topn=0)
