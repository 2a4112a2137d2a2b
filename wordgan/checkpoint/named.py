"""Models by name: the trained models wordgan and its plugins ship (``wordgan generate fashion-mnist sandals``,
``wordgan.load("emoji")``), registered like any plugin in the ``wordgan.models`` entry-point group.

An entry point names a function that takes nothing and returns the path of a checkpoint file
(:func:`wordgan.model.shipped.fashion_mnist`). A model found by name is loaded like any other file: through its
checkpoint's gate, never unpickled.
"""
from __future__ import annotations

from pathlib import Path

from wordgan.errors import PluginNotFoundError, WordganError
from wordgan.plugins import registry


def names() -> list[str]:
    """The names of every installed model (from package metadata: nothing is imported)."""
    return sorted({info.name for info in registry.discover("model")})


def named_model(name: str) -> Path | None:
    """The checkpoint file of the model called ``name``, or None if no installed package ships one."""
    try:
        info = registry.find("model", name)
    except PluginNotFoundError:
        return None
    path = registry.load_info(info)()
    if not Path(path).is_file():
        raise WordganError(f"the model {name!r} of {info.distribution} {info.version} is registered but its file {path} is missing; reinstall it")
    return Path(path)
