"""Training and saving fastText models with the plugin's command.

Each training runs in a fresh process, through the console script a user runs. In a process that had loaded
another fastText model, training this small text sometimes stopped with "Encountered NaN" (seen under pytest
with fasttext-numpy2-wheel 0.9.2; never in a fresh process), so these tests do not share the test process.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wordgan.errors import WordganError
from wordgan_fasttext import FastTextEmbedder, train_model

# Real English text that every Debian system has (5,600 words): enough for a smoke test, trained in half a second.
LICENCE = Path("/usr/share/common-licenses/GPL-3")
COMMAND = Path(sys.executable).parent / "wordgan-fasttext-train"
# On so little text fastText often diverged with 2,000 buckets or a single epoch; never with these.
TINY = ["--dim", "8", "--epochs", "5", "--min-count", "2", "--bucket", "100000", "--threads", "1"]

pytestmark = pytest.mark.skipif(not LICENCE.exists(), reason="needs /usr/share/common-licenses/GPL-3")


def train(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(COMMAND), *args], capture_output=True, text=True)


def test_trains_a_model_the_embedder_loads(tmp_path: Path) -> None:
    out = tmp_path / "out" / "gpl.bin"
    result = train(str(LICENCE), "-o", str(out), *TINY)
    assert result.returncode == 0, result.stderr
    assert f"model={out}" in result.stdout
    assert [p.name for p in out.parent.iterdir()] == ["gpl.bin"]  # no temporary file left behind
    embedder = FastTextEmbedder(model=str(out))
    assert embedder.dim == 8
    assert embedder.model.get_word_id("license") >= 0 and embedder.model.get_word_id("License") == -1  # lowercased
    assert embedder.encode(["licence", "softwares"]).shape == (2, 8)


def test_compact_drops_only_what_training_needs(tmp_path: Path) -> None:
    full, compact = tmp_path / "full.bin", tmp_path / "compact.bin"
    assert train(str(LICENCE), "-o", str(full), *TINY).returncode == 0
    assert train(str(LICENCE), "-o", str(compact), *TINY, "--compact").returncode == 0
    embedder = FastTextEmbedder(model=str(compact))
    assert embedder.model.get_output_matrix().shape == (0, 8)
    assert embedder.encode(["license", "licenze"]).shape == (2, 8)
    vocabulary = len(embedder.model.words)  # the same words both times: the vocabulary does not depend on chance
    assert full.stat().st_size - compact.stat().st_size == vocabulary * 8 * 4  # the (V, E) float32 output matrix


def test_bad_inputs_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(WordganError, match="end the name in .bin"):
        train_model([LICENCE], tmp_path / "model.vec")
    with pytest.raises(WordganError, match="corpus not found"):
        train_model([tmp_path / "missing.txt"], tmp_path / "model.bin")
    with pytest.raises(WordganError, match="unknown Debian corpus 'debian:brown'"):
        train_model(["debian:brown"], tmp_path / "model.bin")
    (tmp_path / "short.txt").write_text("one line\n")
    result = train(str(tmp_path / "short.txt"), "-o", str(tmp_path / "model.bin"), "--min-count", "5")
    assert result.returncode == 1
    assert "fastText could not train" in result.stderr and "Empty vocabulary" in result.stderr
