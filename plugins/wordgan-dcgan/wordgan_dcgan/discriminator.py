"""The DCGAN discriminator with a projection condition (Miyato & Koyama 2018)."""
from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm as sn

from wordgan import Discriminator
from wordgan_dcgan.layout import stages_for, widths
from wordgan_dcgan.minibatch_stddev import minibatch_stddev


#: The length every condition is rescaled to before the projection: that of a 64-d RMS-1 vector, so a 384-d
#: sentence embedding weighs on D's score as a 50-d word vector does.
CONDITION_NORM = 8.0


class ProjectionDiscriminator(Discriminator):
    """(B, C, H, W) images + (B, E) condition -> (B,) logits ``w·[h, spread] + <W c, h>``.

    ``spread`` is the batch's feature spread (ProGAN's minibatch standard deviation), so D can punish a
    generator that ignores its noise.

    No batch norm, so each image's logit depends on that image (what per-sample gradient penalties such as
    WGAN-GP assume); the one batch-wide input is the single spread scalar.
    """

    def __init__(
        self,
        cond_dim: int,
        image_shape: tuple[int, int, int],
        width: int = 64,
        max_width: int = 256,
        spectral_norm: bool = False,
        feature_dim: int = 256,
    ):
        super().__init__(cond_dim, image_shape)
        channels, size, _ = image_shape
        norm = sn if spectral_norm else (lambda layer: layer)
        base, n = stages_for(size)
        chans = widths(n, width, max_width)
        layers = []
        for c_in, c_out in zip([channels] + chans[:-1], chans):
            layers += [norm(nn.Conv2d(c_in, c_out, 4, stride=2, padding=1)), nn.LeakyReLU(0.2, inplace=True)]
        # Flatten, not pool: a linear layer over the whole last map lets D judge the global shape, which
        # two stride-2 convolutions (a 10-pixel receptive field) cannot see.
        layers += [nn.Flatten(), norm(nn.Linear(chans[-1] * base * base, feature_dim)), nn.LeakyReLU(0.2, inplace=True)]
        self.features = nn.Sequential(*layers)
        self.unconditional = norm(nn.Linear(feature_dim + 1, 1))  # + the minibatch spread
        self.embed_condition = norm(nn.Linear(cond_dim, feature_dim, bias=False))

    def forward(self, images: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        h = self.features(images)  # (B, F)
        cond = nn.functional.normalize(cond, dim=1) * CONDITION_NORM  # (B, E): the same scale for any embedder
        projection = (self.embed_condition(cond) * h).sum(dim=1)  # (B,)
        unconditional = self.unconditional(torch.cat([h, minibatch_stddev(h)], dim=1)).squeeze(1)  # (B,)
        return unconditional + projection  # (B,)
