"""The dataset interface: labelled images held in memory as uint8."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import torch


@dataclass
class ImageDataset:
    """A whole split in memory.

    ``images``: (N, C, H, W) uint8; ``labels``: (N,) int64 indexes into ``words``; ``words``: the K label
    words, one per class.
    """

    images: torch.Tensor
    labels: torch.Tensor
    words: list[str]

    def __post_init__(self) -> None:
        if self.images.dtype != torch.uint8 or self.images.dim() != 4:
            raise ValueError(f"images must be (N, C, H, W) uint8, got {tuple(self.images.shape)} {self.images.dtype}")
        if self.labels.shape != (self.images.shape[0],):
            raise ValueError(f"labels must be ({self.images.shape[0]},), got {tuple(self.labels.shape)}")
        if len(self.labels) and int(self.labels.max()) >= len(self.words):
            raise ValueError(f"label {int(self.labels.max())} has no word; words: {self.words}")

    def __len__(self) -> int:
        return self.images.shape[0]

    @property
    def image_shape(self) -> tuple[int, int, int]:
        """(C, H, W)."""
        return tuple(self.images.shape[1:])

    def subset(self, index: torch.Tensor) -> "ImageDataset":
        """The images at ``index`` (a (M,) long or (N,) bool tensor), with the same words."""
        return ImageDataset(self.images[index], self.labels[index], list(self.words))

    def per_class(self, count: int) -> "ImageDataset":
        """The first ``count`` images of each class, in the original order."""
        keep = torch.zeros(len(self), dtype=torch.bool)
        for k in range(len(self.words)):
            keep[torch.nonzero(self.labels == k).flatten()[:count]] = True
        return self.subset(keep)


class DatasetProvider(ABC):
    """What a ``wordgan.datasets`` entry point points to.

    The constructor takes the dataset's options as keyword arguments (e.g. ``data_dir``, ``words``).
    """

    @abstractmethod
    def load(self, split: str = "train") -> ImageDataset:
        """The ``split`` ("train" or "test") as an :class:`ImageDataset`."""
