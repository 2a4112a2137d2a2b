"""WGAN-GP: the Wasserstein loss with a gradient penalty.

Gulrajani, Ahmed, Arjovsky, Dumoulin, Courville, "Improved Training of Wasserstein GANs", NeurIPS 2017,
https://arxiv.org/abs/1704.00028 (Algorithm 1: lambda = 10, n_critic = 5). The optional drift term is from
Karras, Aila, Laine, Lehtinen, "Progressive Growing of GANs", ICLR 2018, https://arxiv.org/abs/1710.10196.
"""
from __future__ import annotations

import torch

from wordgan.interfaces import Discriminator, Loss


class WassersteinGP(Loss):
    """The critic maximises mean(D(real)) - mean(D(fake)) under a soft 1-Lipschitz constraint.

    ``gp_weight``: lambda, the weight of the gradient penalty (10 in the paper).
    ``critic_steps``: critic updates per generator update (5 in the paper): the Wasserstein estimate is only
    useful to G once the critic is near its optimum.
    ``drift``: weight of ``mean(D(real)^2)``, which stops the critic's outputs from wandering off to large
    values; 0 (off) as in Gulrajani et al., 0.001 in Karras et al.

    The logits are unbounded critic scores, not probabilities: the discriminator must not end in a sigmoid, and
    it should not use batch normalisation, which the per-sample penalty assumes away (the paper uses layer norm
    or none).
    """

    def __init__(self, gp_weight: float = 10.0, critic_steps: int = 5, drift: float = 0.0):
        if gp_weight < 0 or drift < 0:
            raise ValueError(f"gp_weight and drift must be >= 0, got {gp_weight} and {drift}")
        if critic_steps < 1:
            raise ValueError(f"critic_steps must be >= 1, got {critic_steps}")
        self.gp_weight = gp_weight
        self.critic_steps = critic_steps
        self.drift = drift

    def discriminator_loss(self, real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
        """(B,), (B',) critic scores -> scalar ``mean(fake) - mean(real) + drift * mean(real^2)``."""
        loss = fake_logits.mean() - real_logits.mean()
        if self.drift:
            loss = loss + self.drift * real_logits.pow(2).mean()
        return loss

    def generator_loss(self, fake_logits: torch.Tensor) -> torch.Tensor:
        """(B,) critic scores of generated images -> scalar ``-mean(fake)``."""
        return -fake_logits.mean()

    def penalty(
        self,
        discriminator: Discriminator,
        real: torch.Tensor,
        fake: torch.Tensor,
        cond: torch.Tensor,
    ) -> torch.Tensor:
        """``gp_weight * mean((||grad_x D(x_hat, cond)||_2 - 1)^2)``; see :func:`gradient_penalty`."""
        return self.gp_weight * gradient_penalty(discriminator, real, fake, cond)


def gradient_penalty(
    discriminator: Discriminator,
    real: torch.Tensor,
    fake: torch.Tensor,
    cond: torch.Tensor,
) -> torch.Tensor:
    """``mean((||grad_x D(x_hat, cond)||_2 - 1)^2)`` over random interpolates ``x_hat`` of real and fake.

    Shapes: ``real`` and ``fake`` (B, C, H, W), ``cond`` (B, E) -> scalar. Each pair (real[i], fake[i]) gets its own
    mixing weight, and both images keep the condition cond[i]: the penalty constrains D in x for a fixed word.
    The result keeps its graph (``create_graph``), so backpropagating it trains D's parameters; no gradient
    reaches the generator through ``fake``.
    """
    if real.shape != fake.shape:
        raise ValueError(f"real and fake must have the same shape, got {tuple(real.shape)} and {tuple(fake.shape)}")
    shape = (real.shape[0],) + (1,) * (real.dim() - 1)  # (B, 1, 1, 1): one mixing weight per sample
    alpha = torch.rand(shape, device=real.device, dtype=real.dtype)
    x_hat = (alpha * real.detach() + (1 - alpha) * fake.detach()).requires_grad_(True)  # (B, C, H, W)
    scores = discriminator(x_hat, cond)  # (B,)
    # Summing is exact: score i depends on x_hat[i] alone (no batch norm), so d(sum)/dx_hat[i] = dD_i/dx_hat[i].
    (grad,) = torch.autograd.grad(scores.sum(), x_hat, create_graph=True)  # (B, C, H, W)
    # The epsilon keeps the backward pass finite where D is flat (d sqrt(s)/ds is infinite at s = 0).
    norms = torch.sqrt(grad.flatten(1).pow(2).sum(dim=1) + 1e-12)  # (B,)
    return (norms - 1).pow(2).mean()
