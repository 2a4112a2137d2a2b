"""Shared fixtures: tiny real models on small real Fashion-MNIST subsets, and the CLI."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.support import SHIPPED, invoke
from wordgan.cli import main
from wordgan.testing import tiny_train_config


@pytest.fixture
def make_config(tmp_path):
    return lambda name="run", **overrides: tiny_train_config(tmp_path / name, **overrides)


@pytest.fixture(scope="session")
def trained_run(tmp_path_factory):
    """One tiny trained run shared by read-only tests."""
    from wordgan.training.trainer import train

    return train(tiny_train_config(tmp_path_factory.mktemp("shared") / "run"), progress=False)


@pytest.fixture
def cli():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


@pytest.fixture
def generate(trained_run):
    """``generate(*words_and_flags)`` on the shared tiny run (GloVe embedder, raw new words, plain noise)."""
    return lambda *args: invoke("generate", trained_run, *args)


@pytest.fixture
def generate_shipped():
    return lambda *args: invoke("generate", SHIPPED, *args)
