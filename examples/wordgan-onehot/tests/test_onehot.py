"""The one-hot example, installed with pip and used only through wordgan's public API."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import wordgan
from wordgan.plugins import registry
from wordgan.cli import main
from wordgan.errors import UnknownWordError, WordganError
from wordgan.testing import EmbedderContract


class TestOneHotContract(EmbedderContract):
    known_words = ("sandals", "bag", "shirt")
    unknown_word = "slipper"  # no zero-shot: a word outside the vocabulary has no vector

    @pytest.fixture
    def embedder(self, installed: Path) -> wordgan.Embedder:
        return wordgan.build_embedder("onehot")


def test_discovered_from_its_dist_info(installed: Path) -> None:
    (info,) = [info for info in registry.discover("embedder") if info.name == "onehot"]
    assert (info.distribution, info.version) == ("wordgan-onehot", "0.1.0")
    assert info.value == "wordgan_onehot.embedder:OneHotEmbedder"
    embedder = wordgan.build_embedder("onehot")
    assert Path(sys.modules[type(embedder).__module__].__file__).is_relative_to(installed)  # not another copy


def test_listed_by_the_cli(installed: Path) -> None:
    result = CliRunner().invoke(main, ["plugins", "--json"])
    assert result.exit_code == 0, result.output
    row = next(row for row in json.loads(result.output) if row["name"] == "onehot")
    assert (row["kind"], row["distribution"], row["status"]) == ("embedder", "wordgan-onehot", "ok")


def test_one_axis_per_word(installed: Path) -> None:
    embedder = wordgan.build_embedder("onehot", words=["hat", "scarf", "glove"])
    assert embedder.dim == 3
    np.testing.assert_array_equal(embedder.encode(["glove", "HAT"]), [[0, 0, 1], [1, 0, 0]])
    assert embedder.spec.to_dict() == {"name": "onehot", "options": {"words": ["hat", "scarf", "glove"]}}


def test_default_vocabulary_is_fashion_mnist(installed: Path) -> None:
    embedder = wordgan.build_embedder("onehot")
    assert embedder.dim == 10
    np.testing.assert_array_equal(embedder.similarity("sandals", ["sneakers", "boots", "sandals"]), [0, 0, 1])


def test_unknown_word_names_the_vocabulary(installed: Path) -> None:
    with pytest.raises(UnknownWordError, match="'sandalz'.*it knows only t-shirt, trousers"):
        wordgan.build_embedder("onehot").encode(["sandals", "sandalz"])


def test_repeated_words_are_refused(installed: Path) -> None:
    with pytest.raises(WordganError, match="distinct"):
        wordgan.build_embedder("onehot", words=["hat", "Hat"])


def test_a_broken_plugin_is_listed_with_its_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a plugin author sees when the entry point names a module that is not there."""
    dist_info = tmp_path / "wordgan_broken-0.1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: wordgan-broken\nVersion: 0.1.0\n")
    (dist_info / "entry_points.txt").write_text("[wordgan.embedders]\nbroken = wordgan_brokn.embedder:Broken\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    result = CliRunner().invoke(main, ["plugins"])
    assert result.exit_code == 0, result.output
    assert "wordgan-broken" in result.output and "error" in result.output
    assert "No module named 'wordgan_brokn'" in result.output


def test_trains_and_generates_from_the_cli(installed: Path, tmp_path: Path) -> None:
    """Two steps on four real images per class: enough to prove the plugin works end to end from the CLI."""
    run, runner = tmp_path / "run", CliRunner()
    train = ["train", "--embedder", "onehot", "--steps", "2", "--limit-per-class", "4", "--batch-size", "8",
             "--probe-words", "", "--sample-every", "2", "--checkpoint-every", "2", "--out", str(run), "--quiet"]
    result = runner.invoke(main, train)
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["generate", str(run), "sandals", "-n", "2", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out" / "sandals").glob("*.png"))) == 2
    result = runner.invoke(main, ["generate", str(run), "slipper", "-o", str(tmp_path / "out2")])
    assert result.exit_code == 1 and "does not know the word 'slipper'" in result.output
