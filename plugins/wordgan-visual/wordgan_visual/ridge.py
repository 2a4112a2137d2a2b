"""Ridge regression from text vectors to visual prototypes, its strength chosen by cross-validation.

EXEM (Changpinyo, Chao, Sha, ICCV 2017) learns, on the seen classes, a regression from a class's semantic
vector to its visual exemplar, then places an unseen class at the regression of its semantic vector. Here the
semantic vector is a text embedder's vector of the concept's name and the exemplar its prototype; EXEM used
kernel SVR per dimension, this is its linear, closed-form counterpart.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from wordgan.errors import WordganError

#: The strengths cross-validation chooses from (the inputs are unit vectors of a few hundred dimensions).
ALPHAS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5


@dataclass(frozen=True)
class Ridge:
    """(N, D) inputs -> (N, E) outputs ``x @ weight + bias``."""

    weight: np.ndarray  # (D, E)
    bias: np.ndarray  # (E,)
    alpha: float

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x, dtype=np.float64) @ self.weight + self.bias


def fit_ridge(x: np.ndarray, y: np.ndarray, alpha: float) -> Ridge:
    """Minimise ``|x W + b - y|^2 + alpha |W|^2`` over (D, E) W and (E,) b (b not penalised), in closed form:
    W = (Xc' Xc + alpha I)^-1 Xc' Yc on centred rows, b = mean(y) - mean(x) W."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if x.ndim != 2 or y.ndim != 2 or len(x) != len(y) or len(x) < 2:
        raise WordganError(f"ridge regression needs (N, D) and (N, E) rows with N >= 2, got {x.shape} and {y.shape}")
    x_mean, y_mean = x.mean(axis=0), y.mean(axis=0)
    xc, yc = x - x_mean, y - y_mean
    weight = np.linalg.solve(xc.T @ xc + alpha * np.eye(x.shape[1]), xc.T @ yc)
    return Ridge(weight=weight, bias=y_mean - x_mean @ weight, alpha=float(alpha))


def cross_validated_error(x: np.ndarray, y: np.ndarray, alpha: float, folds: int = FOLDS) -> float:
    """Mean squared error on rows left out, row i in fold i % ``folds`` (rows in dataset order interleave its kinds)."""
    fold = np.arange(len(x)) % folds
    errors = []
    for k in range(folds):
        model = fit_ridge(x[fold != k], y[fold != k], alpha)
        errors.append(((model(x[fold == k]) - y[fold == k]) ** 2).sum())
    return float(np.sum(errors) / y.size)


def fit_ridge_cv(x: np.ndarray, y: np.ndarray, alphas: Sequence[float] = ALPHAS, folds: int = FOLDS) -> Ridge:
    """The ridge of the strength in ``alphas`` with the least cross-validated error, refitted on every row."""
    if len(x) < 2 * folds:
        raise WordganError(f"choosing the ridge strength by {folds}-fold cross-validation needs at least {2 * folds} concepts, got {len(x)}")
    best = min(alphas, key=lambda alpha: cross_validated_error(x, y, alpha, folds))
    return fit_ridge(x, y, best)
