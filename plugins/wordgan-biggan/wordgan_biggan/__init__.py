"""BigGAN-style conditional GAN plugin for wordgan: ``build(z_dim, cond_dim, image_shape, **options) -> (G, D)``."""
from wordgan_biggan.build import build, preset_options
from wordgan_biggan.discriminator import BigGanDiscriminator
from wordgan_biggan.generator import BigGanGenerator
from wordgan_biggan.spectral_norm import SpectralNorm, is_spectrally_normalised, spectral_norm

__all__ = [
    "BigGanDiscriminator",
    "BigGanGenerator",
    "SpectralNorm",
    "build",
    "is_spectrally_normalised",
    "preset_options",
    "spectral_norm",
]
