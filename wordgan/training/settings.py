"""The one place a training config is assembled: a config file, the user's settings, the dataset's own training
defaults and the rules of a resumed run. ``wordgan train``, ``wordgan compare`` and ``wordgan.train`` all use it,
so a run trained from Python is the run the command line would train."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Mapping

from wordgan.checkpoint.metadata import CheckpointMetadata
from wordgan.errors import CheckpointError, SettingsError, WordganError
from wordgan.plugins import registry
from wordgan.plugins.build import build_dataset
from wordgan.training.config import TrainConfig
from wordgan.training.run_dir import RunDir

#: What a dataset's defaults may not set: which dataset it is and how it is built decide its defaults.
NOT_DATASET_DEFAULTS = ("dataset", "dataset_options", "out")
#: Settings a TOML file (which has no null) turns off with one of these words, as the command line does.
OFF_WORDS = ("none", "off", "raw")


def assemble_config(settings: Mapping[str, Any] | None = None, config_file: str | Path | None = None, resume: bool = False) -> TrainConfig:
    """The config of a run: ``settings`` (TrainConfig fields the user gave) over ``config_file`` (TOML or JSON,
    e.g. a run's config.json), over the dataset's training defaults, over wordgan's defaults; the run directory
    defaults to ``runs/EMBEDDER-GAN-DATASET``. With ``resume``, the checkpoint's own config, with only the
    settings :meth:`TrainConfig.resumable` names changed."""
    settings = dict(settings or {})
    if resume:
        if config_file:
            raise SettingsError("--resume continues the settings stored in the checkpoint; it takes no --config")
        out = settings.pop("out", None) or default_out(settings)
        return resumed_config(out, **settings)
    base = read_config_file(Path(config_file)) if config_file else {}
    merged = {**base, **settings}
    merged["dataset_options"] = {**base.get("dataset_options", {}), **settings.get("dataset_options", {})}
    merged.setdefault("out", default_out(merged))
    return with_dataset_defaults(TrainConfig.from_settings(merged))


def with_dataset_defaults(config: TrainConfig) -> TrainConfig:
    """``config`` with its dataset's training defaults (:meth:`DatasetProvider.training_defaults`) in the fields
    the user did not give (:attr:`TrainConfig.given`): ``wordgan.train(TrainConfig(dataset="emoji"))`` holds
    out emoji's fixed split and trains on its keywords; ``holdout=[...]`` or ``vocabulary=...`` given by the
    user win. A config read from a checkpoint gave every field, so nothing changes."""
    check_plugins(config)
    missing = [f.name for f in dataclasses.fields(TrainConfig) if f.name not in config.given]
    if not missing:
        return config
    defaults = build_dataset(config.dataset, **config.dataset_options).training_defaults()
    known = {f.name for f in dataclasses.fields(TrainConfig)} - set(NOT_DATASET_DEFAULTS)
    if not isinstance(defaults, dict) or set(defaults) - known:
        wrong = sorted(set(defaults) - known) if isinstance(defaults, dict) else type(defaults).__name__
        raise WordganError(f"the dataset plugin {config.dataset!r} gives training defaults that are not TrainConfig settings: {wrong}")
    return dataclasses.replace(config, **{key: value for key, value in defaults.items() if key in missing})


def check_plugins(config: TrainConfig) -> None:
    """Each plugin the config names is installed, checked from package metadata alone (nothing imported), so
    ``--gan stylegan`` fails at once instead of after seconds of loading data and embedders."""
    for kind, name in (("dataset", config.dataset), ("embedder", config.embedder), ("gan", config.gan), ("loss", config.loss)):
        registry.find(kind, name)


def resumed_config(out: str | Path, steps: int | None = None, **overrides: Any) -> TrainConfig:
    """The config stored in the checkpoint of the run in ``out`` (never its config.json, which any process could
    have rewritten), with ``steps`` and ``overrides`` applied: only the settings a resumed run may change
    (:meth:`TrainConfig.resumable`)."""
    run = RunDir(out)
    if not run.checkpoint_path.exists():
        raise WordganError(f"nothing to resume: {run.checkpoint_path} does not exist")
    metadata = CheckpointMetadata.read(run.checkpoint_path)
    if metadata.optimizers is None:
        raise CheckpointError(f"{run.checkpoint_path} is an exported (generation-only) checkpoint and cannot be resumed")
    refused = sorted(set(overrides) - set(TrainConfig.resumable()))
    if refused:
        raise SettingsError(f"a resumed run keeps its settings; only {', '.join(TrainConfig.resumable())} may change, not {refused}")
    changes = {name: value for name, value in {"steps": steps, **overrides}.items() if value is not None}
    return dataclasses.replace(metadata.config, out=str(out), **changes)  # the changes are checked like any setting


def checkpoint_step(path: str | Path) -> int:
    """The step a checkpoint was saved at."""
    return CheckpointMetadata.read(path).step


def default_out(settings: Mapping[str, Any]) -> str:
    """``runs/EMBEDDER-GAN-DATASET`` for the plugins ``settings`` name (wordgan's defaults for the others)."""
    pick = lambda key: settings.get(key) or getattr(TrainConfig, key)  # noqa: E731
    return f"runs/{pick('embedder')}-{pick('gan')}-{pick('dataset')}"


def read_config_file(path: Path) -> dict[str, Any]:
    """A TOML or JSON file of TrainConfig fields (unknown fields are an error naming them later)."""
    try:
        if path.suffix.lower() == ".toml":
            try:
                import tomllib
            except ImportError:  # Python 3.10
                raise WordganError(f"reading {path} needs Python 3.11's tomllib; give the config as JSON") from None
            data = tomllib.loads(path.read_text())
        else:
            data = json.loads(path.read_text())
    except (OSError, ValueError, RecursionError) as exc:  # TOMLDecodeError and JSONDecodeError are ValueErrors
        raise WordganError(f"cannot read the config file {path}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}") from exc
    if not isinstance(data, dict):
        raise WordganError(f"the config file {path} must hold a table of settings, not {type(data).__name__}")
    for key in ("vocabulary", "snap_temperature", "truncation", "ema", "diffaugment"):
        if isinstance(data.get(key), str) and data[key].strip().lower() in OFF_WORDS:
            data[key] = None
    return data
