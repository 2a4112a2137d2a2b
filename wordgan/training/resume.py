"""The config of a run being resumed."""
from __future__ import annotations

import json
from pathlib import Path

from wordgan.config import TrainConfig
from wordgan.errors import WordganError
from wordgan.training.run_dir import RunDir


def resumed_config(out: str | Path, steps: int | None = None) -> TrainConfig:
    """The stored config of the run in ``out``, with ``steps`` raised if given."""
    run = RunDir(out)
    if not run.checkpoint_path.exists():
        raise WordganError(f"nothing to resume: {run.checkpoint_path} does not exist")
    try:
        config = TrainConfig.from_dict(json.loads(run.config_path.read_text()))
    except (OSError, json.JSONDecodeError) as exc:
        raise WordganError(f"{run.config_path} is missing or corrupt ({exc})") from exc
    if steps is not None:
        config.steps = steps
    config.out = str(out)
    return config
