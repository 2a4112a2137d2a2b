"""The conditional spread channel, against a hand computation."""
import math

import torch

from wordgan_projected.spread import conditional_spread


def test_each_image_gets_its_weighted_rms_distance_to_the_others():
    h = torch.tensor([[1.0, 2.0], [3.0, 0.0], [0.0, 0.0]]).view(3, 2, 1, 1)  # (B=3, C=2, 1, 1)
    cond = torch.tensor([[1.0, 0.0], [2.0, 0.0], [0.0, 1.0]])  # images 0 and 1 share a direction; 2 is orthogonal
    t = 0.5
    out = conditional_spread(h, cond, t)
    assert out.shape == (3, 3, 1, 1) and torch.equal(out[:, :2], h)
    d2 = {(0, 1): (4 + 4) / 2, (0, 2): (1 + 4) / 2, (1, 2): (9 + 0) / 2}  # mean squared differences
    w = {(0, 1): 1.0, (0, 2): math.exp(-1 / t), (1, 2): math.exp(-1 / t)}  # exp((cos - 1) / t)
    pair = lambda i, j: (min(i, j), max(i, j))  # noqa: E731
    for i in range(3):
        others = [j for j in range(3) if j != i]
        expected = math.sqrt(sum(w[pair(i, j)] * d2[pair(i, j)] for j in others) / sum(w[pair(i, j)] for j in others))
        assert math.isclose(out[i, 2, 0, 0].item(), expected, rel_tol=1e-5)


def test_a_word_drawn_alike_has_almost_no_spread_and_a_finite_gradient():
    h = torch.randn(4, 3, 2, 2)
    h[1] = h[0]  # two identical images of the first word
    h.requires_grad_()
    cond = torch.tensor([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    out = conditional_spread(h, cond, 0.05)
    assert out[0, 3].max() < 1e-3 and out[2, 3].min() > 0.1
    out[:, 3].sum().backward()
    assert torch.isfinite(h.grad).all()


def test_the_spread_channel_covers_the_map():
    out = conditional_spread(torch.randn(6, 4, 3, 3), torch.randn(6, 5), 0.1)
    assert out.shape == (6, 5, 3, 3) and (out[:, 4] == out[:, 4, :1, :1]).all()
