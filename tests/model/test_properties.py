"""Property tests (hypothesis) for what users type: words, phrases, seeds, counts.

Through the real CLI on a real tiny model: every outcome is a result (the images the manifest lists) or a
one-line error, never a traceback, and nothing is written outside ``-o``.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import torch
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wordgan.errors import WordganError
from wordgan.model.limits import MAX_IMAGES_PER_WORD, MAX_SEED
from wordgan.model.word_model import WordModel

from tests.support import assert_one_line_error, invoke, manifest, pngs

#: Words people type, and words that have broken file writers and option parsers before.
AWKWARD = [
    "bag", "Bag", "bag.", "coat", "slipper", "running shoes", "long sleeve shirt", "grid.png", "manifest.json",
    ".", "..", "../x", "a/b", "~", "$HOME", "-", "--", "-n", "--seed", "\n", " ", "\t\n", "bag\nbag", "\U0001F45F",
    "shoe \U0001F45F", "x" * 300, "con", "nul", "shoe " * 50,
]
words = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(max_size=20),
    st.text(st.characters(codec=None, categories=["Cs", "Cc", "So", "Zs", "Lo"]), max_size=6),  # surrogates: undecodable bytes
    st.lists(st.sampled_from(["red", "shoe", "bag", "long", "sleeve", "boot", "winter", "qxzv"]), min_size=1, max_size=4).map(" ".join),
)
seeds = st.one_of(st.integers(min_value=-(2**70), max_value=2**70), st.sampled_from([0, 1, MAX_SEED, MAX_SEED + 1, -1]))
counts = st.one_of(st.integers(min_value=-2, max_value=3), st.sampled_from([MAX_IMAGES_PER_WORD + 1]))


def _files(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*")}


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.lists(words, min_size=1, max_size=4), n=counts, seed=seeds)
@example(typed=["grid.png", "manifest.json", "bag", "bag."], n=2, seed=MAX_SEED)
@example(typed=["x" * 10_000], n=1, seed=0)
def test_generate_gives_images_or_one_line_and_writes_only_into_out(trained_run, typed, n, seed):
    sandbox = Path(tempfile.mkdtemp(prefix="wordgan-property-"))
    try:
        run_before = _files(Path(trained_run))
        out = sandbox / "out"
        # after "--", as a user types words that start with "-"; before it, "-n" would be the option
        result = invoke("generate", trained_run, "-n", n, "--seed", seed, "-o", out, "--", *typed)
        if result.exit_code == 0:
            drawn = manifest(out)
            assert (drawn["n"], drawn["seed"]) == (n, seed)
            assert [entry["word"] for entry in drawn["words"]] == list(dict.fromkeys(typed))
            for entry in drawn["words"]:
                assert pngs(out / entry["folder"]) == [f"{i:04d}.png" for i in range(n)]
            assert sorted(p.name for p in out.iterdir()) == sorted([e["folder"] for e in drawn["words"]] + ["grid.png", "manifest.json"])
        else:
            assert_one_line_error(result)
            assert not out.exists()
        assert [p.name for p in sandbox.iterdir()] in ([], ["out"])  # nothing beside -o
        assert _files(Path(trained_run)) == run_before  # the model's folder untouched
    finally:
        shutil.rmtree(sandbox)


@pytest.fixture(scope="module")
def model(trained_run):
    return WordModel.load(trained_run)


@settings(max_examples=40, deadline=None, database=None)
@given(text=words)
def test_one_string_is_one_word_or_one_line_error(model, text):
    try:
        images = model.generate(text, n=2, seed=3)
    except WordganError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert images.shape == (2, *model.image_shape) and images.dtype == torch.uint8
    assert torch.equal(images, model.generate([text], n=2, seed=3)[0])  # never drawn letter by letter


@settings(max_examples=25, deadline=None, database=None)
@given(seed=seeds, n=st.integers(min_value=-2, max_value=3))
def test_seeds_and_counts_reproduce_or_are_refused(model, seed, n):
    try:
        first = model.generate(["bag", "coat"], n=n, seed=seed)
    except WordganError as exc:
        assert "\n" not in str(exc)
        assert not (0 <= seed <= MAX_SEED and 1 <= n)
        return
    assert first.shape == (2, n, *model.image_shape)
    assert torch.equal(first, model.generate(["bag", "coat"], n=n, seed=seed))


@pytest.fixture(scope="module")
def shipped():
    from tests.support import SHIPPED

    return WordModel.load(SHIPPED)


@settings(max_examples=60, deadline=None, database=None)
@given(text=st.one_of(words, st.text(min_size=200, max_size=3000)))
def test_the_shipped_sentence_model_draws_any_text_or_says_why_in_one_line(shipped, text):
    """MiniLM embeds any text, so this reaches its tokenizer with what the tiny GloVe model refuses early."""
    try:
        images = shipped.generate(text, n=1, seed=0)
    except WordganError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert images.shape == (1, *shipped.image_shape)
