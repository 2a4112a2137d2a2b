"""The Creative GAN seed's model as a wordgan plugin: ``build(z_dim, cond_dim, image_shape, **options) -> (G, D)``."""
from wordgan_creative_gan.build import build
from wordgan_creative_gan.discriminator import MultiplyingDiscriminator
from wordgan_creative_gan.generator import MultiplyingGenerator

__all__ = ["MultiplyingDiscriminator", "MultiplyingGenerator", "build"]
