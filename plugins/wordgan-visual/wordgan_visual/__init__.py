"""wordgan-visual: the ``visual`` embedder, word vectors in a space of image features (EXEM).

Exports are resolved lazily (PEP 562): ``wordgan plugins`` and ``wordgan-visual-fit --help`` should not import
torch or the feature network.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "VisualEmbedder": "wordgan_visual.embedder",
    "VisualSpace": "wordgan_visual.space",
    "fit_visual_space": "wordgan_visual.fit",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'wordgan_visual' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
