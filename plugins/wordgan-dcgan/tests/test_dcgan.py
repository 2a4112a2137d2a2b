"""The DCGAN plugin against wordgan's GAN contract, plus its own options."""
import pytest
import torch

import wordgan
from wordgan.errors import WordganError
from wordgan.testing import GanContract
from wordgan_dcgan import build


class TestDcganContract(GanContract):
    image_shapes = ((1, 28, 28), (3, 32, 32), (3, 64, 64))

    @pytest.fixture
    def build(self):
        return lambda z, e, shape: wordgan.build_gan("dcgan", z, e, shape, width=8, max_width=32)


class TestDcganSpectralNorm(GanContract):
    @pytest.fixture
    def build(self):
        return lambda z, e, shape: wordgan.build_gan("dcgan", z, e, shape, width=8, spectral_norm=True)


def test_spectral_norm_keeps_d_weights_near_unit_norm():
    _, discriminator = build(8, 4, (1, 28, 28), width=8, spectral_norm=True)
    discriminator.train()
    for _ in range(20):  # power iterations converge during forward passes
        discriminator(torch.randn(2, 1, 28, 28), torch.randn(2, 4))
    first = discriminator.features[0].weight.detach().flatten(1)
    assert torch.linalg.matrix_norm(first, ord=2) == pytest.approx(1.0, abs=0.05)


@pytest.mark.parametrize("shape", [(1, 30, 30), (2, 28, 28), (1, 28, 32)])
def test_unsupported_shapes_are_clear_errors(shape):
    with pytest.raises(WordganError, match="dcgan"):
        build(8, 4, shape)
