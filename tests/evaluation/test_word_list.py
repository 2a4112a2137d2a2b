import json

import pytest

from wordgan import build_embedder
from wordgan.errors import WordganError
from wordgan.evaluation.protocols.word_list import load_word_list

CLASSES = ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots"]


def test_the_shipped_list_is_real_clothing_glove_knows():
    words = load_word_list(None, CLASSES)
    assert 25 <= len(words.novel) <= 35
    assert not set(words.novel) & set(CLASSES)
    assert words.novel["slipper"] == ["sandals", "sneakers", "boots"]
    glove = build_embedder("word2vec")  # GloVe 6B 50-d by default
    assert [w for w in words.novel if not glove.knows(w)] == []


def test_families():
    words = load_word_list(None, CLASSES)
    assert words.family_of("sneakers") == ("footwear", ["sandals", "sneakers", "boots"])
    assert words.family_of("bag") == ("bags", ["bag"])
    assert load_word_list(None, CLASSES).families["upper body"] == ["t-shirt", "pullover", "coat", "shirt"]


def test_a_class_outside_the_evaluator_is_an_error(tmp_path):
    path = tmp_path / "words.json"
    path.write_text(json.dumps({"novel": {"slipper": ["shoes"]}}))
    with pytest.raises(WordganError, match="'slipper' names classes \\['shoes'\\]"):
        load_word_list(path, CLASSES)


def test_malformed_lists_are_errors(tmp_path):
    path = tmp_path / "words.json"
    path.write_text("{not json")
    with pytest.raises(WordganError, match="not valid JSON"):
        load_word_list(path, CLASSES)
    path.write_text(json.dumps(["slipper"]))
    with pytest.raises(WordganError, match='needs a "novel" object'):
        load_word_list(path, CLASSES)
