"""A one-hot embedder for wordgan: an example third-party plugin, and the baseline with no zero-shot ability."""
from wordgan_onehot.embedder import FASHION_MNIST_WORDS, OneHotEmbedder

__all__ = ["FASHION_MNIST_WORDS", "OneHotEmbedder"]
