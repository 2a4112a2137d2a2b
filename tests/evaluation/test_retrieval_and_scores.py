import numpy as np
import pytest

from wordgan.evaluation.metrics import (
    class_accuracy,
    class_histogram,
    nearest_word_hit,
    recall_at_k,
    uniform_chance,
    zero_shot_score,
)


def test_recall_at_k_on_two_separated_classes():
    rng = np.random.default_rng(0)
    references = np.concatenate([rng.normal(size=(60, 4)), 100 + rng.normal(size=(40, 4))])
    labels = np.array([0] * 60 + [1] * 40)
    queries = 100 + rng.normal(size=(5, 4))
    recall = recall_at_k(queries, 1, references, labels, ks=(1, 10, 40, 50))
    assert recall[1] == recall[10] == recall[40] == 1.0
    assert recall[50] == pytest.approx(40 / 50)  # only 40 references of class 1 exist
    assert recall_at_k(queries, 0, references, labels, ks=(1,))[1] == 0.0


def test_recall_at_k_larger_than_the_references_is_an_error():
    with pytest.raises(ValueError):
        recall_at_k(np.zeros((1, 2)), 0, np.zeros((3, 2)), np.zeros(3), ks=(5,))


def test_accuracy_histogram_and_zero_shot():
    predicted = np.array([5, 5, 7, 9, 0])
    assert class_accuracy(predicted, 5) == pytest.approx(0.4)
    assert class_histogram(predicted, 10).tolist() == [0.2, 0, 0, 0, 0, 0.4, 0, 0.2, 0, 0.2]
    assert zero_shot_score(predicted, {5, 7, 9}) == pytest.approx(0.8)
    assert uniform_chance({5, 7, 9}, 10) == pytest.approx(0.3)


def test_nearest_word_hit():
    similarities = [("coat", 0.42), ("sandals", 0.41), ("boots", 0.33)]
    assert nearest_word_hit(similarities, {"sandals", "sneakers", "boots"}) == ("coat", False)
    assert nearest_word_hit(similarities, {"coat"}) == ("coat", True)
