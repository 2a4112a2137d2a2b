"""The public plugin API: what a plugin implements."""
from wordgan.interfaces.dataset import DatasetProvider, ImageDataset
from wordgan.interfaces.embedder import Embedder, EmbedderSpec
from wordgan.interfaces.gan import Discriminator, GanBuilder, Generator
from wordgan.interfaces.loss import Loss

__all__ = [
    "DatasetProvider",
    "Discriminator",
    "Embedder",
    "EmbedderSpec",
    "GanBuilder",
    "Generator",
    "ImageDataset",
    "Loss",
]
