"""From embedder vectors to the condition vectors G and D see."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import torch

from wordgan.interfaces import Embedder


def normalise(vectors: np.ndarray | torch.Tensor) -> torch.Tensor:
    """(N, E) -> (N, E) float32 with root-mean-square 1 per row (unit length times sqrt(E)).

    Embedders differ wildly in scale (GloVe norms ~5, sentence-transformers 1); fixing the RMS puts every
    embedder's conditions on the scale of the N(0, 1) noise they are concatenated with.
    """
    vectors = torch.as_tensor(np.asarray(vectors), dtype=torch.float32)
    rms = vectors.pow(2).mean(dim=1, keepdim=True).sqrt()
    return vectors / rms.clamp_min(1e-12)


def condition_vectors(embedder: Embedder, words: Sequence[str]) -> torch.Tensor:
    """N words -> (N, E) normalised conditions."""
    return normalise(embedder.encode(list(words)))


def cosine_similarities(vector: torch.Tensor, others: torch.Tensor) -> torch.Tensor:
    """(E,), (K, E) -> (K,) cosine similarities."""
    return torch.nn.functional.cosine_similarity(others, vector.unsqueeze(0), dim=1)


def snap_to_labels(
    cond: torch.Tensor, label_conditions: torch.Tensor, temperature: float, blend: float = 1.0
) -> tuple[torch.Tensor, torch.Tensor]:
    """Move conditions toward the trained words they resemble; returns (conditions, weights).

    ``cond`` (N, E), ``label_conditions`` (K, E): the conditions the generator was trained on (the label
    words', and with vocabulary expansion their extra words' too) -> (N, E) and the (N, K) softmax weights
    ``softmax(cos(cond, labels) / temperature)``. The result is ``blend`` times the weighted mean of the
    label conditions plus ``1 - blend`` times the raw condition, renormalised: blend 1 draws only what
    was trained, blend 0 the raw embedding. A generator has only seen the label points; a new word's raw
    vector can lie where it never learnt anything, and this keeps it on ground it knows.
    """
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    if not 0.0 <= blend <= 1.0:
        raise ValueError(f"blend must be in [0, 1], got {blend}")
    sims = torch.nn.functional.cosine_similarity(cond.unsqueeze(1), label_conditions.unsqueeze(0), dim=2)  # (N, K)
    weights = torch.softmax(sims / temperature, dim=1)  # (N, K)
    snapped = weights @ label_conditions  # (N, E)
    return normalise(blend * normalise(snapped) + (1.0 - blend) * cond), weights


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
    its class's extra words (vocabulary expansion, :mod:`wordgan.vocabulary`)."""

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
