"""The BigGAN plugin against wordgan's GAN contract, at every supported size and channel count."""
import pytest

import wordgan
from wordgan.testing import GanContract

ALL_SHAPES = tuple((c, s, s) for s in (28, 32, 64, 128) for c in (1, 3))
TINY = {"ch": 2, "shared_dim": 4}  # narrow layers: the contract is about shapes and wiring, not capacity


class TestBigGanContract(GanContract):
    image_shapes = ALL_SHAPES

    @pytest.fixture
    def build(self):
        return lambda z, e, shape: wordgan.build_gan("biggan", z, e, shape, **TINY)


class TestBigGanWithAttentionContract(GanContract):
    image_shapes = ALL_SHAPES

    @pytest.fixture
    def build(self):
        # Attention at half the image size: 14 for 28 px, 16 for 32 px, ..., as the gpu preset places it.
        return lambda z, e, shape: wordgan.build_gan("biggan", z, e, shape, attention=shape[1] // 2, ch=8, shared_dim=4)


class TestBigGanWithoutGeneratorSpectralNormContract(GanContract):
    @pytest.fixture
    def build(self):
        return lambda z, e, shape: wordgan.build_gan("biggan", z, e, shape, g_spectral_norm=False, **TINY)
