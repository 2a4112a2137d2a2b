"""Spectral norm on every D weight, its estimate near the true largest singular value, and float32 under autocast."""
import pytest
import torch
from torch import nn

from wordgan_biggan import SpectralNorm, build, is_spectrally_normalised, spectral_norm


def weighted_layers(net: nn.Module) -> list[nn.Module]:
    return [m for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]


@pytest.mark.parametrize("attention", [None, 14])
def test_every_discriminator_weight_is_spectrally_normalised(attention):
    _, discriminator = build(16, 12, (1, 28, 28), ch=8, attention=attention)
    layers = weighted_layers(discriminator)
    assert len(layers) >= 10 + (4 if attention else 0)
    assert all(is_spectrally_normalised(layer) for layer in layers)


def test_generator_spectral_norm_spares_only_the_shared_word_projection():
    generator, _ = build(16, 12, (1, 28, 28), ch=4)
    plain = [layer for layer in weighted_layers(generator) if not is_spectrally_normalised(layer)]
    assert plain == [generator.shared]
    generator, _ = build(16, 12, (1, 28, 28), ch=4, g_spectral_norm=False)
    assert not any(is_spectrally_normalised(layer) for layer in weighted_layers(generator))


def test_normalised_weights_have_largest_singular_value_one():
    torch.manual_seed(0)
    _, discriminator = build(16, 12, (3, 32, 32), ch=4)
    discriminator.train()
    for _ in range(30):  # one power-iteration step per forward pass
        discriminator(torch.randn(2, 3, 32, 32), torch.randn(2, 12))
    for layer in weighted_layers(discriminator):
        sigma = torch.linalg.matrix_norm(layer.weight.detach().flatten(1), ord=2)
        assert sigma == pytest.approx(1.0, abs=0.02)


def test_power_iteration_stays_float32_under_bfloat16_autocast():
    torch.manual_seed(0)
    layer = spectral_norm(nn.Linear(64, 48))
    norm = layer.parametrizations.weight[0]
    original = layer.parametrizations.weight.original
    with torch.autocast("cpu", dtype=torch.bfloat16):
        for _ in range(5):
            output = layer(torch.randn(4, 64))
        weight = layer.weight
    assert output.dtype == torch.bfloat16  # the layer itself is still autocast
    assert norm.u.dtype == norm.v.dtype == weight.dtype == torch.float32
    # The same estimate as in float32 to float32 precision (a bfloat16 matmul is off by ~1e-3).
    sigma = torch.dot(norm.u, original.detach() @ norm.v)
    torch.testing.assert_close(weight.detach(), original.detach() / sigma, rtol=1e-6, atol=1e-7)


def test_two_forward_passes_then_one_backward():
    # D(real) and D(fake) in one loss: the second pass updates u and v in place after the first saved them.
    _, discriminator = build(16, 12, (1, 28, 28), ch=4)
    cond = torch.randn(3, 12)
    loss = discriminator(torch.randn(3, 1, 28, 28), cond).mean() - discriminator(torch.randn(3, 1, 28, 28), cond).mean()
    loss.backward()
    assert all(p.grad is not None for p in discriminator.parameters())


def test_eval_mode_does_not_iterate():
    layer = spectral_norm(nn.Linear(8, 8))
    norm: SpectralNorm = layer.parametrizations.weight[0]
    layer.eval()
    before = norm.u.clone()
    layer(torch.randn(2, 8))
    assert torch.equal(before, norm.u)


def test_both_networks_train_under_bfloat16_autocast():
    torch.manual_seed(0)
    generator, discriminator = build(16, 12, (1, 28, 28), ch=4, shared_dim=8, attention=14)
    cond = torch.randn(4, 12)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        logits = discriminator(generator(torch.randn(4, 16), cond), cond)
    assert torch.isfinite(logits).all()
    logits.float().mean().backward()
    for name, parameter in [*generator.named_parameters(), *discriminator.named_parameters()]:
        assert parameter.dtype == torch.float32 and torch.isfinite(parameter.grad).all(), name
