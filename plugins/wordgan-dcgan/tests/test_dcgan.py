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


class TestDcganRawCondition(GanContract):
    @pytest.fixture
    def build(self):
        return lambda z, e, shape: wordgan.build_gan("dcgan", z, e, shape, width=8, cond_code=0)


def test_conditions_enter_at_one_scale_whatever_the_embedder_gives():
    torch.manual_seed(0)
    generator, discriminator = build(8, 16, (1, 28, 28), width=8)
    generator.eval(), discriminator.eval()
    z, cond, images = torch.randn(3, 8), torch.randn(3, 16), torch.randn(3, 1, 28, 28)
    # A condition's length does not matter, only its direction: wide embeddings cannot swamp the noise.
    assert torch.allclose(generator(z, cond), generator(z, 20 * cond), atol=1e-5)
    assert torch.allclose(discriminator(images, cond), discriminator(images, 0.1 * cond), atol=1e-4)
    assert generator.compress[0].in_features == 16 and generator.compress[0].out_features == 64
    with pytest.raises(WordganError, match="cond_code"):
        build(8, 16, (1, 28, 28), cond_code=-1)
