"""A generation-only copy of a checkpoint: the generator that draws, the conditions and the metadata."""
from __future__ import annotations

from pathlib import Path

from wordgan.checkpoint import store
from wordgan.checkpoint.metadata import CheckpointMetadata


def export_generator(source: str | Path, target: str | Path) -> Path:
    """Write to ``target`` the G that draws (the moving average when the run kept one, else the last weights),
    the condition tensors and the metadata of the checkpoint at ``source``; no D, optimizers or random states.
    Works wherever a run directory does (``wordgan.load``, ``generate``, ``similar``, ``serve``, ...)."""
    source = store.resolve(source)
    checked = CheckpointMetadata.read(source)
    tensors = store.load_tensors(source)
    checked.check_conditions(store.part(tensors, store.CONDITIONS), source)
    drawing = store.drawing_prefix(source)
    kept = {k: v for k, v in tensors.items() if k.startswith((drawing, store.CONDITIONS))}
    return store.save_checkpoint(target, kept, checked.for_generation().to_dict())
