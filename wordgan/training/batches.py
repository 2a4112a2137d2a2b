"""Which images make up the k-th batch: a fresh shuffle each epoch, derived from (seed, epoch).

Being a pure function of the batch number, the schedule needs no state in the checkpoint: a resumed run
draws exactly the batches the uninterrupted run would have drawn.
"""
from __future__ import annotations

import torch


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
            generator = torch.Generator().manual_seed(self.seed * 1_000_003 + epoch)
            self._epoch, self._order = epoch, torch.randperm(self.size, generator=generator)
        start = position * self.batch_size
        return self._order[start : start + self.batch_size]
