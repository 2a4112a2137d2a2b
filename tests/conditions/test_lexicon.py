"""English words and typing slips (wordgan.conditions.lexicon), with WordNet 3."""
from __future__ import annotations

from wordgan.conditions.lexicon import closest, distance, english
from wordgan.conditions.vocabulary import WordNet


def test_distance_counts_typing_slips_and_stops_early():
    assert distance("shrit", "shirt", 2) == 1  # two neighbours swapped
    assert distance("sandels", "sandals", 2) == 1
    assert distance("dres", "dress", 1) == 1
    assert distance("qxzvqxzv", "sandals", 2) == 3  # over the limit: limit + 1


def test_closest_keeps_the_fewest_slips_and_a_short_word_only_one():
    assert closest("trowsers", ["towers", "trousers", "bowsers"]) == ["trousers"]  # 1 slip; the others 2
    assert closest("jurk", ["jerk", "jacket"]) == ["jerk"]
    assert closest("jurk", ["jacket", "dress"]) == []  # two slips from a four-letter word are too many


def test_english_knows_words_inflections_and_phrases_with_a_word_in_them():
    lexicon = english(str(WordNet().root))
    for known in ["slipper", "running", "windy", "sneakers", "open-toe summer shoes", "dresses"]:
        assert lexicon.knows(known), known
    for unknown in ["qxzvqxzv", "Stiefel", "trowsers", "jurk"]:
        assert not lexicon.knows(unknown), unknown
