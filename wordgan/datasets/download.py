"""Download a file with a progress bar, keeping it only if its SHA-256 matches."""
from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.request
from pathlib import Path

from tqdm import tqdm

from wordgan.errors import WordganError


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(url: str, target: Path, sha256: str, timeout: float = 30.0) -> Path:
    """Fetch ``url`` to ``target`` atomically; a wrong checksum leaves nothing behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(total=total, unit="B", unit_scale=True, desc=target.name, leave=False) as bar:
                for block in iter(lambda: response.read(1 << 16), b""):
                    out.write(block)
                    bar.update(len(block))
        actual = sha256_of(temp)
        if actual != sha256:
            raise WordganError(f"{url} has SHA-256 {actual}, expected {sha256}; nothing was saved")
        os.replace(temp, target)
        return target
    finally:
        temp.unlink(missing_ok=True)
