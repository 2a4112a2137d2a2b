"""The Python entry points a user reaches for first: ``wordgan.load`` (and ``wordgan.train``, re-exported)."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import torch

from wordgan.model import WordModel


def load(path_or_run: str | Path, device: str | torch.device | None = "auto", trusted_files: Sequence[str | Path] = ()) -> WordModel:
    """A trained model from a run directory or a ``.safetensors`` checkpoint, on ``device``.

    ``device``: "auto" (CUDA, then MPS, then the CPU), "cpu", "cuda", "cuda:N" or "mps"
    (:func:`wordgan.devices.resolve_device`). Loading never runs code from the file; ``trusted_files`` names
    embedder files that are pickles and that you trust to be unpickled (docs/security.md).
    """
    return WordModel.load(path_or_run, trusted_files=trusted_files).to(device)
