"""The word2vec and fastText trainers say what they are doing, and never overwrite without --force."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

CORPUS = "\n".join(["sandals and boots are shoes", "a coat and a shirt are clothes", "boots keep feet dry"] * 40)


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text(CORPUS, encoding="utf-8")
    return path


def test_word2vec_trainer_reports_each_epoch(corpus, tmp_path):
    from wordgan_word2vec.cli import main

    out = tmp_path / "vectors.bin"
    result = CliRunner().invoke(main, [str(corpus), "-o", str(out), "--epochs", "2", "--min-count", "1", "--threads", "1"])
    assert result.exit_code == 0, result.output
    assert "epoch 1/2 done" in result.stderr and "epoch 2/2 done" in result.stderr and out.exists()
    again = CliRunner().invoke(main, [str(corpus), "-o", str(out)])
    assert again.exit_code == 2 and "exists; pass --force" in again.output
    quiet = CliRunner().invoke(main, [str(corpus), "-o", str(out), "--min-count", "1", "--force", "-q", "--json"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert json.loads(quiet.stdout) == {"out": str(out), "embedder": "word2vec", "embedder_option": f"vectors={out}"}


def test_word2vec_trainer_takes_the_old_spellings_with_a_warning(corpus, tmp_path):
    from wordgan_word2vec.cli import main

    out = tmp_path / "old.bin"
    result = CliRunner().invoke(main, [str(corpus), str(out), "--min-count", "1", "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert "OUT as the last argument is deprecated; use -o/--out" in result.stderr
    assert "--workers is deprecated; use --threads" in result.stderr
    alone = CliRunner().invoke(main, [str(corpus)])
    assert alone.exit_code == 2 and "name the file to write with -o/--out" in alone.output


#: A real text long enough that fastText's training does not diverge (its own tests use it with these settings).
LICENCE = Path("/usr/share/common-licenses/GPL-3")


@pytest.mark.skipif(not LICENCE.exists(), reason="needs /usr/share/common-licenses/GPL-3")
def test_fasttext_trainer_reports_its_stages(tmp_path):
    # In a process of its own: fastText's training diverged on this small text when it ran in the test
    # process after other tests (its floating-point state is not ours to reset), never when run alone.
    out = tmp_path / "model.bin"
    args = [str(LICENCE), "-o", str(out), "--dim", "8", "--epochs", "5", "--min-count", "2", "--bucket", "100000", "--threads", "1"]
    command = [sys.executable, "-c", "from wordgan_fasttext.cli import main; main()", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "training 5 epochs" in result.stderr and "writing model.bin" in result.stderr and out.exists()
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 2 and "exists; pass --force" in again.stderr
