import json
import shutil

import pytest

from wordgan.errors import WordganError
from wordgan.evaluation.evaluate import evaluate_run


@pytest.fixture(scope="module")
def results(evaluation):
    return evaluation[1]


def test_cli_prints_the_headline_figures(evaluation, held_out_run):
    printed = evaluation[0]
    assert "seen-word accuracy" in printed and "zero-shot score" in printed and "held-out sneakers" in printed
    assert str(held_out_run / "report-words.md") in printed


def test_writes_a_report_with_pictures_and_plots(held_out_run, results):
    report = (held_out_run / "report-words.md").read_text()
    assert "not Inception-FID" in report
    for png in ("seen.png", "held_out.png", "novel.png", "scores.png", "curves.png"):
        assert (held_out_run / "eval-words" / png).stat().st_size > 0
        assert f"eval-words/{png}" in report
    assert "NOT Inception-FID" in results["settings"]["frechet_note"]
    assert results["settings"]["n"] == 12


def test_seen_words_are_the_trained_words(results):
    seen = results["seen"]
    assert set(seen["per_word"]) == {"t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "bag", "boots"}
    for scores in seen["per_word"].values():
        for key in ("accuracy", "evaluator_real_accuracy", "precision", "recall", "recall_at_1", "recall_at_50"):
            assert 0.0 <= scores[key] <= 1.0
        assert scores["frechet"] >= 0.0
        assert sum(scores["histogram"].values()) == pytest.approx(1.0, abs=1e-3)
    mean = sum(s["accuracy"] for s in seen["per_word"].values()) / 9
    assert seen["mean_accuracy"] == pytest.approx(mean, abs=1e-3)


def test_held_out_word_is_scored_by_class_and_family(results):
    sneakers = results["held_out"]["sneakers"]
    assert sneakers["family_name"] == "footwear"
    assert sneakers["family"] == ["sandals", "sneakers", "boots"]
    assert sneakers["chance_exact"] == pytest.approx(0.1)
    assert sneakers["chance_family"] == pytest.approx(0.3)
    assert sneakers["exact"] <= sneakers["family_share"]
    assert sneakers["nearest_word"] != "sneakers"  # it was never a training word


def test_novel_words_beside_chance_and_nearest_word(results):
    novel = results["novel"]
    assert set(novel["per_word"]) == {"slipper", "jeans", "handbag"}
    assert novel["skipped"] == {
        "qzxwvy": "the embedder 'word2vec' does not know it",
        "coat": "a label word of this run",
    }
    slipper = novel["per_word"]["slipper"]
    assert slipper["chance"] == pytest.approx(0.3)
    assert slipper["accepted"] == ["sandals", "sneakers", "boots"]
    assert novel["mean_chance"] == pytest.approx((0.3 + 0.1 + 0.1) / 3, abs=1e-3)
    assert novel["nearest_word_score"] in (0.0, pytest.approx(1 / 3, abs=1e-3), pytest.approx(2 / 3, abs=1e-3), 1.0)


def test_too_few_images_is_a_clear_error(held_out_run):
    with pytest.raises(WordganError, match="at least 4"):
        evaluate_run(held_out_run, n=2, progress=False)


def test_snapped_evaluations_sit_beside_the_raw_one(evaluation, held_out_run, words_file, tmp_path):
    run = shutil.copytree(held_out_run, tmp_path / "run")
    raw = (run / "eval-words.json").read_bytes()
    results = evaluate_run(run, words_file=words_file, n=4, temperature=0.05, blend=0.5, progress=False)
    assert (results["settings"]["temperature"], results["settings"]["blend"]) == (0.05, 0.5)
    assert json.loads((run / "eval-t0.05-b0.5-words.json").read_text()) == results
    report = (run / "report-t0.05-b0.5-words.md").read_text()
    assert "snapped at temperature 0.05, blend 0.5" in report and "(eval-t0.05-b0.5-words/seen.png)" in report
    assert (run / "eval-t0.05-b0.5-words" / "seen.png").is_file()
    assert (run / "eval-words.json").read_bytes() == raw  # the raw evaluation is kept


def test_evaluation_files_are_named_after_their_settings(tmp_path):
    from wordgan.evaluation.evaluate import evaluation_stem
    from wordgan.evaluation.protocols.word_list import DEFAULT_WORD_LIST

    assert evaluation_stem(None) == "eval" and evaluation_stem(None, words_file=DEFAULT_WORD_LIST) == "eval"
    assert evaluation_stem(0.02, truncation=1.5) == "eval-t0.02-z1.5"
    assert evaluation_stem(0.05, 0.5, None, tmp_path / "my_words.json") == "eval-t0.05-b0.5-my_words"
