"""Fixtures for evaluation tests: one tiny real run with a held-out class, and a short novel word list."""
from __future__ import annotations

import json

import pytest

from wordgan.training.config import TrainConfig
from wordgan.testing import tiny_train_config

#: Images per word in the shared evaluation: enough for precision/recall's 3 neighbours, and quick.
EVALUATION_N = 12


def tiny_evaluation_config(out, **overrides) -> TrainConfig:
    """A few steps of a narrow DCGAN on 20 real images per class, with sneakers held out."""
    settings = dict(holdout=["sneakers"], sample_every=6, checkpoint_every=6)
    return tiny_train_config(out, **{**settings, **overrides})


@pytest.fixture(scope="session")
def held_out_run(tmp_path_factory):
    """A tiny trained run (in its own runs folder) that never saw sneakers."""
    from wordgan.training.trainer import train

    return train(tiny_evaluation_config(tmp_path_factory.mktemp("runs") / "held-out"), progress=False)


@pytest.fixture(scope="session")
def words_file(tmp_path_factory):
    """Three novel words, one word no embedder knows, and one label word (both must be skipped)."""
    path = tmp_path_factory.mktemp("words") / "words.json"
    novel = {
        "slipper": ["sandals", "sneakers", "boots"],
        "jeans": ["trousers"],
        "handbag": ["bag"],
        "qzxwvy": ["bag"],
        "coat": ["coat"],
    }
    families = {"footwear": ["sandals", "sneakers", "boots"]}
    path.write_text(json.dumps({"novel": novel, "families": families}))
    return path


@pytest.fixture(scope="session")
def evaluation(held_out_run, words_file):
    """``wordgan evaluate`` run once on the held-out run: (its printed summary, eval-words.json: named after the word list)."""
    from click.testing import CliRunner

    from wordgan.cli import main

    args = ["evaluate", str(held_out_run), "--words", str(words_file), "-n", str(EVALUATION_N), "--quiet"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output, json.loads((held_out_run / "eval-words.json").read_text())
