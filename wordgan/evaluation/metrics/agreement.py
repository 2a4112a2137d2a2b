"""Embedding agreement: does the model draw what the embedding says a new word is near?"""
from __future__ import annotations

import numpy as np


def rank(values: np.ndarray) -> np.ndarray:
    """(N,) values -> (N,) ranks from 1, ties given their average rank."""
    values = np.asarray(values, dtype=np.float64)
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    for value in np.unique(values):  # average the ranks of tied values
        tied = values == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def spearman(x: np.ndarray, y: np.ndarray) -> float | None:
    """Spearman's rank correlation of two (N,) arrays; ``None`` when either is constant (undefined)."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    if x.shape != y.shape or x.ndim != 1 or x.size < 2:
        raise ValueError(f"need two equal-length 1-d arrays of at least 2 values, got {x.shape} and {y.shape}")
    rx, ry = rank(x) - (x.size + 1) / 2, rank(y) - (y.size + 1) / 2
    scale = np.sqrt((rx**2).sum() * (ry**2).sum())
    return float((rx * ry).sum() / scale) if scale > 0 else None


def embedding_agreement(similarities: np.ndarray, histogram: np.ndarray) -> float | None:
    """Spearman correlation between the embedder's (K,) similarities of a new word to the K training
    words and the (K,) shares of its generated images the evaluator puts in each of those classes."""
    return spearman(similarities, histogram)
