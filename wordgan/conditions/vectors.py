"""From embedder vectors to the condition vectors G and D see."""
from __future__ import annotations

from typing import Iterator, Sequence

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
    cond: torch.Tensor,
    label_conditions: torch.Tensor,
    temperature: float,
    blend: float = 1.0,
    extra_conditions: torch.Tensor | None = None,
    extra_classes: torch.Tensor | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Move conditions onto the label words they resemble; returns (conditions, weights).

    ``cond`` (N, E), ``label_conditions`` (K, E) -> (N, E) and the (N, K) softmax weights
    ``softmax(sim_k / temperature)``, where ``sim_k`` is the cosine similarity to label word k or, with
    ``extra_conditions`` (V, E) and their ``extra_classes`` (V,) (vocabulary expansion), to the most similar
    word of class k. The result is ``blend`` times the weighted mean of the label conditions plus
    ``1 - blend`` times the raw condition, renormalised: blend 1 draws only what was trained best (the K
    label points), blend 0 the raw embedding. A new word's raw vector can lie where the generator never
    learnt anything; this keeps it on ground it knows, after ConSE (Norouzi et al. 2014), which takes a
    convex combination of known classes' embeddings the other way round, from images to words.
    """
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    if not 0.0 <= blend <= 1.0:
        raise ValueError(f"blend must be in [0, 1], got {blend}")
    sims = torch.nn.functional.cosine_similarity(cond.unsqueeze(1), label_conditions.unsqueeze(0), dim=2)  # (N, K)
    if extra_conditions is not None and len(extra_conditions):
        word_sims = torch.nn.functional.cosine_similarity(cond.unsqueeze(1), extra_conditions.unsqueeze(0), dim=2)  # (N, V)
        by_class = extra_classes.unsqueeze(0).expand_as(word_sims)  # (N, V)
        sims = sims.scatter_reduce(1, by_class, word_sims, reduce="amax")  # (N, K): the best word of each class
    weights = torch.softmax(sims / temperature, dim=1)  # (N, K)
    return mix_labels(cond, label_conditions, weights, blend), weights


def mix_labels(cond: torch.Tensor, label_conditions: torch.Tensor, weights: torch.Tensor, blend: float = 1.0) -> torch.Tensor:
    """(N, E) raw conditions, (K, E) label conditions, (N, K) class weights -> (N, E): ``blend`` times the
    weighted mean of the label conditions plus ``1 - blend`` times the raw condition, renormalised."""
    snapped = weights @ label_conditions  # (N, E)
    return normalise(blend * normalise(snapped) + (1.0 - blend) * cond)


#: Noise is drawn in blocks of this many rows, one block after another from one seeded generator, so that
#: memory does not grow with n and a seed gives the same images however the caller batches them.
NOISE_CHUNK = 1024

#: Rounds of redrawing entries beyond +-psi before the rest are drawn by inverse CDF (see :func:`_truncated`).
MAX_REDRAWS = 32


def noise_chunks(n: int, z_dim: int, seed: int, truncation: float | None = None) -> Iterator[torch.Tensor]:
    """The rows of :func:`sample_noise` as (<= NOISE_CHUNK, Z) blocks, in order."""
    if truncation is not None and not truncation > 0:
        raise ValueError(f"truncation must be positive, got {truncation}")
    generator = torch.Generator().manual_seed(seed)
    for start in range(0, n, NOISE_CHUNK):
        z = torch.randn(min(NOISE_CHUNK, n - start), z_dim, generator=generator)  # (m, Z)
        yield z if truncation is None else _truncated(z, truncation, generator)


def sample_noise(n: int, z_dim: int, seed: int, truncation: float | None = None) -> torch.Tensor:
    """(n, Z) standard normal noise from ``seed``; with ``truncation`` psi, every entry beyond +-psi is drawn
    again (the truncation trick of Brock et al. 2019, BigGAN): images nearer each word's typical look, at the
    cost of variety. None draws plain N(0, 1) noise. Terminates for any positive psi (see :func:`_truncated`)."""
    return torch.cat(list(noise_chunks(n, z_dim, seed, truncation)))


def _truncated(z: torch.Tensor, truncation: float, generator: torch.Generator) -> torch.Tensor:
    """Redraw the entries of ``z`` beyond +-psi, at most MAX_REDRAWS rounds, then draw the few left by
    inverse CDF from N(0, 1) truncated to [-psi, psi].

    Redrawing is what BigGAN does and what wordgan always did (so seeds give the images they gave before);
    for psi 1.5 an entry is still outside after 32 rounds with probability 0.13^33, about 1e-29. For a tiny
    psi (1e-30) redrawing alone would never end; inverse CDF always does, clamped to +-psi where float64
    rounds the interval away.
    """
    for _ in range(MAX_REDRAWS):
        outside = z.abs() > truncation
        if not outside.any():
            return z
        z[outside] = torch.randn(int(outside.sum()), generator=generator)
    outside = z.abs() > truncation
    if outside.any():
        low = torch.special.ndtr(torch.tensor(-float(truncation), dtype=torch.float64))  # P(Z < -psi)
        u = torch.rand(int(outside.sum()), generator=generator, dtype=torch.float64)
        drawn = torch.special.ndtri(low + u * (1 - 2 * low))
        z[outside] = drawn.clamp(-truncation, truncation).to(z.dtype)
    return z


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
