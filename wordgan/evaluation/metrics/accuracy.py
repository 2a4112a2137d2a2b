"""Seen-word accuracy: the "GAN-test" of Shmelkov et al. 2018 ("How good is my GAN?", ECCV)."""
from __future__ import annotations

import numpy as np


def class_accuracy(predicted: np.ndarray, target: int) -> float:
    """Share of (N,) predicted class indexes equal to ``target``: how often the evaluator sees the asked class."""
    predicted = np.asarray(predicted)
    if predicted.size == 0:
        raise ValueError("no predictions to score")
    return float(np.mean(predicted == target))


def share_in(predicted: np.ndarray, accepted: set[int] | list[int]) -> float:
    """Share of (N,) predicted class indexes that fall in ``accepted``."""
    predicted = np.asarray(predicted)
    if predicted.size == 0:
        raise ValueError("no predictions to score")
    return float(np.mean(np.isin(predicted, sorted(accepted))))


def class_histogram(predicted: np.ndarray, num_classes: int) -> np.ndarray:
    """(N,) class indexes -> (K,) shares summing to 1."""
    predicted = np.asarray(predicted)
    if predicted.size == 0:
        raise ValueError("no predictions to count")
    return np.bincount(predicted, minlength=num_classes).astype(np.float64) / predicted.size
