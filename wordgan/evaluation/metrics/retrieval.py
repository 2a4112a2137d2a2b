"""Retrieval Recall@K (as in SynthTriplet): do a generated image's nearest real images share its class?"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import torch


def recall_at_k(
    queries: np.ndarray,
    query_class: int,
    references: np.ndarray,
    reference_labels: np.ndarray,
    ks: Sequence[int] = (1, 10, 50),
    chunk: int = 1024,
) -> dict[int, float]:
    """For each of M query features (M, D), its K nearest of N reference features (N, D) by Euclidean
    distance; the share of those K whose (N,) label is ``query_class``, averaged over queries, per K."""
    queries_t = torch.as_tensor(np.asarray(queries), dtype=torch.float32)
    references_t = torch.as_tensor(np.asarray(references), dtype=torch.float32)
    labels = torch.as_tensor(np.asarray(reference_labels))
    largest = max(ks)
    if largest > references_t.shape[0]:
        raise ValueError(f"K = {largest} exceeds the {references_t.shape[0]} reference images")
    hits = []
    for start in range(0, queries_t.shape[0], chunk):
        distances = torch.cdist(queries_t[start : start + chunk], references_t)  # (c, N)
        nearest = distances.topk(largest, dim=1, largest=False).indices  # (c, largest), nearest first
        hits.append(labels[nearest] == query_class)
    matches = torch.cat(hits).double()  # (M, largest)
    return {k: matches[:, :k].mean().item() for k in ks}
