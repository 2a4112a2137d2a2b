"""An exponential moving average of the generator's weights (Yazici et al. 2019)."""
from __future__ import annotations

import copy

import torch
from torch import nn


class EMA:
    """A frozen copy of G whose weights follow G's: ``ema = decay * ema + (1 - decay) * weights``.

    Averaging over the last ~1/(1 - decay) steps smooths the oscillation of adversarial training, so the
    average draws better images than the weights of any one step. Before ``start`` the copy simply tracks G
    (averaging the first, random weights in would only slow it down). Batch-norm running statistics are
    averaged like the weights (BigGAN-PyTorch does the same), so the statistics match the averaged weights
    rather than belonging to the last step's; integer buffers (batch counts) are copied.
    """

    def __init__(self, model: nn.Module, decay: float, start: int = 0):
        if not 0.0 < decay < 1.0:
            raise ValueError(f"EMA decay must be in (0, 1), got {decay}")
        self.decay, self.start = decay, start
        self.model = copy.deepcopy(model).eval().requires_grad_(False)

    @torch.no_grad()
    def update(self, model: nn.Module, step: int) -> None:
        """Fold ``model``'s current weights in; ``step`` is the number of G updates made so far."""
        share = 1.0 - self.decay if step > self.start else 1.0  # of the new weights; 1: a plain copy
        for mine, theirs in zip(self.model.state_dict().values(), model.state_dict().values()):
            if mine.dtype.is_floating_point and share < 1.0:
                mine.lerp_(theirs, share)
            else:
                mine.copy_(theirs)
