"""The embedder as wordgan sees it: found through its entry point, rebuilt from the spec a checkpoint stores."""
from __future__ import annotations

import importlib.metadata as metadata
import json
from pathlib import Path

import numpy as np
import pytest
from gensim.models import KeyedVectors

import wordgan
from wordgan import EmbedderSpec
from wordgan_word2vec import Word2VecEmbedder

WORDS = ["sandals", "running shoes", "slipper"]


def rebuild(spec: EmbedderSpec) -> wordgan.Embedder:
    """What loading a checkpoint does: the spec goes through JSON, then back to build_embedder."""
    stored = EmbedderSpec.from_dict(json.loads(json.dumps(spec.to_dict())))
    return wordgan.build_embedder(stored.name, **stored.options)


def test_registered_under_word2vec() -> None:
    (entry_point,) = metadata.entry_points(group="wordgan.embedders", name="word2vec")
    assert entry_point.dist.metadata["Name"] == "wordgan-word2vec"
    assert entry_point.load() is Word2VecEmbedder


def test_default_spec_round_trip(glove: Word2VecEmbedder) -> None:
    embedder = wordgan.build_embedder("word2vec")
    assert isinstance(embedder, Word2VecEmbedder)
    assert embedder.spec == EmbedderSpec("word2vec", {"lowercase": True})
    np.testing.assert_array_equal(rebuild(embedder.spec).encode(WORDS), glove.encode(WORDS))


def test_relative_path_is_stored_absolute(
    subset: KeyedVectors, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "run").mkdir()
    subset.save_word2vec_format(str(tmp_path / "run" / "clothes.txt"))
    monkeypatch.chdir(tmp_path)
    embedder = wordgan.build_embedder("word2vec", vectors="run/clothes.txt")
    assert embedder.spec.options == {
        "vectors": str((tmp_path / "run" / "clothes.txt").resolve()),
        "format": "word2vec-text",
        "lowercase": True,
    }
    monkeypatch.chdir(tmp_path / "run")  # the checkpoint is loaded from somewhere else
    np.testing.assert_array_equal(rebuild(embedder.spec).encode(WORDS), embedder.encode(WORDS))
