"""The projected discriminator: small heads judging an image through frozen pretrained features."""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from wordgan import Discriminator
from wordgan_projected.efficientnet_lite import TAPS, EfficientNetLiteFeatures, tap_shapes
from wordgan_projected.heads import ScaleHead
from wordgan_projected.projection import RandomProjection
from wordgan_projected.weights import load_state_dict


class ProjectedDiscriminator(Discriminator):
    """(B, C, H, W) images in [-1, 1] + (B, E) condition -> (B, M) logits, one per position of every head.

    The images are resized to ``resolution`` (one channel repeated to three) and go through the first blocks
    of a frozen ImageNet EfficientNet-Lite0 (which takes [-1, 1] inputs), whose maps at ``levels`` scales
    (strides 4, 8, 16, 32) are mixed by fixed random projections (CCM, CSM) and judged by one
    :class:`ScaleHead` per scale. M is the heads' positions together (36 at 32 px with 3 levels).

    The feature network is not a submodule: it is not in ``state_dict()`` (so not in checkpoints) nor in
    ``parameters()`` (so no optimizer sees it), takes no gradient and stays in eval mode. Its weights are read
    from their installed package at the first forward, not when D is built (building is cheap and works on
    PyTorch's meta device); ``to()`` and the other ``_apply`` conversions move it with D.
    """

    def __init__(
        self,
        cond_dim: int,
        image_shape: tuple[int, int, int],
        network: str,
        network_sha256: str,
        resolution: int,
        levels: int,
        channels: int,
        csm: bool,
        head_width: int,
        cmap_dim: int,
        head_norm: str,
        unconditional: bool,
        spread_temperature: float,
    ):
        super().__init__(cond_dim, image_shape)
        self.resolution, self.taps = resolution, TAPS[:levels]
        #: What the feature network is: its name and the sha256 of the weight file it must be read from.
        self.feature_network = {"name": network, "sha256": network_sha256}
        feature_channels, strides = tap_shapes(self.taps)
        mixed = [channels * 2**i for i in range(levels)]  # Projected GAN's "expand": wider at coarser scales
        self.projection = RandomProjection(feature_channels, mixed, csm=csm)
        sizes = [math.ceil(resolution / stride) for stride in strides]
        self.heads = nn.ModuleList(
            ScaleHead(c, s, cond_dim, head_width, cmap_dim, head_norm, unconditional, spread_temperature)
            for c, s in zip(mixed, sizes)
        )
        self.cond_scale = math.sqrt(cond_dim)
        object.__setattr__(self, "_network", None)  # bypasses nn.Module's registration on purpose

    def forward(self, images: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        features = self.projection([f.contiguous() for f in self.features(self.network_input(images))])
        # Length sqrt(E), entries of RMS 1 (as an nn.Embedding row of N(0, 1)): any embedder's vectors weigh alike.
        cond = F.normalize(cond, dim=1) * self.cond_scale  # (B, E)
        return torch.cat([head(f, cond) for head, f in zip(self.heads, features)], dim=1)  # (B, M)

    def network_input(self, images: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B, 3, R, R), channels last (the layout the CPU's depthwise convs are fastest in)."""
        x = images.expand(-1, 3, -1, -1) if images.shape[1] == 1 else images
        if x.shape[-1] != self.resolution or x.shape[-2] != self.resolution:
            shrinking = x.shape[-1] > self.resolution
            x = F.interpolate(x, size=(self.resolution, self.resolution), mode="bilinear", align_corners=False, antialias=shrinking)
        return x.contiguous(memory_format=torch.channels_last)

    def features(self, x: torch.Tensor) -> list[torch.Tensor]:
        """(B, 3, R, R) -> the frozen network's maps [(B, C_i, R / s_i, R / s_i)], finest first."""
        network = self.network(x.device)
        if x.device.type == "cpu" and x.requires_grad and torch.is_autocast_enabled("cpu"):
            # Measured on this project's CPU: under bf16 the depthwise convs' forward is 2.4x faster but their
            # backward 2.2x slower than in fp32, so the pass that G's gradient goes back through runs in fp32.
            with torch.autocast("cpu", enabled=False):
                return network(x.float())
        return network(x)

    def network(self, device: torch.device) -> EfficientNetLiteFeatures:
        """The frozen feature network on ``device``, read from its package at the first call."""
        if self._network is None:
            state = load_state_dict(self.feature_network["name"], self.feature_network["sha256"])
            network = EfficientNetLiteFeatures(self.taps).load_folded(state).requires_grad_(False).eval()
            dtype = next(self.parameters()).dtype  # D's own, should it have been converted before this first call
            object.__setattr__(self, "_network", network.to(device, dtype, memory_format=torch.channels_last))
        return self._network

    def train(self, mode: bool = True) -> "ProjectedDiscriminator":
        super().train(mode)
        if self._network is not None:
            self._network.eval()  # always: it is a fixed function of the image, never a model being trained
        return self

    def _apply(self, fn, recurse: bool = True):
        super()._apply(fn, recurse)
        if self._network is not None:
            self._network._apply(fn, recurse)
        return self
