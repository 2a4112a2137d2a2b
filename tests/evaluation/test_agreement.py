import numpy as np
import pytest

from wordgan.evaluation.metrics import embedding_agreement, rank, spearman


def test_ranks_average_ties():
    assert rank(np.array([10.0, 30.0, 20.0, 20.0])).tolist() == [1.0, 4.0, 2.5, 2.5]


def test_monotone_and_reversed():
    x = np.arange(10.0)
    assert spearman(x, x**3) == pytest.approx(1.0)
    assert spearman(x, -x) == pytest.approx(-1.0)


def test_known_value_with_ties():
    # The example in scipy.stats.spearmanr's documentation.
    assert spearman(np.array([1, 2, 3, 4, 5]), np.array([5, 6, 7, 8, 7])) == pytest.approx(0.8207826816681233)


def test_constant_input_has_no_correlation():
    assert spearman(np.array([1.0, 2.0, 3.0]), np.array([0.5, 0.5, 0.5])) is None


def test_agreement_when_images_follow_the_embedding():
    similarities = np.array([0.1, 0.2, 0.6, 0.4])
    histogram = np.array([0.0, 0.1, 0.6, 0.3])
    assert embedding_agreement(similarities, histogram) == pytest.approx(1.0)
