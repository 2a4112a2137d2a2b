"""Condition normalisation, snapping toward training words, and conditioning augmentation."""
import pytest
import torch

from wordgan.conditions.vectors import ConditionSampler, augment, normalise, sample_noise, snap_to_labels


def test_normalise_gives_rms_one_rows():
    out = normalise(torch.tensor([[3.0, 4.0], [0.1, 0.0]]))
    assert torch.allclose(out.pow(2).mean(dim=1), torch.ones(2))


def test_snapping_at_low_temperature_lands_on_the_nearest_label():
    labels = normalise(torch.eye(3))
    cond = normalise(torch.tensor([[0.9, 0.3, 0.0]]))
    snapped, weights = snap_to_labels(cond, labels, temperature=0.01)
    assert weights.argmax().item() == 0 and weights[0, 0] > 0.99
    assert torch.allclose(snapped, labels[:1], atol=1e-3)


def test_snapping_at_high_temperature_averages_and_blend_zero_is_identity():
    labels = normalise(torch.eye(3))
    cond = normalise(torch.tensor([[0.9, 0.3, 0.0]]))
    _, weights = snap_to_labels(cond, labels, temperature=100.0)
    assert torch.allclose(weights, torch.full((1, 3), 1 / 3), atol=0.01)
    raw, _ = snap_to_labels(cond, labels, temperature=0.1, blend=0.0)
    assert torch.allclose(raw, cond, atol=1e-6)
    with pytest.raises(ValueError):
        snap_to_labels(cond, labels, temperature=0.0)


def test_augment_without_noise_or_mixing_changes_nothing():
    labels = normalise(torch.randn(4, 6))
    cond = labels[torch.tensor([0, 1, 2, 3, 0])]
    assert torch.allclose(augment(cond, labels, 0.0, 0.0, torch.Generator().manual_seed(0)), cond, atol=1e-6)


def test_augment_mixes_within_the_span_of_label_vectors_and_adds_noise():
    labels = normalise(torch.eye(4))
    cond = labels[torch.zeros(200, dtype=torch.long)]
    mixed = augment(cond, labels, 0.0, 1.0, torch.Generator().manual_seed(0))
    assert (mixed >= -1e-6).all()  # convex mixtures of one-hot label vectors stay non-negative
    assert (mixed[:, 1:].abs().sum(dim=1) > 0).float().mean() > 0.5
    noisy = augment(cond, labels, 0.5, 0.0, torch.Generator().manual_seed(0))
    assert (noisy[:, 1:] < 0).any() and torch.allclose(noisy.pow(2).mean(dim=1), torch.ones(200))


def test_augmented_training_runs(make_config):
    from wordgan.checkpoint import store
    from wordgan.training.trainer import train

    run = train(make_config(condition_noise=0.3, condition_mix=0.5, steps=2), progress=False)
    assert store.read_metadata(run)["config"]["condition_mix"] == 0.5


def test_condition_sampler_draws_a_class_extra_word_for_the_share_asked():
    labels = normalise(torch.eye(3))  # (K=3, E=3)
    extras = normalise(torch.tensor([[1.0, 0.1, 0.0], [1.0, 0.0, 0.1], [0.1, 1.0, 0.0]]))  # two for class 0, one for 1
    classes = torch.tensor([0, 0, 1])
    batch = torch.tensor([0, 1, 2] * 200)  # (600,)
    rng = torch.Generator().manual_seed(0)

    assert torch.equal(ConditionSampler(labels, extras, classes, 0.0)(batch, rng), labels[batch])
    always = ConditionSampler(labels, extras, classes, 1.0)(batch, rng)  # (600, 3)
    class0 = always[batch == 0]
    assert all(any(torch.equal(row, e) for e in extras[:2]) for row in class0)
    assert {tuple(row.tolist()) for row in class0} == {tuple(e.tolist()) for e in extras[:2]}  # both used
    assert torch.equal(always[batch == 1], extras[2].expand(200, 3))
    assert torch.equal(always[batch == 2], labels[2].expand(200, 3))  # no extra word: its label
    half = ConditionSampler(labels, extras, classes, 0.5)(batch, rng)
    share = (half[batch == 1] != labels[1]).any(dim=1).float().mean().item()
    assert 0.4 < share < 0.6


def test_truncated_noise_stays_inside_and_is_reproducible():
    plain = sample_noise(200, 16, seed=3)
    assert torch.equal(plain, sample_noise(200, 16, seed=3)) and plain.abs().max() > 2.0
    truncated = sample_noise(200, 16, seed=3, truncation=1.5)
    assert truncated.abs().max() <= 1.5 and torch.equal(truncated, sample_noise(200, 16, seed=3, truncation=1.5))
    assert 0.6 < truncated.std() < 0.9  # a N(0, 1) cut at 1.5 has std 0.74
    with pytest.raises(ValueError):
        sample_noise(2, 2, seed=0, truncation=0.0)
