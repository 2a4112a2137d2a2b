"""The run directory: ``config.json``, ``metrics.jsonl``, ``samples/``, ``checkpoint.safetensors`` and a lock."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

from wordgan.files.atomic import replacing, write_json, write_text
from wordgan.checkpoint.store import CHECKPOINT_NAME
from wordgan.training.config import TrainConfig
from wordgan.errors import UnwritableError, WordganError

LOCK_NAME = ".lock"
BEST_NAME = "best.safetensors"


class RunDir:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.config_path = self.path / "config.json"
        self.metrics_path = self.path / "metrics.jsonl"
        self.samples_dir = self.path / "samples"
        self.tensorboard_dir = self.path / "tensorboard"
        self.checkpoint_path = self.path / CHECKPOINT_NAME
        self.best_path = self.path / BEST_NAME  # with --eval-every: the checkpoint that scored best
        self._lock_handle = None
        self._created = False  # whether lock() made the folder

    def lock(self) -> str | None:
        """Take the run's exclusive lock, so two trainings never write one run; returns a note about a stale
        lock left by a process that died, or None.

        ``flock`` locks die with their process, so a lock file whose lock can be taken is stale by
        definition; the pid inside it says whose it was.
        """
        try:
            self._created = not self.path.exists()
            self.path.mkdir(parents=True, exist_ok=True)
            handle = open(self.path / LOCK_NAME, "a+")
        except OSError as exc:
            raise WordganError(f"cannot write into the run directory {self.path}: {exc.strerror}") from exc
        handle.seek(0)
        previous = handle.read().strip()
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise WordganError(
                f"{self.path} is in use by another training ({previous or 'unknown process'}); wait for it to "
                "finish or stop it, or train into another --out"
            ) from None
        handle.seek(0), handle.truncate()
        handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
        self._lock_handle = handle
        return f"{self.path}: a previous training ({previous}) ended without releasing its lock" if previous else None

    def unlock(self) -> None:
        """Release the lock. A run that never started (refused, or failed before its first line of metrics)
        leaves no lock file behind, nor the folder if this run made it and it is empty."""
        if self._lock_handle is None:
            return
        started = self.checkpoint_path.exists() or self.metrics_path.exists()
        if not started:
            (self.path / LOCK_NAME).unlink(missing_ok=True)  # still holding the lock: no one else is in between
        self._lock_handle.seek(0), self._lock_handle.truncate()
        self._lock_handle.close()
        self._lock_handle = None
        if not started and self._created and not any(self.path.iterdir()):
            self.path.rmdir()

    def remove_temp_files(self) -> list[Path]:
        """Delete half-written files (``.NAME.XXXX.part``, see :mod:`wordgan.files.atomic`) that a killed save left
        here; only a process holding the lock calls this, so none of them is being written now."""
        stale = [p for folder in (self.path, self.samples_dir) if folder.is_dir() for p in folder.glob(".*.part")]
        for path in stale:
            path.unlink(missing_ok=True)
        return stale

    def check_new(self) -> None:
        """Refuse a directory that holds a run, so no saved work is lost."""
        if self.checkpoint_path.exists():
            raise WordganError(
                f"{self.path} already holds a trained run; pass --resume to continue it, or --out DIR for a new run"
            )
        # metrics.jsonl without a checkpoint is a run killed before its first save: its curves are still
        # someone's data. (A config.json alone is what a run that failed to start leaves; it is rewritten,
        # but only if it is a wordgan run's: --out . in a project folder must not replace the project's.)
        if self.metrics_path.exists():
            raise WordganError(
                f"{self.path} holds the metrics.jsonl of a run that saved no checkpoint; delete the folder to start "
                "again there, or train into another --out"
            )
        if self.config_path.exists() and not _is_run_config(self.config_path):
            raise WordganError(
                f"{self.config_path} is not the config of a wordgan run, and training would replace it; train into "
                "another --out"
            )

    def start(self, config: TrainConfig) -> None:
        """Create a new run (called once its parts are built, so a run that fails to start leaves nothing)."""
        self.check_new()
        self.samples_dir.mkdir(parents=True, exist_ok=True)
        self.write_config(config)

    def write_config(self, config: TrainConfig) -> None:
        write_json(self.config_path, config.to_dict())

    def keep_metrics_until(self, step: int) -> list[str]:
        """Drop metric lines logged after ``step`` (written after the checkpoint a resume starts from), and lines
        that are no record of a step (the partial last line of a killed write, a line edited by hand); returns
        a note for each line of the second kind."""
        if not self.metrics_path.exists():
            return []
        kept, dropped = [], []
        for number, line in enumerate(self.metrics_path.read_text(errors="replace").splitlines(), start=1):
            record = _record(line)
            if record is None and line.strip():
                dropped.append(f"dropped line {number} of {self.metrics_path}: not a record of a step (a write cut short?)")
            elif record is not None and record["step"] <= step:
                kept.append(line)
        write_text(self.metrics_path, "".join(line + "\n" for line in kept))
        return dropped

    def best_score(self, metric: str) -> float | None:
        """The best ``metric`` of the evaluations logged so far (``{"step", "eval": {...}}`` lines), or None."""
        if not self.metrics_path.exists():
            return None
        scores = [
            record["eval"][metric] for record in map(_record, self.metrics_path.read_text(errors="replace").splitlines())
            if record is not None and isinstance(record.get("eval"), dict) and isinstance(record["eval"].get(metric), (int, float))
        ]
        return max(scores, default=None)

    def keep_best(self) -> None:
        """Copy the checkpoint just saved to :attr:`best_path`, atomically."""
        with replacing(self.best_path) as temp:
            shutil.copyfile(self.checkpoint_path, temp)

    def log(self, record: dict[str, Any]) -> None:
        try:
            with open(self.metrics_path, "a") as handle:
                handle.write(json.dumps(record) + "\n")
        except OSError as exc:
            raise UnwritableError(self.metrics_path, exc) from exc

    def sample_path(self, step: int) -> Path:
        return self.samples_dir / f"step_{step:07d}.png"


def _record(line: str) -> dict[str, Any] | None:
    """One line of metrics.jsonl as a record with an integer step, or None."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return None
    step = record.get("step") if isinstance(record, dict) else None
    return record if isinstance(step, int) and not isinstance(step, bool) else None


def _is_run_config(path: Path) -> bool:
    """Whether ``path`` holds settings a wordgan run wrote (:meth:`RunDir.write_config`)."""
    try:
        data = json.loads(path.read_text())
        TrainConfig.from_dict(data)
    except (OSError, ValueError, TypeError, AttributeError, RecursionError, WordganError):
        return False
    return True
