"""The ``concat`` embedder: several embedders side by side, each given equal weight."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from wordgan.plugins.build import build_embedder
from wordgan.errors import WordganError
from wordgan.interfaces import Embedder

#: GloVe and all-MiniLM-L6-v2: on the two novel-word lists each is right where the other is wrong
#: (docs/zero-shot.md).
DEFAULT_PARTS = ("word2vec", "sentence-transformers")


class ConcatEmbedder(Embedder):
    """Texts -> the concatenation of each part's unit-length vector: (N,) -> (N, E1 + E2 + ...).

    With every part at length 1, the cosine similarity of two concatenated vectors is the mean of the parts'
    cosine similarities, so each embedder has an equal say in which words are near, whatever its dimension.
    ``parts``: embedder plugin names, or ``{"name": ..., "options": {...}}`` specs. A text is known only if
    every part knows it.
    """

    def __init__(self, parts: Sequence[str | dict[str, Any]] = DEFAULT_PARTS):
        if isinstance(parts, str) or len(parts) < 2:
            raise WordganError(f"concat needs a list of at least two embedders, got {parts!r}")
        self.parts = [_build(part) for part in parts]
        self.dim = sum(part.dim for part in self.parts)
        self.options = {"parts": [part.spec.to_dict() for part in self.parts]}

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        vectors = [part.encode(texts) for part in self.parts]  # each (N, E_i); raises for an unknown text
        units = [v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12) for v in vectors]
        return np.concatenate(units, axis=1)


def _build(part: str | dict[str, Any]) -> Embedder:
    if isinstance(part, str):
        return build_embedder(part)
    if isinstance(part, dict) and isinstance(part.get("name"), str):
        if part["name"] == "concat":
            raise WordganError("concat cannot contain another concat")
        return build_embedder(part["name"], **part.get("options", {}))
    raise WordganError(f'each concat part is an embedder name or {{"name": ..., "options": {{...}}}}, got {part!r}')
