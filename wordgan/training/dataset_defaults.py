"""A dataset's own training defaults (:meth:`DatasetProvider.training_defaults`) under the user's settings."""
from __future__ import annotations

import dataclasses
from typing import Any

from wordgan.plugins.build import build_dataset
from wordgan.training.config import TrainConfig
from wordgan.errors import WordganError

#: What a dataset may not set: which dataset it is and how it is built decide its defaults.
NOT_DEFAULTS = ("dataset", "dataset_options", "out")


def with_dataset_defaults(settings: dict[str, Any]) -> dict[str, Any]:
    """``settings`` (TrainConfig fields a user gave: flags, a config file) over the training defaults of
    their dataset, field by field: ``wordgan train --dataset emoji`` holds out emoji's fixed split and
    trains on its keywords, ``--holdout`` or ``--vocabulary`` given by the user replace those."""
    name = settings.get("dataset", TrainConfig.dataset)
    defaults = build_dataset(name, **settings.get("dataset_options", {})).training_defaults()
    known = {f.name for f in dataclasses.fields(TrainConfig)} - set(NOT_DEFAULTS)
    if not isinstance(defaults, dict) or set(defaults) - known:
        wrong = sorted(set(defaults) - known) if isinstance(defaults, dict) else type(defaults).__name__
        raise WordganError(f"the dataset plugin {name!r} gives training defaults that are not TrainConfig settings: {wrong}")
    return {**defaults, **settings}
