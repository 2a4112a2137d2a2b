"""The conditions of a training batch: vocabulary words for a share of images, and conditioning augmentation."""
import torch

from wordgan.conditions.vectors import normalise
from wordgan.training.condition_sampling import ConditionSampler, augment


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


def test_augmented_training_feeds_g_other_conditions(make_config):
    """The flags reach the loop: with the same seed, G trained on augmented conditions ends elsewhere, finite."""
    from wordgan.checkpoint import store
    from wordgan.training.trainer import train

    plain = train(make_config("plain", steps=2), progress=False)
    mixed = train(make_config("mixed", condition_noise=0.3, condition_mix=0.5, steps=2), progress=False)
    g_plain, g_mixed = (store.load_tensors(run, prefix=store.GENERATOR) for run in (plain, mixed))
    assert all(torch.isfinite(v).all() for v in g_mixed.values() if v.is_floating_point())
    assert any(not torch.equal(g_plain[k], g_mixed[k]) for k in g_plain)


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
