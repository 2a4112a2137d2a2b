"""The Loss interface: the adversarial objective, as pure functions of logits."""
from __future__ import annotations

from abc import ABC, abstractmethod

import torch

from wordgan.interfaces.gan import Discriminator


class Loss(ABC):
    """The objective for D and for G.

    Losses are pure: they compute numbers from logits (and, for a penalty, from D and the batches); the
    trainer alone calls ``zero_grad``, ``backward`` and ``step``. Two abstract methods, because an
    adversarial objective has two sides. The constructor takes the loss's options as keyword arguments.
    """

    #: How many D updates the trainer makes per G update (WGAN-GP uses 5).
    critic_steps: int = 1

    @abstractmethod
    def discriminator_loss(self, real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
        """(B,), (B',) logits of real and of rejected images (or (B, M), (B', M): M judgements per image,
        averaged like the rest) -> scalar loss for D."""

    @abstractmethod
    def generator_loss(self, fake_logits: torch.Tensor) -> torch.Tensor:
        """(B,) (or (B, M)) logits of generated images -> scalar loss for G."""

    def penalty(
        self,
        discriminator: Discriminator,
        real: torch.Tensor,
        fake: torch.Tensor,
        cond: torch.Tensor,
    ) -> torch.Tensor | None:
        """Extra D loss from D itself, e.g. a gradient penalty; ``None`` when the loss has none.

        Shapes: ``real`` and ``fake`` (B, C, H, W), ``cond`` (B, E).
        """
        return None
