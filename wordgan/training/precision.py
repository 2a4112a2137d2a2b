"""Mixed precision: an autocast context and one gradient scaler per optimizer."""
from __future__ import annotations

from contextlib import nullcontext
from typing import ContextManager

import torch

from wordgan.errors import WordganError

PRECISIONS = {"fp32": None, "bf16": torch.bfloat16, "fp16": torch.float16}


class Precision:
    """``fp32`` (no autocast), ``bf16`` or ``fp16`` autocast on ``device``.

    fp16 needs loss scaling (its small gradients underflow), so each optimizer gets its own ``GradScaler``:
    G's and D's losses differ in size by orders of magnitude, and one shared scale would suit neither.
    bf16 has fp32's range and needs none.
    """

    def __init__(self, name: str, device: torch.device):
        if name not in PRECISIONS:
            raise WordganError(f"unknown precision {name!r}; choose one of {', '.join(PRECISIONS)}")
        self.name, self.dtype, self.device = name, PRECISIONS[name], device
        if self.dtype is not None and device.type == "mps" and self.dtype is torch.bfloat16:
            raise WordganError("bf16 autocast is not supported on MPS; use --precision fp16 or fp32")

    def autocast(self) -> ContextManager:
        """Where the forward passes run: lower precision for matmuls and convolutions, fp32 for reductions."""
        if self.dtype is None:
            return nullcontext()
        return torch.autocast(device_type=self.device.type, dtype=self.dtype)

    def scaler(self) -> torch.amp.GradScaler:
        """A loss scaler that is a no-op unless the precision is fp16."""
        return torch.amp.GradScaler(self.device.type, enabled=self.name == "fp16")
