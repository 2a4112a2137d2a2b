"""Which images make up the k-th batch: a fresh shuffle each epoch, derived from (seed, epoch); and the seeds
of the loop's other random streams that are a function of the step.

Being a pure function of the batch number, the schedule needs no state in the checkpoint: a resumed run
draws exactly the batches the uninterrupted run would have drawn.
"""
from __future__ import annotations

import hashlib

import torch

#: The random streams derived from (the run's seed, a step or epoch number); each its own seeds.
BATCH_ORDER = "batch order"
STANDING_STATISTICS = "standing statistics"  # inputs for the moving average's batch-norm statistics


def stream_seed(seed: int, stream: str, index: int) -> int:
    """The seed of ``stream`` at ``index``: distinct streams never share a seed for any (seed, index).

    The batch order keeps wordgan 0.1's formula, so runs draw the batches they always drew (and resume
    exactly); every other stream hashes its own name in, so it cannot collide with it.
    """
    if stream == BATCH_ORDER:
        return (seed * 1_000_003 + index) % 2**64  # unchanged below 2**63 / 1,000,003: old runs keep their batches
    digest = hashlib.sha256(f"{stream}\0{seed}\0{index}".encode()).digest()
    return int.from_bytes(digest[:8], "little") >> 1  # < 2**63: what torch.Generator.manual_seed takes


class BatchSchedule:
    def __init__(self, size: int, batch_size: int, seed: int):
        if size < batch_size:
            raise ValueError(f"the dataset has {size} images, fewer than one batch of {batch_size}")
        self.size, self.batch_size, self.seed = size, batch_size, seed
        self.per_epoch = size // batch_size  # the last partial batch of each epoch is dropped
        self._epoch, self._order = -1, torch.empty(0, dtype=torch.long)

    def indices(self, k: int) -> torch.Tensor:
        """(batch_size,) long indices of the k-th batch (k counts from 0 over the whole run)."""
        epoch, position = divmod(k, self.per_epoch)
        if epoch != self._epoch:
            generator = torch.Generator().manual_seed(stream_seed(self.seed, BATCH_ORDER, epoch))
            self._epoch, self._order = epoch, torch.randperm(self.size, generator=generator)
        start = position * self.batch_size
        return self._order[start : start + self.batch_size]
