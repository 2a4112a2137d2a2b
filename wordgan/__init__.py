"""wordgan: words in, images out, with conditional GANs whose condition is a word embedding.

For users: ``wordgan.load(path)`` -> a :class:`WordModel` to ``generate`` from, ``wordgan.train(TrainConfig(...))``
(docs/python.md). The plugin API lives in :mod:`wordgan.interfaces` and is re-exported here. Exports are resolved lazily
(PEP 562) so that ``wordgan --help`` and ``wordgan plugins`` start without importing torch.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.3.0"

_EXPORTS = {
    "CheckpointError": "wordgan.errors",
    "DatasetNotFoundError": "wordgan.errors",
    "PluginLoadError": "wordgan.errors",
    "PluginNotFoundError": "wordgan.errors",
    "UnknownWordError": "wordgan.errors",
    "WordganError": "wordgan.errors",
    "DatasetProvider": "wordgan.interfaces",
    "Discriminator": "wordgan.interfaces",
    "Embedder": "wordgan.interfaces",
    "EmbedderSpec": "wordgan.interfaces",
    "GanBuilder": "wordgan.interfaces",
    "Generator": "wordgan.interfaces",
    "ImageDataset": "wordgan.interfaces",
    "Loss": "wordgan.interfaces",
    "build_embedder": "wordgan.plugins.build",
    "build_gan": "wordgan.plugins.build",
    "build_loss": "wordgan.plugins.build",
    "build_dataset": "wordgan.plugins.build",
    "load_dataset": "wordgan.plugins.build",
    "load": "wordgan.model.word_model",
    "train": "wordgan.training.trainer",
    "TrainConfig": "wordgan.training.config",
    "WordModel": "wordgan.model.word_model",
    "MODEL_DEFAULT": "wordgan.model.settings",
    "generate_to_folder": "wordgan.tools.output_folder",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'wordgan' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
