"""Shared fixtures: tiny real models on small real Fashion-MNIST subsets."""
from __future__ import annotations

import pytest

from wordgan.config import TrainConfig


def tiny_config(path, **overrides) -> TrainConfig:
    """A run of a few steps: a narrow DCGAN on 20 real images per class."""
    settings = dict(
        gan_options={"width": 8, "max_width": 16},
        limit_per_class=20,
        batch_size=32,
        steps=6,
        sample_every=3,
        checkpoint_every=3,
        log_every=2,
        samples_per_word=2,
        probe_words=["slipper"],
    )
    settings.update(overrides)
    settings.setdefault("out", str(path))
    return TrainConfig(**settings)


@pytest.fixture
def make_config(tmp_path):
    return lambda name="run", **overrides: tiny_config(tmp_path / name, **overrides)


@pytest.fixture(scope="session")
def trained_run(tmp_path_factory):
    """One tiny trained run shared by read-only tests."""
    from wordgan.training import train

    return train(tiny_config(tmp_path_factory.mktemp("shared") / "run"), progress=False)
