"""EfficientNet-Lite0's first blocks, as a frozen feature network with its batch norms folded into the convs.

The layout is Tan & Le 2019 (EfficientNet) in its "lite" form (ReLU6, no squeeze-excitation), as TensorFlow's
``efficientnet_lite_builder.py`` defines lite0: a 3x3 stride-2 stem of 32 channels, then 16 inverted-residual
(MBConv) blocks. Padding is TensorFlow's "same" (one more pixel on the bottom and right when the total is odd),
which the ImageNet weights were trained with.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class BlockSpec:
    kernel: int
    stride: int
    expand: int
    c_in: int
    c_out: int


def _stage(repeats: int, kernel: int, stride: int, expand: int, c_in: int, c_out: int) -> list[BlockSpec]:
    """A stage's blocks: the first changes the stride and width, the others repeat at the new width."""
    return [BlockSpec(kernel, stride if i == 0 else 1, expand, c_in if i == 0 else c_out, c_out) for i in range(repeats)]


#: lite0's 16 blocks: TensorFlow's 'r1_k3_s11_e1_i32_o16', 'r2_k3_s22_e6_i16_o24', ... one stage per line.
LITE0_BLOCKS: tuple[BlockSpec, ...] = tuple(
    _stage(1, 3, 1, 1, 32, 16)
    + _stage(2, 3, 2, 6, 16, 24)
    + _stage(2, 5, 2, 6, 24, 40)
    + _stage(3, 3, 2, 6, 40, 80)
    + _stage(3, 5, 1, 6, 80, 112)
    + _stage(4, 5, 2, 6, 112, 192)
    + _stage(1, 3, 1, 6, 192, 320)
)
STEM_CHANNELS = 32
#: The blocks after which Projected GAN taps its four feature maps (the ends of timm's stages 2, 3, 5 and 7):
#: strides 4, 8, 16 and 32 with 24, 40, 112 and 320 channels.
TAPS = (2, 4, 10, 15)
BN_EPS = 1e-3  # TensorFlow's, which the weights were trained with


def tap_shapes(taps: tuple[int, ...], blocks: tuple[BlockSpec, ...] = LITE0_BLOCKS) -> tuple[list[int], list[int]]:
    """(channels, strides) of the maps after blocks ``taps``, without building anything."""
    return [blocks[i].c_out for i in taps], [2 * math.prod(spec.stride for spec in blocks[: i + 1]) for i in taps]


def same_padding(x: torch.Tensor, kernel: int, stride: int) -> torch.Tensor:
    """Pad (B, C, H, W) as TensorFlow's 'same' convolution does: output ceil(H / stride), the odd pixel at the end."""
    pads = []
    for size in (x.shape[-1], x.shape[-2]):  # F.pad wants the last dimension first
        total = max((math.ceil(size / stride) - 1) * stride + kernel - size, 0)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads) if any(pads) else x


class ConvReLU6(nn.Module):
    """A conv whose batch norm is folded into its weight and bias, then ReLU6 unless ``act`` is False."""

    def __init__(self, c_in: int, c_out: int, kernel: int, stride: int = 1, groups: int = 1, act: bool = True):
        super().__init__()
        # At stride 1 'same' padding is symmetric (odd kernels), which the conv does without copying the input.
        padding = kernel // 2 if stride == 1 else 0
        self.conv = nn.Conv2d(c_in, c_out, kernel, stride, padding=padding, groups=groups, bias=True)
        self.kernel, self.stride, self.act = kernel, stride, act

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv(same_padding(x, self.kernel, self.stride) if self.stride > 1 else x)
        return F.relu6(x) if self.act else x


class MBConv(nn.Module):
    """Inverted residual: 1x1 expand, depthwise k x k, 1x1 project (linear), plus the input when shapes match."""

    def __init__(self, spec: BlockSpec):
        super().__init__()
        hidden = spec.c_in * spec.expand
        self.expand = ConvReLU6(spec.c_in, hidden, 1) if spec.expand != 1 else nn.Identity()
        self.depthwise = ConvReLU6(hidden, hidden, spec.kernel, spec.stride, groups=hidden)
        self.project = ConvReLU6(hidden, spec.c_out, 1, act=False)
        self.residual = spec.stride == 1 and spec.c_in == spec.c_out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.project(self.depthwise(self.expand(x)))
        return h + x if self.residual else h


class EfficientNetLiteFeatures(nn.Module):
    """(B, 3, R, R) in [-1, 1] -> the outputs of blocks ``taps``: [(B, C_i, R / s_i, R / s_i)].

    Only the blocks up to the last tap are built. Built empty; :meth:`load_folded` fills it from the ImageNet
    state dict (the ``efficientnet-lite-pytorch`` key names, ``_blocks.3._depthwise_conv.weight``...).
    """

    def __init__(self, taps: tuple[int, ...] = TAPS, blocks: tuple[BlockSpec, ...] = LITE0_BLOCKS):
        super().__init__()
        self.taps = tuple(taps)
        self.stem = ConvReLU6(3, STEM_CHANNELS, 3, stride=2)
        self.blocks = nn.ModuleList(MBConv(spec) for spec in blocks[: max(self.taps) + 1])
        self.channels, self.strides = tap_shapes(self.taps, blocks)

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        h, out = self.stem(x), []
        for i, block in enumerate(self.blocks):
            h = block(h)
            if i in self.taps:
                out.append(h)
        return out

    @torch.no_grad()
    def load_folded(self, state: dict[str, torch.Tensor]) -> "EfficientNetLiteFeatures":
        """Copy each conv of ``state`` with its batch norm folded in: ``w * g / sqrt(v + eps)`` and
        ``b - m * g / sqrt(v + eps)``, which is what the conv then batch norm compute in eval mode."""
        pairs = [(self.stem, "_conv_stem", "_bn0")]
        for i, block in enumerate(self.blocks):
            if isinstance(block.expand, ConvReLU6):
                pairs.append((block.expand, f"_blocks.{i}._expand_conv", f"_blocks.{i}._bn0"))
            pairs.append((block.depthwise, f"_blocks.{i}._depthwise_conv", f"_blocks.{i}._bn1"))
            pairs.append((block.project, f"_blocks.{i}._project_conv", f"_blocks.{i}._bn2"))
        for layer, conv, bn in pairs:
            scale = state[f"{bn}.weight"] / torch.sqrt(state[f"{bn}.running_var"] + BN_EPS)  # (C_out,)
            layer.conv.weight.copy_(state[f"{conv}.weight"] * scale.view(-1, 1, 1, 1))
            layer.conv.bias.copy_(state[f"{bn}.bias"] - state[f"{bn}.running_mean"] * scale)
        return self
