"""Adversarial losses for wordgan: WGAN-GP and hinge, registered in the ``wordgan.losses`` entry-point group."""
from wordgan_losses.hinge import Hinge
from wordgan_losses.wgan_gp import WassersteinGP, gradient_penalty

__all__ = ["Hinge", "WassersteinGP", "gradient_penalty"]
