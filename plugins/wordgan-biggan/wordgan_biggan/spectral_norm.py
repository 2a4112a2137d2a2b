"""Spectral normalisation (Miyato et al. 2018) whose power iteration always runs in float32."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import parametrize


class SpectralNorm(nn.Module):
    """A parametrization ``weight -> weight / sigma``, sigma the largest singular value of the weight seen as an
    (out, in * kh * kw) matrix, estimated by one power-iteration step per training forward pass.

    Unlike ``torch.nn.utils.parametrizations.spectral_norm``, the estimate is computed with autocast turned
    off and in float32. Under CUDA autocast, ``torch.mv`` (torch's power iteration) runs in float16/bfloat16:
    the singular vectors would be estimated at 8 bits of mantissa, and torch's ``vdot(u, mv(W, v))`` would mix
    a float32 ``u`` with a low-precision product. Only the normalised weight leaves this module; the layer
    that uses it is still autocast as usual.
    """

    def __init__(self, weight: torch.Tensor, eps: float = 1e-12, warmup_iterations: int = 15):
        super().__init__()
        self.eps = eps
        matrix = weight.detach().flatten(1).float()  # (O, I)
        self.register_buffer("u", F.normalize(torch.randn(matrix.shape[0], device=weight.device), dim=0, eps=eps))
        self.register_buffer("v", F.normalize(torch.randn(matrix.shape[1], device=weight.device), dim=0, eps=eps))
        # Start from good singular vectors, so the first forward pass already divides by about the right sigma.
        self._power_iteration(matrix, warmup_iterations)

    @torch.no_grad()
    def _power_iteration(self, matrix: torch.Tensor, iterations: int) -> None:
        """(O, I) float32 matrix; updates u (O,) and v (I,) in place (in place, so DDP's buffer sync sees them)."""
        for _ in range(iterations):
            self.v.copy_(F.normalize(matrix.t() @ self.u.float(), dim=0, eps=self.eps))
            self.u.copy_(F.normalize(matrix @ self.v.float(), dim=0, eps=self.eps))

    def forward(self, weight: torch.Tensor) -> torch.Tensor:
        with torch.autocast(device_type=weight.device.type, enabled=False):
            matrix = weight.flatten(1).float()  # (O, I)
            if self.training:
                self._power_iteration(matrix.detach(), 1)
            # Clones: a later forward pass (D(real) then D(fake), one backward) updates u and v in place, which
            # must not change the tensors this pass's graph saved.
            u, v = self.u.float().clone(), self.v.float().clone()
            sigma = torch.dot(u, matrix @ v)  # scalar; the gradient flows through the matrix, not u and v
            return weight / sigma.to(weight.dtype)


def spectral_norm(layer: nn.Module) -> nn.Module:
    """``layer`` with its ``weight`` spectrally normalised (call it after initialising the weight)."""
    parametrize.register_parametrization(layer, "weight", SpectralNorm(layer.weight))
    return layer


def is_spectrally_normalised(layer: nn.Module) -> bool:
    return parametrize.is_parametrized(layer, "weight") and any(
        isinstance(p, SpectralNorm) for p in layer.parametrizations.weight
    )
