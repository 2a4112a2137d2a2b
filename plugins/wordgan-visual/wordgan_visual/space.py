"""The fitted visual space and its file: concept prototypes and the ridge that maps a text vector among them.

One safetensors file, never a pickle: four float32 tensors and JSON metadata in the header.

| tensor | shape | what |
|---|---|---|
| ``prototypes`` | (K, E) | each trained concept's mean image feature, in E principal components |
| ``text_vectors`` | (K, D) | the text embedder's vector of each concept's name: the regression's inputs, and the text space ``similar`` searches |
| ``weight``, ``bias`` | (D, E), (E,) | the ridge regression: a text vector ``t`` maps to ``t @ weight + bias`` |

| metadata key | JSON |
|---|---|
| ``format`` | ``"wordgan-visual 1"`` |
| ``concepts`` | the K concept names, in the rows' order |
| ``text_embedder`` | the spec of the text embedder, ``{"name": ..., "options": {...}}``, rebuilt to map a new text |
| ``fitted`` | how it was fitted: dataset and options, the concepts held out, feature network, sizes, ridge strength |
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from wordgan.cli.toolkit import replacing
from wordgan.errors import WordganError

FORMAT = "wordgan-visual 1"
TENSORS = ("prototypes", "text_vectors", "weight", "bias")
#: The embedder this file belongs to: a text embedder spec may not name it (a visual space inside a visual space).
EMBEDDER_NAME = "visual"
#: How sharply a blend picks the concepts nearest by text (cosine units); of 0.01, 0.03, 0.05 and 0.1, chosen on
#: the tuning split of benchmarks/visual_ceiling.py (also the snapping temperature of wordgan's mapping of new words).
DEFAULT_TEMPERATURE = 0.03


@dataclass(frozen=True)
class VisualSpace:
    """K trained concepts' prototypes (K, E), their names' text vectors (K, D) and the ridge (D, E) + (E,)."""

    concepts: tuple[str, ...]
    prototypes: np.ndarray  # (K, E) float32
    text_vectors: np.ndarray  # (K, D) float32
    weight: np.ndarray  # (D, E) float32
    bias: np.ndarray  # (E,) float32
    text_embedder: dict[str, Any]  # {"name": str, "options": dict}
    fitted: dict[str, Any] = field(default_factory=dict)

    @property
    def dim(self) -> int:
        """E, the size of the visual space."""
        return self.prototypes.shape[1]

    def map_text(self, vectors: np.ndarray, blend: float = 0.0, temperature: float = DEFAULT_TEMPERATURE) -> np.ndarray:
        """(N, D) text vectors -> (N, E) float32: where the regression places them among the prototypes.

        With ``blend`` b > 0, each is drawn toward the prototypes of the concepts whose names' text vectors are
        nearest its own: ``near = softmax(cos(t, t_j) / temperature) @ prototypes``, and the result is
        ``(1 - b) * |near| * ridge / |ridge| + b * near`` (the ridge's direction at the prototypes' length, since
        ridge regression shrinks toward the mean). b = 1 is that soft nearest neighbour alone.
        """
        text = np.asarray(vectors, dtype=np.float64)  # (N, D)
        ridge = text @ self.weight + self.bias  # (N, E)
        if blend == 0:
            return ridge.astype(np.float32)
        cosines = _unit(text) @ _unit(self.text_vectors.astype(np.float64)).T  # (N, K)
        logits = (cosines - cosines.max(axis=1, keepdims=True)) / temperature
        weights = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)  # (N, K)
        near = weights @ self.prototypes.astype(np.float64)  # (N, E)
        length = np.linalg.norm(near, axis=1, keepdims=True)
        return ((1 - blend) * length * _unit(ridge) + blend * near).astype(np.float32)

    def save(self, path: str | os.PathLike) -> Path:
        """Write the file (atomically: a temporary file beside ``path``, then a rename)."""
        from safetensors.numpy import save_file

        path = Path(path)
        tensors = {name: np.ascontiguousarray(getattr(self, name), dtype=np.float32) for name in TENSORS}
        metadata = {
            "format": FORMAT,
            "concepts": json.dumps(list(self.concepts), ensure_ascii=False),
            "text_embedder": json.dumps(self.text_embedder),
            "fitted": json.dumps(self.fitted, ensure_ascii=False),
        }
        with replacing(path) as temp:
            save_file(tensors, str(temp), metadata=metadata)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike) -> "VisualSpace":
        """Read and check a file :meth:`save` wrote; anything else is one error line naming the file."""
        from safetensors import SafetensorError, safe_open

        path = Path(path)
        if not path.is_file():
            raise WordganError(f"no visual space file {path}; make one with wordgan-visual-fit")
        try:
            with safe_open(str(path), framework="np") as handle:
                metadata = handle.metadata() or {}
                names = set(handle.keys())
                if names != set(TENSORS):
                    raise WordganError(f"{path} holds tensors {sorted(names)}, not a visual space's {list(TENSORS)}")
                tensors = {name: handle.get_tensor(name) for name in TENSORS}
        except (SafetensorError, OSError) as exc:
            raise WordganError(f"{path} is not a readable safetensors file: {' '.join(str(exc).split())[:200]}") from exc
        if metadata.get("format") != FORMAT:
            raise WordganError(f"{path} is not a visual space file (format {metadata.get('format')!r}, expected {FORMAT!r})")
        space = cls(
            concepts=tuple(_json(path, metadata, "concepts", list)),
            text_embedder=_json(path, metadata, "text_embedder", dict),
            fitted=_json(path, metadata, "fitted", dict),
            **tensors,
        )
        space.check(path)
        return space

    def check(self, path: Path) -> None:
        """Shapes that agree, finite float32 numbers, unique names, a text embedder spec that is not a visual one."""
        k, e = self.prototypes.shape if self.prototypes.ndim == 2 else (0, 0)
        d = self.weight.shape[0] if self.weight.ndim == 2 else 0
        expected = {"prototypes": (k, e), "text_vectors": (k, d), "weight": (d, e), "bias": (e,)}
        for name in TENSORS:
            tensor = getattr(self, name)
            if tensor.dtype != np.float32 or tensor.shape != expected[name] or 0 in tensor.shape:
                raise WordganError(f"{path}: {name} is {tensor.dtype} {tensor.shape}, expected float32 {expected[name]} (K concepts, E, D > 0)")
            if not np.isfinite(tensor).all():
                raise WordganError(f"{path}: {name} holds NaN or infinite numbers")
        if len(self.concepts) != k or not all(isinstance(c, str) and c.strip() for c in self.concepts):
            raise WordganError(f"{path}: concepts must be {k} non-empty names, one per prototype")
        if len(set(self.concepts)) != k:
            raise WordganError(f"{path}: a concept name appears twice")
        spec = self.text_embedder
        if set(spec) != {"name", "options"} or not isinstance(spec["name"], str) or not isinstance(spec["options"], dict):
            raise WordganError(f"{path}: text_embedder must be {{\"name\": str, \"options\": {{...}}}}, got {str(spec)[:200]}")
        if spec["name"] == EMBEDDER_NAME:
            raise WordganError(f"{path}: its text embedder may not be the visual embedder itself")


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def _json(path: Path, metadata: dict[str, str], key: str, kind: type) -> Any:
    try:
        value = json.loads(metadata[key])
    except KeyError:
        raise WordganError(f"{path}: its metadata has no {key!r}") from None
    except (ValueError, RecursionError) as exc:
        raise WordganError(f"{path}: metadata {key!r} is not readable JSON ({type(exc).__name__})") from None
    if not isinstance(value, kind):
        raise WordganError(f"{path}: metadata {key!r} must be a JSON {kind.__name__}, got {type(value).__name__}")
    return value
