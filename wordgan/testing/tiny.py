"""A tiny real training run for fast tests: a real Fashion-MNIST subset, real GloVe vectors, a narrow DCGAN."""
from __future__ import annotations

from typing import Any

from wordgan.training.config import TrainConfig


def tiny_train_config(path: Any, **overrides: Any) -> TrainConfig:
    """A run of a few steps in ``path`` (or ``out=``): a narrow DCGAN on 20 real images per class, conditioned
    on GloVe vectors (quick to load), without vocabulary expansion or EMA, drawing new words raw with plain noise,
    unless ``overrides`` say otherwise. For fast tests."""
    settings: dict[str, Any] = dict(
        embedder="word2vec",
        vocabulary=None,
        snap_temperature=None,
        truncation=None,
        ema=None,
        gan_options={"width": 8, "max_width": 16},
        limit_per_class=20,
        batch_size=32,
        steps=6,
        sample_every=3,
        checkpoint_every=3,
        log_every=2,
        samples_per_word=2,
        probe_words=["slipper"],
        out=str(path),
    )
    settings.update(overrides)
    return TrainConfig(**settings)
