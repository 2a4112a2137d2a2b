"""The conditions of a training batch: each image's label or vocabulary word, and conditioning augmentation."""
from __future__ import annotations

import torch

from wordgan.conditions.vectors import normalise


def augment(
    cond: torch.Tensor, label_conditions: torch.Tensor, noise_std: float, mix_share: float, generator: torch.Generator
) -> torch.Tensor:
    """Conditioning augmentation for a training batch: (B, E) -> (B, E).

    Gaussian noise of ``noise_std`` (in RMS-1 units) around each label vector, as StackGAN's conditioning
    augmentation does, and for a ``mix_share`` of the rows a random convex mixture with another label's
    vector, so the generator learns a smooth map over a region of embedding space instead of K points.
    """
    B, E = cond.shape
    if mix_share > 0:
        partner = label_conditions[torch.randint(0, len(label_conditions), (B,), generator=generator)]  # (B, E)
        lam = torch.rand(B, 1, generator=generator)  # (B, 1)
        mixed = torch.rand(B, 1, generator=generator) < mix_share  # (B, 1)
        cond = torch.where(mixed, lam * cond + (1 - lam) * partner, cond)
    if noise_std > 0:
        cond = cond + noise_std * torch.randn(B, E, generator=generator)
    return normalise(cond)


class ConditionSampler:
    """Each training image's condition: its label word's vector, or for a ``share`` of images a random one of
    its class's extra words (vocabulary expansion, :mod:`wordgan.conditions.vocabulary`)."""

    def __init__(self, label_conditions: torch.Tensor, extra_conditions: torch.Tensor, extra_classes: torch.Tensor, share: float):
        """``label_conditions`` (K, E); ``extra_conditions`` (V, E) with ``extra_classes`` (V,) label indexes."""
        K = len(label_conditions)
        self.conditions = torch.cat([label_conditions, extra_conditions])  # (K + V, E)
        members = [[K + i for i in torch.nonzero(extra_classes == k).flatten().tolist()] for k in range(K)]
        self.counts = torch.tensor([len(m) for m in members])  # (K,)
        width = max(1, int(self.counts.max()) if K else 1)
        self.table = torch.tensor([m + [k] * (width - len(m)) for k, m in enumerate(members)], dtype=torch.long)  # (K, width)
        self.share = share if len(extra_conditions) else 0.0

    def __call__(self, labels: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        """(B,) label indexes -> (B, E) conditions."""
        if self.share == 0:
            return self.conditions[labels]
        B = len(labels)
        pick = (torch.rand(B, generator=generator) * self.counts[labels]).long()  # (B,)
        extra = self.table[labels, pick]  # (B,)
        use_extra = (torch.rand(B, generator=generator) < self.share) & (self.counts[labels] > 0)
        return self.conditions[torch.where(use_extra, extra, labels)]
