"""Concept prototypes: the mean image feature of each concept, in a principal-component space of E dimensions."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from wordgan.errors import WordganError


@dataclass(frozen=True)
class Reduction:
    """Principal components: (N, F) features -> (N, E) coordinates ``((x - mean) @ components.T) * scale``.

    ``components`` (E, F) has orthonormal rows, the directions of most variance first; ``scale`` (E,) is 1, or
    1 / the standard deviation along each direction when whitened (every direction then weighs alike in a cosine).
    """

    mean: np.ndarray  # (F,)
    components: np.ndarray  # (E, F)
    scale: np.ndarray  # (E,)

    def __call__(self, features: np.ndarray) -> np.ndarray:
        return ((np.asarray(features, dtype=np.float64) - self.mean) @ self.components.T) * self.scale


def fit_reduction(features: np.ndarray, dim: int, whiten: bool = False) -> Reduction:
    """The ``dim`` principal components of (N, F) ``features`` (N > dim), by SVD of the centred rows.

    Each component's sign is fixed (its largest entry positive), so the same features always give the same space.
    """
    x = np.asarray(features, dtype=np.float64)
    if isinstance(dim, bool) or not isinstance(dim, int) or not 1 <= dim < min(x.shape):
        raise WordganError(f"the visual space's size must be a whole number from 1 to {min(x.shape) - 1}, got {dim!r}")
    mean = x.mean(axis=0)
    _, singular, vt = np.linalg.svd(x - mean, full_matrices=False)  # vt: (min(N, F), F)
    components = vt[:dim]
    signs = np.sign(components[np.arange(dim), np.abs(components).argmax(axis=1)])
    components = components * signs[:, None]
    std = singular[:dim] / np.sqrt(len(x) - 1)
    scale = 1 / np.maximum(std, 1e-12) if whiten else np.ones(dim)
    return Reduction(mean=mean, components=components, scale=scale)


def concept_means(features: np.ndarray, labels: np.ndarray, concepts: Sequence[int]) -> np.ndarray:
    """(N, F) features of images labelled (N,) -> (K, F): the mean feature of each of the K ``concepts``' images."""
    means = np.empty((len(concepts), features.shape[1]), dtype=np.float64)
    for row, concept in enumerate(concepts):
        mine = labels == concept
        if not mine.any():
            raise WordganError(f"concept {concept} has no image to average")
        means[row] = features[mine].mean(axis=0)
    return means
