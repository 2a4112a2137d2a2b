"""The seed's generator: an MLP on the noise multiplied element-wise by the word vector."""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

from wordgan import Generator
from wordgan_creative_gan.noise_map import noise_map

#: Keras's BatchNormalization(momentum=0.8) keeps 0.8 of the old running average; PyTorch's momentum is the
#: share of the new batch, so 0.2. Keras's default epsilon is 1e-3.
BN_MOMENTUM, BN_EPS = 0.2, 1e-3


class MultiplyingGenerator(Generator):
    """(B, Z) noise + (B, E) condition -> (B, C, H, W) images in [-1, 1].

    The input of the MLP is ``(z P^T) * cond`` (B, E): noise at the condition's size (see
    :func:`~wordgan_creative_gan.noise_map.noise_map`) scaled number by number by the word vector, as the
    seed's Keras model does with ``multiply([noise, label_embedding])``. Then dense layers, each followed
    by a leaky ReLU and batch norm (the seed's order), and a dense layer to every pixel with ``tanh``.
    """

    def __init__(
        self, z_dim: int, cond_dim: int, image_shape: tuple[int, int, int], hidden: Sequence[int] = (256, 512, 1024)
    ):
        super().__init__(z_dim, cond_dim, image_shape)
        self.register_buffer("noise_map", noise_map(z_dim, cond_dim))  # (E, Z), fixed, stored with the weights
        layers: list[nn.Module] = []
        width = cond_dim
        for out in hidden:
            layers += [nn.Linear(width, out), nn.LeakyReLU(0.2), nn.BatchNorm1d(out, eps=BN_EPS, momentum=BN_MOMENTUM)]
            width = out
        pixels = image_shape[0] * image_shape[1] * image_shape[2]
        layers += [nn.Linear(width, pixels), nn.Tanh()]
        self.mlp = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        noise = z @ self.noise_map.T  # (B, E)
        return self.mlp(noise * cond).view(-1, *self.image_shape)  # (B, C, H, W)
