"""Hostile model files, built the way an attacker would: real checkpoint tensors, metadata rewritten."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from wordgan.cli import main

#: The model wordgan ships: the attack copies its tensors into a file with metadata of the attacker's choosing.
SHIPPED = Path(__file__).resolve().parents[2] / "checkpoints" / "sentence-transformers-dcgan-fashion-mnist.safetensors"


def rewrite_checkpoint(source: Path, target: Path, change: Callable[[dict[str, Any]], Any], tensors=None) -> Path:
    """Copy ``source``'s tensors (or ``tensors``) to ``target`` with its metadata passed through ``change``
    (which edits the dict in place)."""
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


@pytest.fixture
def cli():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])
