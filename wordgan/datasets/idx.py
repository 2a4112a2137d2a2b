"""Read the IDX format of (Fashion-)MNIST, gzipped or not."""
from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from wordgan.errors import WordganError

_DTYPES = {0x08: np.uint8}


def read_idx(path: Path) -> np.ndarray:
    """The array stored in an IDX file, e.g. (N, 28, 28) uint8 images or (N,) uint8 labels."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            data = handle.read()
    except (OSError, EOFError) as exc:
        raise WordganError(f"{path} is not a readable IDX file ({exc}); delete it and fetch it again") from exc
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in _DTYPES:
        raise WordganError(f"{path} is not an IDX file of unsigned bytes (bad magic number)")
    ndim = data[3]
    header = 4 + 4 * ndim
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = header + int(np.prod(shape))
    if len(data) != expected:
        raise WordganError(f"{path} is truncated or corrupt: {len(data)} bytes, expected {expected} for shape {shape}")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)
