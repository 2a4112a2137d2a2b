"""Train a fastText skip-gram model (Bojanowski et al. 2017) on text files or Debian's dictionaries, and save it."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import fasttext
import numpy as np

from wordgan.cli.toolkit import replacing
from wordgan.errors import WordganError
from wordgan_fasttext.corpus import SOURCES
from wordgan_fasttext.text import tokens

#: A source naming a Debian corpus rather than a file: "debian:wordnet", "debian:gcide".
DEBIAN_PREFIX = "debian:"

# Measured on a 5,600-word text: training diverged in most runs with 2,000 buckets or a single epoch.
_NAN_HINT = " (training diverged; on a small text, raise --bucket and --epoch, or give more text)"


def train_model(
    sources: Sequence[str | os.PathLike[str]],
    out_path: str | os.PathLike[str],
    dim: int = 100,
    epoch: int = 5,
    min_count: int = 5,
    window: int = 5,
    minn: int = 3,
    maxn: int = 6,
    bucket: int = 2_000_000,
    threads: int = 2,
    compact: bool = False,
    report: Callable[[str], None] | None = None,
) -> Path:
    """Train skip-gram vectors with character n-grams on ``sources`` and save a fastText ``.bin`` to ``out_path``.

    ``sources``: text files (UTF-8, one sentence or paragraph per line) and/or ``debian:wordnet``,
    ``debian:gcide`` (see :mod:`wordgan_fasttext.corpus`). All are lowercased and cut into words by
    :func:`~wordgan_fasttext.text.tokens` first, as the embedder cuts prompts. The options are fastText's own:
    ``dim`` (E), ``epoch``, ``min_count`` (rarer words get no vector of their own, only n-grams), ``window``,
    ``minn``/``maxn`` (n-gram lengths), ``bucket`` (hash buckets shared by all n-grams: the file holds
    ``(words + bucket) x dim`` floats). ``compact`` drops the output matrix, which only training uses: the file
    shrinks by ``words x dim`` floats and still embeds any word, but cannot be trained further.

    With ``threads`` > 1 the vectors differ slightly from run to run (fastText's threads race). The file is
    written atomically. Returns its absolute path, ready for ``FastTextEmbedder(model=...)``. ``report``, if
    given, is called with a status line before each stage, and fastText prints its own progress (share
    done, words/s, loss) on stderr while it trains, so a long training is never silent.
    """
    verbose = 0 if report is None else 2  # fastText's own progress line goes with the status lines
    report = report or (lambda line: None)
    out = Path(out_path).expanduser().resolve()
    if out.suffix != ".bin":
        raise WordganError(f"cannot save a fastText model as {out.name}: end the name in .bin")
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus.txt"
        report(f"reading {', '.join(map(str, sources))} ...")
        with corpus.open("w", encoding="utf-8") as text:
            for line in _lines(sources):
                text.write(line + "\n")
        report(f"training {epoch} epochs ...")
        try:
            model = fasttext.train_unsupervised(
                str(corpus), model="skipgram", dim=dim, epoch=epoch, minCount=min_count, ws=window,
                minn=minn, maxn=maxn, bucket=bucket, thread=threads, verbose=verbose,
            )
        except (RuntimeError, ValueError) as exc:  # e.g. "Empty vocabulary. Try a smaller -minCount value."
            hint = _NAN_HINT if "NaN" in str(exc) else ""
            raise WordganError(f"fastText could not train on {', '.join(map(str, sources))}: {exc}{hint}") from exc
    report(f"writing {out.name} ...")
    if compact:
        model.set_matrices(model.get_input_matrix(), np.zeros((0, dim), dtype=np.float32))
    _save_atomically(model, out)
    return out


def _lines(sources: Sequence[str | os.PathLike[str]]) -> Iterator[str]:
    """Every source's non-empty lines, tokenised and joined by single spaces."""
    for source in sources:
        name = str(source)
        if name.startswith(DEBIAN_PREFIX):
            corpus = name[len(DEBIAN_PREFIX):]
            if corpus not in SOURCES:
                known = ", ".join(DEBIAN_PREFIX + known for known in SOURCES)
                raise WordganError(f"unknown Debian corpus {name!r}; choose from {known}")
            yield from SOURCES[corpus]()
            continue
        path = Path(name).expanduser()
        if not path.is_file():
            raise WordganError(f"corpus not found: {path}")
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                words = tokens(line)
                if words:
                    yield " ".join(words)


def _save_atomically(model: Any, out: Path) -> None:  # a fasttext model
    """Write to a temporary file beside ``out``, then rename: readers see the old file or the new, never half."""
    with replacing(out) as temporary:
        model.save_model(str(temporary))
