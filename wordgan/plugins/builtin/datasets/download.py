"""Where a built-in dataset's files are found, and how a missing one is downloaded and checked.

Every built-in dataset looks in the same places, in the same order (:class:`DataLookup`), and a download is
kept only when its checksum matches.
"""
from __future__ import annotations

import base64
import hashlib
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from tqdm import tqdm

from wordgan.files.atomic import replacing
from wordgan.safety import contained_path
from wordgan.errors import DatasetNotFoundError, WordganError


def sha256_of(path: Path) -> str:
    return _digest(path, hashlib.sha256())


def default_cache_dir(folder: str) -> Path:
    """``$XDG_CACHE_HOME/wordgan/<folder>`` (``~/.cache/wordgan/<folder>``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wordgan" / folder


def download(
    url: str,
    target: Path,
    sha256: str | None = None,
    check: Callable[[Path], None] | None = None,
    timeout: float = 30.0,
) -> Path:
    """Fetch ``url`` to ``target`` atomically; a wrong checksum leaves nothing behind.

    ``sha256`` is the pinned checksum. Without one, the MD5 the server reports for the object (Google Cloud
    Storage's ``x-goog-hash`` header) is checked when it sends one, which catches a broken transfer but not a
    changed file. ``check(temp_path)`` may validate the content too (raising a WordganError) before it is kept.
    """
    with replacing(target) as temp:
        with open(temp, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            reported_md5 = _reported_md5(response.headers.get("x-goog-hash", ""))
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(total=total, unit="B", unit_scale=True, desc=target.name, leave=False) as bar:
                for block in iter(lambda: response.read(1 << 16), b""):
                    out.write(block)
                    bar.update(len(block))
        if sha256 is not None:
            actual = sha256_of(temp)
            if actual != sha256:
                raise WordganError(f"{url} has SHA-256 {actual}, expected {sha256}; nothing was saved")
        elif reported_md5 is not None:
            actual = _digest(temp, hashlib.md5())
            if actual != reported_md5:
                raise WordganError(f"{url} has MD5 {actual}, but the server reported {reported_md5}; nothing was saved")
        if check is not None:
            check(temp)
    return target


@dataclass(frozen=True)
class RemoteFile:
    """Where a file can be downloaded from, and how it is checked (see :func:`download`)."""

    url: str
    sha256: str | None = None
    check: Callable[[Path], None] | None = None


@dataclass
class DataLookup:
    """The folders one dataset's files are looked for in, in order:

    1. ``data_dir`` when the user names one, and then only there: a named folder is used or refused, never
       quietly replaced by another copy;
    2. ``$WORDGAN_DATA/<folder>``, then ``$WORDGAN_DATA``;
    3. ``system_dirs`` (e.g. where a Debian package puts the files);
    4. ``cache_dir`` (default ``~/.cache/wordgan/<folder>``);
    5. if ``download`` is on, missing files are downloaded into ``cache_dir`` and checked.

    All the files of one request come from one folder, so images and labels never mix two copies.
    """

    title: str  # the dataset's name in messages, e.g. "CIFAR-10"
    folder: str  # its sub-folder of $WORDGAN_DATA and of the cache, e.g. "cifar-10"
    how_to_get: str  # the offline error's advice, e.g. "download X from URL"
    data_dir: Path | None = None
    cache_dir: Path | None = None
    download: bool = True
    system_dirs: Sequence[Path] = ()

    def __post_init__(self) -> None:
        # Folders an option names: a checkpoint's options may only name folders inside its own (wordgan.safety).
        self.data_dir = contained_path(self.data_dir, f"{self.title}'s data folder") if self.data_dir else None
        self.cache_dir = contained_path(self.cache_dir, f"{self.title}'s download cache") if self.cache_dir else default_cache_dir(self.folder)

    def candidate_dirs(self) -> list[Path]:
        """Folders searched, in order (only ``data_dir`` when it is given)."""
        if self.data_dir:
            if not self.data_dir.is_dir():
                raise DatasetNotFoundError(f"data directory {self.data_dir} does not exist")
            return [self.data_dir]
        dirs = []
        env = os.environ.get("WORDGAN_DATA")
        if env:
            dirs += [Path(env) / self.folder, Path(env)]
        return dirs + [Path(d) for d in self.system_dirs] + [self.cache_dir]

    def locate(self, wanted: Sequence[Sequence[str]], remote: Callable[[str], RemoteFile | None] | None = None) -> list[Path]:
        """One path per wanted file, all from the first folder that holds every one of them.

        Each entry of ``wanted`` lists the names the file may have there, preferred first (e.g. ``x.gz``,
        ``x``). If no folder holds them all, the missing ones are downloaded into the cache from
        ``remote(first name)`` when downloading is on and the file has a source.
        """
        folders = self.candidate_dirs()
        for folder in folders:
            found = [_first_present(folder, names) for names in wanted]
            if all(found):
                return found
        if self.data_dir:
            missing = [names[0] for names in wanted if not _first_present(self.data_dir, names)]
            raise DatasetNotFoundError(
                f"{self.title}: {self.data_dir} has no {', '.join(missing)}; put the files there, or leave out "
                f"--data-dir to use $WORDGAN_DATA, the cache or a download. {self.how_to_get}"
            )
        reason = "downloading is switched off"
        if self.download and remote is not None:
            try:
                return [_first_present(self.cache_dir, names) or self._fetch(names[0], remote) for names in wanted]
            except (urllib.error.URLError, OSError) as exc:
                reason = f"downloading failed ({exc})"
            except _NoSource as exc:
                reason = f"{exc} has no download source"
        missing = [names[0] for names in wanted]
        raise DatasetNotFoundError(
            f"{self.title} file(s) {', '.join(missing)} not found in {', '.join(str(d) for d in folders)}, and "
            f"{reason}. {self.how_to_get} Put them in a folder and pass --data-dir FOLDER, or in "
            f"$WORDGAN_DATA/{self.folder}/."
        )

    def _fetch(self, name: str, remote: Callable[[str], RemoteFile | None]) -> Path:
        source = remote(name)
        if source is None:
            raise _NoSource(name)
        return download(source.url, self.cache_dir / name, source.sha256, source.check)


class _NoSource(Exception):
    """A file that cannot be downloaded (e.g. a QuickDraw category Google does not publish)."""


def _first_present(folder: Path, names: Sequence[str]) -> Path | None:
    for name in names:
        if (folder / name).exists():
            return folder / name
    return None


def _reported_md5(x_goog_hash: str) -> str | None:
    """The hex MD5 in a ``x-goog-hash: crc32c=...,md5=<base64>`` header, or None."""
    for part in x_goog_hash.split(","):
        key, _, value = part.strip().partition("=")
        if key == "md5" and value:
            return base64.b64decode(value + "=" * (-len(value) % 4)).hex()
    return None


def _digest(path: Path, digest) -> str:
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
