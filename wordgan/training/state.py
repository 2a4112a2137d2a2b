"""Pack a run into a checkpoint and unpack it again."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from wordgan import __version__
from wordgan.checkpoint import store
from wordgan.training.config import TrainConfig
from wordgan.errors import CheckpointError
from wordgan.checkpoint.metadata import CheckpointMetadata
from wordgan.training.ema import EMA
from wordgan.training.setup import Parts

#: Checkpoint tensors of the averaged generator; generation uses them when present.
EMA_PREFIX = "ema_generator."


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
    scalers: dict[str, torch.amp.GradScaler],
    noise: torch.Generator,
    ema: EMA | None,
    step: int,
    budget_spent: bool = False,
) -> None:
    metadata = generation_metadata(config, parts, step)
    metadata["time_budget_spent"] = budget_spent  # a run stopped by --time-budget is finished, not interrupted
    tensors = {
        **store.prefixed("generator.", parts.generator.state_dict()),
        **store.prefixed("discriminator.", parts.discriminator.state_dict()),
        "conditions.labels": parts.label_conditions,
        "conditions.extra": parts.extra_conditions,
        "rng.noise": noise.get_state(),
        "rng.torch": torch.get_rng_state(),
    }
    if ema:
        tensors.update(store.prefixed(f"{EMA_PREFIX}", ema.model.state_dict()))
    metadata["optimizers"] = {}
    for name, optimizer in optimizers.items():
        flat, rest = store.flatten_optimizer(optimizer.state_dict())
        tensors.update(store.prefixed(f"optimizer.{name}.", flat))
        metadata["optimizers"][name] = rest
    # fp16 loss scales (empty for other precisions), so a resumed fp16 run does not start from scale 65536 again.
    metadata["scalers"] = {name: {k: float(v) for k, v in scaler.state_dict().items()} for name, scaler in scalers.items()}
    store.save_checkpoint(path, tensors, metadata)


def restore_training_checkpoint(
    path: Path,
    parts: Parts,
    optimizers: dict[str, torch.optim.Optimizer],
    scalers: dict[str, torch.amp.GradScaler],
    noise: torch.Generator,
    ema: EMA | None,
) -> int:
    """Load weights, optimizer, scaler and random states into the built parts (on whatever device they are
    now: checkpoints hold CPU tensors); return the step reached."""
    metadata = CheckpointMetadata.read(path)
    if metadata.optimizers is None:
        raise CheckpointError(f"{path} is an exported (generation-only) checkpoint and cannot be resumed")
    tensors = store.load_tensors(path)

    def part(prefix: str) -> dict[str, torch.Tensor]:
        return {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}

    labels, _ = metadata.check_conditions(part("conditions."), path)
    if labels.shape != parts.label_conditions.shape or not torch.allclose(labels, parts.label_conditions, atol=1e-3):
        raise CheckpointError(f"the embedder now gives other vectors for the label words than when {path} was saved")
    if metadata.extra_words != parts.extra_words:
        raise CheckpointError(
            f"the vocabulary {parts.vocabulary.source if parts.vocabulary else None!r} now gives other extra words than "
            f"when {path} was saved (WordNet or the vocabulary file changed?), so the run cannot continue exactly"
        )
    missing = sorted(set(optimizers) - set(metadata.optimizers)) + [k for k in ("rng.noise", "rng.torch") if k not in tensors]
    # Past step 0 every optimizer has moments: without their tensors Adam would silently start afresh.
    missing += [f"optimizer.{name}" for name in sorted(optimizers) if metadata.step > 0 and name in metadata.optimizers and not part(f"optimizer.{name}.")]
    if missing:
        raise CheckpointError(f"{path} lacks the training state {missing} that --resume needs")
    try:  # tensors that do not fit the models as built, or random states of another shape
        parts.generator.load_state_dict(part("generator."))
        parts.discriminator.load_state_dict(part("discriminator."))
        if ema:
            # A run that had no average yet starts one from the current weights.
            ema.model.load_state_dict(part(EMA_PREFIX) or parts.generator.state_dict())
        for name, optimizer in optimizers.items():
            optimizer.load_state_dict(store.unflatten_optimizer(part(f"optimizer.{name}."), metadata.optimizers[name]))
        for name, scaler in scalers.items():
            saved = metadata.scalers.get(name)
            if scaler.is_enabled() and saved:
                scaler.load_state_dict({k: (int(v) if k == "_growth_tracker" else v) for k, v in saved.items()})
        noise.set_state(tensors["rng.noise"])
        torch.set_rng_state(tensors["rng.torch"])
    except (KeyError, ValueError, TypeError, RuntimeError) as exc:
        raise CheckpointError(f"{path}: the training state cannot be restored: {' '.join(str(exc).split())}") from exc
    return metadata.step


def export_generator(source: Path, target: Path) -> Path:
    """Write a generation-only copy of a checkpoint: the G that draws (the moving average when the run kept
    one, else the last weights), conditions and metadata; no D, optimizers or random states.

    The config is written out whole: settings added to wordgan after the run was trained are recorded with
    the values the run is read with now, so the file keeps drawing the same way if defaults change later.
    """
    checked = CheckpointMetadata.read(source)
    metadata = dict(checked.raw)
    metadata.pop("optimizers", None)
    metadata.pop("scalers", None)
    metadata["config"] = checked.config.to_dict()
    tensors = store.load_tensors(source)
    checked.check_conditions({k[len("conditions."):]: v for k, v in tensors.items() if k.startswith("conditions.")}, source)
    drawing = EMA_PREFIX if any(k.startswith(EMA_PREFIX) for k in tensors) else "generator."
    kept = {k: v for k, v in tensors.items() if k.startswith((drawing, "conditions."))}
    return store.save_checkpoint(target, kept, metadata)
