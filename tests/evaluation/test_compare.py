import json
import shutil

import pytest
from click.testing import CliRunner
from PIL import Image

from wordgan.cli import main
from wordgan.errors import WordganError
from wordgan.evaluation.sweep import compare, find_run
from wordgan.evaluation.table import comparison_rows

from .conftest import EVALUATION_N, tiny_evaluation_config


def test_compare_reuses_a_run_and_its_evaluation(held_out_run, evaluation, words_file, tmp_path):
    base = tiny_evaluation_config("elsewhere", sample_every=3)  # where and how often it sampled do not matter
    assert find_run(base, held_out_run.parent) == held_out_run
    evaluated = (held_out_run / "eval-words.json").stat().st_mtime_ns
    rows = compare(base, ["word2vec"], ["dcgan"], ["bce"], runs_dir=held_out_run.parent, out=tmp_path / "cmp",
                   n=EVALUATION_N, words_file=words_file, show=["bag", "sneakers", "slipper"], progress=False)
    assert (held_out_run / "eval-words.json").stat().st_mtime_ns == evaluated
    assert [row["run"] for row in rows] == [str(held_out_run)]
    assert sorted(p.name for p in held_out_run.parent.iterdir()) == [held_out_run.name]  # nothing new trained
    assert rows[0]["novel_words"] == 3
    assert rows[0]["held_out_sneakers_exact"] <= rows[0]["held_out_sneakers_footwear"]
    table = (tmp_path / "cmp" / "compare.md").read_text()
    assert "word2vec" in table and "not Inception-FID" in table
    csv_lines = (tmp_path / "cmp" / "compare.csv").read_text().splitlines()
    assert len(csv_lines) == 2 and csv_lines[0].startswith("embedder,gan,loss")
    assert json.loads((tmp_path / "cmp" / "compare.json").read_text())["rows"] == rows
    assert Image.open(tmp_path / "cmp" / "compare.png").height > 3 * 28


def test_cli_trains_what_is_missing_then_reuses_it(tmp_path, words_file):
    args = ["compare", "--embedder", "word2vec", "--gan", "dcgan", "--loss", "bce", "--vocabulary", "none",
            "--temperature", "raw", "--truncation", "off", "--steps", "4", "--batch-size", "32",
            "--limit-per-class", "20", "--seed", "3", "--runs-dir", str(tmp_path / "runs"), "--out", str(tmp_path / "cmp"),
            "-n", "8", "--words", str(words_file), "--show", "bag,slipper", "--quiet"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    runs = list((tmp_path / "runs").iterdir())
    assert [r.name for r in runs] == ["word2vec-dcgan-bce-fashion-mnist-4-ema0.99"]  # EMA is on by default
    evaluated = (runs[0] / "eval-words.json").stat().st_mtime_ns
    refused = CliRunner().invoke(main, args)  # the table of the first call is not replaced silently
    assert refused.exit_code == 2 and "compare.json exists; pass --force" in refused.output
    second = CliRunner().invoke(main, [*(a for a in args if a != "--quiet"), "--force"])
    assert second.exit_code == 0, second.output
    assert "run 1/1: word2vec" in second.stderr  # no silent stretches: each run is announced
    assert list((tmp_path / "runs").iterdir()) == runs
    assert (runs[0] / "eval-words.json").stat().st_mtime_ns == evaluated  # evaluation reused too


def _result(embedder, novel_scores):
    per_word = {
        word: {"score": score, "chance": 0.1, "nearest_word_accepted": True, "agreement": 0.5}
        for word, score in novel_scores.items()
    }
    seen = {"mean_accuracy": 0.8, "frechet": 3.0, "precision": 0.7, "recall": 0.6,
            "recall_at_1": 0.9, "recall_at_10": 0.8, "recall_at_50": 0.7}
    return {"settings": {"embedder": embedder, "gan": "dcgan", "loss": "bce", "step": 10, "run": f"runs/{embedder}"},
            "seen": seen, "novel": {"per_word": per_word}, "held_out": {}}


def test_novel_means_use_only_words_every_run_scored():
    rows = comparison_rows(
        [_result("a", {"slipper": 1.0, "jeans": 0.0}), _result("b", {"slipper": 0.5})],
        [{"train_s": 12, "images_per_s": 500, "g_parameters": 10}, {"train_s": None, "images_per_s": None, "g_parameters": 10}],
    )
    assert [row["zero_shot"] for row in rows] == [1.0, 0.5]  # "jeans" left out: b does not know it
    assert [row["novel_words"] for row in rows] == [1, 1]
    assert [row["train_s"] for row in rows] == [12, None]


def test_a_matching_run_that_no_longer_loads_is_a_clear_error(held_out_run, tmp_path):
    stale = shutil.copytree(held_out_run, tmp_path / "runs" / "stale")
    (stale / "checkpoint.safetensors").write_bytes(b"truncated")
    base = tiny_evaluation_config("elsewhere")
    with pytest.raises(WordganError, match="cannot be loaded now"):
        compare(base, ["word2vec"], ["dcgan"], ["bce"], runs_dir=tmp_path / "runs", out=tmp_path / "cmp", progress=False)


def test_compare_crosses_vocabularies_with_generation_settings(tmp_path, words_file):
    base = tiny_evaluation_config("unused", holdout=[], steps=3, seed=5)
    rows = compare(base, ["word2vec"], ["dcgan"], ["bce"], vocabularies=[None, "wordnet"], temperatures=[None, 0.05],
                   truncations=[None], runs_dir=tmp_path / "runs", out=tmp_path / "cmp", n=8, words_file=words_file,
                   show=["bag", "slipper"], progress=False)
    assert [(r["vocabulary"], r["temperature"]) for r in rows] == [
        ("none", None), ("none", 0.05), ("wordnet", None), ("wordnet", 0.05)]
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == [
        "word2vec-dcgan-bce-fashion-mnist-3", "word2vec-dcgan-bce-fashion-mnist-3-wordnet"]  # two runs, four rows
    assert {p.name for p in (tmp_path / "runs" / "word2vec-dcgan-bce-fashion-mnist-3-wordnet").glob("eval*.json")} == {
        "eval-words.json", "eval-t0.05-words.json"}  # named after the word list too
    # "jeans" is a WordNet word of trousers, so the expanded run was trained on it: "unseen" leaves it out.
    assert rows[0]["novel_words"] == 3 and rows[0]["unseen_words"] == 2
    assert all(r["zero_shot_unseen"] is not None for r in rows)
    table = (tmp_path / "cmp" / "compare.md").read_text()
    assert "| vocabulary |" in table or ",vocabulary," in (tmp_path / "cmp" / "compare.csv").read_text()
    assert Image.open(tmp_path / "cmp" / "compare.png").width > 4 * 2 * 28


def test_compare_crosses_ema_and_diffaugment_and_plugin_options(tmp_path, words_file):
    base = tiny_evaluation_config("unused", holdout=[], steps=2, seed=5)
    rows = compare(base, ["word2vec"], [("dcgan", {"width": 8, "max_width": 16, "feature_dim": 32})], ["bce"],
                   emas=[None, 0.5], diffaugments=["translation"], temperatures=[None], truncations=[None],
                   runs_dir=tmp_path / "runs", out=tmp_path / "cmp", n=8, words_file=words_file, show=["bag"], progress=False)
    assert [(r["ema"], r["diffaugment"]) for r in rows] == [(None, "translation"), (0.5, "translation")]
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == [
        "word2vec-dcgan-bce-fashion-mnist-2-diffaug", "word2vec-dcgan-bce-fashion-mnist-2-ema0.5-diffaug"]
    assert all(r["g_parameters"] > 0 and r["images_per_s"] > 0 for r in rows)
    stored = json.loads((tmp_path / "runs" / "word2vec-dcgan-bce-fashion-mnist-2-ema0.5-diffaug" / "config.json").read_text())
    assert stored["gan_options"]["feature_dim"] == 32 and stored["ema"] == 0.5
