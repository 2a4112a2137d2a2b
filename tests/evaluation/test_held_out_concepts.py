"""The many-concept metrics on a real tiny run: Fashion-MNIST's word-list families stand in for subcategories."""
import pytest

from wordgan.errors import WordganError
from wordgan.evaluation.held_out_concepts import evaluate_held_out_concepts
from wordgan.evaluation.word_list import DEFAULT_WORD_LIST


def test_held_out_words_get_subcategory_accuracy_and_retrieval(held_out_run):
    scores = evaluate_held_out_concepts(held_out_run, DEFAULT_WORD_LIST, n=8, temperature=None, truncation=None)
    assert scores["words"] == 1 and scores["concepts"] == 10
    sneakers = scores["per_word"]["sneakers"]
    assert sneakers["subcategory"] == "footwear" and sneakers["chance"] == pytest.approx(0.3)
    assert 0 <= sneakers["subcategory_accuracy"] <= 1 and 1 <= sneakers["rank"] <= 10
    assert sneakers["nearest_trained"] != "sneakers"
    assert scores["chance_median_rank"] == 5.5 and scores["recall_at_10"] == 1.0  # 10 concepts: always within 10
    assert scores["settings"]["n"] == 8 and scores["settings"]["evaluator"] == "shipped"


def test_a_run_without_held_out_words_is_refused(tmp_path):
    from wordgan.testing import tiny_train_config
    from wordgan.training import train

    run = train(tiny_train_config(tmp_path / "run", steps=2, sample_every=2, checkpoint_every=2), progress=False)
    with pytest.raises(WordganError, match="held out no concepts"):
        evaluate_held_out_concepts(run, DEFAULT_WORD_LIST)
