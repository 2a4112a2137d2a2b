"""Batch norm over the global batch of all processes, for CPUs, where PyTorch's SyncBatchNorm does not run."""
from __future__ import annotations

import torch
import torch.distributed as dist
from torch import nn
from torch.distributed._functional_collectives import all_reduce


class GlobalBatchNorm(nn.modules.batchnorm._BatchNorm):
    """Batch norm whose training statistics are those of the whole batch across processes.

    Each process sums x and x² over its rows; PyTorch's autograd-aware functional ``all_reduce`` (the
    replacement its deprecation notice names for ``torch.distributed.nn.functional.all_reduce``) adds the sums of
    every process, and its backward adds the gradients, so the
    result and its gradients equal one process normalising the concatenated batch. Works for (B, C) and
    (B, C, ...) inputs; in eval mode it is plain batch norm with the running statistics.
    """

    def _check_input_dim(self, input: torch.Tensor) -> None:
        if input.dim() < 2:
            raise ValueError(f"expected at least 2-D input, got {input.dim()}-D")

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (B, C, ...) -> (B, C, ...)
        if not (self.training and dist.is_available() and dist.is_initialized()):
            return super().forward(x)
        dims = [0] + list(range(2, x.dim()))
        count = torch.tensor([x.numel() / x.shape[1]], dtype=x.dtype, device=x.device)
        sums = torch.cat([count, x.sum(dims), x.pow(2).sum(dims)])  # (1 + 2C,)
        sums = all_reduce(sums, "sum", dist.group.WORLD)
        n, total, squares = sums[0], sums[1 : 1 + x.shape[1]], sums[1 + x.shape[1] :]
        mean = total / n  # (C,)
        var = (squares / n - mean.pow(2)).clamp_min(0)  # (C,) biased, as batch norm normalises with
        if self.track_running_stats:
            with torch.no_grad():
                self.num_batches_tracked += 1
                momentum = self.momentum if self.momentum is not None else 1.0 / float(self.num_batches_tracked)
                self.running_mean.lerp_(mean.detach(), momentum)
                self.running_var.lerp_(var.detach() * n / (n - 1).clamp_min(1), momentum)  # unbiased, as BatchNorm stores
        shape = [1, -1] + [1] * (x.dim() - 2)
        y = (x - mean.view(shape)) * torch.rsqrt(var.view(shape) + self.eps)
        if self.affine:
            y = y * self.weight.view(shape) + self.bias.view(shape)
        return y

    @classmethod
    def convert(cls, module: nn.Module) -> nn.Module:
        """``module`` with every batch norm replaced by a GlobalBatchNorm holding the same weights and stats."""
        if isinstance(module, nn.modules.batchnorm._BatchNorm) and not isinstance(module, cls):
            converted = cls(module.num_features, module.eps, module.momentum, module.affine, module.track_running_stats)
            converted.load_state_dict(module.state_dict())
            converted.train(module.training)
            return converted
        for name, child in module.named_children():
            module.add_module(name, cls.convert(child))
        return module
