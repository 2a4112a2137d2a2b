"""The seed's discriminator: the flattened image multiplied by a dense expansion of the word vector."""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

from wordgan import Discriminator


class MultiplyingDiscriminator(Discriminator):
    """(B, C, H, W) images + (B, E) condition -> (B,) logits.

    The condition is expanded by a dense layer to one number per pixel and multiplied into the flattened
    image (the seed's ``label_expansion``), then an MLP with leaky ReLUs and dropout after every layer but
    the first scores it. The seed ends in a sigmoid; here D gives the logit, and the loss plugin (``bce``
    by default, the seed's binary cross-entropy) applies it.
    """

    def __init__(
        self,
        cond_dim: int,
        image_shape: tuple[int, int, int],
        hidden: Sequence[int] = (512, 512, 512),
        dropout: float = 0.4,
    ):
        super().__init__(cond_dim, image_shape)
        pixels = image_shape[0] * image_shape[1] * image_shape[2]
        self.expand_condition = nn.Linear(cond_dim, pixels)
        layers: list[nn.Module] = []
        width = pixels
        for i, out in enumerate(hidden):
            layers += [nn.Linear(width, out), nn.LeakyReLU(0.2)]
            if i > 0:
                layers.append(nn.Dropout(dropout))
            width = out
        layers.append(nn.Linear(width, 1))
        self.mlp = nn.Sequential(*layers)

    def forward(self, images: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        joined = images.flatten(1) * self.expand_condition(cond)  # (B, C * H * W)
        return self.mlp(joined).squeeze(1)  # (B,)
