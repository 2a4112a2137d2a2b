"""A fixed linear map that gives the generator as many noise numbers as the condition has."""
from __future__ import annotations

import torch

#: The map is drawn from this seed, so the same (Z, E) always gives the same map.
SEED = 0


def noise_map(z_dim: int, cond_dim: int) -> torch.Tensor:
    """(E, Z) matrix P; the generator multiplies ``z @ P.T`` (B, E) into the condition.

    The seed's model draws its noise at the embedding's size E. wordgan draws Z numbers, so:
    - Z == E: P is the identity, exactly the seed's model;
    - Z > E: P has orthonormal rows, so ``P z`` is again N(0, I_E) noise and every number of z counts;
    - Z < E: P has orthonormal columns scaled by sqrt(E / Z): each of the E numbers still has variance 1
      on average, but they span only Z directions (pass ``--z-dim E`` for the seed's full noise).
    """
    if z_dim == cond_dim:
        return torch.eye(cond_dim)
    generator = torch.Generator().manual_seed(SEED)
    tall = torch.randn(max(z_dim, cond_dim), min(z_dim, cond_dim), generator=generator)
    q, _ = torch.linalg.qr(tall)  # (max, min), orthonormal columns
    return q.T.contiguous() if z_dim > cond_dim else q * (cond_dim / z_dim) ** 0.5
