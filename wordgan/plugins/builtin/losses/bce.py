"""The non-saturating GAN loss (Goodfellow et al. 2014), with one-sided label smoothing (Salimans et al. 2016)."""
from __future__ import annotations

import torch
import torch.nn.functional as F

from wordgan.interfaces import Loss


class NonSaturatingBCE(Loss):
    """D minimises BCE(real -> 1 - smoothing, fake -> 0); G maximises log D(fake).

    ``label_smoothing``: real targets become ``1 - label_smoothing`` (one-sided: fakes stay at 0).
    """

    def __init__(self, label_smoothing: float = 0.0):
        if not 0.0 <= label_smoothing < 0.5:
            raise ValueError(f"label_smoothing must be in [0, 0.5), got {label_smoothing}")
        self.label_smoothing = label_smoothing

    def discriminator_loss(self, real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
        real_target = torch.full_like(real_logits, 1.0 - self.label_smoothing)
        real = F.binary_cross_entropy_with_logits(real_logits, real_target)
        fake = F.softplus(fake_logits).mean()  # = BCE(fake, 0)
        return real + fake

    def generator_loss(self, fake_logits: torch.Tensor) -> torch.Tensor:
        return F.softplus(-fake_logits).mean()  # = BCE(fake, 1), non-saturating
