"""Pack a run into a checkpoint and unpack it again."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from wordgan import __version__, checkpoint
from wordgan.config import TrainConfig
from wordgan.errors import CheckpointError
from wordgan.training.setup import Parts


def generation_metadata(config: TrainConfig, parts: Parts, step: int) -> dict[str, Any]:
    """What any checkpoint carries so that it can generate on its own."""
    return {
        "wordgan_version": __version__,
        "config": config.to_dict(),
        "embedder": parts.embedder.spec.to_dict(),
        "gan": config.gan,
        "gan_options": config.gan_options,
        "loss": config.loss,
        "loss_options": config.loss_options,
        "label_words": parts.data.words,
        "all_words": parts.all_words,
        "image_shape": list(parts.data.image_shape),
        "z_dim": config.z_dim,
        "cond_dim": int(parts.label_conditions.shape[1]),
        "step": step,
        "vocabulary": parts.vocabulary.to_dict() if parts.vocabulary else None,
        "extra_words": parts.extra_words,
        "extra_labels": [parts.data.words[k] for k in parts.extra_classes.tolist()],
    }


def save_training_checkpoint(
    path: Path,
    config: TrainConfig,
    parts: Parts,
    optimizers: dict[str, torch.optim.Optimizer],
    noise: torch.Generator,
    step: int,
) -> None:
    metadata = generation_metadata(config, parts, step)
    tensors = {
        **checkpoint.prefixed("generator.", parts.generator.state_dict()),
        **checkpoint.prefixed("discriminator.", parts.discriminator.state_dict()),
        "conditions.labels": parts.label_conditions,
        "conditions.extra": parts.extra_conditions,
        "rng.noise": noise.get_state(),
        "rng.torch": torch.get_rng_state(),
    }
    metadata["optimizers"] = {}
    for name, optimizer in optimizers.items():
        flat, rest = checkpoint.flatten_optimizer(optimizer.state_dict())
        tensors.update(checkpoint.prefixed(f"optimizer.{name}.", flat))
        metadata["optimizers"][name] = rest
    checkpoint.save_checkpoint(path, tensors, metadata)


def restore_training_checkpoint(
    path: Path, parts: Parts, optimizers: dict[str, torch.optim.Optimizer], noise: torch.Generator
) -> int:
    """Load weights, optimizer and random states into the built parts; return the step reached."""
    metadata = checkpoint.read_metadata(path)
    if "optimizers" not in metadata:
        raise CheckpointError(f"{path} is an exported (generation-only) checkpoint and cannot be resumed")
    tensors = checkpoint.load_tensors(path)

    def part(prefix: str) -> dict[str, torch.Tensor]:
        return {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}

    if not torch.allclose(tensors["conditions.labels"], parts.label_conditions, atol=1e-3):
        raise CheckpointError(f"the embedder now gives other vectors for the label words than when {path} was saved")
    if list(metadata.get("extra_words") or []) != parts.extra_words:
        raise CheckpointError(
            f"the vocabulary {parts.vocabulary.source if parts.vocabulary else None!r} now gives other extra words than "
            f"when {path} was saved (WordNet or the vocabulary file changed?), so the run cannot continue exactly"
        )
    parts.generator.load_state_dict(part("generator."))
    parts.discriminator.load_state_dict(part("discriminator."))
    for name, optimizer in optimizers.items():
        rest = metadata["optimizers"][name]
        optimizer.load_state_dict(checkpoint.unflatten_optimizer(part(f"optimizer.{name}."), rest))
    noise.set_state(tensors["rng.noise"])
    torch.set_rng_state(tensors["rng.torch"])
    return int(metadata["step"])


def export_generator(source: Path, target: Path) -> Path:
    """Write a generation-only copy of a checkpoint: G weights, conditions and metadata, no D or optimizers.

    The config is written out whole: settings added to wordgan after the run was trained are recorded with
    the values the run is read with now, so the file keeps drawing the same way if defaults change later.
    """
    metadata = checkpoint.read_metadata(source)
    metadata.pop("optimizers", None)
    metadata["config"] = TrainConfig.from_dict(metadata["config"]).to_dict()
    tensors = checkpoint.load_tensors(source)
    kept = {k: v for k, v in tensors.items() if k.startswith(("generator.", "conditions."))}
    return checkpoint.save_checkpoint(target, kept, metadata)
