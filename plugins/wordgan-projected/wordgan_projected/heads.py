"""The small discriminator Projected GAN puts on each scale of features, conditioned by projection."""
from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm


class ScaleHead(nn.Module):
    """(B, C, s, s) features + (B, E) condition -> (B, P) logits, one per position of its last map.

    A 3x3 conv, then stride-2 4x4 convs until the map is at most ``end_size`` wide, each followed by a leaky
    ReLU; every conv spectrally normalised (as Projected GAN's). Each position's logit is
    ``u(h) + <phi(h), e(c)> / sqrt(D)``: an unconditional 1x1 conv plus the projection (Miyato & Koyama 2018)
    of a D-channel 1x1 conv onto the condition's embedding ``e(c) = LeakyReLU(W c)``, which is Projected GAN's
    class-conditional head with the class embedding replaced by a linear map of the word's vector.
    """

    def __init__(self, c_in: int, size: int, cond_dim: int, width: int, cmap_dim: int, end_size: int = 4):
        super().__init__()
        layers: list[nn.Module] = [spectral_norm(nn.Conv2d(c_in, width, 3, 1, 1)), nn.LeakyReLU(0.2, inplace=True)]
        while size > end_size:
            layers += [spectral_norm(nn.Conv2d(width, width, 4, 2, 1)), nn.LeakyReLU(0.2, inplace=True)]
            size //= 2
        self.body = nn.Sequential(*layers)
        self.unconditional = spectral_norm(nn.Conv2d(width, 1, 1))
        self.to_cmap = spectral_norm(nn.Conv2d(width, cmap_dim, 1, bias=False))
        self.embed = nn.Sequential(nn.Linear(cond_dim, cmap_dim), nn.LeakyReLU(0.2, inplace=True))
        self.scale = 1 / math.sqrt(cmap_dim)
        self.positions = size * size

    def forward(self, h: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        h = self.body(h)  # (B, W, p, p)
        e = self.embed(cond).to(h.dtype)  # (B, D)
        projection = torch.einsum("bdyx,bd->byx", self.to_cmap(h), e) * self.scale  # (B, p, p)
        return (self.unconditional(h).squeeze(1) + projection).flatten(1)  # (B, p * p)
