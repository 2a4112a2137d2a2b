"""The IMLE term of benchmarks/projected_few_shot.py, against a hand computation on a tiny case."""
import pytest
import torch

pytest.importorskip("wordgan_projected")

import wordgan  # noqa: E402
from benchmarks.projected_few_shot import imle_loss  # noqa: E402

TINY = {"channels": 4, "head_width": 8, "cmap_dim": 4, "generator_options": {"width": 8, "max_width": 16}}


def by_hand(G, D, real, cond, samples, z_dim, seed):
    """One real image at a time, one sample at a time: the nearest sample's distance, averaged."""
    scales = [f.square().mean().sqrt() for f in D.features(D.network_input(real))]

    def distance(a, b):  # (1, C, H, W) each -> a number
        pixels = (a - b).abs().mean()
        maps = [((x - y) / s).square().mean() for x, y, s in zip(D.features(D.network_input(a)), D.features(D.network_input(b)), scales)]
        return pixels + sum(maps) / len(maps)

    z = torch.randn(len(real) * samples, z_dim, generator=torch.Generator().manual_seed(seed)).view(len(real), samples, z_dim)
    nearest_total = first_total = 0.0
    for i in range(len(real)):
        x, c = real[i : i + 1], cond[i : i + 1]
        distances = [distance(G(z[i, k : k + 1], c), x).item() for k in range(samples)]
        nearest_total += min(distances)
        first_total += distances[0]
    return nearest_total / len(real), first_total / len(real)


def test_the_term_is_the_distance_to_the_nearest_of_k_samples_by_hand():
    torch.manual_seed(0)
    G, D = wordgan.build_gan("projected", 8, 6, (3, 32, 32), **TINY)
    G.eval(), D.eval()
    real, cond = torch.rand(3, 3, 32, 32) * 2 - 1, torch.randn(3, 6)
    with torch.no_grad():
        term = imle_loss(G, D, real, cond, 4, 8, torch.Generator().manual_seed(7))
        nearest, first = by_hand(G, D, real, cond, 4, 8, 7)
    # float32 sums in another order (a batch against one image at a time): agreement to 1e-4 of the value
    assert term.item() == pytest.approx(nearest, rel=1e-4)
    assert nearest < first  # the 4 samples differ, so the nearest is nearer than the first (a check of the case)


def test_the_term_pulls_the_generator_towards_the_real_images():
    torch.manual_seed(0)
    G, D = wordgan.build_gan("projected", 8, 6, (3, 32, 32), **TINY)
    real, cond = torch.rand(2, 3, 32, 32) * 2 - 1, torch.randn(2, 6)
    term = imle_loss(G, D, real, cond, 4, 8, torch.Generator().manual_seed(1))
    term.backward()
    assert term.item() > 0 and all(p.grad is None or torch.isfinite(p.grad).all() for p in G.parameters())
    assert any(p.grad is not None and p.grad.abs().sum() > 0 for p in G.parameters())
    assert all(p.grad is None for p in D.network(torch.device("cpu")).parameters())
