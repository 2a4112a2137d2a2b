"""Holding a class out of training also holds out its words: no neighbour inherits them from WordNet."""
from __future__ import annotations

from wordgan.testing import tiny_train_config
from wordgan.training.setup import without_held_out
from wordgan.conditions.vocabulary import build_vocabulary

LABELS = ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots"]


def vocabulary_without(label: str, tmp_path):
    config = tiny_train_config(tmp_path, vocabulary="wordnet", holdout=[label])
    kept = [w for w in LABELS if w != label]
    return without_held_out(build_vocabulary("wordnet", kept), config, LABELS)


def test_holding_out_shirt_does_not_train_shirt_as_a_t_shirt(tmp_path):
    """Without "shirt", WordNet widens "t-shirt" to the shirt synset, whose lemmas include "shirt" itself."""
    assert "shirt" in build_vocabulary("wordnet", [w for w in LABELS if w != "shirt"]).words["t-shirt"]
    vocabulary = vocabulary_without("shirt", tmp_path)
    trained = {w for words in vocabulary.words.values() for w in words}
    assert not trained & {"shirt", "dress shirt", "polo shirt", "kurta"}
    assert vocabulary.left_out["shirt"] == "a word of a held-out class"


def test_holding_out_t_shirt_leaves_shirt_without_t_shirt_words(tmp_path):
    vocabulary = vocabulary_without("t-shirt", tmp_path)
    assert not {"t-shirt", "tee shirt"} & set(vocabulary.words["shirt"])


def test_nothing_is_dropped_without_a_holdout(tmp_path):
    full = build_vocabulary("wordnet", LABELS)
    assert without_held_out(full, tiny_train_config(tmp_path, vocabulary="wordnet"), LABELS) is full
