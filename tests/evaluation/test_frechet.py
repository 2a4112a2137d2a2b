import numpy as np
import pytest

from wordgan.evaluation.metrics import frechet_distance, frechet_distance_from_stats


def test_diagonal_gaussians_match_the_closed_form():
    mu1, mu2 = np.array([0.0, 1.0, 2.0]), np.array([1.0, 1.0, 0.0])
    var1, var2 = np.array([1.0, 4.0, 9.0]), np.array([4.0, 1.0, 1.0])
    expected = np.sum((mu1 - mu2) ** 2) + np.sum((np.sqrt(var1) - np.sqrt(var2)) ** 2)  # 5 + 1 + 1 + 4
    assert frechet_distance_from_stats(mu1, np.diag(var1), mu2, np.diag(var2)) == pytest.approx(expected)
    assert expected == pytest.approx(11.0)


def test_non_commuting_2x2_covariances_match_the_closed_form():
    # For 2x2 PSD M, tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)); here M ~ S1 S2.
    s1 = np.array([[2.0, 0.5], [0.5, 1.0]])
    s2 = np.array([[1.0, -0.3], [-0.3, 3.0]])
    mu1, mu2 = np.array([0.0, 0.0]), np.array([3.0, -4.0])
    cross = np.sqrt(np.trace(s1 @ s2) + 2 * np.sqrt(np.linalg.det(s1) * np.linalg.det(s2)))
    expected = 25.0 + np.trace(s1) + np.trace(s2) - 2 * cross
    assert frechet_distance_from_stats(mu1, s1, mu2, s2) == pytest.approx(expected, rel=1e-10)


def test_identical_sets_are_at_distance_zero():
    features = np.random.default_rng(0).normal(size=(500, 16))
    assert frechet_distance(features, features) == pytest.approx(0.0, abs=1e-6)


def test_samples_approach_the_population_distance():
    rng = np.random.default_rng(1)
    a = rng.normal(0.0, 1.0, size=(20000, 2))
    b = rng.normal([2.0, 0.0], [2.0, 1.0], size=(20000, 2))
    assert frechet_distance(a, b) == pytest.approx(4.0 + 1.0, rel=0.03)  # |dmu|^2 + (2 - 1)^2


def test_too_few_samples_is_an_error():
    with pytest.raises(ValueError):
        frechet_distance(np.zeros((1, 4)), np.zeros((5, 4)))
