"""A few real optimiser steps with each loss stay finite (the trainer's order: D first, then G)."""
import pytest
import torch
from torch import nn

import wordgan
from wordgan.interfaces import Discriminator, Generator

IMAGE, Z, E = (1, 8, 8), 4, 3


class TinyG(Generator):
    def __init__(self):
        super().__init__(Z, E, IMAGE)
        self.net = nn.Sequential(nn.Linear(Z + E, 64), nn.Tanh())

    def forward(self, z, cond):
        return self.net(torch.cat([z, cond], dim=1)).view(-1, *IMAGE)


class TinyD(Discriminator):
    def __init__(self):
        super().__init__(E, IMAGE)
        self.net = nn.Sequential(nn.Linear(64 + E, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1))

    def forward(self, images, cond):
        return self.net(torch.cat([images.flatten(1), cond], dim=1)).squeeze(1)


@pytest.mark.parametrize("name", ["wgan-gp", "hinge"])
def test_short_training_stays_finite(name):
    torch.manual_seed(0)
    loss, g, d = wordgan.build_loss(name), TinyG(), TinyD()
    g_opt, d_opt = torch.optim.Adam(g.parameters(), 1e-3), torch.optim.Adam(d.parameters(), 1e-3)
    real, cond = torch.rand(16, *IMAGE) * 2 - 1, torch.randn(16, E)
    for _ in range(3):
        for _ in range(loss.critic_steps):
            fake = g(torch.randn(16, Z), cond).detach()
            d_loss = loss.discriminator_loss(d(real, cond), d(fake, cond))
            penalty = loss.penalty(d, real, fake, cond)
            total = d_loss if penalty is None else d_loss + penalty
            d_opt.zero_grad()
            total.backward()
            d_opt.step()
        g_loss = loss.generator_loss(d(g(torch.randn(16, Z), cond), cond))
        g_opt.zero_grad()
        g_loss.backward()
        g_opt.step()
        assert torch.isfinite(total) and torch.isfinite(g_loss)
    assert all(torch.isfinite(p).all() for p in [*g.parameters(), *d.parameters()])
