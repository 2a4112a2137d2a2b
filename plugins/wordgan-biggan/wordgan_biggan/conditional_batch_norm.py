"""Conditional batch norm: per-sample gains and biases computed from a code (de Vries et al. 2017; BigGAN)."""
from __future__ import annotations

import torch
from torch import nn

from wordgan_biggan.layers import linear


class ConditionalBatchNorm2d(nn.Module):
    """(B, C, H, W) features, (B, S) code -> (B, C, H, W): ``norm(x) * (1 + gain(code)) + bias(code)``.

    The normalisation itself is a standard ``nn.BatchNorm2d`` without affine parameters, so
    ``torch.nn.SyncBatchNorm.convert_sync_batchnorm`` converts it under DDP; the affine part comes from the
    code, which in BigGAN is [shared condition embedding, this block's noise chunk].
    """

    def __init__(self, channels: int, code_dim: int, spectral: bool):
        super().__init__()
        self.norm = nn.BatchNorm2d(channels, affine=False)
        self.gain = linear(code_dim, channels, spectral, bias=False)
        self.bias = linear(code_dim, channels, spectral, bias=False)

    def forward(self, x: torch.Tensor, code: torch.Tensor) -> torch.Tensor:
        gain = 1.0 + self.gain(code)[:, :, None, None]  # (B, C, 1, 1): centred on 1, so init leaves x as normalised
        bias = self.bias(code)[:, :, None, None]  # (B, C, 1, 1)
        return self.norm(x) * gain + bias
