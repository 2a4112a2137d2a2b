"""BigGAN's generator, conditioned on a word embedding instead of a class index."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from wordgan import Generator
from wordgan_biggan.attention import SelfAttention
from wordgan_biggan.conditional_batch_norm import ConditionalBatchNorm2d
from wordgan_biggan.layers import conv, linear
from wordgan_biggan.layout import BlockPlan, base_and_blocks, generator_blocks


class UpBlock(nn.Module):
    """(B, C_in, s, s) features, (B, S') code -> (B, C_out, 2s, 2s).

    BigGAN's G block: CBN, ReLU, nearest 2x up-sampling, 3x3 conv, CBN, ReLU, 3x3 conv, plus an up-sampled
    1x1-conv shortcut.
    """

    def __init__(self, plan: BlockPlan, code_dim: int, spectral: bool):
        super().__init__()
        self.norm1 = ConditionalBatchNorm2d(plan.c_in, code_dim, spectral)
        self.conv1 = conv(plan.c_in, plan.c_out, 3, spectral)
        self.norm2 = ConditionalBatchNorm2d(plan.c_out, code_dim, spectral)
        self.conv2 = conv(plan.c_out, plan.c_out, 3, spectral)
        self.shortcut = conv(plan.c_in, plan.c_out, 1, spectral)

    def forward(self, x: torch.Tensor, code: torch.Tensor) -> torch.Tensor:
        h = F.interpolate(F.relu(self.norm1(x, code)), scale_factor=2.0, mode="nearest")
        h = self.conv2(F.relu(self.norm2(self.conv1(h), code)))
        return h + self.shortcut(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class BigGanGenerator(Generator):
    """(B, Z) noise + (B, E) condition -> (B, C, H, W) images in [-1, 1].

    Hierarchical latent (BigGAN): z is split into n + 1 chunks for n up-blocks; the first chunk alone makes
    the base map through a linear layer, and block k's batch norms take their gains and biases from
    [word code, chunk k]. The word code is the condition projected by a shared linear layer to
    ``shared_dim`` numbers and rescaled to length sqrt(shared_dim): the size of a noise chunk of that many
    numbers, whatever the embedder's dimension (a 384-d condition cannot swamp a 21-number chunk), and the
    same for every word, so a word's code differs from another's in direction only.
    """

    def __init__(
        self,
        z_dim: int,
        cond_dim: int,
        image_shape: tuple[int, int, int],
        ch: int,
        shared_dim: int,
        attention: int | None,
        spectral: bool,
    ):
        super().__init__(z_dim, cond_dim, image_shape)
        channels, size, _ = image_shape
        plans = generator_blocks(size, ch)
        self.base, _ = base_and_blocks(size)
        self.first_width = plans[0].c_in
        self.chunks = len(plans) + 1
        # As z.tensor_split(chunks) cuts it: as equal as Z allows, the first Z % chunks one number longer.
        chunk_dims = [z_dim // self.chunks + (i < z_dim % self.chunks) for i in range(self.chunks)]
        # No spectral norm on the shared projection: in BigGAN-PyTorch it "seems to randomly cripple G".
        self.shared = linear(cond_dim, shared_dim, spectral=False, bias=False)
        self.linear = linear(chunk_dims[0], self.first_width * self.base * self.base, spectral)
        self.blocks = nn.ModuleList(UpBlock(plan, shared_dim + dim, spectral) for plan, dim in zip(plans, chunk_dims[1:]))
        resolutions = [plan.resolution for plan in plans]
        self.attention_after = resolutions.index(attention) if attention else -1
        self.attention = SelfAttention(plans[self.attention_after].c_out, spectral) if attention else nn.Identity()
        self.output = nn.Sequential(nn.BatchNorm2d(plans[-1].c_out), nn.ReLU(), conv(plans[-1].c_out, channels, 3, spectral))
        self.code_length = float(shared_dim) ** 0.5

    def word_code(self, cond: torch.Tensor) -> torch.Tensor:
        """(B, E) conditions -> (B, S) shared codes, each of length sqrt(S)."""
        return F.normalize(self.shared(F.normalize(cond, dim=1)), dim=1) * self.code_length

    def forward(self, z: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        chunks = z.tensor_split(self.chunks, dim=1)  # (B, Z0), (B, Z1), ...: one per block after the first
        code = self.word_code(cond)  # (B, S)
        h = self.linear(chunks[0]).view(-1, self.first_width, self.base, self.base)  # (B, W0, s, s)
        for i, (block, chunk) in enumerate(zip(self.blocks, chunks[1:])):
            h = block(h, torch.cat([code, chunk], dim=1))  # (B, W_i, 2s, 2s)
            if i == self.attention_after:
                h = self.attention(h)
        return torch.tanh(self.output(h))  # (B, C, H, W)
