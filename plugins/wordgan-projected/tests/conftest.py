import pytest

#: Narrow layers and a narrow DCGAN: the tests are about shapes, wiring and freezing, not capacity.
TINY = {"channels": 4, "head_width": 8, "cmap_dim": 4, "generator_options": {"width": 8, "max_width": 16}}


@pytest.fixture
def tiny():
    return {**TINY, "generator_options": dict(TINY["generator_options"])}
