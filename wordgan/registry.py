"""Find plugins from package metadata; import one only when it is used.

Built-in plugins are declared in wordgan's own ``pyproject.toml`` under the same entry-point groups that
third-party distributions use, so one registry serves both. Discovery reads metadata only and never imports
plugin code; :func:`load` imports one plugin and names its distribution if that fails.
"""
from __future__ import annotations

import importlib.metadata as metadata
from dataclasses import dataclass, field
from typing import Any

from wordgan.errors import PluginLoadError, PluginNotFoundError

#: Plugin kind -> entry-point group.
GROUPS = {
    "embedder": "wordgan.embedders",
    "gan": "wordgan.gans",
    "loss": "wordgan.losses",
    "dataset": "wordgan.datasets",
}


@dataclass(frozen=True)
class PluginInfo:
    """One registered plugin, as read from its distribution's metadata (nothing imported)."""

    kind: str
    name: str
    value: str  # "module:attribute"
    distribution: str
    version: str
    entry_point: metadata.EntryPoint = field(compare=False, repr=False)

    def as_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "name": self.name,
            "value": self.value,
            "distribution": self.distribution,
            "version": self.version,
        }


def discover(kind: str | None = None) -> list[PluginInfo]:
    """Every installed plugin of ``kind`` (or of all kinds), sorted by kind and name."""
    kinds = [_check_kind(kind)] if kind else list(GROUPS)
    found: dict[tuple[str, str, str], PluginInfo] = {}
    for each in kinds:
        for entry_point in metadata.entry_points(group=GROUPS[each]):
            dist = entry_point.dist
            info = PluginInfo(
                kind=each,
                name=entry_point.name,
                value=entry_point.value,
                distribution=dist.metadata["Name"] if dist else "unknown",
                version=dist.version if dist else "unknown",
                entry_point=entry_point,
            )
            # The same distribution can be seen twice on sys.path (e.g. editable + build dir); keep one.
            found.setdefault((info.kind, info.name, info.distribution), info)
    return sorted(found.values(), key=lambda info: (info.kind, info.name, info.distribution))


def find(kind: str, name: str) -> PluginInfo:
    """The plugin ``name`` of ``kind``; raises :class:`PluginNotFoundError` listing what is installed."""
    installed = discover(kind)
    matches = [info for info in installed if info.name == name]
    if not matches:
        names = ", ".join(sorted({info.name for info in installed})) or "none"
        raise PluginNotFoundError(
            f"the {kind} plugin {name!r} is not installed (installed {kind} plugins: {names}); "
            "run `wordgan plugins` to see every plugin"
        )
    if len(matches) > 1:
        dists = " and ".join(info.distribution for info in matches)
        raise PluginLoadError(f"the {kind} plugin {name!r} is registered by both {dists}; uninstall one")
    return matches[0]


def load(kind: str, name: str) -> Any:
    """Import the object the plugin's entry point names."""
    return load_info(find(kind, name))


def load_info(info: PluginInfo) -> Any:
    """Import ``info``'s object; a failure becomes :class:`PluginLoadError` naming the distribution."""
    try:
        return info.entry_point.load()
    except Exception as exc:  # any import-time failure of third-party code
        raise PluginLoadError(
            f"the {info.kind} plugin {info.name!r} from {info.distribution} {info.version} failed to load: "
            f"{type(exc).__name__}: {exc}"
        ) from exc


def _check_kind(kind: str) -> str:
    if kind not in GROUPS:
        raise PluginNotFoundError(f"unknown plugin kind {kind!r}; kinds: {', '.join(GROUPS)}")
    return kind
