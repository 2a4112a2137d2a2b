"""The Fréchet distance between two sets of feature vectors, each summarised as a Gaussian.

This is the FID formula (Heusel et al. 2017), but on the wordgan evaluator's features, not on Inception-v3's:
the numbers are NOT Inception-FID and cannot be compared with FIDs published elsewhere.
"""
from __future__ import annotations

import numpy as np


def gaussian_stats(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(N, D) features, N >= 2 -> mean (D,) and unbiased covariance (D, D), in float64."""
    features = np.asarray(features, dtype=np.float64)
    if features.ndim != 2 or features.shape[0] < 2:
        raise ValueError(f"need (N, D) features with N >= 2, got shape {features.shape}")
    return features.mean(axis=0), np.cov(features, rowvar=False).reshape(features.shape[1], features.shape[1])


def frechet_distance_from_stats(mu1: np.ndarray, sigma1: np.ndarray, mu2: np.ndarray, sigma2: np.ndarray) -> float:
    """d^2 = |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1^1/2 S2 S1^1/2)^1/2), for (D,) means and (D, D) covariances.

    tr((S1 S2)^1/2) is computed as the trace of the square root of the symmetric PSD matrix
    S1^1/2 S2 S1^1/2 (same eigenvalues), by eigendecomposition: stable, real, and needs no scipy.
    """
    mu1, mu2 = np.asarray(mu1, np.float64), np.asarray(mu2, np.float64)
    sigma1, sigma2 = np.asarray(sigma1, np.float64), np.asarray(sigma2, np.float64)
    root1 = _psd_sqrt(sigma1)
    cross = np.sqrt(np.clip(np.linalg.eigvalsh(root1 @ sigma2 @ root1), 0, None)).sum()
    distance = np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * cross
    return float(max(distance, 0.0))  # rounding can push a zero distance a hair below 0


def frechet_distance(features1: np.ndarray, features2: np.ndarray) -> float:
    """Fréchet distance between (N1, D) and (N2, D) features. Biased upward for small N: compare only
    figures computed with the same numbers of images."""
    return frechet_distance_from_stats(*gaussian_stats(features1), *gaussian_stats(features2))


def _psd_sqrt(matrix: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eigh((matrix + matrix.T) / 2)
    return (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.T
