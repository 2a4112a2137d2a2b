"""The Generator and Discriminator interfaces, and the factory a GAN plugin provides."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Protocol

import torch
from torch import nn


class Generator(nn.Module, ABC):
    """Noise plus condition in, images out.

    Shapes: ``z`` (B, Z), ``cond`` (B, E) -> images (B, C, H, W) with values in [-1, 1].
    """

    def __init__(self, z_dim: int, cond_dim: int, image_shape: tuple[int, int, int]):
        super().__init__()
        self.z_dim = z_dim
        self.cond_dim = cond_dim
        self.image_shape = tuple(image_shape)

    @abstractmethod
    def forward(self, z: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        """(B, Z), (B, E) -> (B, C, H, W) in [-1, 1]."""


class Discriminator(nn.Module, ABC):
    """Image plus condition in, realness logits out: one per image, or M per image.

    Shapes: ``images`` (B, C, H, W) in [-1, 1], ``cond`` (B, E) -> logits (B,), or (B, M) for a D that
    judges each image several times (patches, several heads: Projected GAN's M positions over its scales).
    Losses average over every logit, so an image's M logits count as M judgements of it.
    """

    def __init__(self, cond_dim: int, image_shape: tuple[int, int, int]):
        super().__init__()
        self.cond_dim = cond_dim
        self.image_shape = tuple(image_shape)

    @abstractmethod
    def forward(self, images: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W), (B, E) -> (B,) or (B, M) logits."""


class GanBuilder(Protocol):
    """What a ``wordgan.gans`` entry point points to.

    ``build(z_dim=Z, cond_dim=E, image_shape=(C, H, W), **options) -> (generator, discriminator)``;
    one factory builds both, so their shapes always agree. Options must be JSON-serialisable: the
    checkpoint stores them to rebuild the generator.
    """

    def __call__(
        self, z_dim: int, cond_dim: int, image_shape: tuple[int, int, int], **options: Any
    ) -> tuple[Generator, Discriminator]: ...
