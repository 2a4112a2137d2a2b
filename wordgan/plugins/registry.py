"""Find plugins from package metadata; import one only when it is used.

Built-in plugins are declared in wordgan's own ``pyproject.toml`` under the same entry-point groups that
third-party distributions use, so one registry serves both. Discovery reads metadata only and never imports
plugin code; :func:`load` imports one plugin and names its distribution if that fails.
"""
from __future__ import annotations

import importlib.metadata as metadata
import sysconfig
import traceback
from dataclasses import dataclass, field
from typing import Any

from wordgan.errors import PluginLoadError, PluginNotFoundError

#: Plugin kind -> entry-point group.
GROUPS = {
    "embedder": "wordgan.embedders",
    "gan": "wordgan.gans",
    "loss": "wordgan.losses",
    "dataset": "wordgan.datasets",
    "model": "wordgan.models",  # trained checkpoints a package ships, by name (wordgan.model.named)
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


@dataclass(frozen=True)
class DistributionProblem:
    """An installed distribution whose metadata cannot be read, so its plugins (if any) cannot be listed."""

    distribution: str
    version: str
    error: str

    def as_dict(self) -> dict[str, str]:
        return {"distribution": self.distribution, "version": self.version, "error": self.error}


def discover(kind: str | None = None) -> list[PluginInfo]:
    """Every installed plugin of ``kind`` (or of all kinds), sorted by kind, name and distribution.

    Never raises for a broken installation: distributions whose metadata cannot be read are left out here
    and reported by :func:`problems`. Two distributions registering the same kind and name are both listed
    (see :func:`conflicts`).
    """
    kinds = [_check_kind(kind)] if kind else list(GROUPS)
    return [info for info in _scan()[0] if info.kind in kinds]


def problems() -> list[DistributionProblem]:
    """Installed distributions whose metadata is broken (no METADATA, a malformed entry_points.txt)."""
    return _scan()[1]


def conflicts(infos: list[PluginInfo]) -> dict[tuple[str, str], list[str]]:
    """(kind, name) -> the distributions that register it, for every name registered more than once."""
    by_name: dict[tuple[str, str], list[str]] = {}
    for info in infos:
        by_name.setdefault((info.kind, info.name), []).append(info.distribution)
    return {key: dists for key, dists in by_name.items() if len(dists) > 1}


def _scan() -> tuple[list[PluginInfo], list[DistributionProblem]]:
    """Read every distribution's metadata once, in ``sys.path`` order, importing nothing."""
    groups = {group: kind for kind, group in GROUPS.items()}
    found: list[PluginInfo] = []
    broken: list[DistributionProblem] = []
    seen: set[str] = set()
    for dist in metadata.distributions():
        where = str(getattr(dist, "_path", None) or "unknown")  # the folder's name, when nothing else can be read
        try:
            name, version = dist.metadata["Name"], dist.version or "unknown"
        except Exception as exc:  # a METADATA file that is not UTF-8 text (a damaged disk, a half-written file)
            broken.append(DistributionProblem(where, "unknown", f"its METADATA file cannot be read ({type(exc).__name__}: {exc}); reinstall it"))
            continue
        if not name:
            # No METADATA: the folder's name is all there is to report (pip leaves these behind when killed).
            broken.append(DistributionProblem(where, version, "its METADATA file is missing or empty; reinstall it"))
            continue
        key = name.lower().replace("_", "-")
        if key in seen:  # the same distribution seen twice on sys.path (e.g. editable + build dir): the first wins
            continue
        seen.add(key)
        try:
            entry_points = list(dist.entry_points)
        except Exception as exc:  # importlib.metadata's parser fails with TypeError or ValueError on a bad line
            broken.append(DistributionProblem(name, version, _entry_points_error(dist, exc)))
            continue
        for entry_point in entry_points:
            if entry_point.group in groups:
                found.append(PluginInfo(groups[entry_point.group], entry_point.name, entry_point.value, name, version, entry_point))
    return sorted(found, key=lambda i: (i.kind, i.name, i.distribution)), sorted(broken, key=lambda p: p.distribution)


def _entry_points_error(dist: metadata.Distribution, exc: Exception) -> str:
    """Which line of entry_points.txt is malformed: every line is blank, a comment, [section] or NAME = VALUE."""
    try:
        content = dist.read_text("entry_points.txt") or ""
    except UnicodeDecodeError:  # not text at all: the parser's own error says so below
        content = ""
    for number, line in enumerate(content.splitlines(), 1):
        text = line.strip()
        if text and not text.startswith(("#", ";")) and "=" not in text and not (text.startswith("[") and text.endswith("]")):
            return f"its entry_points.txt is malformed (line {number}: {text[:60]!r}); reinstall it"
    return f"its entry_points.txt could not be read ({type(exc).__name__}: {exc}); reinstall it"


def blame_broken_metadata(exc: BaseException) -> PluginLoadError | None:
    """The error to report instead of ``exc`` when ``exc`` was raised while importlib.metadata parsed the
    installed distributions (torch does so whenever it is imported, so one malformed entry_points.txt of any
    package breaks every command): which distributions are broken, by name. None for any other error."""
    if not _raised_parsing_metadata(exc):
        return None
    broken = problems()
    if not broken:
        return None
    listed = "; ".join(f"{problem.distribution}: {problem.error}" for problem in broken)
    return PluginLoadError(
        f"reading the metadata of the installed packages failed ({type(exc).__name__}: {' '.join(str(exc).split())}), "
        f"because of {listed}"
    )


def _raised_parsing_metadata(exc: BaseException) -> bool:
    """Whether the innermost frame of ``exc`` outside the rest of the standard library is importlib.metadata
    reading a file, not ``EntryPoint.load`` importing a plugin (whose own failures are the plugin's)."""
    stdlib = sysconfig.get_paths()["stdlib"]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        where = frame.filename.replace("\\", "/")
        if "importlib/metadata" in where:
            return frame.name != "load"
        if not (where.startswith("<frozen") or frame.filename.startswith(stdlib)):
            return False
    return False


def find(kind: str, name: str) -> PluginInfo:
    """The plugin ``name`` of ``kind``; raises :class:`PluginNotFoundError` listing what is installed."""
    installed = discover(kind)
    matches = [info for info in installed if info.name == name]
    if not matches:
        names = ", ".join(sorted({info.name for info in installed})) or "none"
        broken = ", ".join(problem.distribution for problem in problems())
        raise PluginNotFoundError(
            f"the {kind} plugin {name!r} is not installed (installed {kind} plugins: {names}"
            + (f"; unreadable distributions: {broken}" if broken else "")
            + "); run `wordgan plugins` to see every plugin"
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
    except (Exception, SystemExit) as exc:  # any import-time failure of third-party code, sys.exit() included
        # (a SystemExit left alone would end `wordgan train` with status 0 and nothing trained)
        blamed = blame_broken_metadata(exc)
        detail = f"it called sys.exit({exc.code!r})" if isinstance(exc, SystemExit) else str(blamed or f"{type(exc).__name__}: {exc}")
        raise PluginLoadError(
            f"the {info.kind} plugin {info.name!r} from {info.distribution} {info.version} failed to load: {detail}"
        ) from exc


def _check_kind(kind: str) -> str:
    if kind not in GROUPS:
        raise PluginNotFoundError(f"unknown plugin kind {kind!r}; kinds: {', '.join(GROUPS)}")
    return kind
