"""The schema of a checkpoint's metadata, read and written in one place.

:meth:`CheckpointMetadata.to_dict` writes what :meth:`CheckpointMetadata.parse` reads. A checkpoint may come from
anyone, so every field is checked for presence and type before anything is built from it, and the stored
condition tensors are checked against it. Every problem is one :class:`~wordgan.errors.CheckpointError` line
naming the field and the file, never a ``KeyError`` deep inside.
"""
from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from wordgan.checkpoint import store
from wordgan.training.config import TrainConfig
from wordgan.errors import CheckpointError, WordganError
from wordgan.interfaces import EmbedderSpec
from wordgan.conditions.mapping import MappingSettings

#: Bounds that no real model reaches and that stop a hostile file from asking for terabytes.
MAX_IMAGE_SIDE = 4096
MAX_VECTOR_SIZE = 16384
#: Dtypes a condition tensor may be stored in; half precision would change every generated image.
CONDITION_DTYPES = (torch.float32, torch.float64)


@dataclass(frozen=True)
class CheckpointMetadata:
    """Everything a checkpoint says about its model, checked. ``raw`` is the JSON as read."""

    label_words: list[str]  # the K trained class words, in class order
    all_words: list[str]  # every class word of the dataset (label words plus held-out ones)
    config: TrainConfig
    embedder: EmbedderSpec
    gan: str
    gan_options: dict[str, Any]
    image_shape: tuple[int, int, int]  # (C, H, W)
    z_dim: int  # Z
    cond_dim: int  # E
    step: int
    extra_words: list[str] = field(default_factory=list)  # vocabulary expansion: V extra words ...
    extra_labels: list[str] = field(default_factory=list)  # ... and the label word of each
    vocabulary: dict[str, Any] | None = None
    wordgan_version: str | None = None
    # A training checkpoint's state for --resume; None and {} in an exported one.
    optimizers: dict[str, dict[str, Any]] | None = None  # name -> {"param_groups": [...], "scalars": {...}}
    scalers: dict[str, dict[str, float]] = field(default_factory=dict)  # name -> fp16 loss-scaler state
    time_budget_spent: bool = False  # a run stopped by --time-budget is finished, not interrupted
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON metadata that :meth:`parse` reads back as this; a training checkpoint's state included."""
        data = {
            "wordgan_version": self.wordgan_version,
            "config": self.config.to_dict(),
            "embedder": self.embedder.to_dict(),
            "gan": self.gan,
            "gan_options": self.gan_options,
            "loss": self.config.loss,  # informative: the config holds what training uses
            "loss_options": self.config.loss_options,
            "label_words": list(self.label_words),
            "all_words": list(self.all_words),
            "image_shape": list(self.image_shape),
            "z_dim": self.z_dim,
            "cond_dim": self.cond_dim,
            "step": self.step,
            "vocabulary": self.vocabulary,
            "extra_words": list(self.extra_words),
            "extra_labels": list(self.extra_labels),
        }
        if self.optimizers is not None:
            data.update(optimizers=self.optimizers, scalers=self.scalers, time_budget_spent=self.time_budget_spent)
        return data

    def for_generation(self) -> "CheckpointMetadata":
        """This metadata without the training state (optimizers, loss scalers), as an exported file holds it.

        The config is kept whole as it is read now: settings added to wordgan after the run was trained are
        recorded with the values the run is read with, so the file keeps drawing the same way if defaults change.
        """
        return dataclasses.replace(self, optimizers=None, scalers={}, time_budget_spent=False, raw={})

    @classmethod
    def read(cls, path: str | Path) -> "CheckpointMetadata":
        """The checked metadata of the checkpoint at ``path`` (a run directory or a ``.safetensors`` file)."""
        path = store.resolve(path)
        return cls.parse(store.read_metadata(path), path)

    @classmethod
    def parse(cls, raw: Any, path: str | Path) -> "CheckpointMetadata":
        """Check ``raw`` (the JSON metadata of the checkpoint at ``path``); raises :class:`CheckpointError`."""
        fields = _Fields(raw, path)
        label_words = fields.words("label_words")
        all_words = fields.words("all_words")
        known = set(all_words)
        missing = [word for word in label_words if word not in known]
        if missing:
            fields.fail("all_words", f"a list holding every label word (it lacks {_short(missing)})")
        extra_words = fields.words("extra_words", optional=True, allow_empty=True)
        extra_labels = fields.words("extra_labels", optional=True, allow_empty=True, distinct=False)
        if len(extra_words) != len(extra_labels):
            fields.fail("extra_labels", f"one label per extra word: {len(extra_words)} words, {len(extra_labels)} labels")
        strays = sorted(set(extra_labels) - set(label_words))
        if strays:
            fields.fail("extra_labels", f"label words, not {_short(strays)}")
        image_shape = tuple(fields.get("image_shape", list[int]))
        channels_ok = len(image_shape) == 3 and image_shape[0] in (1, 3)
        if not channels_ok or not all(0 < side <= MAX_IMAGE_SIDE for side in image_shape[1:]):
            fields.fail("image_shape", f"[C, H, W] with C 1 or 3 and H, W in 1..{MAX_IMAGE_SIDE}", image_shape)
        config = fields.config()
        z_dim = fields.count("z_dim", 1, MAX_VECTOR_SIZE)
        if z_dim != config.z_dim:  # checked before the generator is built at a size the file made up
            fields.fail("z_dim", f"the config's z_dim ({config.z_dim})", z_dim)
        return cls(
            label_words=label_words,
            all_words=all_words,
            config=config,
            embedder=fields.embedder(),
            gan=fields.name("gan"),
            gan_options=fields.get("gan_options", dict[str, Any]),
            image_shape=image_shape,  # type: ignore[arg-type]  # length checked above
            z_dim=z_dim,
            cond_dim=fields.count("cond_dim", 1, MAX_VECTOR_SIZE),
            step=fields.count("step", 0, None),
            extra_words=extra_words,
            extra_labels=extra_labels,
            vocabulary=fields.vocabulary(),
            wordgan_version=fields.get("wordgan_version", typing.Optional[str], optional=True),
            optimizers=fields.optimizers(),
            scalers=fields.get("scalers", dict[str, dict[str, float]], optional=True),
            time_budget_spent=bool(fields.get("time_budget_spent", typing.Optional[bool], optional=True)),
            raw=raw,
        )

    def check_conditions(
        self, tensors: dict[str, torch.Tensor], path: str | Path
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """The stored ``conditions.`` tensors (prefix removed), checked -> (K, E) label and (V, E) extra
        conditions as float32."""
        labels = _condition(tensors, "labels", (len(self.label_words), self.cond_dim), "one row per label word", path)
        if "extra" not in tensors and not self.extra_words:
            return labels, labels[:0]
        extra = _condition(tensors, "extra", (len(self.extra_words), self.cond_dim), "one row per extra word", path)
        return labels, extra


class _Fields:
    """Reads fields of one raw metadata dict, each checked against a type, failing with one line."""

    def __init__(self, raw: Any, path: str | Path):
        self.path = path
        if not isinstance(raw, dict):
            raise CheckpointError(f"{path}: the metadata must be a JSON object, got {type(raw).__name__}")
        self.raw = raw

    def fail(self, name: str, expected: str, value: Any = dataclasses.MISSING) -> typing.NoReturn:
        got = "" if value is dataclasses.MISSING else f", got {_short(value)}"
        raise CheckpointError(f"{self.path}: the metadata field {name!r} must be {expected}{got}")

    def get(self, name: str, hint: Any, optional: bool = False) -> Any:
        if name not in self.raw:
            if optional:
                return None if _allows_none(hint) else _empty(hint)
            raise CheckpointError(f"{self.path}: the metadata lacks the field {name!r}; is it a wordgan checkpoint?")
        value = self.raw[name]
        if not _matches(value, hint):
            self.fail(name, _describe(hint), value)
        return value

    def words(self, name: str, optional: bool = False, allow_empty: bool = False, distinct: bool = True) -> list[str]:
        words = self.get(name, list[str], optional) or []
        if not allow_empty and not words:
            self.fail(name, "a non-empty list of words", words)
        blank = [w for w in words if not w.strip()]
        if blank:
            self.fail(name, "a list of non-empty words", blank[0])
        if distinct and len(set(words)) != len(words):
            self.fail(name, "a list of distinct words", sorted(w for w, n in Counter(words).items() if n > 1))
        return list(words)

    def name(self, name: str) -> str:
        value = self.get(name, str)
        if not value.strip():
            self.fail(name, "a plugin name", value)
        return value

    def count(self, name: str, low: int, high: int | None) -> int:
        value = self.get(name, int)
        if value < low or (high is not None and value > high):
            self.fail(name, f"an integer in {low}..{high if high is not None else ''}", value)
        return value

    def config(self) -> TrainConfig:
        raw = self.get("config", dict[str, Any])
        hints = typing.get_type_hints(TrainConfig)
        for key, value in raw.items():
            if key in hints and not _matches(value, hints[key]):
                self.fail(f"config.{key}", _describe(hints[key]), value)
        try:
            config = TrainConfig.from_dict(raw)
        except WordganError as exc:
            raise CheckpointError(f"{self.path}: the metadata field 'config' is not valid: {exc}") from exc
        try:  # checked now, not when the first new word is drawn
            MappingSettings.from_dict(config.mapping)
        except WordganError as exc:
            raise CheckpointError(f"{self.path}: the metadata field 'config.mapping' is not valid: {exc}") from exc
        return config

    def vocabulary(self) -> dict[str, Any] | None:
        """The vocabulary expansion the run was trained with (:meth:`wordgan.conditions.vocabulary.Vocabulary.to_dict`)."""
        raw = self.get("vocabulary", typing.Optional[dict[str, Any]], optional=True)
        if raw is None:
            return None
        for key, hint in (("words", dict[str, list[str]]), ("source", str), ("left_out", dict[str, str])):
            if (key == "words" or key in raw) and not _matches(raw.get(key), hint):
                self.fail(f"vocabulary.{key}", _describe(hint), raw.get(key))
        return raw

    def optimizers(self) -> dict[str, dict[str, Any]] | None:
        """The optimizer states of a training checkpoint (:func:`wordgan.checkpoint.store.flatten_optimizer`)."""
        raw = self.get("optimizers", typing.Optional[dict[str, dict[str, Any]]], optional=True)
        for name, state in (raw or {}).items():
            for key, hint in (("param_groups", list[dict[str, Any]]), ("scalars", dict[str, Any])):
                if not _matches(state.get(key), hint):
                    self.fail(f"optimizers.{name}.{key}", _describe(hint), state.get(key))
        return raw

    def embedder(self) -> EmbedderSpec:
        raw = self.get("embedder", dict[str, Any])
        if not isinstance(raw.get("name"), str) or not raw["name"].strip():
            self.fail("embedder.name", "a plugin name", raw.get("name"))
        options = raw.get("options", {})
        if not _matches(options, dict[str, Any]):
            self.fail("embedder.options", "a JSON object", options)
        return EmbedderSpec(raw["name"], dict(options))


def _condition(
    tensors: dict[str, torch.Tensor], key: str, shape: tuple[int, int], meaning: str, path: str | Path
) -> torch.Tensor:
    name = f"conditions.{key}"
    if key not in tensors:
        raise CheckpointError(f"{path} lacks the tensor {name!r}")
    tensor = tensors[key]
    if tensor.dtype not in CONDITION_DTYPES:
        raise CheckpointError(f"{path}: the tensor {name!r} must be float32, got {tensor.dtype}")
    if tuple(tensor.shape) != shape:
        raise CheckpointError(f"{path}: the tensor {name!r} must have shape {shape} ({meaning}), got {tuple(tensor.shape)}")
    if not torch.isfinite(tensor).all():
        raise CheckpointError(f"{path}: the tensor {name!r} holds NaN or infinite values")
    return tensor.float()


def _matches(value: Any, hint: Any) -> bool:
    """Whether JSON ``value`` fits the type ``hint`` (str, int, float, bool, None, Any, list[T], dict[str, T],
    unions); an int is not a bool and a float may be written as an int, as JSON does."""
    if hint is Any:
        return True
    if hint is type(None):
        return value is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arg) for arg in args)
    if origin is list:
        return isinstance(value, list) and all(_matches(item, args[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict) and all(isinstance(k, str) and _matches(v, args[1]) for k, v in value.items())
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return isinstance(value, hint)


def _describe(hint: Any) -> str:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(arg) for arg in args)
    if origin is list:
        return f"a list of {_describe(args[0]).removeprefix('a ').removeprefix('an ')}s"
    if origin is dict:
        return "a JSON object" + ("" if args[1] is Any else f" whose values are each {_describe(args[1])}")
    return {int: "an integer", float: "a number", bool: "true or false", str: "a string", type(None): "null"}.get(hint, str(hint))


def _allows_none(hint: Any) -> bool:
    return type(None) in typing.get_args(hint)


def _empty(hint: Any) -> Any:
    return typing.get_origin(hint)()


def _short(value: Any, limit: int = 60) -> str:
    """A value's repr cut to one short line: the field may hold anything, 10,000 characters included."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
