"""Options, presets and the layouts they give; clear errors for bad ones."""
import importlib.util
from pathlib import Path

import pytest
import torch
from torch import nn

from wordgan.errors import WordganError
from wordgan_biggan import build
from wordgan_biggan.attention import SelfAttention
from wordgan_biggan.layout import attention_resolutions, discriminator_blocks, generator_blocks


def test_layouts_follow_biggan():
    # BigGAN's 128 px G: 16ch at 4x4 down to ch at 128; D: ch at 64 up to 16ch, twice at 4x4.
    assert [(b.c_in, b.c_out, b.resolution) for b in generator_blocks(128, 1)] == [
        (16, 16, 8), (16, 8, 16), (8, 4, 32), (4, 2, 64), (2, 1, 128)
    ]
    assert [(b.c_out, b.resolution, b.resample) for b in discriminator_blocks(128, 3, 1)] == [
        (1, 64, True), (2, 32, True), (4, 16, True), (8, 8, True), (16, 4, True), (16, 4, False)
    ]
    assert [(b.c_in, b.c_out, b.resolution) for b in generator_blocks(28, 16)] == [(64, 32, 14), (32, 16, 28)]
    assert [(b.c_out, b.resolution) for b in discriminator_blocks(28, 1, 16)] == [(16, 14), (32, 7), (64, 7)]
    assert attention_resolutions(28) == [14] and attention_resolutions(128) == [8, 16, 32, 64]


@pytest.mark.parametrize("attention", [None, "off", 16])
def test_attention_layers_sit_where_asked(attention):
    generator, discriminator = build(16, 12, (3, 32, 32), ch=8, attention=attention)
    for net in (generator, discriminator):
        layers = [m for m in net.modules() if isinstance(m, SelfAttention)]
        if attention in (None, "off"):
            assert layers == []
        else:
            assert len(layers) == 1
    if attention == 16:
        assert generator.attention_after == 1 and discriminator.attention_after == 0  # G 8->16, D 32->16


def test_attention_starts_as_the_identity():
    torch.manual_seed(0)
    with_attention, _ = build(16, 12, (1, 28, 28), ch=8, attention=14)
    torch.manual_seed(0)
    without, _ = build(16, 12, (1, 28, 28), ch=8)
    without.load_state_dict({k: v for k, v in with_attention.state_dict().items() if not k.startswith("attention.")})
    with_attention.eval(), without.eval()
    z, cond = torch.randn(2, 16), torch.randn(2, 12)
    assert torch.allclose(with_attention(z, cond), without(z, cond), atol=1e-6)


def test_gpu_preset_is_biggan_sized_and_options_override_it():
    generator, discriminator = build(64, 12, (3, 32, 32), preset="gpu")
    assert generator.blocks[-1].conv2.out_channels == 64 and generator.shared.out_features == 128
    assert isinstance(generator.attention, SelfAttention) and isinstance(discriminator.attention, SelfAttention)
    generator, _ = build(64, 12, (3, 32, 32), preset="gpu", attention=None, ch=8)
    assert generator.blocks[-1].conv2.out_channels == 8 and isinstance(generator.attention, nn.Identity)


@pytest.mark.parametrize(
    "options, culprit",
    [
        ({"preset": "huge"}, "preset"),
        ({"width": 8}, "width"),
        ({"ch": 0}, "ch"),
        ({"ch": 2.5}, "ch"),
        ({"shared_dim": -1}, "shared_dim"),
        ({"attention": 28}, "attention"),
        ({"attention": True}, "attention"),
        ({"g_spectral_norm": "yes"}, "g_spectral_norm"),
    ],
)
def test_bad_options_are_clear_errors(options, culprit):
    with pytest.raises(WordganError, match=culprit):
        build(16, 12, (1, 28, 28), **options)


@pytest.mark.parametrize("shape", [(1, 30, 30), (2, 28, 28), (1, 28, 32)])
def test_unsupported_shapes_are_clear_errors(shape):
    with pytest.raises(WordganError, match="biggan"):
        build(16, 12, shape)


def test_noise_too_small_to_split_is_a_clear_error():
    with pytest.raises(WordganError, match="z_dim"):
        build(4, 12, (3, 64, 64))  # four up-blocks need five chunks


def test_readme_parameter_table_matches_the_script_for_the_cpu_preset():
    # The README's figures come from benchmarks/parameter_counts.py; a layer change must update them.
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("parameter_counts", root / "benchmarks" / "parameter_counts.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    readme = (root / "README.md").read_text()
    script.SHAPES = script.SHAPES[:2]  # the small sizes keep the test fast; the rows have the same form
    for row in script.rows(64, 384):
        if row[0] == "cpu":
            assert "| " + " | ".join(row) + " |" in readme
