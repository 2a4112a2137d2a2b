"""Conditional DCGAN plugin for wordgan: ``build(z_dim, cond_dim, image_shape, **options) -> (G, D)``."""
from wordgan_dcgan.build import build
from wordgan_dcgan.discriminator import ProjectionDiscriminator
from wordgan_dcgan.generator import ConditionalGenerator

__all__ = ["ConditionalGenerator", "ProjectionDiscriminator", "build"]
