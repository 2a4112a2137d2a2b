"""Counts, seeds and settings: bounded work, documented limits, one-line errors, seeds that reproduce."""
from __future__ import annotations

import time

import pytest
import torch

from wordgan.model.drawing import IMAGES_PER_PASS
from wordgan.model.noise import NOISE_CHUNK, sample_noise
from wordgan.errors import WordganError
from wordgan.model.limits import MAX_IMAGES, MAX_IMAGES_PER_WORD, MAX_SEED, MAX_WORDS
from wordgan.model.word_model import WordModel

from tests.support import SHIPPED, assert_one_line_error, invoke


@pytest.mark.parametrize(
    "flags, fragment",
    [
        (["-n", "0"], "-n"),
        (["-n", str(MAX_IMAGES_PER_WORD + 1)], "-n"),
        (["-n", "many"], "-n"),
        (["--seed", "-1"], "--seed"),
        (["--seed", str(MAX_SEED + 1)], "--seed"),
        (["--seed", "9" * 5000], "--seed"),
        (["--blend", "2"], "--blend"),
        (["--blend", "nan"], "blend"),
        (["--truncation", "0"], "--truncation"),
        (["--truncation", "-1"], "--truncation"),
        (["--temperature", "nan"], "--temperature"),
    ],
)
def test_nonsense_settings_are_one_line_usage_errors(generate, tmp_path, flags, fragment):
    assert_one_line_error(generate("bag", *flags, "-o", tmp_path / "out"), fragment)
    assert not (tmp_path / "out").exists()


def test_too_many_images_in_all_is_refused_before_any_work(generate, tmp_path):
    words = ["bag", "coat", "shirt", "dress", "boots", "sandals", "sneakers", "trousers", "pullover", "t-shirt", "kimono"]
    started = time.perf_counter()
    result = generate(*words, "-n", MAX_IMAGES_PER_WORD, "-o", tmp_path / "out")
    assert_one_line_error(result, f"{MAX_IMAGES:,}")
    assert time.perf_counter() - started < 30 and not (tmp_path / "out").exists()


def test_the_largest_seed_works_and_reproduces(generate, tmp_path):
    for out in ("a", "b"):
        assert generate("bag", "-n", 2, "--seed", MAX_SEED, "-o", tmp_path / out).exit_code == 0
    assert (tmp_path / "a/bag/0001.png").read_bytes() == (tmp_path / "b/bag/0001.png").read_bytes()


def test_generation_memory_is_bounded_per_batch(trained_run):
    model = WordModel.load(trained_run)
    batches = list(model.generate_batches(["bag", "coat"], n=NOISE_CHUNK + 3, seed=0))
    assert {len(images) for _, _, images in batches} == {IMAGES_PER_PASS, 3}
    for word in (0, 1):  # every image of every word exactly once
        starts = sorted((start, len(images)) for w, start, images in batches if w == word)
        assert [s for s, _ in starts] == list(range(0, NOISE_CHUNK + 1, IMAGES_PER_PASS)) and sum(k for _, k in starts) == NOISE_CHUNK + 3
    small = list(model.generate_batches(["bag", "coat", "shirt"], n=5, seed=0))  # three words in one pass
    assert [(w, s, len(i)) for w, s, i in small] == [(0, 0, 5), (1, 0, 5), (2, 0, 5)]


def test_batched_generation_draws_what_one_batch_would(trained_run):
    model = WordModel.load(trained_run)
    words = ["bag", "coat", "kimono"]
    z = sample_noise(5, model.z_dim, 11)  # (n, Z)
    cond = model.conditions(words)  # (W, E)
    with torch.inference_mode():
        one_batch = model.generator(z.repeat(3, 1), cond.repeat_interleave(5, dim=0))  # (W * n, C, H, W)
    expected = ((one_batch.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).view(3, 5, *model.image_shape)
    assert (model.generate(words, n=5, seed=11).int() - expected.int()).abs().max() <= 1  # float rounding only


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"n": 0}, "n (images per word)"),
        ({"n": 2.5}, "whole number"),
        ({"n": True}, "whole number"),
        ({"seed": -1}, "seed"),
        ({"seed": 2**64}, "seed"),
        ({"seed": 10**5000}, "bit number"),
        ({"seed": "7"}, "seed"),
        ({"blend": 2}, "blend"),
        ({"temperature": 0}, "temperature"),
        ({"truncation": -1.0}, "truncation"),
        ({"output": "numpy"}, "output"),
    ],
)
def test_python_api_refuses_nonsense_with_one_line_errors(trained_run, kwargs, fragment):
    model = WordModel.load(trained_run)
    with pytest.raises(WordganError, match="^[^\n]*$") as caught:
        model.generate(["bag"], **{"n": 2, **kwargs})
    assert fragment in str(caught.value)


def test_python_api_refuses_too_many_words(trained_run):
    model = WordModel.load(trained_run)
    with pytest.raises(WordganError, match=f"{MAX_WORDS:,}"):
        model.generate(["bag"] * (MAX_WORDS + 1), n=1)
    with pytest.raises(WordganError, match="no words"):
        model.generate([], n=1)
    with pytest.raises(WordganError, match="strings"):
        model.generate(["bag", 3], n=1)


def test_an_undecodable_byte_is_one_line_not_a_tokenizer_crash(generate_shipped, tmp_path):
    # What Python makes of an invalid UTF-8 byte on the command line (surrogateescape); MiniLM's tokenizer
    # raised a TypeError on it before this was checked.
    assert_one_line_error(generate_shipped("\udcffbag", "-n", 1, "-o", tmp_path / "out"), "undecodable byte")
    assert_one_line_error(invoke("similar", SHIPPED, "\udcffbag"), "undecodable byte")


def _peak_kb_of_generate(run, words, out, n=2) -> int:
    import sys

    from tests.support import peak_memory_kb

    return peak_memory_kb([sys.executable, "-m", "wordgan", "generate", str(run), *words, "-n", str(n), "-o", str(out), "-q"])


def test_two_thousand_words_take_about_the_memory_of_a_hundred(trained_run, tmp_path):
    """Issue 10 measured 2.9 GB for 2,000 words: memory must not grow with the number of words."""
    from PIL import Image

    from wordgan.tools.output_folder import GRID_ROWS

    few = _peak_kb_of_generate(trained_run, [f"shoe {i}" for i in range(100)], tmp_path / "few")
    many = _peak_kb_of_generate(trained_run, [f"shoe {i}" for i in range(2000)], tmp_path / "many")
    assert many < few + 150_000, (few, many)  # kB; measured 487 MB and 511 MB
    assert len(list((tmp_path / "many").iterdir())) == 2000 + 2  # every word's folder, the grid, the manifest
    assert Image.open(tmp_path / "many" / "grid.png").height <= GRID_ROWS * 60  # the grid shows GRID_ROWS words


def test_ten_thousand_images_of_a_word_take_about_the_memory_of_ten(trained_run, tmp_path):
    """Issue 10 saw -n 100000 grow past 12 GB: images are drawn and written a pass at a time."""
    few = _peak_kb_of_generate(trained_run, ["bag"], tmp_path / "few", n=10)
    many = _peak_kb_of_generate(trained_run, ["bag"], tmp_path / "many", n=10_000)
    assert many < few + 150_000, (few, many)  # kB
    assert len(list((tmp_path / "many" / "bag").iterdir())) == 10_000
