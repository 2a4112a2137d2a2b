"""D's logits: one per position of every head, for every image size and channel count."""
import pytest
import torch

import wordgan


@pytest.mark.parametrize("size, resolution, positions", [(28, 32, 16 + 16 + 4), (32, 32, 36), (64, 64, 16 + 16 + 16), (128, 128, 48)])
@pytest.mark.parametrize("channels", [1, 3])
def test_logits_are_batch_by_positions(tiny, size, resolution, positions, channels):
    G, D = wordgan.build_gan("projected", 8, 6, (channels, size, size), **tiny)
    assert D.resolution == resolution
    images = torch.rand(3, channels, size, size) * 2 - 1
    logits = D(images, torch.randn(3, 6))
    assert logits.shape == (3, positions) and torch.isfinite(logits).all()


def test_the_network_sees_three_channels_at_its_resolution(tiny):
    _, D = wordgan.build_gan("projected", 8, 6, (1, 28, 28), resolution=48, **tiny)
    x = D.network_input(torch.rand(2, 1, 28, 28))
    assert x.shape == (2, 3, 48, 48)
    assert torch.equal(x[:, 0], x[:, 1]) and torch.equal(x[:, 1], x[:, 2])  # the grey channel, repeated


def test_levels_choose_the_scales_judged(tiny):
    for levels, positions in [(1, 16), (2, 32), (4, 16 + 16 + 4 + 1)]:
        _, D = wordgan.build_gan("projected", 8, 6, (3, 32, 32), levels=levels, **tiny)
        assert D(torch.rand(2, 3, 32, 32), torch.randn(2, 6)).shape == (2, positions)


def test_bf16_autocast_gives_finite_logits_and_gradients(tiny):
    G, D = wordgan.build_gan("projected", 8, 6, (3, 32, 32), **tiny)
    z, cond = torch.randn(4, 8), torch.randn(4, 6)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        logits = D(G(z, cond), cond)
    logits.float().mean().backward()
    assert torch.isfinite(logits.float()).all()
    assert all(torch.isfinite(p.grad).all() for p in G.parameters() if p.grad is not None)
