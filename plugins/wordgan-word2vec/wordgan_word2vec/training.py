"""Train word2vec (Mikolov et al. 2013) vectors on a user's own text with gensim, and save them."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Callable, Iterator

from gensim.models import KeyedVectors, Word2Vec
from gensim.models.callbacks import CallbackAny2Vec

from wordgan.cli.toolkit import replacing
from wordgan.errors import WordganError

#: Output extension -> whether it is written as word2vec binary (else word2vec text).
OUTPUT_BINARY = {".bin": True, ".txt": False, ".vec": False}

# Runs of letters in any script: "T-shirts, 2 pairs" -> t, shirts, pairs.
_WORD = re.compile(r"[^\W\d_]+")


def tokenize(line: str) -> list[str]:
    """A line's words: lowercased, split on everything that is not a letter."""
    return _WORD.findall(line.lower())


def train_vectors(
    corpus_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    vector_size: int = 100,
    window: int = 5,
    min_count: int = 5,
    epochs: int = 5,
    workers: int = 2,
    seed: int = 0,
    report: Callable[[str], None] | None = None,
) -> Path:
    """Train word2vec (CBOW) on ``corpus_path`` and save its (V, vector_size) vectors to ``out_path``.

    The corpus is plain UTF-8 text, one sentence per line, tokenised by :func:`tokenize`. Words seen fewer than
    ``min_count`` times get no vector. ``out_path`` ends in ``.bin`` (word2vec binary) or ``.txt``/``.vec``
    (word2vec text); it is written atomically, so an interrupted run leaves no half-written file. With
    ``workers`` > 1 the result varies slightly between runs (gensim's threads race); ``workers=1`` repeats
    exactly for the same ``seed``. Returns the absolute output path, ready for
    ``Word2VecEmbedder(vectors=...)``. ``report``, if given, is called with a status line before each stage
    and after each epoch, so a long training is never silent.
    """
    report = report or (lambda line: None)
    corpus = Path(corpus_path).expanduser().resolve()
    out = Path(out_path).expanduser().resolve()
    if out.suffix.lower() not in OUTPUT_BINARY:
        raise WordganError(f"cannot save vectors as {out.name}: end the name in .bin (word2vec binary) or .txt")
    if not corpus.is_file():
        raise WordganError(f"corpus not found: {corpus}")

    sentences = _Sentences(corpus)
    model = Word2Vec(vector_size=vector_size, window=window, min_count=min_count, workers=workers, seed=seed)
    report(f"reading {corpus.name} for the vocabulary ...")
    model.build_vocab(sentences)
    if not model.wv.index_to_key:
        raise WordganError(
            f"no word occurs at least {min_count} times in {corpus}; give a longer corpus or a lower min_count"
        )
    report(f"{len(model.wv.index_to_key):,} words; training {epochs} epochs ...")
    model.train(sentences, total_examples=model.corpus_count, epochs=epochs, callbacks=[_EpochReport(epochs, report)])
    report(f"writing {out.name} ...")
    _save_atomically(model.wv, out, binary=OUTPUT_BINARY[out.suffix.lower()])
    return out


class _EpochReport(CallbackAny2Vec):
    """Reports "epoch 2/5 done (3.1 s)" after each of gensim's epochs."""

    def __init__(self, epochs: int, report: Callable[[str], None]):
        self.epochs, self.report, self.done, self.started = epochs, report, 0, time.perf_counter()

    def on_epoch_end(self, model: Word2Vec) -> None:
        self.done += 1
        self.report(f"epoch {self.done}/{self.epochs} done ({time.perf_counter() - self.started:.1f} s)")


class _Sentences:
    """The corpus as token lists, re-read from disk on each pass (gensim makes one pass per epoch plus one
    for the vocabulary), so a corpus larger than memory trains too."""

    def __init__(self, path: Path):
        self.path = path

    def __iter__(self) -> Iterator[list[str]]:
        with self.path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                tokens = tokenize(line)
                if tokens:
                    yield tokens


def _save_atomically(keyed_vectors: KeyedVectors, out: Path, binary: bool) -> None:
    """Write to a temporary file beside ``out``, then rename: readers see the old file or the new, never half."""
    with replacing(out) as temporary:
        keyed_vectors.save_word2vec_format(str(temporary), binary=binary)
