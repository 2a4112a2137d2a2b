"""The visual embedder a command names: a visual space file itself, or the embedder of a model trained with one."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import wordgan
from wordgan.errors import WordganError

from wordgan_visual.embedder import VisualEmbedder
from wordgan_visual.space import EMBEDDER_NAME, FORMAT


def visual_embedder(model: str, trusted_files: Sequence[str] = (), report: Callable[[str], None] | None = None) -> VisualEmbedder:
    """``model`` as a :class:`VisualEmbedder`: a file :func:`is_visual_space` is read directly; anything else is
    loaded as a wordgan model (``wordgan.load``), whose embedder is built through its checkpoint's gate."""
    if is_visual_space(model):
        return wordgan.build_embedder(EMBEDDER_NAME, model=model)
    if report:
        report(f"loading the model {model}")
    loaded = wordgan.load(model, device="cpu", trusted_files=trusted_files)
    if loaded.embedder_spec.name != EMBEDDER_NAME:
        raise WordganError(f"{model} was trained with the {loaded.embedder_spec.name!r} embedder, not {EMBEDDER_NAME!r}")
    return loaded.embedder


def is_visual_space(path: str) -> bool:
    """Whether ``path`` is a safetensors file whose header says it is a visual space (read without its tensors)."""
    from safetensors import SafetensorError, safe_open

    if not Path(path).is_file():
        return False
    try:
        with safe_open(path, framework="np") as handle:
            return (handle.metadata() or {}).get("format") == FORMAT
    except (SafetensorError, OSError):
        return False
