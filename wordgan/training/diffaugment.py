"""DiffAugment (Zhao et al. 2020): augment real AND generated images, differentiably, before D sees them.

Augmenting only the reals would teach G to draw augmented images; augmenting both with operations that
gradients pass through keeps D from memorising a small training set while G still learns the real
distribution. The three policies of the paper: ``color`` (brightness, saturation, contrast), ``translation``
(shift by up to 1/8 of the image, zero padding) and ``cutout`` (a zeroed square of half the image side).

The random parameters are drawn first, for a whole global batch from one ``torch.Generator``, and applied
afterwards: the same seed gives the same augmentation, and each process of a distributed run applies its
slice of the parameters the one-process run would have drawn.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

from wordgan.errors import WordganError

POLICIES = ("color", "translation", "cutout")


@dataclass
class AugmentParams:
    """Per-image random draws for a batch of B; every field (B, ...) on the CPU."""

    brightness: torch.Tensor  # (B,) in [-0.5, 0.5)
    saturation: torch.Tensor  # (B,) in [0, 2)
    contrast: torch.Tensor  # (B,) in [0.5, 1.5)
    shift: torch.Tensor  # (B, 2) long pixel shifts (dy, dx)
    cutout: torch.Tensor  # (B, 2) long top-left corner of the cutout square (y, x)

    def __getitem__(self, rows: slice) -> "AugmentParams":
        return AugmentParams(*(getattr(self, f)[rows] for f in self.__dataclass_fields__))


class DiffAugment:
    """``DiffAugment("color,translation,cutout")``; ``sample`` draws the parameters, ``__call__`` applies them."""

    def __init__(self, policy: str):
        self.ops = [op.strip() for op in policy.split(",") if op.strip()]
        unknown = [op for op in self.ops if op not in POLICIES]
        if unknown or not self.ops:
            raise WordganError(f"unknown DiffAugment policy {policy!r}; use a comma-separated subset of {', '.join(POLICIES)}")
        self.policy = ",".join(self.ops)

    def sample(self, batch: int, image_shape: tuple[int, int, int], generator: torch.Generator) -> AugmentParams:
        """Random parameters for ``batch`` images of (C, H, W), drawn whether or not a policy uses them, so
        the random stream does not depend on the policy's order."""
        _, height, width = image_shape
        shift_y, shift_x = max(1, int(height * 0.125 + 0.5)), max(1, int(width * 0.125 + 0.5))
        size_y, size_x = int(height * 0.5 + 0.5), int(width * 0.5 + 0.5)
        rand = lambda *shape: torch.rand(*shape, generator=generator)  # noqa: E731
        return AugmentParams(
            brightness=rand(batch) - 0.5,
            saturation=rand(batch) * 2,
            contrast=rand(batch) + 0.5,
            shift=torch.stack([
                torch.randint(-shift_y, shift_y + 1, (batch,), generator=generator),
                torch.randint(-shift_x, shift_x + 1, (batch,), generator=generator),
            ], dim=1),
            cutout=torch.stack([
                torch.randint(0, height + (1 - size_y % 2), (batch,), generator=generator),
                torch.randint(0, width + (1 - size_x % 2), (batch,), generator=generator),
            ], dim=1),
        )

    def __call__(self, images: torch.Tensor, params: AugmentParams) -> torch.Tensor:
        """(B, C, H, W) in [-1, 1] -> (B, C, H, W) augmented; differentiable in ``images``."""
        for op in self.ops:
            images = getattr(self, f"_{op}")(images, params)
        return images

    @staticmethod
    def _color(x: torch.Tensor, p: AugmentParams) -> torch.Tensor:
        view = lambda t: t.to(x.device, x.dtype).view(-1, 1, 1, 1)  # noqa: E731
        x = x + view(p.brightness)
        mean = x.mean(dim=1, keepdim=True)  # (B, 1, H, W): saturation does nothing to one-channel images
        x = (x - mean) * view(p.saturation) + mean
        mean = x.mean(dim=(1, 2, 3), keepdim=True)  # (B, 1, 1, 1)
        return (x - mean) * view(p.contrast) + mean

    @staticmethod
    def _translation(x: torch.Tensor, p: AugmentParams) -> torch.Tensor:
        B, _, H, W = x.shape
        shift = p.shift.to(x.device)
        rows = torch.arange(H, device=x.device).view(1, H, 1) + 1 - shift[:, 0].view(B, 1, 1)  # (B, H, 1)
        cols = torch.arange(W, device=x.device).view(1, 1, W) + 1 - shift[:, 1].view(B, 1, 1)  # (B, 1, W)
        rows, cols = rows.clamp(0, H + 1).expand(B, H, W), cols.clamp(0, W + 1).expand(B, H, W)
        padded = torch.nn.functional.pad(x, [1, 1, 1, 1])  # (B, C, H + 2, W + 2), zeros around
        batch = torch.arange(B, device=x.device).view(B, 1, 1).expand(B, H, W)
        return padded.permute(0, 2, 3, 1)[batch, rows, cols].permute(0, 3, 1, 2)

    @staticmethod
    def _cutout(x: torch.Tensor, p: AugmentParams) -> torch.Tensor:
        B, _, H, W = x.shape
        size_y, size_x = int(H * 0.5 + 0.5), int(W * 0.5 + 0.5)
        corner = p.cutout.to(x.device)
        ys = torch.arange(H, device=x.device).view(1, H, 1) - (corner[:, 0].view(B, 1, 1) - size_y // 2)  # (B, H, 1)
        xs = torch.arange(W, device=x.device).view(1, 1, W) - (corner[:, 1].view(B, 1, 1) - size_x // 2)  # (B, 1, W)
        inside = (ys >= 0) & (ys < size_y) & (xs >= 0) & (xs < size_x)  # (B, H, W)
        return x * (~inside).unsqueeze(1).to(x.dtype)
