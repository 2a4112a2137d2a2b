"""Shared fixtures: tiny real models on small real Fashion-MNIST subsets."""
from __future__ import annotations

import pytest

from wordgan.testing import tiny_train_config


@pytest.fixture
def make_config(tmp_path):
    return lambda name="run", **overrides: tiny_train_config(tmp_path / name, **overrides)


@pytest.fixture(scope="session")
def trained_run(tmp_path_factory):
    """One tiny trained run shared by read-only tests."""
    from wordgan.training import train

    return train(tiny_train_config(tmp_path_factory.mktemp("shared") / "run"), progress=False)
