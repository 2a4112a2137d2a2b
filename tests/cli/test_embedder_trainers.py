"""The word2vec and fastText trainers say what they are doing, and never overwrite without --force."""
from __future__ import annotations

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
    result = CliRunner().invoke(main, [str(corpus), str(out), "--epochs", "2", "--min-count", "1", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "epoch 1/2 done" in result.stderr and "epoch 2/2 done" in result.stderr and out.exists()
    again = CliRunner().invoke(main, [str(corpus), str(out)])
    assert again.exit_code == 2 and "exists; pass --force" in again.output
    quiet = CliRunner().invoke(main, [str(corpus), str(out), "--min-count", "1", "--force", "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_fasttext_trainer_reports_its_stages(corpus, tmp_path):
    from wordgan_fasttext.cli import main

    out = tmp_path / "model.bin"
    args = [str(corpus), str(out), "--epoch", "2", "--min-count", "1", "--threads", "1", "--bucket", "1000", "--dim", "8"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "training 2 epochs" in result.stderr and "writing model.bin" in result.stderr and out.exists()
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 2 and "exists; pass --force" in again.output
