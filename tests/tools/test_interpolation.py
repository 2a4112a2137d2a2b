"""Walks between conditions: the paths, and the images along them with fixed noise."""
from __future__ import annotations

import pytest
import torch
from PIL import Image

from wordgan.conditions.vectors import normalise
from wordgan.errors import WordganError
from wordgan.tools.interpolation import interpolate, lerp, mix, slerp, walk
from wordgan.model.word_model import WordModel


@pytest.fixture(scope="module")
def model(trained_run):
    return WordModel.load(trained_run)


def test_slerp_keeps_rms_one_conditions_on_their_sphere_and_lerp_does_not():
    a, b = normalise(torch.randn(2, 50, generator=torch.Generator().manual_seed(0)))
    arc, line = walk(a, b, 9, "slerp"), walk(a, b, 9, "lerp")
    assert torch.allclose(arc[0], a, atol=1e-5) and torch.allclose(arc[-1], b, atol=1e-5)
    assert torch.allclose(arc.norm(dim=1), a.norm().expand(9), atol=1e-4)
    assert line[4].norm() < 0.8 * a.norm()  # nearly orthogonal: the chord's middle is ~0.71 as long
    angles = torch.arccos(torch.nn.functional.cosine_similarity(arc[:-1], arc[1:]).clamp(-1, 1))
    assert torch.allclose(angles, angles.mean().expand(8), atol=1e-3)  # constant angular speed


def test_slerp_of_parallel_vectors_is_the_line():
    a = torch.ones(4)
    assert torch.allclose(slerp(a, 2 * a, torch.tensor([0.5])), lerp(a, 2 * a, torch.tensor([0.5])))


@pytest.mark.parametrize("steps, method, message", [(1, "slerp", "at least 2 steps"), (4, "cubic", "must be one of")])
def test_walk_refuses_bad_settings(steps, method, message):
    with pytest.raises(WordganError, match=message):
        walk(torch.ones(3), torch.ones(3), steps, method)


def test_the_ends_of_a_walk_are_the_words_as_generate_draws_them(model):
    drawn = interpolate(model, "sandals", "slipper", steps=5, n=3, seed=7, temperature=None, truncation=None)
    assert drawn.images.shape == (3, 5, *model.image_shape) and drawn.t == [0.0, 0.25, 0.5, 0.75, 1.0]
    ends = model.generate(["sandals", "slipper"], n=3, seed=7, temperature=None, truncation=None)  # (2, 3, C, H, W)
    assert (drawn.images[:, 0].int() - ends[0].int()).abs().max() <= 1  # the same noise in every column
    assert (drawn.images[:, -1].int() - ends[1].int()).abs().max() <= 1
    picture = drawn.picture()
    assert isinstance(picture, Image.Image) and picture.height > 3 * model.image_shape[1] * 2


def test_mix_goes_from_one_text_to_the_other(model):
    a, b = model.conditions(["boots", "sandals"], None)
    assert torch.allclose(mix(model, ["boots", "sandals"], 0.0, temperature=None), a, atol=1e-5)
    assert torch.allclose(mix(model, ["boots", "sandals"], 1.0, temperature=None), b, atol=1e-4)
    with pytest.raises(WordganError, match="between 0 and 1"):
        mix(model, ["boots", "sandals"], 1.5)


def test_draw_uses_the_same_noise_for_every_condition(model):
    conditions = model.conditions(["boots", "boots"], None)
    images = model.draw(conditions, n=4, seed=1, truncation=None)
    assert images.shape == (2, 4, *model.image_shape) and images.dtype == torch.uint8
    assert torch.equal(images[0], images[1]) and not torch.equal(images[0, 0], images[0, 1])


@pytest.mark.parametrize("seed", [-1, 2**64, 1.5])
def test_draw_refuses_a_seed_generate_refuses(model, seed):
    with pytest.raises(WordganError, match="seed must be"):
        model.draw(model.conditions(["boots"], None), n=1, seed=seed)
