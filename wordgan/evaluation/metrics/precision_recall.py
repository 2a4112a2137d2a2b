"""Improved precision and recall (Kynkäänniemi et al. 2019, NeurIPS), with k-NN manifolds on features.

Precision: the share of generated samples inside the real manifold (the union of balls around each real
sample reaching its k-th nearest real neighbour). Recall: the share of real samples inside the generated
manifold. A collapsed generator has high precision and low recall.
"""
from __future__ import annotations

import numpy as np
import torch


def precision_recall(real: np.ndarray, fake: np.ndarray, k: int = 3) -> tuple[float, float]:
    """(N, D) real and (M, D) generated features -> (precision, recall), each in [0, 1]."""
    real_t, fake_t = _as_tensor(real), _as_tensor(fake)
    precision = _share_inside(fake_t, real_t, _knn_radii(real_t, k))
    recall = _share_inside(real_t, fake_t, _knn_radii(fake_t, k))
    return precision, recall


def _knn_radii(points: torch.Tensor, k: int, chunk: int = 2048) -> torch.Tensor:
    """(N, D) -> (N,) distance from each point to its k-th nearest other point."""
    if not 1 <= k < points.shape[0]:
        raise ValueError(f"k must be in [1, {points.shape[0] - 1}] for {points.shape[0]} samples, got {k}")
    radii = []
    for start in range(0, points.shape[0], chunk):
        distances = torch.cdist(points[start : start + chunk], points)  # (c, N)
        radii.append(distances.kthvalue(k + 1, dim=1).values)  # + 1: the point itself is at distance 0
    return torch.cat(radii)


def _share_inside(queries: torch.Tensor, centres: torch.Tensor, radii: torch.Tensor, chunk: int = 2048) -> float:
    """Share of (M, D) queries within radii[i] of some centre i of (N, D)."""
    inside = []
    for start in range(0, queries.shape[0], chunk):
        distances = torch.cdist(queries[start : start + chunk], centres)  # (c, N)
        inside.append((distances <= radii[None, :]).any(dim=1))
    return torch.cat(inside).double().mean().item()


def _as_tensor(features: np.ndarray) -> torch.Tensor:
    tensor = torch.as_tensor(np.asarray(features), dtype=torch.float64)
    if tensor.dim() != 2 or tensor.shape[0] < 2:
        raise ValueError(f"need (N, D) features with N >= 2, got shape {tuple(tensor.shape)}")
    return tensor
