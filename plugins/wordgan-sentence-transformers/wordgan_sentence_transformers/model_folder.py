"""What a SentenceTransformer model folder may hold, checked before sentence-transformers and transformers read it.

Where each reads a module's weights from, in a folder (sentence-transformers 6.3, transformers 5):

- both read ``model.safetensors`` when it is there, and nothing else;
- without it, transformers (the Transformer module) follows ``model.safetensors.index.json`` to the files its
  ``weight_map`` names, and reads one that is not a ``.safetensors`` file with ``torch.load``; torch's
  ``weights_only`` unpickler is then the only guard, and wordgan's audit hook does not see it;
- sentence-transformers' own modules (Pooling, Dense, ...) never read an index: without ``model.safetensors``
  they read ``pytorch_model.bin`` with ``torch.load``.

So for a model a checkpoint names, in a folder without ``model.safetensors`` every pickled weights file is
refused, index or not, and so is every file an index maps weights to that is not ``.safetensors``
(:func:`wordgan.safety.refuse_pickle`: ``--trust-file`` opts in). For every folder, the ``.safetensors`` files
that will be read must open (header only) and an index must have a ``weight_map``: a broken file is one line
naming it, not a traceback from deep inside transformers.
"""
from __future__ import annotations

import json
from pathlib import Path

from safetensors import SafetensorError, safe_open

from wordgan.errors import WordganError
from wordgan.safety import refuse_pickle

#: Weight files that PyTorch reads through pickle.
PICKLED_WEIGHTS = (".bin", ".pt", ".pth", ".ckpt")
WEIGHTS = "model.safetensors"
INDEX = "model.safetensors.index.json"


def check_model_folder(folder: Path) -> None:
    """Raise :class:`~wordgan.errors.UnsafeFileError` for weights in ``folder`` (or a module's sub-folder) that
    would be unpickled for a checkpoint, and :class:`~wordgan.errors.WordganError` naming a weights file or
    index that cannot be read."""
    for directory in [folder, *sorted(p for p in folder.rglob("*") if p.is_dir())]:
        files = {p.name: p for p in directory.iterdir() if p.is_file()}
        if WEIGHTS in files:
            _open_safetensors(files[WEIGHTS])
            continue
        if INDEX in files:
            for shard in _shards(files[INDEX]):
                if shard.suffix == ".safetensors":
                    _open_safetensors(shard)
                else:
                    refuse_pickle(shard, f"weights that {INDEX} maps to, which transformers reads with torch.load")
        for pickled in sorted(p for p in files.values() if p.suffix in PICKLED_WEIGHTS):
            refuse_pickle(pickled, "PyTorch weights")


def _shards(index: Path) -> list[Path]:
    """The files ``index``'s weight_map names, as transformers joins them to the index's folder."""
    try:
        content = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # ValueError: not UTF-8, not JSON
        raise WordganError(f"{index} is not a safetensors index ({type(exc).__name__}: {exc})") from exc
    weight_map = content.get("weight_map") if isinstance(content, dict) else None
    if not isinstance(weight_map, dict) or not all(isinstance(name, str) for name in weight_map.values()):
        raise WordganError(f"{index} is not a safetensors index: it has no weight_map of tensor names to files")
    return [index.parent / name for name in sorted(set(weight_map.values()))]


def _open_safetensors(path: Path) -> None:
    """Read ``path``'s header as transformers will, so that a broken file is named here."""
    try:
        with safe_open(str(path), "pt"):
            pass
    except (SafetensorError, OSError) as exc:
        raise WordganError(f"{path} is not a readable safetensors file: {exc}") from exc
