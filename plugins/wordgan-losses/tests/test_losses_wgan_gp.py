"""WGAN-GP against values computed by hand."""
import pytest
import torch
from torch import nn

import wordgan
from wordgan.interfaces import Discriminator
from wordgan.testing import LossContract
from wordgan_losses import WassersteinGP, gradient_penalty

IMAGE = (1, 2, 2)  # (C, H, W): four pixels keep hand computation easy


class LinearCritic(Discriminator):
    """D(x, c) = w . x + v . c: its gradient in x is w everywhere, so the penalty is (||w|| - 1)^2 exactly."""

    def __init__(self, w: torch.Tensor, cond_dim: int = 3):
        super().__init__(cond_dim, IMAGE)
        self.w = nn.Parameter(w.clone())
        self.v = nn.Parameter(torch.ones(cond_dim))

    def forward(self, images, cond):
        return images.flatten(1) @ self.w + cond @ self.v


class BilinearCritic(Discriminator):
    """D(x, c) = x . (M c): the gradient in x of sample i is M c_i, so each sample's norm depends on its word."""

    def __init__(self, matrix: torch.Tensor):
        super().__init__(matrix.shape[1], IMAGE)
        self.matrix = matrix

    def forward(self, images, cond):
        return (images.flatten(1) * (cond @ self.matrix.T)).sum(dim=1)


def batches(b=5):
    return torch.randn(b, *IMAGE), torch.randn(b, *IMAGE), torch.randn(b, 3)


def test_penalty_of_a_linear_critic_is_known_exactly():
    real, fake, cond = batches()
    critic = LinearCritic(torch.tensor([2.0, 0.0, 1.0, 2.0]))  # ||w|| = 3
    assert WassersteinGP(gp_weight=10.0).penalty(critic, real, fake, cond).item() == pytest.approx(10 * (3 - 1) ** 2)


def test_penalty_is_zero_for_a_unit_gradient():
    real, fake, cond = batches()
    critic = LinearCritic(torch.tensor([0.6, 0.0, 0.8, 0.0]))  # ||w|| = 1
    assert WassersteinGP().penalty(critic, real, fake, cond).item() == pytest.approx(0.0, abs=1e-6)


def test_penalty_holds_each_sample_s_condition():
    matrix = torch.tensor([[1.0, 0.0], [0.0, 0.0], [0.0, 2.0], [0.0, 0.0]])
    cond = torch.tensor([[1.0, 0.0], [0.0, 1.0], [3.0, 0.0]])  # gradient norms ||M c_i|| = 1, 2, 3
    real, fake = torch.randn(3, *IMAGE), torch.randn(3, *IMAGE)
    expected = ((1 - 1) ** 2 + (2 - 1) ** 2 + (3 - 1) ** 2) / 3
    assert gradient_penalty(BilinearCritic(matrix), real, fake, cond).item() == pytest.approx(expected)


def test_penalty_trains_the_critic_and_not_the_generator():
    real, _, cond = batches()
    fake = torch.randn(5, *IMAGE, requires_grad=True)  # as if straight from G
    w = torch.tensor([2.0, 0.0, 1.0, 2.0])
    critic = LinearCritic(w)
    WassersteinGP(gp_weight=10.0).penalty(critic, real, fake, cond).backward()
    # d/dw 10 (||w|| - 1)^2 = 20 (||w|| - 1) w / ||w||
    torch.testing.assert_close(critic.w.grad, 20 * (3 - 1) * w / 3)
    assert fake.grad is None


def test_wasserstein_losses_on_known_logits():
    real, fake = torch.tensor([1.0, 2.0]), torch.tensor([0.5, -0.5, 3.0])
    assert WassersteinGP().discriminator_loss(real, fake).item() == pytest.approx(1.0 - 1.5)
    assert WassersteinGP(drift=0.001).discriminator_loss(real, fake).item() == pytest.approx(-0.5 + 0.001 * 2.5)
    assert WassersteinGP().generator_loss(fake).item() == pytest.approx(-1.0)


def test_penalty_rejects_mismatched_batches():
    real, fake, cond = batches()
    with pytest.raises(ValueError, match="same shape"):
        gradient_penalty(LinearCritic(torch.ones(4)), real, fake[:3], cond)


def test_registered_with_paper_defaults():
    loss = wordgan.build_loss("wgan-gp")
    assert isinstance(loss, WassersteinGP)
    assert (loss.critic_steps, loss.gp_weight, loss.drift) == (5, 10.0, 0.0)


class TestWassersteinContract(LossContract):
    @pytest.fixture
    def loss(self):
        return wordgan.build_loss("wgan-gp", drift=0.001)
