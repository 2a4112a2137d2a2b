"""What emoji tells the trainer and the evaluation: its training defaults, its subcategories, its keywords as a
vocabulary, its judge; and `wordgan train --dataset emoji` then `wordgan evaluate` on a real tiny run."""
import json

import pytest
from click.testing import CliRunner

from wordgan.cli import main as wordgan_cli
from wordgan_emoji import EmojiDataset
from wordgan_emoji.dataset import EVALUATOR

#: One subcategory in one style: 66 concepts, 7 held out; GloVe knows every name.
OPTIONS = ["--dataset-option", "subcategories=animal-mammal", "--dataset-option", "styles=google"]
TINY = ["--embedder", "word2vec", "--steps", "2", "--batch-size", "8", "--gan-option", "width=8",
        "--gan-option", "max_width=16", "--quiet"]


@pytest.fixture(scope="module")
def mammals():
    return EmojiDataset(subcategories="animal-mammal", styles="google")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """`wordgan train --dataset emoji` with no emoji settings at all, on one subcategory."""
    run = tmp_path_factory.mktemp("emoji") / "run"
    result = CliRunner().invoke(wordgan_cli, ["train", "--dataset", "emoji", *OPTIONS, *TINY, "-o", str(run)])
    assert result.exit_code == 0, result.output
    return run


def test_plain_train_holds_out_the_split_and_trains_on_keywords(trained, mammals):
    config = json.loads((trained / "config.json").read_text())
    assert config["holdout"] == mammals.held_out_words() and len(config["holdout"]) == 7
    assert config["vocabulary"] == "dataset" and config["diffaugment"] == "color,translation,cutout"
    assert config["probe_words"] == []  # Fashion-MNIST's slipper means nothing here
    vocabulary = json.loads((trained / "vocabulary.json").read_text())
    extras = [w for words in vocabulary["words"].values() for w in words]
    assert vocabulary["source"] == "dataset:EmojiDataset" and extras
    assert not set(vocabulary["words"]) & set(config["holdout"])  # no held-out concept trains, under any name
    held_keywords = {k.lower() for c in mammals.concepts if c.name in config["holdout"] for k in c.keywords}
    assert not set(extras) & held_keywords


def test_what_the_user_sets_wins_over_the_dataset_defaults(tmp_path):
    args = ["train", "--dataset", "emoji", *OPTIONS, *TINY, "--holdout", "tiger", "--vocabulary", "none",
            "--diffaugment", "off", "-o", str(tmp_path / "run")]
    result = CliRunner().invoke(wordgan_cli, args)
    assert result.exit_code == 0, result.output
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["holdout"] == ["tiger"] and config["vocabulary"] is None and config["diffaugment"] is None


def test_python_train_takes_the_same_defaults_as_the_command_line(tmp_path, mammals):
    """wordgan.train(TrainConfig(dataset="emoji")) holds the split out as `wordgan train --dataset emoji` does
    (issue 19: only the CLI applied a dataset's defaults); what the caller gives wins."""
    import wordgan

    tiny = dict(embedder="word2vec", steps=1, batch_size=8, gan_options={"width": 8, "max_width": 16})
    options = {"subcategories": "animal-mammal", "styles": "google"}
    run = wordgan.train(wordgan.TrainConfig(dataset="emoji", dataset_options=options, out=str(tmp_path / "a"), **tiny), progress=False)
    config = json.loads((run / "config.json").read_text())
    assert config["holdout"] == mammals.held_out_words() and config["vocabulary"] == "dataset"
    assert wordgan.load(run).all_words != wordgan.load(run).label_words  # the held-out concepts stay out of G
    mine = wordgan.TrainConfig(dataset="emoji", dataset_options=options, out=str(tmp_path / "b"), holdout=["tiger"], **tiny)
    config = json.loads((wordgan.train(mine, progress=False) / "config.json").read_text())
    assert config["holdout"] == ["tiger"] and config["diffaugment"] == "color,translation,cutout"


def test_holdout_fraction_is_a_dataset_option(mammals):
    assert EmojiDataset(subcategories="animal-mammal", styles="google", holdout_fraction=0).training_defaults()["holdout"] == []
    assert len(EmojiDataset(subcategories="animal-mammal", styles="google", holdout_fraction=0.3).held_out_words()) == 20
    with pytest.raises(Exception, match="holdout_fraction"):
        EmojiDataset(holdout_fraction=1.5)


def test_concept_groups_are_the_subcategories(mammals):
    everything = EmojiDataset()
    groups = everything.concept_groups()
    assert len(groups) == 98 and sorted(w for words in groups.values() for w in words) == sorted(everything.words)
    assert "tiger" in groups["animal-mammal"] and "hot dog" in groups["food-prepared"]
    assert list(mammals.concept_groups()) == ["animal-mammal"]


def test_the_shipped_judge_is_offered_only_for_what_it_reads():
    assert EmojiDataset().shipped_evaluator() == (EVALUATOR if EVALUATOR.is_file() else None)
    assert EmojiDataset(size=64).shipped_evaluator() is None
    assert EmojiDataset(background="white").shipped_evaluator() is None
    assert EmojiDataset(subcategories="animal-mammal").shipped_evaluator() is None  # other concepts, other classes


def test_evaluate_judges_held_out_concepts_by_kind(trained, tmp_path):
    judge = tmp_path / "judge.safetensors"
    args = ["evaluator", "train", "--dataset", "emoji", *OPTIONS, "--epochs", "1", "--width", "8", "--augment", "strong",
            "--quiet", "-o", str(judge)]
    result = CliRunner().invoke(wordgan_cli, args)
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(wordgan_cli, ["evaluate", str(trained), "--evaluator", str(judge), "-n", "4", "-q",
                                              "--temperature", "raw", "-o", str(tmp_path / "eval")])
    assert result.exit_code == 0, result.output
    assert "7 held-out concepts of 66: subcategory accuracy 1.000" in result.output  # one subcategory: always right
    results = json.loads((tmp_path / "eval" / "eval-z1.5.json").read_text())
    assert results["kind"] == "concepts" and results["words"] == 7 and results["concepts"] == 66
    assert set(results["per_word"]) == set(json.loads((trained / "config.json").read_text())["holdout"])
    assert 1 <= results["median_rank"] <= 66 and results["chance_median_rank"] == 33.5
    assert results["seen"]["words"] == 59 and results["seen"]["chance_accuracy"] == round(1 / 66, 6)
    report = (tmp_path / "eval" / "report-z1.5.md").read_text()
    assert "subcategory accuracy" in report and (tmp_path / "eval" / "eval-z1.5" / "held-out.png").is_file()
    without = CliRunner().invoke(wordgan_cli, ["evaluate", str(trained), "-n", "4", "-q", "-o", str(tmp_path / "other")])
    assert without.exit_code == 1 and "ships no evaluator for the dataset 'emoji'" in without.output
