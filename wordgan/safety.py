"""A model file never runs code: how plugins read files that a checkpoint names.

A checkpoint names the embedder it was trained with and that embedder's options, and options can name files
(word vectors, a model folder). Whoever shared the checkpoint chose those names, so wordgan rebuilds the
embedder inside :func:`untrusted`. While that context is active:

- :func:`resolve_path` resolves a relative path against the checkpoint's folder (outside it, against the
  current folder), so a downloaded model folder means the same files wherever it is opened from;
- :func:`contained_path` does the same for a folder a plugin reads its data from or writes into (a dataset's
  ``data_dir``, a cache), and refuses one outside the checkpoint's folder: a model file does not choose where
  wordgan creates folders or downloads to;
- :func:`refuse_pickle` raises :class:`~wordgan.errors.UnsafeFileError` for a file that would be read through
  pickle (gensim ``.kv``/``.model`` saves, ``torch.load`` without ``weights_only=True``, a ``pytorch_model.bin``),
  unless the user trusted that file: ``--trust-file PATH`` on the command line, ``trusted_files=`` in Python;
- an audit hook (:func:`sys.addaudithook`, event ``pickle.find_class``) refuses every unpickling that names a
  Python object, as a backstop for a plugin that forgets to ask. Pickles of plain data (numbers, strings, lists,
  dicts) name none and cannot run code, so they pass.

What a plugin author does (docs/security.md says more)::

    from wordgan.safety import reading_pickle, resolve_path

    path = resolve_path(options_path)          # never Path(options_path).resolve()
    with reading_pickle(path, "gensim vectors"):   # raises UnsafeFileError unless trusted
        vectors = KeyedVectors.load(str(path))

The context lives in a :mod:`contextvars` variable, so threads (each starts with an empty context) and
asyncio tasks do not see each other's; a plugin that reads its files in a thread it starts itself is not
covered by the audit hook, only by its own :func:`refuse_pickle` calls.
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from wordgan.errors import UnsafeFileError

__all__ = ["UnsafeFileError", "contained_path", "untrusted", "untrusted_origin", "resolve_path", "refuse_pickle", "reading_pickle"]

#: How a user opts in to one file; named in every refusal.
TRUST_FLAG = "--trust-file"


@dataclass
class _Untrusted:
    """One active :func:`untrusted` context: where the metadata came from and what the user trusts."""

    checkpoint: Path
    trusted: tuple[Path, ...]
    last_opened: str | None = None  # for the backstop's message: the hook sees the class, not the file
    refused: UnsafeFileError | None = None  # kept in case a plugin catches the backstop's exception

    @property
    def folder(self) -> Path:
        return self.checkpoint if self.checkpoint.is_dir() else self.checkpoint.parent

    def trusts(self, path: Path) -> bool:
        """A file is trusted if the user named it, or a folder holding it."""
        path = path.resolve()
        return any(path == trusted or trusted in path.parents for trusted in self.trusted)


_CURRENT: ContextVar[_Untrusted | None] = ContextVar("wordgan_untrusted", default=None)
#: True inside :func:`reading_pickle` for a file the user trusted: the backstop lets that one read through.
_PICKLE_PERMITTED: ContextVar[bool] = ContextVar("wordgan_pickle_permitted", default=False)
_hook_lock = threading.Lock()
_hook_installed = False


@contextlib.contextmanager
def untrusted(origin: str | os.PathLike, trusted_files: Iterable[str | os.PathLike] = ()) -> Iterator[Path]:
    """Everything built inside came from the metadata of the checkpoint at ``origin`` (a file or run folder).

    ``trusted_files``: paths the user vouches for (relative to the current folder, as typed); a folder trusts
    every file in it. Yields the resolved checkpoint path. If a plugin swallowed the audit hook's refusal and
    went on, the refusal is raised when the context ends, so a caught backstop still stops the load.
    """
    _install_audit_hook()
    state = _Untrusted(Path(origin).expanduser().resolve(), tuple(Path(p).expanduser().resolve() for p in trusted_files))
    token = _CURRENT.set(state)
    try:
        yield state.checkpoint
    except UnsafeFileError:
        raise
    except BaseException as exc:
        if state.refused is not None:  # the plugin turned the refusal into another error: report the refusal
            raise state.refused from exc
        raise
    else:
        if state.refused is not None:
            raise state.refused
    finally:
        _CURRENT.reset(token)


def untrusted_origin() -> Path | None:
    """The checkpoint whose metadata is being acted on, or None when the caller's own options are."""
    current = _CURRENT.get()
    return None if current is None else current.checkpoint


def resolve_path(value: str | os.PathLike) -> Path:
    """A path from an option, made absolute: relative to the checkpoint's folder inside :func:`untrusted`,
    to the current folder outside it. Plugins resolve every path option with this."""
    path = Path(value).expanduser()
    current = _CURRENT.get()
    if current is not None and not path.is_absolute():
        path = current.folder / path
    return path.resolve()


def contained_path(value: str | os.PathLike, what: str) -> Path:
    """A folder an option names for a plugin's data or cache (``what``, e.g. "the dataset's cache"), made absolute
    as :func:`resolve_path` does; inside :func:`untrusted` it must lie in the checkpoint's folder (or be one the
    user trusted), else :class:`UnsafeFileError`: a checkpoint cannot make wordgan read folders or create them
    (and download into them) where it chooses."""
    path = resolve_path(value)
    current = _CURRENT.get()
    if current is None or path == current.folder or current.folder in path.parents or current.trusts(path):
        return path
    raise UnsafeFileError(
        f"the checkpoint {current.checkpoint} names {path} as {what}, outside its folder {current.folder}; leave the "
        f"option out, or if you mean that folder pass {TRUST_FLAG} {path} (for a dataset's files: --data-dir {path})"
    )


def refuse_pickle(path: str | os.PathLike, what: str) -> None:
    """Raise :class:`UnsafeFileError` if ``path`` (``what`` it holds, e.g. "gensim vectors") would be read
    through pickle for a checkpoint's metadata and the user has not trusted it; outside :func:`untrusted`,
    return (the caller's own options name the caller's own files)."""
    current = _CURRENT.get()
    if current is None or current.trusts(Path(path)):
        return
    raise UnsafeFileError(
        f"{path} ({what}) is a pickle, which runs code when read, and it is named by the checkpoint "
        f"{current.checkpoint}; if you trust that file, pass {TRUST_FLAG} {path}"
    )


@contextlib.contextmanager
def reading_pickle(path: str | os.PathLike, what: str) -> Iterator[None]:
    """:func:`refuse_pickle`, then, for a trusted file, let the body unpickle it past the audit hook."""
    refuse_pickle(path, what)
    token = _PICKLE_PERMITTED.set(True)
    try:
        yield
    finally:
        _PICKLE_PERMITTED.reset(token)


def _install_audit_hook() -> None:
    """Installed on first use, once per process (audit hooks cannot be removed), so a process that never
    opens a checkpoint's embedder runs no hook at all."""
    global _hook_installed
    with _hook_lock:
        if not _hook_installed:
            sys.addaudithook(_audit)
            _hook_installed = True


def _audit(event: str, args: tuple) -> None:
    """Called for every audited event in the process; outside :func:`untrusted` it returns at once."""
    current = _CURRENT.get()
    if current is None:
        return
    if event == "open":
        if isinstance(args[0], (str, os.PathLike)):
            current.last_opened = os.fspath(args[0])
    elif event == "pickle.find_class" and not _PICKLE_PERMITTED.get():
        module, name = args
        opened = f" (last file opened: {current.last_opened})" if current.last_opened else ""
        current.refused = current.refused or UnsafeFileError(
            f"refused to unpickle {module}.{name}{opened} while loading what the checkpoint {current.checkpoint} "
            f"names: pickles run code when read; if you trust that file, pass {TRUST_FLAG} PATH"
        )
        raise current.refused
