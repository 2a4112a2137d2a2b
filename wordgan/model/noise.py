"""The noise G draws from: N(0, 1), or truncated at +-psi (the truncation trick), from a seed, in bounded blocks."""
from __future__ import annotations

from typing import Iterator

import torch

#: Noise is drawn in blocks of this many rows, one block after another from one seeded generator, so that
#: memory does not grow with n and a seed gives the same images however the caller batches them.
NOISE_CHUNK = 1024

#: Rounds of redrawing entries beyond +-psi before the rest are drawn by inverse CDF (see :func:`_truncated`).
MAX_REDRAWS = 32


def noise_chunks(n: int, z_dim: int, seed: int, truncation: float | None = None) -> Iterator[torch.Tensor]:
    """The rows of :func:`sample_noise` as (<= NOISE_CHUNK, Z) blocks, in order."""
    if truncation is not None and not truncation > 0:
        raise ValueError(f"truncation must be positive, got {truncation}")
    generator = torch.Generator().manual_seed(seed)
    for start in range(0, n, NOISE_CHUNK):
        z = torch.randn(min(NOISE_CHUNK, n - start), z_dim, generator=generator)  # (m, Z)
        yield z if truncation is None else _truncated(z, truncation, generator)


def sample_noise(n: int, z_dim: int, seed: int, truncation: float | None = None) -> torch.Tensor:
    """(n, Z) standard normal noise from ``seed``; with ``truncation`` psi, every entry beyond +-psi is drawn
    again (the truncation trick of Brock et al. 2019, BigGAN): images nearer each word's typical look, at the
    cost of variety. None draws plain N(0, 1) noise. Terminates for any positive psi (see :func:`_truncated`)."""
    return torch.cat(list(noise_chunks(n, z_dim, seed, truncation)))


def _truncated(z: torch.Tensor, truncation: float, generator: torch.Generator) -> torch.Tensor:
    """Redraw the entries of ``z`` beyond +-psi, at most MAX_REDRAWS rounds, then draw the few left by
    inverse CDF from N(0, 1) truncated to [-psi, psi].

    Redrawing is what BigGAN does and what wordgan always did (so seeds give the images they gave before);
    for psi 1.5 an entry is still outside after 32 rounds with probability 0.13^33, about 1e-29. For a tiny
    psi (1e-30) redrawing alone would never end; inverse CDF always does, clamped to +-psi where float64
    rounds the interval away.
    """
    for _ in range(MAX_REDRAWS):
        outside = z.abs() > truncation
        if not outside.any():
            return z
        z[outside] = torch.randn(int(outside.sum()), generator=generator)
    outside = z.abs() > truncation
    if outside.any():
        low = torch.special.ndtr(torch.tensor(-float(truncation), dtype=torch.float64))  # P(Z < -psi)
        u = torch.rand(int(outside.sum()), generator=generator, dtype=torch.float64)
        drawn = torch.special.ndtri(low + u * (1 - 2 * low))
        z[outside] = drawn.clamp(-truncation, truncation).to(z.dtype)
    return z
