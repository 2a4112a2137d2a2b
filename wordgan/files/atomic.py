"""Atomic file writes: a temporary file beside the target, then ``os.replace``, so an interrupted write never
leaves a half-written file where a good one was."""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from wordgan.errors import UnwritableError


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block succeeds it replaces ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise UnwritableError(path, exc) from exc
    os.close(handle)
    try:
        try:
            yield Path(temp)
            os.chmod(temp, 0o666 & ~_umask())  # mkstemp (and safetensors) make 0600; give the usual permissions
            os.replace(temp, path)
        except UnwritableError:
            raise
        except OSError as exc:  # a full disk, a folder made read-only meanwhile: one line, the old file intact
            raise UnwritableError(path, exc) from exc
    finally:
        Path(temp).unlink(missing_ok=True)


def write_text(path: str | os.PathLike, text: str) -> Path:
    with replacing(path) as temp:
        temp.write_text(text)
    return Path(path)


def write_json(path: str | os.PathLike, data: Any) -> Path:
    return write_text(path, json.dumps(data, indent=2) + "\n")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
