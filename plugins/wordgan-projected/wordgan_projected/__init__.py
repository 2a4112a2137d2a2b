"""Projected GAN's discriminator for wordgan (Sauer et al. 2021): ``build(z_dim, cond_dim, image_shape, **options) -> (G, D)``."""
from wordgan_projected.build import build
from wordgan_projected.discriminator import ProjectedDiscriminator

__all__ = ["ProjectedDiscriminator", "build"]
