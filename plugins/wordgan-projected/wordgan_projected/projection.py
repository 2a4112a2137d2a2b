"""Projected GAN's fixed random projections of the pretrained features (Sauer et al. 2021, section 3.2).

Cross-channel mixing (CCM) mixes each feature map's channels by a random 1x1 conv; cross-scale mixing (CSM)
adds each coarser mixed map, up-sampled, into the next finer one, so every head sees the features of all
coarser scales too. Both are random and never trained (Projected GAN freezes them with the network): a
discriminator that could learn them could learn to ignore the pretrained features. Their weights are
buffers, saved with D, so a resumed run sees the same projection.

Unlike Projected GAN's CSM, each output stays at its own scale's resolution instead of being up-sampled once
more: four times fewer positions for the heads to judge, which on a CPU is the difference that matters.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class FixedConv1x1(nn.Module):
    """(B, C_in, s, s) -> (B, C_out, s, s) by a random 1x1 conv with PyTorch's default init, kept as buffers."""

    def __init__(self, c_in: int, c_out: int):
        super().__init__()
        layer = nn.Conv2d(c_in, c_out, 1)  # uniform(+-1/sqrt(C_in)) weights and bias, as Projected GAN's
        self.register_buffer("weight", layer.weight.detach().clone())
        self.register_buffer("bias", layer.bias.detach().clone())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.conv2d(x, self.weight.to(x.dtype), self.bias.to(x.dtype))


class RandomProjection(nn.Module):
    """Feature maps [(B, C_i, s_i, s_i)], finest first -> mixed maps [(B, D_i, s_i, s_i)], D_i = ``out_channels[i]``."""

    def __init__(self, in_channels: list[int], out_channels: list[int], csm: bool = True):
        super().__init__()
        self.ccm = nn.ModuleList(FixedConv1x1(c, d) for c, d in zip(in_channels, out_channels))
        # csm[i] takes the fused map of scale i + 1 to scale i's width before it is added there.
        self.csm = nn.ModuleList(FixedConv1x1(out_channels[i + 1], out_channels[i]) for i in range(len(out_channels) - 1)) if csm else None

    def forward(self, features: list[torch.Tensor]) -> list[torch.Tensor]:
        mixed = [ccm(f) for ccm, f in zip(self.ccm, features)]
        if self.csm is None:
            return mixed
        fused = [mixed[-1]]
        for i in range(len(mixed) - 2, -1, -1):  # coarsest to finest
            coarser = F.interpolate(self.csm[i](fused[0]), size=mixed[i].shape[-2:], mode="bilinear", align_corners=False)
            fused.insert(0, mixed[i] + coarser)
        return fused
