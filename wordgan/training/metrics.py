"""Where the loop's numbers go: ``metrics.jsonl`` always, TensorBoard event files when asked."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from wordgan.config import TrainConfig
from wordgan.errors import WordganError
from wordgan.training.run_dir import RunDir


class MetricsLog:
    """One record per ``log_every`` steps (losses averaged over the window and over processes, images/s,
    learning rates, seconds since the start); sample grids go to TensorBoard as images too. Only rank 0
    writes (``enabled``)."""

    def __init__(self, run: RunDir, config: TrainConfig, enabled: bool = True):
        self.run, self.enabled, self.started = run, enabled, time.perf_counter()
        self.writer = None
        if enabled and config.tensorboard:
            try:
                from torch.utils.tensorboard import SummaryWriter
            except ImportError as exc:
                raise WordganError("--tensorboard needs the tensorboard package: pip install tensorboard") from exc
            self.writer = SummaryWriter(log_dir=str(run.tensorboard_dir))

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
        return record

    def image(self, step: int, path: Path) -> None:
        """Show a sample grid (a PNG the loop just wrote) in TensorBoard's images tab."""
        if self.writer:
            self.writer.add_image("samples", np.asarray(Image.open(path).convert("RGB")), step, dataformats="HWC")

    def close(self) -> None:
        if self.writer:
            self.writer.close()
