"""Fitting a visual space: each trained concept's image prototype, and the ridge from text vectors to it.

Only the concepts the GAN will train on are fitted: the held-out ones (by default the dataset's own split,
``training_defaults()["holdout"]``) give no image, no prototype, no regression row and no principal direction,
so a held-out word reaches the space only through its text vector, as an unseen word would.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np
import torch

import wordgan
from wordgan.errors import WordganError

from wordgan_visual import defaults
from wordgan_visual.features import image_features, network_identity
from wordgan_visual.prototypes import Reduction, concept_means, fit_reduction
from wordgan_visual.ridge import fit_ridge_cv
from wordgan_visual.space import EMBEDDER_NAME, VisualSpace


def held_out(provider: wordgan.DatasetProvider, words: Sequence[str], holdout: Sequence[str] | None) -> list[str]:
    """The concepts to leave out: ``holdout`` if given, else the dataset's training default; each must be a label word."""
    names = list(provider.training_defaults().get("holdout", [])) if holdout is None else list(holdout)
    known = set(words)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise WordganError(f"held-out concepts {unknown[:5]} are not label words of the dataset")
    return names


def visual_prototypes(
    features: np.ndarray, labels: np.ndarray, concepts: Sequence[int], dim: int, whiten: bool
) -> tuple[np.ndarray, Reduction]:
    """(N, F) image features labelled (N,) -> ((K, E) prototypes of the K ``concepts``, the reduction).

    The principal components are those of these images' features; a prototype is the mean of its concept's
    images' coordinates (the mean feature, reduced: the reduction is affine).
    """
    reduction = fit_reduction(features, dim, whiten)
    return reduction(concept_means(features, labels, concepts)).astype(np.float32), reduction


def fit_visual_space(
    dataset: str,
    dataset_options: dict[str, Any] | None = None,
    text_embedder: str = defaults.TEXT_EMBEDDER,
    text_options: dict[str, Any] | None = None,
    dim: int = defaults.DIM,
    resolution: int = defaults.RESOLUTION,
    taps: Sequence[int] = defaults.TAPS,
    whiten: bool = defaults.WHITEN,
    holdout: Sequence[str] | None = None,
    report: Callable[[str], None] | None = None,
) -> VisualSpace:
    """The visual space of dataset plugin ``dataset``'s trained concepts (module docstring), ready to save.

    ``text_embedder`` (with ``text_options``) embeds the concept names; a new word is later embedded by the same
    spec and mapped by the ridge. ``dim`` is E, ``resolution`` and ``taps`` say how images are read by the
    feature network (:func:`wordgan_visual.features.image_features`), ``whiten`` scales every principal
    direction to unit variance.
    """
    say = report or (lambda line: None)
    if text_embedder == EMBEDDER_NAME:
        raise WordganError("the text embedder of a visual space cannot be the visual embedder itself")
    dataset_options = dict(dataset_options or {})
    provider = wordgan.build_dataset(dataset, **dataset_options)
    data = provider.load("train")
    words = list(data.words)
    held = held_out(provider, words, holdout)
    held_set = set(held)
    trained = [i for i, word in enumerate(words) if word not in held_set]
    labels = data.labels.numpy()
    keep = np.isin(labels, trained)
    say(f"{len(trained)} trained concepts ({int(keep.sum())} images), {len(held)} held out; reading image features")
    features = image_features(data.images[torch.from_numpy(keep)], resolution, tuple(taps))  # (N, F)
    prototypes, _ = visual_prototypes(features, labels[keep], trained, dim, whiten)
    say(f"embedding {len(trained)} names with {text_embedder}")
    text = wordgan.build_embedder(text_embedder, **dict(text_options or {}))
    names = [words[i] for i in trained]
    text_vectors = text.encode(names)  # (K, D)
    ridge = fit_ridge_cv(text_vectors, prototypes)
    say(f"ridge from {text.dim} to {dim} dimensions, strength {ridge.alpha} (cross-validated)")
    return VisualSpace(
        concepts=tuple(names),
        prototypes=prototypes,
        text_vectors=text_vectors.astype(np.float32),
        weight=ridge.weight.astype(np.float32),
        bias=ridge.bias.astype(np.float32),
        text_embedder=text.spec.to_dict(),
        fitted={
            "dataset": dataset,
            "dataset_options": dataset_options,
            "holdout": held,
            "images": int(keep.sum()),
            "network": network_identity(),
            "resolution": resolution,
            "taps": list(taps),
            "whiten": whiten,
            "ridge_alpha": ridge.alpha,
        },
    )

