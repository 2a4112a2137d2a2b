"""The config of a run being resumed: the checkpoint's own, never ``config.json`` (which any process could
have rewritten); only the length of the run and where and how it computes may change."""
from __future__ import annotations

from pathlib import Path

from wordgan.training.config import TrainConfig
from wordgan.errors import CheckpointError, WordganError
from wordgan.checkpoint.metadata import CheckpointMetadata
from wordgan.training.run_dir import RunDir

#: Settings a resumed run may change: they decide neither the batches drawn nor the models.
RESUMABLE_OVERRIDES = ("steps", "device", "precision", "log_every", "tensorboard", "wandb", "time_budget")


def resumed_config(out: str | Path, steps: int | None = None, **overrides) -> TrainConfig:
    """The config stored in the checkpoint of the run in ``out``, with ``steps`` and ``overrides`` (see
    :data:`RESUMABLE_OVERRIDES`) applied."""
    run = RunDir(out)
    if not run.checkpoint_path.exists():
        raise WordganError(f"nothing to resume: {run.checkpoint_path} does not exist")
    metadata = CheckpointMetadata.read(run.checkpoint_path)
    if metadata.optimizers is None:
        raise CheckpointError(f"{run.checkpoint_path} is an exported (generation-only) checkpoint and cannot be resumed")
    refused = sorted(set(overrides) - set(RESUMABLE_OVERRIDES))
    if refused:
        raise WordganError(f"a resumed run keeps its settings; only {', '.join(RESUMABLE_OVERRIDES)} may change, not {refused}")
    config = metadata.config
    for name, value in {"steps": steps, **overrides}.items():
        if value is not None:
            setattr(config, name, value)
    config.out = str(out)
    config.__post_init__()  # the overrides are checked like any setting
    return config


def checkpoint_step(path: Path) -> int:
    """The step a checkpoint was saved at."""
    return CheckpointMetadata.read(path).step
