"""The creative-gan plugin: wordgan's GAN contract, the seed's shapes, and a tiny real training end to end."""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest
import torch
from PIL import Image

import wordgan
from wordgan.errors import WordganError
from wordgan.testing import GanContract
from wordgan_creative_gan import build


def small(z, e, shape):
    return wordgan.build_gan("creative-gan", z, e, shape, g_hidden=[32, 64], d_hidden=[32, 32])


class TestCreativeGanContract(GanContract):  # Z > E: the noise is projected down to E numbers
    @pytest.fixture
    def build(self):
        return small


class TestCreativeGanSeedNoise(GanContract):  # Z == E: the seed's model exactly
    z_dim = cond_dim = 12

    @pytest.fixture
    def build(self):
        return small


class TestCreativeGanWideCondition(GanContract):  # Z < E, as with 384-d sentence embeddings and Z = 64
    z_dim, cond_dim = 8, 24

    @pytest.fixture
    def build(self):
        return small


def test_equal_sizes_multiply_the_noise_itself_into_the_word_vector():
    torch.manual_seed(0)
    generator, _ = build(6, 6, (1, 28, 28), g_hidden=[16])
    generator.eval()
    z, cond = torch.randn(3, 6), torch.randn(3, 6)
    assert torch.equal(generator.noise_map, torch.eye(6))
    assert torch.allclose(generator(z, cond), generator.mlp(z * cond).view(3, 1, 28, 28))


@pytest.mark.parametrize("z_dim, cond_dim", [(64, 50), (64, 384)])
def test_other_sizes_keep_the_noise_standard_normal(z_dim, cond_dim):
    generator, _ = build(z_dim, cond_dim, (1, 28, 28))
    noise = torch.randn(20000, z_dim, generator=torch.Generator().manual_seed(1)) @ generator.noise_map.T  # (N, E)
    assert noise.var(dim=0).mean() == pytest.approx(1.0, abs=0.03)
    if z_dim > cond_dim:  # orthonormal rows: the E numbers are independent N(0, 1)
        assert torch.allclose(generator.noise_map @ generator.noise_map.T, torch.eye(cond_dim), atol=1e-5)
    # The same sizes always give the same map, so a checkpoint rebuilds the generator it was trained with.
    assert torch.equal(generator.noise_map, build(z_dim, cond_dim, (1, 28, 28))[0].noise_map)


def test_default_sizes_are_the_seeds_layers():
    generator, discriminator = build(50, 50, (1, 28, 28))
    widths = [m.out_features for m in generator.mlp if isinstance(m, torch.nn.Linear)]
    assert widths == [256, 512, 1024, 784]
    assert [m.out_features for m in discriminator.mlp if isinstance(m, torch.nn.Linear)] == [512, 512, 512, 1]
    assert discriminator.expand_condition.out_features == 784
    assert [m.p for m in discriminator.mlp if isinstance(m, torch.nn.Dropout)] == [0.4, 0.4]


@pytest.mark.parametrize(
    "options, culprit",
    [({"g_hidden": []}, "g_hidden"), ({"d_hidden": "12,x"}, "d_hidden"), ({"dropout": 1.0}, "dropout")],
)
def test_bad_options_are_clear_errors(options, culprit):
    with pytest.raises(WordganError, match=culprit):
        build(8, 8, (1, 28, 28), **options)


def test_widths_may_be_given_as_text_on_the_command_line():
    generator, _ = build(8, 8, (1, 28, 28), g_hidden="16,32")
    assert [m.out_features for m in generator.mlp if isinstance(m, torch.nn.Linear)] == [16, 32, 784]


def wordgan_cli(*args, cwd):
    env = dict(os.environ, OMP_NUM_THREADS="1")
    return subprocess.run([sys.executable, "-m", "wordgan", *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd)


def test_tiny_real_training_stays_finite_and_its_checkpoint_generates(tmp_path):
    run = tmp_path / "run"
    trained = wordgan_cli(
        "train", "--gan", "creative-gan", "--embedder", "word2vec", "--batch-size", 32, "--z-dim", 50,
        "--gan-option", "g_hidden=[32,64]", "--gan-option", "d_hidden=[32,32]",
        "--steps", 6, "--limit-per-class", 20, "--vocabulary", "none", "--snap-temperature", "raw",
        "--sample-every", 3, "--checkpoint-every", 3, "--out", run, "--quiet", cwd=tmp_path,
    )
    assert trained.returncode == 0, trained.stderr
    metrics = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    assert metrics and all(math.isfinite(m["d_loss"]) and math.isfinite(m["g_loss"]) for m in metrics)
    assert json.loads((run / "config.json").read_text())["gan"] == "creative-gan"

    out = tmp_path / "generated"
    generated = wordgan_cli("generate", run, "sandals", "slipper", "-n", 2, "-o", out, cwd=tmp_path)
    assert generated.returncode == 0, generated.stderr
    for word in ("sandals", "slipper"):
        image = Image.open(out / word / "0000.png")
        assert image.size == (28, 28)


def test_the_condition_changes_d_without_dropout_noise():
    _, discriminator = build(8, 8, (1, 28, 28), d_hidden=[32, 32])
    discriminator.eval()  # dropout off: the contract's train-mode check would pass on dropout alone
    images, a, b = torch.rand(4, 1, 28, 28) * 2 - 1, torch.randn(4, 8), torch.randn(4, 8)
    assert torch.equal(discriminator(images, a), discriminator(images, a))
    assert not torch.allclose(discriminator(images, a), discriminator(images, b))
