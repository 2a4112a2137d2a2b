import numpy as np
import pytest

from wordgan.evaluation.metrics import precision_recall


@pytest.fixture
def real():
    return np.random.default_rng(0).normal(size=(400, 8))


def test_identical_sets_have_full_precision_and_recall(real):
    assert precision_recall(real, real) == (1.0, 1.0)


def test_disjoint_far_sets_have_none(real):
    assert precision_recall(real, real + 100.0) == (0.0, 0.0)


def test_a_collapsed_generator_is_precise_but_recalls_little(real):
    # Every generated sample is (almost) the same real sample: all realistic, one mode.
    fake = real[:1] + np.random.default_rng(1).normal(scale=1e-4, size=(400, 8))
    precision, recall = precision_recall(real, fake)
    assert precision == 1.0
    assert recall < 0.02


def test_half_the_modes_gives_half_the_recall():
    rng = np.random.default_rng(2)
    centres = np.array([[0.0, 0.0], [50.0, 0.0]])
    real = np.concatenate([c + rng.normal(size=(300, 2)) for c in centres])
    fake = centres[0] + rng.normal(size=(600, 2))
    precision, recall = precision_recall(real, fake)
    assert precision > 0.95
    assert recall == pytest.approx(0.5, abs=0.03)


def test_k_must_leave_a_neighbour(real):
    with pytest.raises(ValueError):
        precision_recall(real[:3], real[:3], k=3)
