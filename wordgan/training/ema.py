"""An exponential moving average of the generator's weights (Yazici et al. 2019)."""
from __future__ import annotations

import copy
from typing import Callable

import torch
from torch import nn


class EMA:
    """A frozen copy of G whose weights follow G's: ``ema = decay * ema + (1 - decay) * weights``.

    Averaging over the last ~1/(1 - decay) steps smooths the oscillation of adversarial training, so the
    average draws better images than the weights of any one step. Before ``start`` the copy simply tracks G
    (averaging the first, random weights in would only slow it down). After it the decay warms up as
    TensorFlow's ``ExponentialMovingAverage(num_updates=...)`` does: ``min(decay, (1 + n) / (10 + n))`` after n
    averaged steps, so the average of a short run holds what G learnt, not its random start (with 0.99 alone,
    runs of 50-60 steps drew grey noise; issue 21); from n = 890 on it is the plain decay.

    Batch norm: the running statistics of G belong to G's weights, and an average of them does not fit the
    averaged weights (measured: a BigGAN's averaged G drew 0.235 of its images in the right class with
    averaged statistics, 0.70 with its own). So before the average draws (sample grids, checkpoints),
    :meth:`refresh_statistics` recomputes its batch-norm statistics from its own activations on fresh noise:
    BigGAN's "standing statistics" (Brock et al. 2019).
    """

    def __init__(self, model: nn.Module, decay: float, start: int = 0):
        if not 0.0 < decay < 1.0:
            raise ValueError(f"EMA decay must be in (0, 1), got {decay}")
        self.decay, self.start = decay, start
        self.model = copy.deepcopy(model).eval().requires_grad_(False)

    def decay_at(self, step: int) -> float:
        """The decay of the update made after ``step`` G updates: 0 (a plain copy) until ``start``, then warming
        up to :attr:`decay`."""
        averaged = step - self.start
        return 0.0 if averaged <= 0 else min(self.decay, (1 + averaged) / (10 + averaged))

    @torch.no_grad()
    def update(self, model: nn.Module, step: int) -> None:
        """Fold ``model``'s current weights in; ``step`` is the number of G updates made so far."""
        share = 1.0 - self.decay_at(step)  # of the new weights; 1: a plain copy
        for mine, theirs in zip(self.model.state_dict().values(), model.state_dict().values()):
            if mine.dtype.is_floating_point and share < 1.0:
                mine.lerp_(theirs, share)
            else:
                mine.copy_(theirs)

    @torch.no_grad()
    def refresh_statistics(self, inputs: Callable[[], tuple[torch.Tensor, torch.Tensor]], batches: int = 16) -> None:
        """Recompute the average's batch-norm statistics as the plain mean over ``batches`` forward passes of
        ``inputs()`` -> (noise (B, Z), conditions (B, E)), like the batches G trains on. No-op without batch norm."""
        norms = [m for m in self.model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm) and m.track_running_stats]
        if not norms:
            return
        momenta = [norm.momentum for norm in norms]
        for norm in norms:
            norm.reset_running_stats()
            norm.momentum = None  # None: a cumulative mean over the batches, not a decaying one
        self.model.train()
        for _ in range(batches):
            self.model(*inputs())
        self.model.eval()
        for norm, momentum in zip(norms, momenta):
            norm.momentum = momentum
