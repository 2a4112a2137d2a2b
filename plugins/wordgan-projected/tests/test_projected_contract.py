"""The projected GAN against wordgan's GAN contract, at every supported size and channel count."""
import pytest

import wordgan
from wordgan.testing import GanContract

from conftest import TINY

ALL_SHAPES = tuple((c, s, s) for s in (28, 32, 64, 128) for c in (1, 3))


class TestProjectedContract(GanContract):
    image_shapes = ALL_SHAPES

    @pytest.fixture
    def build(self):
        return lambda z, e, shape: wordgan.build_gan("projected", z, e, shape, **TINY)


class TestProjectedAllLevelsWithoutCsmContract(GanContract):
    @pytest.fixture
    def build(self):
        return lambda z, e, shape: wordgan.build_gan("projected", z, e, shape, levels=4, csm=False, **TINY)


class TestProjectedWithBigGanContract(GanContract):
    @pytest.fixture
    def build(self):
        options = {**TINY, "generator": "biggan", "generator_options": {"ch": 2, "shared_dim": 4}}
        return lambda z, e, shape: wordgan.build_gan("projected", z, e, shape, **options)
