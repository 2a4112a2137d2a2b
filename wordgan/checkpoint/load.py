"""The generator a checkpoint holds, built by the GAN plugin it names and checked before any weight is trusted."""
from __future__ import annotations

import math
from pathlib import Path

import torch

from wordgan.checkpoint import store
from wordgan.checkpoint.gate import Gate
from wordgan.checkpoint.metadata import CheckpointMetadata
from wordgan.errors import CheckpointError, WordganError
from wordgan.interfaces import Generator


def load_generator(path: Path, metadata: CheckpointMetadata, gate: Gate) -> Generator:
    """The generator that draws (the moving average of G's weights when the run kept one), in eval mode.

    Its shapes are compared with what the plugin builds from the metadata on PyTorch's meta device first, so
    options such as ``{"width": 4096}`` are refused before they allocate gigabytes; weights that are NaN or
    infinite (a run that diverged, a damaged file) are refused rather than drawn as black images.
    """
    prefix = store.drawing_prefix(path)
    stored = store.tensor_shapes(path, prefix)
    built = _shapes_on_meta(metadata, gate)
    if built is not None and built != stored:
        differ = sorted(set(built) ^ set(stored)) or [name for name in built if built[name] != stored[name]]
        raise _misfit(path, metadata, f"the file holds {_numbers(stored):,} numbers, the generator its options "
                                      f"build {_numbers(built):,} (first difference: {differ[0]!r})")
    generator, _ = gate.gan(metadata.gan, metadata.z_dim, metadata.cond_dim, metadata.image_shape, metadata.gan_options)
    weights = store.load_tensors(path, prefix=prefix)
    broken = [name for name, tensor in weights.items() if tensor.is_floating_point() and not torch.isfinite(tensor).all()]
    if broken:
        raise CheckpointError(
            f"{path}: the generator tensor {prefix}{broken[0]} holds NaN or infinite values (a run that diverged, or a "
            "damaged file); it would draw black images"
        )
    try:
        generator.load_state_dict(weights)
    except RuntimeError as exc:
        raise _misfit(path, metadata, " ".join(str(exc).split())) from exc
    return generator.eval()


def _shapes_on_meta(metadata: CheckpointMetadata, gate: Gate) -> dict[str, tuple[int, ...]] | None:
    """The shapes of the generator's tensors as the GAN plugin builds it from ``metadata``, built on PyTorch's
    ``meta`` device (no memory); None if the plugin cannot be built there (its real build says what fails)."""
    try:
        with torch.device("meta"):
            generator, _ = gate.gan(metadata.gan, metadata.z_dim, metadata.cond_dim, metadata.image_shape, metadata.gan_options)
    except (WordganError, RuntimeError, NotImplementedError, TypeError, ValueError):
        return None
    return {name: tuple(tensor.shape) for name, tensor in generator.state_dict().items()}


def _numbers(shapes: dict[str, tuple[int, ...]]) -> int:
    return sum(math.prod(shape) for shape in shapes.values())


def _misfit(path: Path, metadata: CheckpointMetadata, why: str) -> CheckpointError:
    saved_by = metadata.wordgan_version or "an unknown version"
    return CheckpointError(
        f"{path}: the generator weights do not fit gan {metadata.gan!r} with options {metadata.gan_options} as "
        f"installed now (the checkpoint was saved by wordgan {saved_by}; a plugin may have changed its layers since): {why}"
    )
