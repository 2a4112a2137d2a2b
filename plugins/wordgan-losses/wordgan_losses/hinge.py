"""The hinge loss for GANs.

Lim and Ye, "Geometric GAN", 2017, https://arxiv.org/abs/1705.02894; in this form in Miyato, Kataoka, Koyama,
Yoshida, "Spectral Normalization for Generative Adversarial Networks", ICLR 2018,
https://arxiv.org/abs/1802.05957 (and in SAGAN and BigGAN).
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from wordgan.interfaces import Loss


class Hinge(Loss):
    """D: ``mean(relu(1 - D(real))) + mean(relu(1 + D(fake)))``; G: ``-mean(D(fake))``.

    D stops pushing once a real image scores above 1 and a fake below -1, so it spends its capacity on the
    images near the margin. Pairs well with a spectrally normalised discriminator.

    ``critic_steps``: D updates per G update (1; Miyato et al. also report 5).
    """

    def __init__(self, critic_steps: int = 1):
        if critic_steps < 1:
            raise ValueError(f"critic_steps must be >= 1, got {critic_steps}")
        self.critic_steps = critic_steps

    def discriminator_loss(self, real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
        """(B,), (B',) logits -> scalar."""
        return F.relu(1.0 - real_logits).mean() + F.relu(1.0 + fake_logits).mean()

    def generator_loss(self, fake_logits: torch.Tensor) -> torch.Tensor:
        """(B,) logits of generated images -> scalar."""
        return -fake_logits.mean()
