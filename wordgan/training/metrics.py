"""Where the loop's numbers go: ``metrics.jsonl`` always, TensorBoard event files and Weights & Biases when asked."""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from wordgan.files.atomic import write_text
from wordgan.training.config import TrainConfig
from wordgan.errors import WordganError
from wordgan.training.run_dir import RunDir


class MetricsLog:
    """One record per ``log_every`` steps (losses averaged over the window and over processes, images/s,
    learning rates, seconds since the start); sample grids go to TensorBoard and W&B as images too. Only
    rank 0 writes (``enabled``)."""

    def __init__(self, run: RunDir, config: TrainConfig, enabled: bool = True):
        self.run, self.enabled, self.started = run, enabled, time.perf_counter()
        self.writer = None
        if enabled and config.tensorboard:
            try:
                from torch.utils.tensorboard import SummaryWriter
            except ImportError as exc:
                raise WordganError("--tensorboard needs the tensorboard package: pip install tensorboard") from exc
            self.writer = SummaryWriter(log_dir=str(run.tensorboard_dir))
        self.wandb = _wandb_run(run, config) if enabled and config.wandb else None

    def begin(self) -> None:
        """Start the clock of ``elapsed_s`` when the loop starts, not while data and models load."""
        self.started = time.perf_counter()

    def write(self, step: int, d_loss: float, g_loss: float, images_per_s: float, rates: dict[str, float]) -> dict[str, Any]:
        record = {
            "step": step,
            "d_loss": d_loss,
            "g_loss": g_loss,
            "images_per_s": images_per_s,
            "elapsed_s": time.perf_counter() - self.started,
            **rates,
        }
        if self.enabled:
            self.run.log(record)
            if self.writer:
                for key in ("d_loss", "g_loss", "images_per_s", *rates):
                    self.writer.add_scalar(f"train/{key}", record[key], step)
            if self.wandb:
                self.wandb.log({f"train/{key}": record[key] for key in ("d_loss", "g_loss", "images_per_s", *rates)}, step=step)
        return record

    def scores(self, step: int, scores: dict[str, float]) -> None:
        """An evaluation during training (--eval-every): a ``{"step", "eval": {...}}`` line, and ``eval/...``
        scalars in TensorBoard and W&B."""
        if not self.enabled:
            return
        self.run.log({"step": step, "eval": scores})
        if self.writer:
            for key, value in scores.items():
                self.writer.add_scalar(f"eval/{key}", value, step)
        if self.wandb:
            self.wandb.log({f"eval/{key}": value for key, value in scores.items()}, step=step)

    def image(self, step: int, path: Path) -> None:
        """Show a sample grid (a PNG the loop just wrote) in TensorBoard's images tab."""
        if self.writer:
            self.writer.add_image("samples", np.asarray(Image.open(path).convert("RGB")), step, dataformats="HWC")
        if self.wandb:
            import wandb

            self.wandb.log({"samples": wandb.Image(str(path))}, step=step)

    def close(self) -> None:
        if self.writer:
            self.writer.close()
        if self.wandb:
            self.wandb.finish()


def _wandb_run(run: RunDir, config: TrainConfig):
    """A W&B run in project ``config.wandb`` with the run's config, files in ``RUN/wandb/``; a resumed run
    continues the same W&B run (its id is kept in ``RUN/wandb/run-id``). ``WANDB_MODE`` decides online or
    offline, as W&B's own tools do."""
    try:
        import wandb
    except ImportError as exc:
        raise WordganError("--wandb needs the wandb package: pip install wandb") from exc
    folder = run.path / "wandb"  # where wandb.init(dir=RUN) puts its files
    id_file = folder / "run-id"
    run_id = id_file.read_text().strip() if id_file.is_file() else secrets.token_hex(4)  # W&B ids: [a-z0-9]
    try:
        started = wandb.init(
            project=config.wandb, dir=str(run.path), id=run_id, resume="allow", name=run.path.name,
            config=config.to_dict(), mode=os.environ.get("WANDB_MODE", "online"),
        )
    except wandb.errors.UsageError as exc:  # no API key, or settings W&B refuses
        raise WordganError(
            f"W&B refused to start: {' '.join(str(exc).split())} Or set WANDB_MODE=offline to log into {folder} "
            "and upload it later with `wandb sync`."
        ) from exc
    write_text(id_file, run_id + "\n")
    return started
