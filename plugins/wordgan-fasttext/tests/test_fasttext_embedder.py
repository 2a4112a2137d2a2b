"""The fasttext embedder on the real default model shipped in the package."""
from __future__ import annotations

import json
import pickle
import struct
from pathlib import Path

import fasttext
import numpy as np
import pytest

import wordgan
from wordgan import EmbedderSpec
from wordgan.errors import UnknownWordError, WordganError
from wordgan.testing import EmbedderContract
from wordgan_fasttext import DEFAULT_MODEL, FastTextEmbedder

LABELS = ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots"]


@pytest.fixture(scope="module")
def default() -> FastTextEmbedder:
    return wordgan.build_embedder("fasttext")


class TestFastTextContract(EmbedderContract):
    known_words = ("sandals", "running shoes", "bag")
    unknown_word = "2024"  # no letters, so no words: the one text a subword model cannot embed

    @pytest.fixture
    def embedder(self, default: FastTextEmbedder) -> FastTextEmbedder:
        return default


class TestFastTextModelFileContract(TestFastTextContract):
    """The same model named by path, as a checkpoint names it: a .bin is fastText's own format, not a pickle,
    and a relative path in a checkpoint means the checkpoint's folder."""

    path_options = ("model",)

    @pytest.fixture
    def embedder(self) -> FastTextEmbedder:
        return wordgan.build_embedder("fasttext", model=str(DEFAULT_MODEL))


def test_misspelt_word_lands_next_to_the_right_word(default: FastTextEmbedder) -> None:
    assert default.model.get_word_id("sandalz") == -1  # not in the vocabulary: n-grams alone
    sandals, bag = default.similarity("sandalz", ["sandals", "bag"])
    assert sandals > 0.7 and sandals > bag + 0.3
    assert LABELS[int(np.argmax(default.similarity("sandalz", LABELS)))] == "sandals"


def test_rows_have_unit_length(default: FastTextEmbedder) -> None:
    vectors = default.encode(["sandals", "sandalz", "long sleeve shirt", "T-shirt"])
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_prompts_are_cut_into_words_like_the_training_text(default: FastTextEmbedder) -> None:
    np.testing.assert_allclose(default.encode(["T-Shirt!"]), default.encode(["t shirt"]), atol=1e-6)


def test_default_spec_round_trips_through_json(default: FastTextEmbedder) -> None:
    assert default.spec == EmbedderSpec("fasttext", {"lowercase": True})
    stored = EmbedderSpec.from_dict(json.loads(json.dumps(default.spec.to_dict())))
    rebuilt = wordgan.build_embedder(stored.name, **stored.options)
    np.testing.assert_array_equal(rebuilt.encode(LABELS), default.encode(LABELS))


def test_a_relative_model_path_is_stored_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "model.bin").write_bytes(DEFAULT_MODEL.read_bytes())
    monkeypatch.chdir(tmp_path)
    embedder = wordgan.build_embedder("fasttext", model="model.bin")
    assert embedder.spec.options == {"model": str(tmp_path / "model.bin"), "lowercase": True}


def test_a_missing_or_broken_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WordganError, match="not found"):
        FastTextEmbedder(model=str(tmp_path / "none.bin"))
    (tmp_path / "vectors.vec").write_text("1 2\nshoe 0.1 0.2\n")
    with pytest.raises(WordganError, match="not a well-formed fastText .bin model"):
        FastTextEmbedder(model=str(tmp_path / "vectors.vec"))


@pytest.mark.parametrize(
    "options, expected",
    [({"model": 5}, "option model must be a path to a .bin file, got 5"),
     ({"lowercase": "x"}, "option lowercase must be true or false, got 'x'")],
)
def test_options_of_the_wrong_type_are_refused_when_built(options, expected) -> None:
    """A checkpoint's JSON can hold any type; each is one line naming the option, not a traceback later."""
    with pytest.raises(WordganError, match=expected):
        FastTextEmbedder(**options)


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda data: data[:100_000], "ends inside its dictionary"),  # fastText's own loader never returns on this
        (lambda data: data[:-1000], "does not fit the file"),
        (lambda data: data + b"\0\0", "2 bytes after its output matrix"),
        (lambda data: data[:8] + struct.pack("<i", 4096) + data[12:], "does not fit the file"),  # claims dim 4096
        (lambda data: b"", "not a well-formed fastText .bin model"),
        (lambda data: pickle.dumps([1, 2]), "wrong magic number"),
    ],
    ids=["truncated-dictionary", "truncated-matrix", "trailing-bytes", "huge-dim", "empty", "pickle"],
)
def test_a_damaged_model_file_is_refused_before_fasttext_reads_it(tmp_path: Path, damage, expected) -> None:
    """A checkpoint may name any file: its sizes are checked first, so fastText's loader neither hangs nor
    allocates what a made-up header claims."""
    (tmp_path / "model.bin").write_bytes(damage(DEFAULT_MODEL.read_bytes()))
    with pytest.raises(WordganError, match=expected):
        FastTextEmbedder(model=str(tmp_path / "model.bin"))


def test_a_word_with_neither_a_vector_nor_ngrams_is_unknown(tmp_path: Path) -> None:
    """As in a model trained with maxn=0: fastText gives such a word a zero vector, which must not reach a GAN."""
    model = fasttext.load_model(str(DEFAULT_MODEL))
    matrix = model.get_input_matrix()  # (V + buckets, E): word rows, then n-gram rows
    matrix[len(model.words):] = 0
    model.set_matrices(matrix, model.get_output_matrix())
    model.save_model(str(tmp_path / "words-only.bin"))
    embedder = FastTextEmbedder(model=str(tmp_path / "words-only.bin"))
    assert model.get_word_id("shoe") >= 0 and embedder.knows("shoe")  # its own vector is still there
    with pytest.raises(UnknownWordError, match="'sandalz'"):
        embedder.encode(["shoe", "sandalz"])


def test_default_model_is_the_one_the_readme_documents(default: FastTextEmbedder) -> None:
    args = default.model.f.getArgs()
    settings = (args.dim, args.bucket, args.epoch, args.minCount, args.ws, args.minn, args.maxn)
    assert settings == (32, 20000, 5, 5, 5, 3, 6)
    assert default.model.get_output_matrix().shape == (0, 32)  # --compact
    assert len(default.model.words) == 31249
    assert DEFAULT_MODEL.stat().st_size < 8_000_000  # it ships inside the package
