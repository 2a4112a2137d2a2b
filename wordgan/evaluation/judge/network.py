"""The evaluator's network: a small CNN that gives class logits and a feature vector per image."""
from __future__ import annotations

import torch
from torch import nn


class EvaluatorNet(nn.Module):
    """Three conv blocks (``width``, 2 ``width`` and 4 ``width`` channels; the default 16 trains in a few CPU
    minutes), a fully connected feature layer and a linear classifier.

    Shapes: images (B, C, H, W) float in [-1, 1] -> logits (B, K), features (B, F).
    The features are the penultimate layer (after ReLU, before dropout): what the Fréchet distance,
    precision/recall and retrieval compare. Adaptive pooling to 3x3 lets any H, W >= 8 go in.
    """

    def __init__(self, in_channels: int, num_classes: int, feature_dim: int = 128, width: int = 16, dropout: float = 0.3):
        super().__init__()
        self.in_channels = in_channels
        self.num_classes = num_classes
        self.feature_dim = feature_dim
        self.width = width
        self.body = nn.Sequential(
            _block(in_channels, width),
            nn.MaxPool2d(2),  # 28 -> 14
            _block(width, 2 * width),
            nn.MaxPool2d(2),  # 14 -> 7
            _block(2 * width, 4 * width),
            nn.AdaptiveMaxPool2d(3),  # 7 -> 3
            nn.Flatten(),  # (B, 4 width * 3 * 3)
            nn.Linear(4 * width * 9, feature_dim),
            nn.BatchNorm1d(feature_dim),
            nn.ReLU(inplace=True),
        )
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(feature_dim, num_classes)

    def forward(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(B, C, H, W) in [-1, 1] -> logits (B, K), features (B, F)."""
        features = self.body(images)
        return self.classifier(self.dropout(features)), features


def _block(in_channels: int, out_channels: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False),  # BN supplies the bias
        nn.BatchNorm2d(out_channels),
        nn.ReLU(inplace=True),
    )
