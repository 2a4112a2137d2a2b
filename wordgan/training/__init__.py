"""Training: one readable loop, run directories, resumable checkpoints."""
from wordgan.training.trainer import train

__all__ = ["train"]
