"""The dataset interface: labelled images held in memory as uint8."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

    # What follows is optional: a dataset of ten classes needs none of it; one of many concepts (emoji)
    # tells the trainer and the evaluation what it is best trained and judged with.

    def concept_groups(self) -> dict[str, list[str]]:
        """Kinds of things the class words fall into (emoji's subcategories: "animal-mammal" -> ["tiger",
        ...]), by which a held-out word is judged with many concepts: does an animal look like an animal.
        Empty (the default) if the dataset has none."""
        return {}

    def vocabulary(self) -> dict[str, list[str]]:
        """The dataset's own extra condition words per class word (``--vocabulary dataset``), e.g. emoji's
        CLDR keywords; the default: none of its own."""
        raise NotImplementedError(f"the {type(self).__name__} dataset has no vocabulary of its own")

    def training_defaults(self) -> dict[str, Any]:
        """``TrainConfig`` settings this dataset trains best with (emoji: its held-out split, its own
        vocabulary, DiffAugment). ``wordgan train`` puts them under the user's own settings (flags and
        config file win), and the run's config.json records what was used. Empty by default."""
        return {}

    def shipped_evaluator(self) -> Path | None:
        """An evaluator the plugin ships for the dataset as built with these options, which ``wordgan
        evaluate`` judges with unless given another; None (the default) if there is none."""
        return None
