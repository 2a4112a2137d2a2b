"""The small discriminator Projected GAN puts on each scale of features, conditioned by projection."""
from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

from wordgan_projected.spread import conditional_spread


class ScaleHead(nn.Module):
    """(B, C, s, s) features + (B, E) condition -> (B, P) logits, one per position of its last map.

    A 3x3 conv, then stride-2 4x4 convs until the map is at most ``end_size`` wide, each followed by batch norm
    (``norm="batch"``) and a leaky ReLU; every conv spectrally normalised (Projected GAN's ``DownBlock``). Then,
    with a ``spread_temperature``, the conditional spread channel (:mod:`wordgan_projected.spread`). Each
    position's logit is the projection (Miyato & Koyama 2018) ``<phi(h), e(c)> / sqrt(D)`` of a D-channel 1x1
    conv onto the condition's embedding ``e(c) = LeakyReLU(W c)``, plus an unconditional 1x1 conv ``u(h)`` if
    ``unconditional``: Projected GAN's class-conditional head (``SingleDiscCond``, projection only) with the
    class embedding replaced by a linear map of the word's vector.
    """

    def __init__(self, c_in: int, size: int, cond_dim: int, width: int, cmap_dim: int, norm: str, unconditional: bool,
                 spread_temperature: float, end_size: int = 4):
        super().__init__()
        norm_layer = {"none": lambda c: nn.Identity(), "batch": nn.BatchNorm2d}[norm]
        layers: list[nn.Module] = [spectral_norm(nn.Conv2d(c_in, width, 3, 1, 1)), norm_layer(width), nn.LeakyReLU(0.2, inplace=True)]
        while size > end_size:
            layers += [spectral_norm(nn.Conv2d(width, width, 4, 2, 1)), norm_layer(width), nn.LeakyReLU(0.2, inplace=True)]
            size //= 2
        self.body = nn.Sequential(*layers)
        self.spread_temperature = spread_temperature
        out_width = width + (1 if spread_temperature else 0)
        self.unconditional = spectral_norm(nn.Conv2d(out_width, 1, 1)) if unconditional else None
        self.to_cmap = spectral_norm(nn.Conv2d(out_width, cmap_dim, 1, bias=False))
        self.embed = nn.Sequential(nn.Linear(cond_dim, cmap_dim), nn.LeakyReLU(0.2, inplace=True))
        self.scale = 1 / math.sqrt(cmap_dim)
        self.positions = size * size

    def forward(self, h: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        h = self.body(h)  # (B, W, p, p)
        if self.spread_temperature:
            h = conditional_spread(h, cond, self.spread_temperature)  # (B, W + 1, p, p)
        e = self.embed(cond).to(h.dtype)  # (B, D)
        projection = torch.einsum("bdyx,bd->byx", self.to_cmap(h), e) * self.scale  # (B, p, p)
        if self.unconditional is not None:
            projection = projection + self.unconditional(h).squeeze(1)
        return projection.flatten(1)  # (B, p * p)
