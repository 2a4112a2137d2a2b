"""The checkpoint file: safetensors tensors plus JSON metadata in the same file, written atomically.

This module owns the file and the names of its tensors; :mod:`wordgan.checkpoint.metadata` owns the schema of
its metadata (read and written), :mod:`wordgan.checkpoint.gate` the rules for the plugins it names. Loading never
unpickles. A checkpoint carries everything needed to generate: the generator weights (and their moving average),
the label words' condition vectors, and in its metadata the embedder spec, the GAN name and options, the image
shape, the noise size and the training config. A training checkpoint also carries D, both optimizers and the
random states, so ``--resume`` continues exactly.
"""
from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, safe_open, save_file

from wordgan.checkpoint.named import named_model, names
from wordgan.files.atomic import replacing
from wordgan.errors import CheckpointError

FORMAT = "wordgan-checkpoint"
FORMAT_VERSION = 1
CHECKPOINT_NAME = "checkpoint.safetensors"

# The tensors of a checkpoint, by name or name prefix.
GENERATOR = "generator."  # G's weights at the last step
EMA_GENERATOR = "ema_generator."  # the moving average of G's weights, which draws when present
DISCRIMINATOR = "discriminator."
CONDITIONS = "conditions."  # + "labels" (K, E) and "extra" (V, E)
OPTIMIZER = "optimizer."  # + "generator." or "discriminator.", then the flattened state
RNG_NOISE = "rng.noise"  # the loop's CPU generator
RNG_TORCH = "rng.torch"  # torch's global generator


def save_checkpoint(path: str | Path, tensors: dict[str, torch.Tensor], metadata: dict[str, Any]) -> Path:
    """Write ``tensors`` and ``metadata`` to ``path`` via a temp file and an atomic rename."""
    header = {"format": FORMAT, "format_version": str(FORMAT_VERSION), "wordgan": json.dumps(metadata)}
    with replacing(path) as temp:
        try:
            save_file({k: v.detach().contiguous().cpu() for k, v in tensors.items()}, str(temp), metadata=header)
        except SafetensorError as exc:  # its I/O errors (a full disk) are not OSErrors; replacing reports those
            raise OSError(errno.EIO, str(exc)) from exc
    return Path(path)


def resolve(path: str | Path) -> Path:
    """A run directory, a ``.safetensors`` file, or the name of a model a package ships (``fashion-mnist``,
    :mod:`wordgan.checkpoint.named`) -> the checkpoint file. A path that exists wins over a name."""
    given = Path(path)
    if not given.exists() and (named := named_model(str(path))) is not None:
        return named
    found = given / CHECKPOINT_NAME if given.is_dir() else given
    if not found.is_file():
        raise CheckpointError(
            f"no checkpoint at {found}; give a run directory, a .safetensors file or the name of a shipped model "
            f"({', '.join(names()) or 'none is installed'})"
        )
    return found


def read_metadata(path: str | Path) -> dict[str, Any]:
    """The JSON metadata of a checkpoint, without loading any tensor."""
    path = resolve(path)
    try:
        with safe_open(str(path), framework="pt") as handle:
            header = handle.metadata() or {}
    except (SafetensorError, OSError, ValueError) as exc:
        raise CheckpointError(f"{path} is not a readable safetensors file ({exc}); it may be corrupt or truncated") from exc
    if header.get("format") != FORMAT:
        raise CheckpointError(f"{path} is a safetensors file but not a wordgan checkpoint")
    version = header.get("format_version", "0")
    if not version.isdigit():
        raise CheckpointError(f"{path} has a corrupt format version {version[:20]!r}")
    if int(version) > FORMAT_VERSION:
        raise CheckpointError(f"{path} was written by a newer wordgan (format {version}); upgrade wordgan")
    try:
        metadata = json.loads(header["wordgan"])
    except (KeyError, json.JSONDecodeError) as exc:
        raise CheckpointError(f"{path} has corrupt wordgan metadata ({exc})") from exc
    except RecursionError as exc:  # JSON nested deeper than Python's stack: no real checkpoint nests past ~10
        raise CheckpointError(f"{path} has corrupt wordgan metadata (nested too deeply to read)") from exc
    if not isinstance(metadata, dict):
        raise CheckpointError(f"{path} has corrupt wordgan metadata (a JSON {type(metadata).__name__}, not an object)")
    return metadata


def load_tensors(path: str | Path, prefix: str = "") -> dict[str, torch.Tensor]:
    """The tensors whose names start with ``prefix``, with the prefix removed."""
    path = resolve(path)
    try:
        if not prefix:
            return load_file(str(path))
        with safe_open(str(path), framework="pt") as handle:
            return {k[len(prefix):]: handle.get_tensor(k) for k in handle.keys() if k.startswith(prefix)}
    except (SafetensorError, OSError, ValueError, RuntimeError) as exc:
        raise CheckpointError(f"{path} could not be read ({exc}); it may be corrupt or truncated") from exc


def tensor_shapes(path: str | Path, prefix: str = "") -> dict[str, tuple[int, ...]]:
    """The shapes of the tensors whose names start with ``prefix`` (prefix removed), read from the file's
    header alone: nothing is loaded."""
    path = resolve(path)
    try:
        with safe_open(str(path), framework="pt") as handle:
            return {k[len(prefix):]: tuple(handle.get_slice(k).get_shape()) for k in handle.keys() if k.startswith(prefix)}
    except (SafetensorError, OSError, ValueError, RuntimeError) as exc:
        raise CheckpointError(f"{path} could not be read ({exc}); it may be corrupt or truncated") from exc


def prefixed(prefix: str, tensors: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    return {prefix + key: value for key, value in tensors.items()}


def part(tensors: dict[str, torch.Tensor], prefix: str) -> dict[str, torch.Tensor]:
    """The tensors whose names start with ``prefix``, prefix removed (the inverse of :func:`prefixed`)."""
    return {key[len(prefix):]: value for key, value in tensors.items() if key.startswith(prefix)}


def drawing_prefix(path: str | Path) -> str:
    """The prefix of the generator that draws: the moving average of G's weights when the run kept one (it draws
    better than the last step's weights), else G itself."""
    return EMA_GENERATOR if tensor_shapes(path, EMA_GENERATOR) else GENERATOR


def flatten_optimizer(state: dict[str, Any]) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """An optimizer ``state_dict`` -> (tensors, JSON-able rest), since safetensors holds only tensors."""
    tensors, scalars = {}, {}
    for index, per_param in state["state"].items():
        for name, value in per_param.items():
            if isinstance(value, torch.Tensor):
                tensors[f"{index}.{name}"] = value
            else:
                scalars[f"{index}.{name}"] = value
    return tensors, {"param_groups": state["param_groups"], "scalars": scalars}


def unflatten_optimizer(tensors: dict[str, torch.Tensor], rest: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`flatten_optimizer`."""
    state: dict[int, dict[str, Any]] = {}
    for key, value in list(tensors.items()) + list(rest["scalars"].items()):
        index, name = key.split(".", 1)
        state.setdefault(int(index), {})[name] = value
    return {"state": state, "param_groups": rest["param_groups"]}
