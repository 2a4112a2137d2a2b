"""The DCGAN generator, conditioned by concatenating the condition to the noise."""
from __future__ import annotations

import torch
from torch import nn

from wordgan import Generator
from wordgan_dcgan.layout import stages_for, widths


class ConditionalGenerator(Generator):
    """(B, Z) noise + (B, E) condition -> (B, C, H, W) images in [-1, 1]."""

    def __init__(self, z_dim: int, cond_dim: int, image_shape: tuple[int, int, int], width: int = 64, max_width: int = 256):
        super().__init__(z_dim, cond_dim, image_shape)
        channels, size, _ = image_shape
        self.base, n = stages_for(size)
        chans = widths(n, width, max_width)[::-1]  # from the base map outwards: wide to narrow
        self.project = nn.Sequential(
            nn.Linear(z_dim + cond_dim, chans[0] * self.base * self.base, bias=False),
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

    def forward(self, z: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        h = self.project(torch.cat([z, cond], dim=1))  # (B, W0 * s * s)
        h = h.view(-1, self.first_width, self.base, self.base)  # (B, W0, s, s)
        return self.upsample(h)  # (B, C, H, W)
