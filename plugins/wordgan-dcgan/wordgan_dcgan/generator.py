"""The DCGAN generator, conditioned by concatenating the condition to the noise."""
from __future__ import annotations

import torch
from torch import nn

from wordgan import Generator
from wordgan_dcgan.layout import stages_for, widths


class ConditionalGenerator(Generator):
    """(B, Z) noise + (B, E) condition -> (B, C, H, W) images in [-1, 1].

    The condition is rescaled to the noise's expected length sqrt(Z), then compressed to ``cond_code``
    numbers by a linear layer and a leaky ReLU, as in Reed et al. 2016 (GAN-CLS), then concatenated with
    the noise. Without both, a wide embedding swamps the noise (384 condition numbers of RMS 1 against 64
    noise numbers for all-MiniLM-L6-v2) and G learns to ignore z: one picture per word, whatever the noise.
    ``cond_code=0`` concatenates the rescaled condition itself.
    """

    def __init__(
        self,
        z_dim: int,
        cond_dim: int,
        image_shape: tuple[int, int, int],
        width: int = 64,
        max_width: int = 256,
        cond_code: int = 64,
    ):
        super().__init__(z_dim, cond_dim, image_shape)
        channels, size, _ = image_shape
        self.base, n = stages_for(size)
        chans = widths(n, width, max_width)[::-1]  # from the base map outwards: wide to narrow
        self.compress = (
            nn.Sequential(nn.Linear(cond_dim, cond_code), nn.LeakyReLU(0.2, inplace=True)) if cond_code else nn.Identity()
        )
        self.project = nn.Sequential(
            nn.Linear(z_dim + (cond_code or cond_dim), chans[0] * self.base * self.base, bias=False),
            nn.BatchNorm1d(chans[0] * self.base * self.base),
            nn.ReLU(inplace=True),
        )
        blocks = []
        for c_in, c_out in zip(chans, chans[1:]):
            blocks += [
                nn.ConvTranspose2d(c_in, c_out, 4, stride=2, padding=1, bias=False),
                nn.BatchNorm2d(c_out),
                nn.ReLU(inplace=True),
            ]
        # The last stage upsamples straight to the image: a full-resolution conv block would cost more
        # than all the others together on a CPU.
        blocks += [nn.ConvTranspose2d(chans[-1], channels, 4, stride=2, padding=1), nn.Tanh()]
        self.upsample = nn.Sequential(*blocks)
        self.first_width = chans[0]
        self.cond_norm = float(z_dim) ** 0.5

    def forward(self, z: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        cond = nn.functional.normalize(cond, dim=1) * self.cond_norm  # (B, E), each of length sqrt(Z)
        h = self.project(torch.cat([z, self.compress(cond)], dim=1))  # (B, W0 * s * s)
        h = h.view(-1, self.first_width, self.base, self.base)  # (B, W0, s, s)
        return self.upsample(h)  # (B, C, H, W)
