"""BigGAN's discriminator: spectrally normalised residual blocks and a projection of the condition."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from wordgan import Discriminator
from wordgan_biggan.attention import SelfAttention
from wordgan_biggan.layers import conv, linear
from wordgan_biggan.layout import BlockPlan, discriminator_blocks


class DownBlock(nn.Module):
    """(B, C_in, s, s) -> (B, C_out, s/2, s/2) (or s when not down-sampling).

    ReLU, 3x3 conv, ReLU, 3x3 conv, 2x2 average pooling, plus a 1x1-conv shortcut. The first block skips the
    leading ReLU (it would clip the image) and pools its shortcut before the 1x1 conv (the same result on a
    linear path, four times cheaper), as BigGAN's does.
    """

    def __init__(self, plan: BlockPlan, first: bool):
        super().__init__()
        self.first, self.downsample = first, plan.resample
        self.conv1 = conv(plan.c_in, plan.c_out, 3, spectral=True)
        self.conv2 = conv(plan.c_out, plan.c_out, 3, spectral=True)
        self.shortcut = conv(plan.c_in, plan.c_out, 1, spectral=True) if plan.c_in != plan.c_out or plan.resample else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = x if self.first else F.relu(x)
        h = self.conv2(F.relu(self.conv1(h)))
        if self.downsample:
            h = F.avg_pool2d(h, 2)
        if self.shortcut is None:
            return h + x
        if self.first:
            return h + self.shortcut(F.avg_pool2d(x, 2) if self.downsample else x)
        shortcut = self.shortcut(x)
        return h + (F.avg_pool2d(shortcut, 2) if self.downsample else shortcut)


class BigGanDiscriminator(Discriminator):
    """(B, C, H, W) images + (B, E) condition -> (B,) logits ``w·h + <V c, h>``.

    ``h`` (B, F) is the sum over positions of the last block's ReLU'd features. The condition enters by
    projection (Miyato & Koyama 2018): BigGAN's class embedding becomes a spectrally normalised linear map V
    of the condition, rescaled to length 1 first so any embedder's vectors weigh alike, and so that under
    spectral norm the conditional term is bounded by |h| just as the unconditional one is. Every conv and
    linear layer is spectrally normalised (Miyato et al. 2018).
    """

    def __init__(self, cond_dim: int, image_shape: tuple[int, int, int], ch: int, attention: int | None):
        super().__init__(cond_dim, image_shape)
        channels, size, _ = image_shape
        plans = discriminator_blocks(size, channels, ch)
        self.blocks = nn.ModuleList(DownBlock(plan, first=i == 0) for i, plan in enumerate(plans))
        resolutions = [plan.resolution for plan in plans]
        self.attention_after = resolutions.index(attention) if attention else -1
        self.attention = SelfAttention(plans[self.attention_after].c_out, spectral=True) if attention else nn.Identity()
        feature_dim = plans[-1].c_out
        self.unconditional = linear(feature_dim, 1, spectral=True)
        self.embed_condition = linear(cond_dim, feature_dim, spectral=True, bias=False)

    def forward(self, images: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        h = images
        for i, block in enumerate(self.blocks):
            h = block(h)
            if i == self.attention_after:
                h = self.attention(h)
        h = F.relu(h).sum(dim=(2, 3))  # (B, F)
        projection = (self.embed_condition(F.normalize(cond, dim=1)) * h).sum(dim=1)  # (B,)
        return self.unconditional(h).squeeze(1) + projection  # (B,)
