"""The ``wordgan.gans`` entry point: a matching generator/discriminator pair."""
from __future__ import annotations

from typing import Any, Sequence

from torch import nn

from wordgan.errors import WordganError
from wordgan_creative_gan.discriminator import MultiplyingDiscriminator
from wordgan_creative_gan.generator import MultiplyingGenerator


def build(
    z_dim: int,
    cond_dim: int,
    image_shape: tuple[int, int, int],
    g_hidden: Sequence[int] = (256, 512, 1024),
    d_hidden: Sequence[int] = (512, 512, 512),
    dropout: float = 0.4,
) -> tuple[MultiplyingGenerator, MultiplyingDiscriminator]:
    """G and D for (C, H, W) images of any size, Z-dim noise and E-dim conditions, with Keras's default init."""
    channels, height, width = image_shape
    if channels < 1 or height < 1 or width < 1:
        raise WordganError(f"creative-gan needs a positive image shape (C, H, W), got {tuple(image_shape)}")
    g_hidden, d_hidden = _widths("g_hidden", g_hidden), _widths("d_hidden", d_hidden)
    if not 0 <= dropout < 1:
        raise WordganError(f"creative-gan option dropout must be in [0, 1), got {dropout!r}")
    generator = MultiplyingGenerator(z_dim, cond_dim, image_shape, hidden=g_hidden)
    discriminator = MultiplyingDiscriminator(cond_dim, image_shape, hidden=d_hidden, dropout=float(dropout))
    generator.apply(_keras_init)
    discriminator.apply(_keras_init)
    return generator, discriminator


def _widths(name: str, value: Any) -> list[int]:
    """A list of positive layer widths, from a list or a comma-separated string ("256,512")."""
    items = value.split(",") if isinstance(value, str) else value
    try:
        widths = [int(v) for v in items]
    except (TypeError, ValueError):
        widths = []
    if not widths or any(w < 1 for w in widths):
        raise WordganError(f"creative-gan option {name} must be a non-empty list of positive widths, got {value!r}")
    return widths


def _keras_init(module: nn.Module) -> None:
    # The seed is a Keras model: Dense kernels start Glorot-uniform and biases at zero (PyTorch's own
    # default is a scaled Kaiming-uniform with random biases).
    if isinstance(module, nn.Linear):
        nn.init.xavier_uniform_(module.weight)
        nn.init.zeros_(module.bias)
