"""Helpers the tests share: the repository's shipped model, the CLI run in-process, and hostile checkpoints."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from click.testing import CliRunner, Result
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from wordgan.cli import main

REPO = Path(__file__).resolve().parents[1]
#: The model wordgan ships: its sentence-transformers embedder embeds any text (emoji, punctuation).
SHIPPED = REPO / "checkpoints" / "sentence-transformers-dcgan-fashion-mnist.safetensors"


def invoke(*args) -> Result:
    """``wordgan ARGS...`` in this process, as a user would type it."""
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


def rewrite_checkpoint(source: Path, target: Path, change: Callable[[dict[str, Any]], Any], tensors=None) -> Path:
    """Copy ``source``'s tensors (or ``tensors``) to ``target`` with its metadata passed through ``change``
    (which edits the dict in place): a hostile model file, built the way an attacker would."""
    with safe_open(str(source), "pt") as handle:
        header = handle.metadata()
    metadata = json.loads(header["wordgan"])
    change(metadata)
    header["wordgan"] = json.dumps(metadata)
    target.parent.mkdir(parents=True, exist_ok=True)
    save_file(load_file(str(source)) if tensors is None else tensors, str(target), metadata=header)
    return target


def with_embedder(spec: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    return lambda metadata: metadata.update(embedder=spec)


def peak_memory_kb(command: Sequence[str]) -> int:
    """Run ``command`` and return the peak resident memory of that process alone, in kB (Linux). Measured
    from a small parent process: a child forked from pytest would count pytest's own memory in its peak."""
    measure = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    return int(subprocess.run([sys.executable, "-c", measure, *command], check=True, capture_output=True, text=True).stdout)
