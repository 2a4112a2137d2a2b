"""The many-concept metrics on a real tiny run: Fashion-MNIST's word-list families stand in for subcategories."""
import pytest

from wordgan.errors import WordganError
from wordgan.evaluation.protocols.held_out_concepts import evaluate_held_out_concepts
from wordgan.evaluation.protocols.word_list import DEFAULT_WORD_LIST


def test_held_out_words_get_subcategory_accuracy_and_retrieval(held_out_run):
    scores = evaluate_held_out_concepts(held_out_run, DEFAULT_WORD_LIST, n=8, temperature=None, truncation=None)
    assert scores["words"] == 1 and scores["concepts"] == 10
    sneakers = scores["per_word"]["sneakers"]
    assert sneakers["subcategory"] == "footwear" and sneakers["chance"] == pytest.approx(0.3)
    assert 0 <= sneakers["subcategory_accuracy"] <= 1 and 1 <= sneakers["rank"] <= 10
    assert sneakers["nearest_trained"] != "sneakers"
    assert scores["chance_median_rank"] == 5.5 and scores["recall_at_10"] == 1.0  # 10 concepts: always within 10
    assert scores["settings"]["n"] == 8 and scores["settings"]["evaluator"] == "shipped"
    seen = scores["seen"]  # 9 trained words, all of them (seen=100 > 9)
    assert seen["words"] == 9 and "sneakers" not in seen["per_word"] and seen["chance_accuracy"] == 0.1
    assert 0 <= seen["precision"] <= 1 and seen["frechet"] >= 0


def test_a_run_without_held_out_words_is_refused(tmp_path):
    from wordgan.testing import tiny_train_config
    from wordgan.training.trainer import train

    run = train(tiny_train_config(tmp_path / "run", steps=2, sample_every=2, checkpoint_every=2), progress=False)
    with pytest.raises(WordganError, match="held out no concepts"):
        evaluate_held_out_concepts(run, DEFAULT_WORD_LIST)


def test_held_out_sheet_puts_drawn_and_real_images_side_by_side(held_out_run, tmp_path):
    from PIL import Image

    from wordgan.plugins.build import load_dataset
    from wordgan.evaluation.report.held_out_sheet import save_held_out_sheet
    from wordgan.model.word_model import WordModel

    real = load_dataset("fashion-mnist", "test").per_class(3)
    png = save_held_out_sheet(WordModel.load(held_out_run), ["sneakers", "sandals"], real, tmp_path / "sheet.png", n=4)
    with Image.open(png) as sheet:
        assert sheet.height == 16 + 2 * (28 * 2 + 2) + 2  # header and two rows of 2x-scaled 28 px tiles
        assert sheet.width > 7 * 28 * 2  # 4 drawn + 3 real tiles, and the labels
    with pytest.raises(WordganError, match="classes of the real dataset"):
        save_held_out_sheet(WordModel.load(held_out_run), ["slipper"], real, tmp_path / "x.png")
