"""A wordgan embedder on fastText models: words outside the vocabulary get vectors from their character n-grams."""
from wordgan_fasttext.default_model import DEFAULT_MODEL
from wordgan_fasttext.embedder import FastTextEmbedder
from wordgan_fasttext.training import train_model

__all__ = ["DEFAULT_MODEL", "FastTextEmbedder", "train_model"]
