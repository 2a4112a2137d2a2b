"""The ``wordgan.gans`` entry point: a matching generator/discriminator pair."""
from __future__ import annotations

from torch import nn
from torch.nn.utils import parametrize

from wordgan.errors import WordganError
from wordgan_dcgan.discriminator import ProjectionDiscriminator
from wordgan_dcgan.generator import ConditionalGenerator


def build(
    z_dim: int,
    cond_dim: int,
    image_shape: tuple[int, int, int],
    width: int = 64,
    max_width: int = 256,
    spectral_norm: bool = False,
    feature_dim: int = 256,
    cond_code: int = 64,
) -> tuple[ConditionalGenerator, ProjectionDiscriminator]:
    """G and D for (C, H, W) images, Z-dim noise and E-dim conditions, with DCGAN's N(0, 0.02) init."""
    channels, height, width_px = image_shape
    if height != width_px or channels not in (1, 3):
        raise WordganError(f"dcgan needs square images with 1 or 3 channels, got (C, H, W) = {tuple(image_shape)}")
    if cond_code < 0:
        raise WordganError(f"cond_code must be 0 (no compression) or a positive size, got {cond_code}")
    generator = ConditionalGenerator(z_dim, cond_dim, image_shape, width=width, max_width=max_width, cond_code=int(cond_code))
    discriminator = ProjectionDiscriminator(
        cond_dim, image_shape, width=width, max_width=max_width, spectral_norm=bool(spectral_norm), feature_dim=feature_dim
    )
    generator.apply(_dcgan_init)
    discriminator.apply(_dcgan_init)
    return generator, discriminator


def _dcgan_init(module: nn.Module) -> None:
    # Radford et al.: all weights from N(0, 0.02); batch-norm scales from N(1, 0.02).
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        # Under spectral norm the trainable tensor is the parametrization's original weight.
        target = module.parametrizations.weight.original if parametrize.is_parametrized(module, "weight") else module.weight
        nn.init.normal_(target, 0.0, 0.02)
        if module.bias is not None:
            nn.init.zeros_(module.bias)
    elif isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)
