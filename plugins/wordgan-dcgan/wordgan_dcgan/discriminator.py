"""The DCGAN discriminator with a projection condition (Miyato & Koyama 2018)."""
from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm as sn

from wordgan import Discriminator
from wordgan_dcgan.layout import stages_for, widths


class ProjectionDiscriminator(Discriminator):
    """(B, C, H, W) images + (B, E) condition -> (B,) logits ``w·h + <W c, h>``.

    No batch norm: it would couple the samples of a batch, which breaks per-sample gradient penalties
    (WGAN-GP) and the projection term's meaning.
    """

    def __init__(
        self,
        cond_dim: int,
        image_shape: tuple[int, int, int],
        width: int = 64,
        max_width: int = 256,
        spectral_norm: bool = False,
    ):
        super().__init__(cond_dim, image_shape)
        channels, size, _ = image_shape
        _, n = stages_for(size)
        norm = sn if spectral_norm else (lambda layer: layer)
        chans = widths(n, width, max_width)
        layers = []
        for c_in, c_out in zip([channels] + chans[:-1], chans):
            layers += [norm(nn.Conv2d(c_in, c_out, 4, stride=2, padding=1)), nn.LeakyReLU(0.2, inplace=True)]
        feature_dim = chans[-1]
        self.features = nn.Sequential(*layers)
        self.unconditional = norm(nn.Linear(feature_dim, 1))
        self.embed_condition = norm(nn.Linear(cond_dim, feature_dim, bias=False))

    def forward(self, images: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        h = self.features(images).sum(dim=(2, 3))  # (B, F): global sum pooling
        projection = (self.embed_condition(cond) * h).sum(dim=1)  # (B,)
        return self.unconditional(h).squeeze(1) + projection  # (B,)
