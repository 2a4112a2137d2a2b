"""What the evaluator sees: generated images of a word, and the real test images, as predictions and features."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from wordgan.evaluation.judge.evaluator import Evaluator
from wordgan.interfaces import ImageDataset


@dataclass
class Judged:
    """Images and what the evaluator makes of them.

    ``images``: (N, C, H, W) uint8; ``predicted``: (N,) class indexes; ``features``: (N, F) float32.
    """

    images: torch.Tensor
    predicted: np.ndarray
    features: np.ndarray

    @classmethod
    def of(cls, evaluator: Evaluator, images: torch.Tensor) -> "Judged":
        logits, features = evaluator.predict(images)
        return cls(images, logits.argmax(dim=1).numpy(), features.numpy())


@dataclass
class RealSet:
    """The real test split as the evaluator sees it, with its (N,) class labels."""

    judged: Judged
    labels: np.ndarray

    @classmethod
    def of(cls, evaluator: Evaluator, dataset: ImageDataset) -> "RealSet":
        return cls(Judged.of(evaluator, dataset.images), dataset.labels.numpy())

    def features_of(self, class_index: int, count: int) -> np.ndarray:
        """(min(count, available), F) features of the first real test images of a class."""
        return self.judged.features[self.labels == class_index][:count]

    def accuracy_of(self, class_index: int) -> float:
        """The evaluator's accuracy on the real test images of a class: the ceiling for seen-word accuracy."""
        mine = self.labels == class_index
        return float(np.mean(self.judged.predicted[mine] == class_index))
