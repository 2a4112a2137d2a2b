"""Vocabulary expansion from the real WordNet and from users' files."""
import json

import pytest

from wordgan.plugins.builtin.datasets.fashion_mnist import DEFAULT_WORDS
from wordgan.errors import WordganError
from wordgan.conditions.vocabulary import Vocabulary, WordNet, build_vocabulary, file_vocabulary, wordnet_vocabulary


@pytest.fixture(scope="module")
def fashion():
    return wordnet_vocabulary(list(DEFAULT_WORDS), WordNet())


def test_wordnet_gives_synonyms_and_narrower_words_per_class(fashion):
    assert {"cowboy boot", "jackboot", "waders"} <= set(fashion.words["boots"])
    assert {"jacket", "overcoat", "raincoat", "parka"} <= set(fashion.words["coat"])
    assert {"sweater", "cardigan"} <= set(fashion.words["pullover"])  # widened to the small "sweater" synset
    assert {"gown", "sundress"} <= set(fashion.words["dress"])
    assert {"backpack", "tote"} <= set(fashion.words["bag"])
    assert "tee shirt" in fashion.words["t-shirt"]


def test_senses_are_the_ones_the_labels_share(fashion):
    # "coat" is the garment, not a coat of paint; "bag" is not widened to every container.
    assert not {"primer", "undercoat", "paint"} & set(fashion.words["coat"])
    assert not {"bottle", "box", "basket"} & set(fashion.words["bag"])
    assert "bra" not in fashion.words["dress"]  # "woman's clothing" is too wide to widen to


def test_words_whose_first_meaning_is_elsewhere_are_left_out(fashion):
    assert "white" not in fashion.words["trousers"]
    assert "its most frequent sense" in fashion.left_out["white"]


def test_each_word_has_one_class_and_labels_are_not_extras(fashion):
    every = [w for extras in fashion.words.values() for w in extras]
    assert len(every) == len(set(every))
    assert not set(every) & set(DEFAULT_WORDS)
    assert "shirt" not in fashion.words["t-shirt"] and "tee shirt" not in fashion.words["shirt"]


def test_a_label_wordnet_does_not_know_gets_no_words_and_a_warning():
    # CIFAR-100's "maple tree" or an emoji's "hot air balloon" must not stop the other classes' expansion.
    with pytest.warns(UserWarning, match="qwzxv"):
        vocabulary = wordnet_vocabulary(["sandals", "qwzxv"])
    assert vocabulary.words["qwzxv"] == [] and "zori" in vocabulary.words["sandals"]
    assert list(vocabulary.words) == ["sandals", "qwzxv"]


def test_labels_wordnet_knows_none_of_are_a_clear_error():
    with pytest.raises(WordganError, match="WordNet has none of the label words.*JSON file"):
        wordnet_vocabulary(["qwzxv", "vxzwq"])


def test_a_file_vocabulary_is_checked_and_cleaned(tmp_path):
    path = tmp_path / "v.json"
    path.write_text(json.dumps({"sandals": ["flip-flops", "  zori ", "sneakers"], "boots": ["wellies", "zori"]}))
    vocabulary = file_vocabulary(path, ["sandals", "sneakers", "boots"])
    assert vocabulary.words == {"sandals": ["flip-flops"], "sneakers": [], "boots": ["wellies"]}
    assert vocabulary.left_out == {"zori": "claimed by more than one class"}
    assert build_vocabulary(str(path), ["sandals", "sneakers", "boots"]).words == vocabulary.words
    path.write_text(json.dumps({"hats": ["cap"]}))
    with pytest.raises(WordganError, match=r"names \['hats'\], which are not label words"):
        file_vocabulary(path, ["sandals"])
    path.write_text("{not json")
    with pytest.raises(WordganError, match="not valid JSON"):
        file_vocabulary(path, ["sandals"])
    path.write_text(json.dumps({"sandals": "flip-flops"}))
    with pytest.raises(WordganError, match="must map label words to lists"):
        file_vocabulary(path, ["sandals"])
    with pytest.raises(WordganError, match="give 'wordnet' or a JSON file"):
        build_vocabulary(str(tmp_path / "missing.json"), ["sandals"])


def test_keep_known_records_why_words_went_and_round_trips():
    vocabulary = Vocabulary({"bag": ["tote", "zzz"]}, "test")
    kept = vocabulary.keep_known(lambda word: word != "zzz")
    assert kept.words == {"bag": ["tote"]} and kept.left_out == {"zzz": "the embedder does not know it"}
    assert Vocabulary.from_dict(kept.to_dict()) == kept
    assert kept.pairs() == [("tote", "bag")]
