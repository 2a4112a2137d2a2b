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


def mix_labels(cond: torch.Tensor, label_conditions: torch.Tensor, weights: torch.Tensor, blend: float = 1.0) -> torch.Tensor:
    """Snap conditions onto the label words: (N, E) raw conditions, (K, E) label conditions and (N, K) class
    weights (a model's mapping of new words gives them, :mod:`wordgan.conditions.mapping`) -> (N, E).

    ``blend`` times the weighted mean of the label conditions plus ``1 - blend`` times the raw condition,
    renormalised: blend 1 draws only what was trained best (the K label points), blend 0 the raw embedding. A
    new word's raw vector can lie where the generator never learnt anything; this keeps it on ground it knows,
    after ConSE (Norouzi et al. 2014), which takes a convex combination of known classes' embeddings the other
    way round, from images to words.
    """
    snapped = weights @ label_conditions  # (N, E)
    return normalise(blend * normalise(snapped) + (1.0 - blend) * cond)
