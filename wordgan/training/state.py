"""Pack a run into a checkpoint and unpack it again (the format itself: :mod:`wordgan.checkpoint`)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import torch

from wordgan import __version__
from wordgan.checkpoint import store
from wordgan.checkpoint.metadata import CheckpointMetadata
from wordgan.errors import CheckpointError
from wordgan.training.config import TrainConfig
from wordgan.training.ema import EMA
from wordgan.training.setup import Parts


def run_metadata(config: TrainConfig, parts: Parts, step: int) -> CheckpointMetadata:
    """What the checkpoint of this run at ``step`` says about its model (no training state yet)."""
    return CheckpointMetadata(
        label_words=list(parts.data.words),
        all_words=list(parts.all_words),
        config=config,
        embedder=parts.embedder.spec,
        gan=config.gan,
        gan_options=config.gan_options,
        image_shape=tuple(parts.data.image_shape),
        z_dim=config.z_dim,
        cond_dim=int(parts.label_conditions.shape[1]),
        step=step,
        extra_words=list(parts.extra_words),
        extra_labels=[parts.data.words[k] for k in parts.extra_classes.tolist()],
        vocabulary=parts.vocabulary.to_dict() if parts.vocabulary else None,
        wordgan_version=__version__,
    )


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
    tensors = {
        **store.prefixed(store.GENERATOR, parts.generator.state_dict()),
        **store.prefixed(store.DISCRIMINATOR, parts.discriminator.state_dict()),
        store.CONDITIONS + "labels": parts.label_conditions,
        store.CONDITIONS + "extra": parts.extra_conditions,
        store.RNG_NOISE: noise.get_state(),
        store.RNG_TORCH: torch.get_rng_state(),
    }
    if ema:
        tensors.update(store.prefixed(store.EMA_GENERATOR, ema.model.state_dict()))
    states = {}
    for name, optimizer in optimizers.items():
        flat, states[name] = store.flatten_optimizer(optimizer.state_dict())
        tensors.update(store.prefixed(f"{store.OPTIMIZER}{name}.", flat))
    metadata = dataclasses.replace(
        run_metadata(config, parts, step),
        optimizers=states,
        # fp16 loss scales (empty for other precisions), so a resumed fp16 run does not start from scale 65536 again.
        scalers={name: {k: float(v) for k, v in scaler.state_dict().items()} for name, scaler in scalers.items()},
        time_budget_spent=budget_spent,
    )
    store.save_checkpoint(path, tensors, metadata.to_dict())


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
    labels, _ = metadata.check_conditions(store.part(tensors, store.CONDITIONS), path)
    if labels.shape != parts.label_conditions.shape or not torch.allclose(labels, parts.label_conditions, atol=1e-3):
        raise CheckpointError(f"the embedder now gives other vectors for the label words than when {path} was saved")
    if metadata.extra_words != parts.extra_words:
        raise CheckpointError(
            f"the vocabulary {parts.vocabulary.source if parts.vocabulary else None!r} now gives other extra words than "
            f"when {path} was saved (WordNet or the vocabulary file changed?), so the run cannot continue exactly"
        )

    def optimizer_state(name: str) -> dict[str, torch.Tensor]:
        return store.part(tensors, f"{store.OPTIMIZER}{name}.")

    missing = sorted(set(optimizers) - set(metadata.optimizers)) + [k for k in (store.RNG_NOISE, store.RNG_TORCH) if k not in tensors]
    # Past step 0 every optimizer has moments: without their tensors Adam would silently start afresh.
    missing += [f"optimizer.{name}" for name in sorted(optimizers) if metadata.step > 0 and name in metadata.optimizers and not optimizer_state(name)]
    if missing:
        raise CheckpointError(f"{path} lacks the training state {missing} that --resume needs")
    try:  # tensors that do not fit the models as built, or random states of another shape
        parts.generator.load_state_dict(store.part(tensors, store.GENERATOR))
        parts.discriminator.load_state_dict(store.part(tensors, store.DISCRIMINATOR))
        if ema:
            # A run that had no average yet starts one from the current weights.
            ema.model.load_state_dict(store.part(tensors, store.EMA_GENERATOR) or parts.generator.state_dict())
        for name, optimizer in optimizers.items():
            optimizer.load_state_dict(store.unflatten_optimizer(optimizer_state(name), metadata.optimizers[name]))
        for name, scaler in scalers.items():
            saved = metadata.scalers.get(name)
            if scaler.is_enabled() and saved:
                scaler.load_state_dict({k: (int(v) if k == "_growth_tracker" else v) for k, v in saved.items()})
        noise.set_state(tensors[store.RNG_NOISE])
        torch.set_rng_state(tensors[store.RNG_TORCH])
    except (KeyError, ValueError, TypeError, RuntimeError) as exc:
        raise CheckpointError(f"{path}: the training state cannot be restored: {' '.join(str(exc).split())}") from exc
    return metadata.step
