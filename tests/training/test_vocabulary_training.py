"""A short real training with vocabulary expansion: extra words are stored, drawn without the embedder,
snapped against, and shown by the CLI."""
from __future__ import annotations

import json

import pytest
import torch
from click.testing import CliRunner

from wordgan.checkpoint import store
from wordgan.cli import main
from wordgan.model.word_model import WordModel
from wordgan.training.trainer import train
from wordgan.training.settings import resumed_config


@pytest.fixture(scope="module")
def expanded_run(tmp_path_factory):
    from wordgan.testing import tiny_train_config

    return train(tiny_train_config(tmp_path_factory.mktemp("vocab") / "run", vocabulary="wordnet"), progress=False)


def test_the_run_records_its_words_per_class(expanded_run):
    written = json.loads((expanded_run / "vocabulary.json").read_text())
    assert "cowboy boot" in written["words"]["boots"]
    meta = store.read_metadata(expanded_run)
    assert meta["vocabulary"] == written
    assert len(meta["extra_words"]) == len(meta["extra_labels"]) == sum(len(v) for v in written["words"].values())
    assert len(store.load_tensors(expanded_run, prefix="conditions.")["extra"]) == len(meta["extra_words"])


def test_extra_words_are_drawn_from_stored_vectors(expanded_run):
    model = WordModel.load(expanded_run)
    assert model.trained_class("cowboy boot") == "boots" and model.trained_class("sandals") == "sandals"
    assert model.trained_class("slipper") is None
    index = model.trained_words.index("cowboy boot")
    assert torch.equal(model.conditions(["cowboy boot"])[0], model.trained_conditions[index])
    assert model.words._embedder is None  # no embedder was needed


def test_snapping_weighs_classes_through_their_trained_words(expanded_run):
    model = WordModel.load(expanded_run)
    weights = dict(model.snap_weights("briefcase", temperature=0.02))
    assert sum(weights.values()) == pytest.approx(1.0)
    assert max(weights, key=weights.get) == "bag"
    nearest = model.nearest_trained("briefcase", k=3)
    assert len(nearest) == 3 and all(label in model.label_words for _, label, _ in nearest)
    assert nearest[0][2] >= nearest[1][2] >= nearest[2][2]


def test_resume_continues_an_expanded_run_exactly(make_config):
    straight = train(make_config("straight", vocabulary="wordnet"), progress=False)
    train(make_config("split", vocabulary="wordnet", steps=3), progress=False)
    resumed = train(resumed_config(make_config("split").out, steps=6), resume=True, progress=False)
    a, b = store.load_tensors(straight, "generator."), store.load_tensors(resumed, "generator.")
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_similar_and_vocabulary_commands_show_the_trained_words(expanded_run):
    runner = CliRunner()
    shown = runner.invoke(main, ["similar", str(expanded_run), "cowboy boot", "wellingtons", "--temperature", "0.05"])
    assert shown.exit_code == 0, shown.output
    assert "trained as an extra word of 'boots'" in shown.output
    assert "nearest trained words:" in shown.output and "weights at temperature 0.05" in shown.output
    listed = runner.invoke(main, ["vocabulary", str(expanded_run), "--json"])
    assert listed.exit_code == 0, listed.output
    assert "cowboy boot" in json.loads(listed.output)["words"]["boots"]
    plain = runner.invoke(main, ["vocabulary", str(expanded_run)])
    assert plain.output.startswith("source: wordnet:") and "\nboots (" in plain.output


def test_vocabulary_command_previews_and_refuses_plain_runs(trained_run, tmp_path):
    runner = CliRunner()
    preview = runner.invoke(main, ["vocabulary", "--embedder", "word2vec", "--left-out"])
    assert preview.exit_code == 0, preview.output
    assert "coat (" in preview.output and "left out 'white'" in preview.output
    refused = runner.invoke(main, ["vocabulary", str(trained_run)])
    assert refused.exit_code != 0 and "trained without vocabulary expansion" in refused.output


def test_a_model_snaps_new_words_as_its_config_says_unless_told(make_config):
    run = train(make_config(vocabulary="wordnet", snap_temperature=0.05, steps=2), progress=False)
    model = WordModel.load(run)
    default = model.generate(["slipper", "boots"], n=2)
    assert torch.equal(default, model.generate(["slipper", "boots"], n=2, temperature=0.05))
    raw = model.generate(["slipper", "boots"], n=2, temperature=None)
    assert not torch.equal(default[0], raw[0]) and torch.equal(default[1], raw[1])  # trained words: untouched

    runner = CliRunner()
    for flag, expected in ([], default), (["--temperature", "raw"], raw):
        out = run.parent / f"out{len(flag)}"
        result = runner.invoke(main, ["generate", str(run), "slipper", "boots", "-n", "2", "-o", str(out), *flag])
        assert result.exit_code == 0, result.output
    bad = runner.invoke(main, ["generate", str(run), "slipper", "--temperature", "warm"])
    assert bad.exit_code == 2 and "neither 'raw' nor a positive number" in bad.output


def test_resume_refuses_a_vocabulary_that_changed_since(make_config, tmp_path):
    from wordgan.errors import CheckpointError

    words = tmp_path / "words.json"
    words.write_text(json.dumps({"boots": ["wellingtons"], "bag": ["satchel"]}))
    run = train(make_config("file", vocabulary=str(words), steps=2), progress=False)
    assert store.read_metadata(run)["extra_words"] == ["satchel", "wellingtons"]  # in label order: bag, boots
    words.write_text(json.dumps({"boots": ["wellingtons", "galoshes"]}))
    with pytest.raises(CheckpointError, match="other extra words"):
        train(resumed_config(run, steps=4), resume=True, progress=False)
