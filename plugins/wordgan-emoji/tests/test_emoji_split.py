"""The held-out split: fixed, stratified by subcategory, and what training leaves out."""
import collections
import math
from importlib import resources

import pytest

from wordgan.errors import WordganError
from wordgan_emoji import EmojiDataset, held_out_words
from wordgan_emoji.__main__ import main


@pytest.fixture(scope="module")
def everything():
    return EmojiDataset()


def test_the_default_split_is_the_documented_list(everything):
    """The shipped held_out.txt is the split; a change to the rule or the sources shows up here."""
    shipped = resources.files("wordgan_emoji").joinpath("held_out.txt").read_text(encoding="utf-8").splitlines()
    assert everything.held_out_words() == shipped
    assert len(shipped) == 197


def test_the_split_is_deterministic_and_a_tenth_of_each_subcategory(everything):
    held = everything.held_out_words(0.1)
    assert held == held_out_words(list(reversed(everything.concepts)), 0.1)[::-1]  # order of input is irrelevant
    sizes = collections.Counter(c.subcategory for c in everything.concepts)
    held_per = collections.Counter(c.subcategory for c in everything.concepts if c.name in set(held))
    for subcategory, n in sizes.items():
        assert held_per[subcategory] == min(math.floor(0.1 * n + 0.5), n - 1)  # never a whole subcategory


def test_held_out_and_trained_concepts_are_disjoint_and_cover_everything(everything):
    held = set(everything.held_out_words())
    trained = [w for w in everything.words if w not in held]
    assert held <= set(everything.words) and not held & set(trained)
    assert len(held) + len(trained) == len(everything.words)
    assert {c.subcategory for c in everything.concepts if c.name in set(trained)} == {
        c.subcategory for c in everything.concepts}


def test_a_selection_holds_out_its_part_of_the_full_split(everything, small_options):
    """Stratified per subcategory, so choosing subcategories does not move the split."""
    small = EmojiDataset(**small_options)
    assert small.held_out_words() == [w for w in everything.held_out_words() if w in set(small.words)]
    assert EmojiDataset(**small_options).held_out_words(0.0) == []


def test_a_larger_fraction_holds_out_more(everything):
    assert set(everything.held_out_words(0.1)) < set(everything.held_out_words(0.3))


def test_bad_fraction_is_refused(everything):
    with pytest.raises(WordganError, match="fraction must be in"):
        everything.held_out_words(1.0)


def test_command_prints_holdout_options(capsys):
    assert main(["held-out", "--fraction", "0.1", "--as-options"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 197 and all(line.startswith("--holdout=") for line in lines)


def test_training_leaves_the_held_out_concepts_out_of_g(tmp_path, capsys):
    """`wordgan train --config` on what `python -m wordgan_emoji config` writes: the checkpoint's generator
    knows every concept but trained on none of the held-out ones, nor on their keywords."""
    import json

    from click.testing import CliRunner
    from safetensors import safe_open

    from wordgan.cli import main as wordgan_cli

    options = ["--option", "subcategories=animal-mammal", "--option", "styles=google", "--option", "size=32"]
    assert main(["vocabulary", *options]) == 0
    (tmp_path / "vocabulary.json").write_text(capsys.readouterr().out)
    assert main(["config", *options, "--vocabulary", str(tmp_path / "vocabulary.json")]) == 0
    (tmp_path / "train.json").write_text(capsys.readouterr().out)
    config = json.loads((tmp_path / "train.json").read_text())
    assert config["dataset_options"] == {"subcategories": "animal-mammal", "styles": "google", "size": 32}
    args = ["train", "--config", str(tmp_path / "train.json"), "--embedder", "word2vec", "--steps", "1",
            "--batch-size", "8", "--gan-option", "width=8", "--gan-option", "max_width=16", "--sample-every", "100",
            "--checkpoint-every", "100", "--probe-words", "", "--quiet", "--out", str(tmp_path / "run")]
    result = CliRunner().invoke(wordgan_cli, args)
    assert result.exit_code == 0, result.output
    with safe_open(str(tmp_path / "run" / "checkpoint.safetensors"), "pt") as checkpoint:
        saved = json.loads(checkpoint.metadata()["wordgan"])
    held = EmojiDataset(**config["dataset_options"]).held_out_words()
    assert held == config["holdout"] and set(saved["all_words"]) == set(EmojiDataset(**config["dataset_options"]).words)
    assert set(saved["label_words"]) == set(saved["all_words"]) - set(held)
    assert saved["extra_words"] and not set(saved["extra_words"]) & set(held)


def test_keyword_vocabulary_gives_no_held_out_concept_away(everything):
    from wordgan_emoji.vocabulary import keyword_vocabulary

    held = everything.held_out_words()
    vocabulary = keyword_vocabulary(everything.concepts, held)
    assert set(vocabulary) == set(everything.words) - set(held)
    extras = [w for words in vocabulary.values() for w in words]
    assert len(extras) == len(set(extras))  # each extra word names one concept
    names = {w.lower() for w in everything.words}
    held_keywords = {k.lower() for c in everything.concepts if c.name in set(held) for k in c.keywords}
    assert not set(extras) & names and not set(extras) & held_keywords
    assert vocabulary["hot dog"] == ["frankfurter", "hotdog", "sausage"]  # CLDR keywords of the hot dog
    assert "tiger" not in vocabulary["tiger face"]  # "tiger" is a concept of its own
