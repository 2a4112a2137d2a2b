"""What users type, through the real CLI on a tiny real model: results, or one-line errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wordgan.cli import main


def invoke(*args) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_one_line_error(result: Result, *fragments: str, alone: bool = True) -> str:
    """A usage error (exit 2) or a wordgan error (exit 1): no traceback, one line from "Error:" on, the last
    line on stderr (status lines such as "loading the embedder ..." may come before it there).

    ``alone``: a wordgan error printed nothing on stdout (``train`` prints its status lines there).
    """
    assert result.exit_code in (1, 2), (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    error = lines[-1][lines[-1].find("Error:"):]  # after a progress bar's carriage return, if any
    assert error.startswith("Error:"), result.output
    if result.exit_code == 1 and alone:
        assert result.stdout == "", result.output
    for fragment in fragments:
        assert fragment in error, error
    return error


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


def pngs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.png"))


@pytest.fixture
def generate(trained_run):
    """``generate(*words_and_flags)`` on the shared tiny run (GloVe embedder, raw new words, plain noise)."""
    return lambda *args: invoke("generate", trained_run, *args)


#: The shipped model: its sentence-transformers embedder embeds any text (emoji, punctuation).
SHIPPED = Path(__file__).resolve().parents[2] / "checkpoints" / "sentence-transformers-dcgan-fashion-mnist.safetensors"


@pytest.fixture
def generate_shipped():
    return lambda *args: invoke("generate", SHIPPED, *args)
