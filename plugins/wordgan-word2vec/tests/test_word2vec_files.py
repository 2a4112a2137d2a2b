"""Vectors from files in every supported format, written here from a real subset of GloVe."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from gensim.models import KeyedVectors, Word2Vec

from wordgan.errors import WordganError
from wordgan_word2vec import Word2VecEmbedder


def write(subset: KeyedVectors, path: Path, format: str) -> Path:
    if format == "kv":
        subset.save(str(path))
    else:
        subset.save_word2vec_format(
            str(path), binary=format == "word2vec-binary", write_header=format != "glove-text"
        )
    return path


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("vectors.bin", "word2vec-binary"),
        ("vectors.bin.gz", "word2vec-binary"),
        ("vectors.txt", "word2vec-text"),
        ("glove.6B.50d.txt", "glove-text"),
        ("vectors.kv", "kv"),
    ],
)
def test_loads_each_format(subset: KeyedVectors, tmp_path: Path, name: str, format: str) -> None:
    embedder = Word2VecEmbedder(vectors=str(write(subset, tmp_path / name, format)))
    assert embedder.options["format"] == format  # told from the extension and, for text, the header
    assert embedder.dim == 50 and len(embedder.keyed_vectors) == len(subset)
    # Text stores ~7 significant digits, hence the tolerance.
    np.testing.assert_allclose(embedder.embed("sandals"), subset["sandals"], atol=1e-5)
    sneakers, trousers = embedder.similarity("sandals", ["sneakers", "trousers"])
    assert sneakers > trousers


def test_explicit_format_beats_extension(subset: KeyedVectors, tmp_path: Path) -> None:
    path = write(subset, tmp_path / "vectors.dat", "word2vec-binary")
    with pytest.raises(WordganError, match="format="):
        Word2VecEmbedder(vectors=str(path))
    assert Word2VecEmbedder(vectors=str(path), format="word2vec-binary").knows("sandals")


def test_unknown_word_names_the_file(subset: KeyedVectors, tmp_path: Path) -> None:
    embedder = Word2VecEmbedder(vectors=str(write(subset, tmp_path / "small.bin", "word2vec-binary")))
    with pytest.raises(WordganError, match=r"word2vec \(small.bin\) does not know the word 'kimono'"):
        embedder.embed("kimono")


def test_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(WordganError, match=re.escape(f"not found: {missing}")):
        Word2VecEmbedder(vectors=str(missing))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.bin", b"3 50\nsandals \x00\x01"),  # cut off inside the first vector
        ("broken.txt", b"sandals 0.1 0.2\nboots 0.3 not-a-number\n"),
        ("broken.kv", b"not a pickle"),
        ("broken.txt.gz", b"not gzip"),
    ],
)
def test_corrupt_file_is_named(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(WordganError, match=re.escape(f"could not read {path}")):
        Word2VecEmbedder(vectors=str(path))


def test_kv_file_must_hold_keyed_vectors(tmp_path: Path) -> None:
    model = Word2Vec([["sandals", "boots"]], vector_size=4, min_count=1)
    model.save(str(tmp_path / "model.kv"))
    with pytest.raises(WordganError, match=r"holds a Word2Vec, .* save its \.wv"):
        Word2VecEmbedder(vectors=str(tmp_path / "model.kv"))


def test_empty_file_holds_no_vectors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("0 50\n")
    with pytest.raises(WordganError, match="holds no word vectors"):
        Word2VecEmbedder(vectors=str(tmp_path / "empty.txt"))


def test_unknown_format_lists_the_formats(subset: KeyedVectors, tmp_path: Path) -> None:
    path = write(subset, tmp_path / "vectors.bin", "word2vec-binary")
    with pytest.raises(WordganError, match="formats: word2vec-binary, word2vec-text, glove-text, kv"):
        Word2VecEmbedder(vectors=str(path), format="fasttext")


@pytest.mark.parametrize("name, header", [("huge.bin", b"1000000000 300\n"), ("huge.txt", b"50000000 300\n")])
def test_a_header_claiming_more_vectors_than_the_file_holds_is_refused(tmp_path: Path, name: str, header: bytes) -> None:
    """gensim would allocate count x dim floats (here up to 1.2 TB) before reading a single vector."""
    (tmp_path / name).write_bytes(header + b"shoe 0.1 0.2\n")
    with pytest.raises(WordganError, match=r"its first line claims [\d,]+ vectors of 300 values"):
        Word2VecEmbedder(vectors=str(tmp_path / name))
