"""The WordNet reader, on the real WordNet 3 database that Debian's wordnet-base installs."""
import pytest

from wordgan.errors import WordganError
from wordgan.conditions.vocabulary import WordNet


@pytest.fixture(scope="module")
def wordnet():
    return WordNet()


def test_plurals_reduce_to_the_noun_wordnet_lists(wordnet):
    assert wordnet.lemma("sneakers") == "sneaker"
    assert wordnet.lemma("boots") == "boot"
    assert wordnet.lemma("dresses") == "dress"
    assert wordnet.lemma("feet") == "foot"  # from noun.exc
    assert wordnet.lemma("gym shoe") == "gym shoe"
    assert wordnet.lemma("qwzxv") is None
    assert wordnet.senses("qwzxv") == []


def test_senses_come_most_frequent_first_with_lemmas_and_gloss(wordnet):
    coat = wordnet.senses("coat")
    assert "outer garment" in coat[0].gloss
    assert "coating" in coat[1].lemmas
    assert coat[0].lexfile == 6  # noun.artifact


def test_hyponyms_and_ancestors_walk_the_hierarchy(wordnet):
    boot = wordnet.senses("boot")[0]
    below = {lemma for synset in wordnet.hyponyms(boot.offset) for lemma in synset.lemmas}
    assert {"cowboy boot", "jackboot", "riding boot"} <= below
    ancestors = wordnet.ancestors(boot.offset)
    footwear = wordnet.senses("footwear")
    assert any(s.offset in ancestors for s in footwear)
    assert ancestors[boot.offset] == max(ancestors.values())  # the synset itself is the deepest


def test_hyponyms_stop_at_the_given_synsets(wordnet):
    shoe = next(s for s in wordnet.senses("shoe") if "sandal" in {l for h in wordnet.hyponyms(s.offset) for l in h.lemmas})
    sandal = wordnet.senses("sandal")[0]
    below = {lemma.lower() for synset in wordnet.hyponyms(shoe.offset, stop={sandal.offset}) for lemma in synset.lemmas}
    assert "sandal" not in below and "zori" not in below and "loafer" in below


def test_a_missing_database_names_the_package_to_install(tmp_path):
    with pytest.raises(WordganError, match="apt-get install wordnet-base"):
        WordNet(tmp_path)


def test_a_damaged_data_file_is_named(tmp_path, wordnet):
    for name in ("index.noun", "noun.exc"):
        (tmp_path / name).write_bytes((wordnet.root / name).read_bytes())
    data = bytearray((wordnet.root / "data.noun").read_bytes())
    offset = wordnet.senses("sandal")[0].offset
    data[offset : offset + 40] = b"x" * 40
    (tmp_path / "data.noun").write_bytes(bytes(data))
    damaged = WordNet(tmp_path)
    with pytest.raises(WordganError, match="damaged at offset"):
        damaged.senses("sandal")


def test_base_forms_follow_wordnet_suffix_rules_without_the_database():
    from wordgan.conditions.vocabulary import base_forms

    assert "jean" in base_forms("Jeans") and "dress" in base_forms("dresses") and "boot" in base_forms("boots")
    assert base_forms("coat") == []
