"""The ridge regression against what it must recover and against the normal equations written out by hand."""
import numpy as np
import pytest

from wordgan.errors import WordganError
from wordgan_visual.ridge import ALPHAS, cross_validated_error, fit_ridge, fit_ridge_cv


def test_a_known_linear_map_is_recovered():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 6))  # (N, D)
    a, c = rng.normal(size=(6, 3)), np.array([0.5, -2.0, 3.0])  # (D, E), (E,)
    ridge = fit_ridge(x, x @ a + c, alpha=1e-9)
    np.testing.assert_allclose(ridge.weight, a, atol=1e-6)
    np.testing.assert_allclose(ridge.bias, c, atol=1e-6)
    np.testing.assert_allclose(ridge(x[:5]), x[:5] @ a + c, atol=1e-6)


def test_the_closed_form_matches_the_normal_equations_by_hand():
    """Minimising |x W + b - y|^2 + alpha |W|^2: set the gradient to zero over [W; b] with b unpenalised."""
    rng = np.random.default_rng(1)
    x, y, alpha = rng.normal(size=(30, 4)), rng.normal(size=(30, 2)), 2.5
    augmented = np.hstack([x, np.ones((30, 1))])  # (N, D + 1)
    penalty = np.diag([alpha] * 4 + [0.0])
    solution = np.linalg.solve(augmented.T @ augmented + penalty, augmented.T @ y)  # (D + 1, E)
    ridge = fit_ridge(x, y, alpha)
    np.testing.assert_allclose(ridge.weight, solution[:4], atol=1e-10)
    np.testing.assert_allclose(ridge.bias, solution[4], atol=1e-10)


def test_a_stronger_penalty_shrinks_the_weights():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(50, 5))
    y = x @ rng.normal(size=(5, 2))
    norms = [np.linalg.norm(fit_ridge(x, y, alpha).weight) for alpha in (0.01, 1.0, 100.0)]
    assert norms[0] > norms[1] > norms[2]


def test_cross_validation_picks_little_penalty_for_a_clean_map_and_much_for_noise():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(60, 20))
    clean = fit_ridge_cv(x, x @ rng.normal(size=(20, 3)))
    noise = fit_ridge_cv(x, rng.normal(size=(60, 3)))
    assert clean.alpha == min(ALPHAS) and noise.alpha == max(ALPHAS)
    assert cross_validated_error(x, x @ np.ones((20, 1)), 0.01) < 1e-3


def test_too_few_concepts_for_cross_validation_is_one_line():
    with pytest.raises(WordganError, match="at least 10 concepts, got 4"):
        fit_ridge_cv(np.ones((4, 3)), np.ones((4, 2)))
