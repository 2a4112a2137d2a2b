"""Training vectors on real text (WordNet's glosses), through the library and the command line."""
from __future__ import annotations

import importlib.metadata as metadata
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from wordgan.errors import WordganError
from wordgan_word2vec import Word2VecEmbedder, tokenize, train_vectors
from wordgan_word2vec.cli import main

WORDNET_NOUNS = Path("/usr/share/wordnet/data.noun")  # Debian wordnet-base

# Small and single-threaded: about half a second per training, and the same vectors every time.
TINY = {"vector_size": 16, "epochs": 2, "min_count": 2, "workers": 1, "seed": 0}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The glosses of WordNet's first 3,000 noun synsets (~35,000 words), one per line."""
    glosses = []
    with WORDNET_NOUNS.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("  ") and "| " in line:  # licence lines start with two spaces
                glosses.append(line.split("| ", 1)[1].strip())
            if len(glosses) == 3000:
                break
    path = tmp_path_factory.mktemp("corpus") / "glosses.txt"
    path.write_text("\n".join(glosses), encoding="utf-8")
    return path


def test_tokenize_keeps_runs_of_letters() -> None:
    assert tokenize("T-shirts, 2 pairs; Café!") == ["t", "shirts", "pairs", "café"]


def test_trained_vectors_load_in_both_formats(corpus: Path, tmp_path: Path) -> None:
    binary = train_vectors(corpus, tmp_path / "glosses.bin", **TINY)
    text = train_vectors(corpus, tmp_path / "glosses.txt", **TINY)
    assert binary == (tmp_path / "glosses.bin").resolve()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["glosses.bin", "glosses.txt"]  # no temp files

    from_binary = Word2VecEmbedder(vectors=str(binary))
    from_text = Word2VecEmbedder(vectors=str(text))
    assert from_binary.dim == 16 and from_binary.knows("animal")
    assert from_text.options["format"] == "word2vec-text"
    # One worker and one seed: the same vectors both times (text keeps ~7 significant digits).
    words = ["animal", "plant organism", "the"]
    np.testing.assert_allclose(from_binary.encode(words), from_text.encode(words), atol=1e-5)


def test_output_name_is_checked_before_training(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(WordganError, match=r"\.bin"):
        train_vectors(corpus, tmp_path / "vectors.kv", **TINY)
    assert not any(tmp_path.iterdir())


def test_missing_corpus_is_named(tmp_path: Path) -> None:
    with pytest.raises(WordganError, match="corpus not found: .*nowhere.txt"):
        train_vectors(tmp_path / "nowhere.txt", tmp_path / "out.bin")


def test_corpus_too_small_for_min_count(tmp_path: Path) -> None:
    corpus = tmp_path / "short.txt"
    corpus.write_text("one sandal\ntwo boots\n", encoding="utf-8")
    with pytest.raises(WordganError, match="no word occurs at least 5 times"):
        train_vectors(corpus, tmp_path / "out.bin", min_count=5)


def test_command_line_trains_and_reports(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.bin"
    args = [str(corpus), "-o", str(out), "--dim", "8", "--epochs", "1", "--min-count", "2", "--threads", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"vectors={out}" in result.output
    assert Word2VecEmbedder(vectors=str(out)).dim == 8


def test_command_line_errors_and_help(corpus: Path, tmp_path: Path) -> None:
    failed = CliRunner().invoke(main, [str(corpus), "-o", str(tmp_path / "out.kv")])
    assert failed.exit_code == 1 and "Error: cannot save vectors as out.kv" in failed.output
    helped = CliRunner().invoke(main, ["--help"])
    assert helped.exit_code == 0 and "Example:" in helped.output


def test_command_is_installed_as_a_script() -> None:
    (script,) = metadata.entry_points(group="console_scripts", name="wordgan-word2vec-train")
    assert script.load() is main
