"""Download a file with a progress bar, keeping it only if its SHA-256 matches."""
from __future__ import annotations

import hashlib
import urllib.request
from pathlib import Path

from tqdm import tqdm

from wordgan.atomic import replacing
from wordgan.errors import WordganError


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(url: str, target: Path, sha256: str, timeout: float = 30.0) -> Path:
    """Fetch ``url`` to ``target`` atomically; a wrong checksum leaves nothing behind."""
    with replacing(target) as temp:
        with open(temp, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(total=total, unit="B", unit_scale=True, desc=target.name, leave=False) as bar:
                for block in iter(lambda: response.read(1 << 16), b""):
                    out.write(block)
                    bar.update(len(block))
        actual = sha256_of(temp)
        if actual != sha256:
            raise WordganError(f"{url} has SHA-256 {actual}, expected {sha256}; nothing was saved")
    return target
