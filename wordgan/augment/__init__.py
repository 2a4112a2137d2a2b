"""Differentiable augmentation of the images D sees (DiffAugment, Zhao et al. 2020)."""
from wordgan.augment.diffaugment import DiffAugment

__all__ = ["DiffAugment"]
