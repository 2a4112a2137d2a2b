"""The noise G draws from: seeded, truncated at any positive psi, in bounded blocks."""
import time

import pytest
import torch

from wordgan.model.noise import NOISE_CHUNK, noise_chunks, sample_noise


def test_truncated_noise_stays_inside_and_is_reproducible():
    plain = sample_noise(200, 16, seed=3)
    assert torch.equal(plain, sample_noise(200, 16, seed=3)) and plain.abs().max() > 2.0
    truncated = sample_noise(200, 16, seed=3, truncation=1.5)
    assert truncated.abs().max() <= 1.5 and torch.equal(truncated, sample_noise(200, 16, seed=3, truncation=1.5))
    assert 0.6 < truncated.std() < 0.9  # a N(0, 1) cut at 1.5 has std 0.74
    with pytest.raises(ValueError):
        sample_noise(2, 2, seed=0, truncation=0.0)


@pytest.mark.parametrize("psi", [1e-30, 1e-300, 5e-324, 1e-8, 0.5, 1.5, 4.0, 1e30, float("inf")])
def test_truncation_terminates_for_any_positive_psi(psi):
    started = time.perf_counter()
    z = sample_noise(2000, 128, seed=1, truncation=psi)
    assert time.perf_counter() - started < 10
    assert torch.isfinite(z).all() and (z.abs() <= psi).all()


def test_truncated_noise_keeps_its_seeds_and_distribution():
    z = sample_noise(NOISE_CHUNK, 100, seed=4, truncation=0.5)
    assert torch.equal(z, sample_noise(NOISE_CHUNK, 100, seed=4, truncation=0.5))
    # N(0, 1) truncated to +-0.5 has standard deviation 0.2838 (measured on 102,400 draws, not assumed exact)
    assert abs(z.std().item() - 0.2838) < 0.005 and abs(z.mean().item()) < 0.005


def test_tiny_truncation_still_draws_by_inverse_cdf():
    z = sample_noise(64, 16, seed=0, truncation=1e-3)  # redrawing alone would need ~1,250 rounds per entry
    assert (z.abs() <= 1e-3).all() and z.std() > 1e-4  # spread over the interval, not all clamped to its ends


def test_noise_comes_in_bounded_chunks_that_are_a_prefix_of_longer_requests():
    chunks = list(noise_chunks(2 * NOISE_CHUNK + 5, 8, seed=3, truncation=1.5))
    assert [len(c) for c in chunks] == [NOISE_CHUNK, NOISE_CHUNK, 5]
    shorter = list(noise_chunks(NOISE_CHUNK + 1, 8, seed=3, truncation=1.5))
    assert torch.equal(chunks[0], shorter[0])
