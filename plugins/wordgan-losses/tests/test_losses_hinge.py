"""The hinge loss on known logits."""
import pytest
import torch

import wordgan
from wordgan.testing import LossContract
from wordgan_losses import Hinge


def test_discriminator_hinge_on_known_logits():
    real = torch.tensor([2.0, 0.5, -1.0])  # margins relu(1 - x): 0, 0.5, 2
    fake = torch.tensor([-2.0, 0.0, 1.0, -1.0])  # margins relu(1 + x): 0, 1, 2, 0
    assert Hinge().discriminator_loss(real, fake).item() == pytest.approx(2.5 / 3 + 3 / 4)


def test_confident_discriminator_has_zero_loss():
    assert Hinge().discriminator_loss(torch.tensor([1.0, 5.0]), torch.tensor([-1.0, -9.0])).item() == 0.0


def test_generator_hinge_is_minus_mean_fake_logit():
    assert Hinge().generator_loss(torch.tensor([-2.0, 0.0, 1.0])).item() == pytest.approx(1 / 3)


def test_registered():
    loss = wordgan.build_loss("hinge", critic_steps=2)
    assert isinstance(loss, Hinge) and loss.critic_steps == 2


class TestHingeContract(LossContract):
    @pytest.fixture
    def loss(self):
        return wordgan.build_loss("hinge")
