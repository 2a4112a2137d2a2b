"""The run directory: ``config.json``, ``metrics.jsonl``, ``samples/`` and ``checkpoint.safetensors``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wordgan.atomic import write_json
from wordgan.checkpoint import CHECKPOINT_NAME
from wordgan.config import TrainConfig
from wordgan.errors import WordganError


class RunDir:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.config_path = self.path / "config.json"
        self.metrics_path = self.path / "metrics.jsonl"
        self.samples_dir = self.path / "samples"
        self.checkpoint_path = self.path / CHECKPOINT_NAME

    def start(self, config: TrainConfig) -> None:
        """Create a new run; refuse to overwrite one that has a checkpoint, so no saved work is lost."""
        if self.checkpoint_path.exists():
            raise WordganError(
                f"{self.path} already holds a trained run; pass --resume to continue it, "
                "or --out DIR for a new run"
            )
        self.samples_dir.mkdir(parents=True, exist_ok=True)
        self.metrics_path.unlink(missing_ok=True)
        self.write_config(config)

    def write_config(self, config: TrainConfig) -> None:
        write_json(self.config_path, config.to_dict())

    def keep_metrics_until(self, step: int) -> None:
        """Drop metric lines logged after ``step`` (written after the checkpoint a resume starts from)."""
        if not self.metrics_path.exists():
            return
        lines = [line for line in self.metrics_path.read_text().splitlines() if line.strip()]
        kept = [line for line in lines if json.loads(line)["step"] <= step]
        self.metrics_path.write_text("".join(line + "\n" for line in kept))

    def log(self, record: dict[str, Any]) -> None:
        with open(self.metrics_path, "a") as handle:
            handle.write(json.dumps(record) + "\n")

    def sample_path(self, step: int) -> Path:
        return self.samples_dir / f"step_{step:07d}.png"

