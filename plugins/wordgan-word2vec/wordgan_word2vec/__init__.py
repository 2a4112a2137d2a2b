"""wordgan-word2vec: the ``word2vec`` embedder for wordgan, built on gensim ``KeyedVectors``.

Exports are resolved lazily (PEP 562): importing gensim takes about a second, and
``wordgan-word2vec-train --help`` should not wait for it.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Word2VecEmbedder": "wordgan_word2vec.embedder",
    "FORMATS": "wordgan_word2vec.vectors",
    "guess_format": "wordgan_word2vec.vectors",
    "load_vectors": "wordgan_word2vec.vectors",
    "load_glove_6b_50d": "wordgan_word2vec.glove",
    "tokenize": "wordgan_word2vec.training",
    "train_vectors": "wordgan_word2vec.training",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'wordgan_word2vec' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
