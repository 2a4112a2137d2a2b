"""EMA of G against a hand-computed average; DiffAugment's gradients and determinism; both in real runs."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from wordgan.checkpoint import store
from wordgan.training.diffaugment import DiffAugment
from wordgan.model.word_model import WordModel
from wordgan.training.trainer import train
from wordgan.training.ema import EMA


def test_ema_is_the_hand_computed_average():
    model = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2))
    ema = EMA(model, decay=0.9, start=1)
    history = []
    for step in range(1, 5):
        with torch.no_grad():
            for p in model.parameters():
                p.add_(1.0)
            model[1].running_mean.add_(2.0)
        ema.update(model, step)
        history.append({k: v.clone() for k, v in model.state_dict().items()})
    # step 1 <= start: a copy; then ema = d ema + (1 - d) new with the warming decay d = (1 + n) / (10 + n) after n
    # averaged steps (2/11, 3/12, 4/13: below 0.9), for weights and batch-norm statistics alike.
    decays = [2 / 11, 3 / 12, 4 / 13]
    expected = history[0]["0.weight"]
    for d, snapshot in zip(decays, history[1:]):
        expected = d * expected + (1 - d) * snapshot["0.weight"]
    assert torch.allclose(ema.model.state_dict()["0.weight"], expected)
    mean = history[0]["1.running_mean"]
    for d, snapshot in zip(decays, history[1:]):
        mean = d * mean + (1 - d) * snapshot["1.running_mean"]
    assert torch.allclose(ema.model.state_dict()["1.running_mean"], mean)
    assert ema.model.state_dict()["1.num_batches_tracked"] == model.state_dict()["1.num_batches_tracked"]
    assert not any(p.requires_grad for p in ema.model.parameters())


def test_the_decay_warms_up_so_a_short_run_averages_what_it_learnt():
    ema = EMA(nn.Linear(1, 1), decay=0.99, start=10)
    assert [ema.decay_at(step) for step in (5, 10)] == [0.0, 0.0]  # a copy until start
    assert ema.decay_at(60) == pytest.approx(51 / 60)  # 50 averaged steps: the last ~7 count, not the first 50
    assert ema.decay_at(10_000) == 0.99 and ema.decay_at(901) == 0.99 and ema.decay_at(898) < 0.99


def test_diffaugment_keeps_gradients_and_repeats_for_a_seed():
    augment = DiffAugment("color,translation,cutout")
    images = (torch.rand(6, 3, 32, 32) * 2 - 1).requires_grad_(True)
    params = augment.sample(6, (3, 32, 32), torch.Generator().manual_seed(4))
    out = augment(images, params)
    out.sum().backward()
    assert out.shape == images.shape and images.grad is not None and images.grad.abs().sum() > 0
    again = augment(images.detach(), augment.sample(6, (3, 32, 32), torch.Generator().manual_seed(4)))
    other = augment(images.detach(), augment.sample(6, (3, 32, 32), torch.Generator().manual_seed(5)))
    assert torch.equal(out.detach(), again) and not torch.equal(again, other)
    # Cutout zeroes a square of half the side: a quarter of the pixels, less where it leaves the image.
    cut = DiffAugment("cutout")(torch.ones(6, 1, 32, 32), params)
    assert ((cut == 0).float().mean(dim=(1, 2, 3)) <= 0.25).all() and (cut == 0).any()


def test_unknown_policy_is_refused():
    import pytest

    from wordgan.errors import WordganError

    with pytest.raises(WordganError, match="blur"):
        DiffAugment("color,blur")


def test_a_run_with_ema_and_diffaugment_stores_the_average_and_draws_with_it(make_config):
    run = train(make_config("ema", ema=0.5, diffaugment="color,translation,cutout"), progress=False)
    raw = store.load_tensors(run, prefix="generator.")
    averaged = store.load_tensors(run, prefix="ema_generator.")
    assert raw.keys() == averaged.keys()
    assert any(not torch.equal(raw[k], averaged[k]) for k in raw if raw[k].is_floating_point())
    model = WordModel.load(run)
    loaded = model.generator.state_dict()
    assert all(torch.equal(loaded[k], averaged[k]) for k in averaged)
    config = store.read_metadata(run)["config"]
    assert config["ema"] == 0.5 and config["diffaugment"] == "color,translation,cutout"
    # An export keeps the G that draws, the average, and draws the same images.
    from wordgan.checkpoint.export import export_generator

    exported = export_generator(run / "checkpoint.safetensors", run.parent / "model.safetensors")
    assert not store.load_tensors(exported, prefix="generator.") and store.load_tensors(exported, prefix="ema_generator.")
    assert torch.equal(WordModel.load(exported).generate(["bag"], n=2), model.generate(["bag"], n=2))


def test_standing_statistics_are_the_averaged_weights_own():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4))
    ema = EMA(model, decay=0.9)
    ema.model[1].running_mean.fill_(100.0)  # what averaging another model's statistics could leave behind
    batches = [torch.randn(8, 3) for _ in range(5)]
    feed = iter(batches)
    ema.refresh_statistics(lambda: (next(feed),), batches=5)
    with torch.no_grad():
        activations = torch.cat([ema.model[0](x) for x in batches])
    assert torch.allclose(ema.model[1].running_mean, activations.mean(0), atol=1e-5)
    assert not ema.model.training and ema.model[1].momentum == 0.1
