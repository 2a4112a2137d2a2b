"""Self-attention over feature maps (Zhang et al. 2019, SAGAN), as BigGAN uses it at one resolution."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from wordgan_biggan.layers import conv


class SelfAttention(nn.Module):
    """(B, C, H, W) -> (B, C, H, W): each position adds a weighted mix of all positions' features.

    Keys and values are max-pooled 2x2 (SAGAN's saving: a quarter of the pairs); queries and keys have C/8
    channels, values C/2. ``gamma`` starts at 0, so the layer starts as the identity and the network learns
    how much long-range mixing it wants.
    """

    def __init__(self, channels: int, spectral: bool):
        super().__init__()
        key_dim, value_dim = max(channels // 8, 1), max(channels // 2, 1)
        self.query = conv(channels, key_dim, 1, spectral, bias=False)
        self.key = conv(channels, key_dim, 1, spectral, bias=False)
        self.value = conv(channels, value_dim, 1, spectral, bias=False)
        self.out = conv(value_dim, channels, 1, spectral, bias=False)
        self.gamma = nn.Parameter(torch.zeros(()))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, _, H, W = x.shape
        query = self.query(x).flatten(2)  # (B, K, HW)
        key = F.max_pool2d(self.key(x), 2).flatten(2)  # (B, K, HW/4)
        value = F.max_pool2d(self.value(x), 2).flatten(2)  # (B, V, HW/4)
        weights = torch.softmax(query.transpose(1, 2) @ key, dim=-1)  # (B, HW, HW/4)
        mixed = (value @ weights.transpose(1, 2)).view(B, -1, H, W)  # (B, V, H, W)
        return x + self.gamma * self.out(mixed)
