"""Frozen ImageNet features of images: what a concept's visual prototype averages.

The network is EfficientNet-Lite0 as the ``projected`` plugin builds and loads it (``wordgan_projected``: the
weights come only from their installed package, sha256 checked, read with ``torch.load(weights_only=True)``).
Only fitting reads it; the embedder itself reads the prototypes a fit wrote and never runs the network.
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from wordgan.errors import WordganError
from wordgan_visual.defaults import RESOLUTION, TAPS
from wordgan_projected.efficientnet_lite import LITE0_BLOCKS, EfficientNetLiteFeatures
from wordgan_projected.weights import NETWORKS, load_state_dict

NETWORK = "efficientnet-lite0"
BATCH = 64  # images per forward pass: memory stays small at 128 px


def network_identity() -> dict[str, str]:
    """What a fit records of the network: its name and the sha256 of the weight file it read."""
    return {"name": NETWORK, "sha256": NETWORKS[NETWORK].sha256}


def image_features(images: torch.Tensor, resolution: int = RESOLUTION, taps: tuple[int, ...] = TAPS) -> np.ndarray:
    """(N, C, H, W) uint8 images, C 1 or 3 -> (N, F) float32: each tapped map averaged over its positions, side by side.

    Images are scaled to [-1, 1] (what EfficientNet-Lite takes), a grey channel is repeated three times, and
    each image is resized (bilinear) to ``resolution`` pixels a side. ``taps``: block numbers 0-15 (10: stride 16,
    112 channels; 15: stride 32, 320 channels; 2 and 4: strides 4 and 8).
    """
    if images.dtype != torch.uint8 or images.dim() != 4 or images.shape[1] not in (1, 3):
        raise WordganError(f"image features need (N, 1 or 3, H, W) uint8 images, got {tuple(images.shape)} {images.dtype}")
    if not taps or any(not 0 <= i < len(LITE0_BLOCKS) for i in taps):
        raise WordganError(f"feature taps must be block numbers 0..{len(LITE0_BLOCKS) - 1}, got {list(taps)}")
    network = EfficientNetLiteFeatures(taps=tuple(taps)).eval().requires_grad_(False)
    network.load_folded(load_state_dict(NETWORK, NETWORKS[NETWORK].sha256))
    rows = []
    with torch.no_grad():
        for batch in images.split(BATCH):
            x = batch.float() / 127.5 - 1  # (B, C, H, W) in [-1, 1]
            x = x.expand(-1, 3, -1, -1) if x.shape[1] == 1 else x
            if x.shape[-1] != resolution or x.shape[-2] != resolution:
                x = F.interpolate(x, size=(resolution, resolution), mode="bilinear", align_corners=False,
                                  antialias=x.shape[-1] > resolution)
            maps = network(x.contiguous(memory_format=torch.channels_last))  # channels last: 2-3x faster on this CPU
            rows.append(torch.cat([m.mean(dim=(2, 3)) for m in maps], dim=1))  # (B, F)
    return torch.cat(rows).numpy().astype(np.float32)
