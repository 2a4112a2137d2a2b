"""Convolutions and linear layers as BigGAN builds them: orthogonal init, then optional spectral norm."""
from __future__ import annotations

from torch import nn

from wordgan_biggan.spectral_norm import spectral_norm


def conv(c_in: int, c_out: int, kernel: int, spectral: bool, bias: bool = True) -> nn.Conv2d:
    """A same-size convolution (padding kernel // 2)."""
    return _init(nn.Conv2d(c_in, c_out, kernel, padding=kernel // 2, bias=bias), spectral)


def linear(d_in: int, d_out: int, spectral: bool, bias: bool = True) -> nn.Linear:
    return _init(nn.Linear(d_in, d_out, bias=bias), spectral)


def _init(layer, spectral: bool):
    # Orthogonal init (Saxe et al. 2014), as BigGAN: every layer starts norm-preserving. It comes before
    # spectral norm, whose power iteration must start from the final weight.
    nn.init.orthogonal_(layer.weight)
    if layer.bias is not None:
        nn.init.zeros_(layer.bias)
    return spectral_norm(layer) if spectral else layer
