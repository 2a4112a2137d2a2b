"""Read the IDX format of (Fashion-)MNIST, gzipped or not."""
from __future__ import annotations

import gzip
import math
import zlib
from pathlib import Path

import numpy as np

from wordgan.errors import WordganError

_DTYPES = {0x08: np.uint8}


#: The largest array read_idx accepts, so a corrupt header or a gzip bomb cannot exhaust memory; Fashion-MNIST's
#: largest file is 47 MB.
MAX_BYTES = 1 << 31


def read_idx(path: Path) -> np.ndarray:
    """The array stored in an IDX file, e.g. (N, 28, 28) uint8 images or (N,) uint8 labels.

    Reads no more than the header says the array holds (refusing headers over MAX_BYTES), so the size of
    what is decompressed is bounded whatever the file contains.
    """
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            magic = handle.read(4)
            if len(magic) < 4 or magic[0] != 0 or magic[1] != 0 or magic[2] not in _DTYPES:
                raise WordganError(f"{path} is not an IDX file of unsigned bytes (bad magic number)")
            ndim = magic[3]
            dims = handle.read(4 * ndim)
            if len(dims) != 4 * ndim:
                raise WordganError(f"{path} is truncated: its header ends early")
            shape = tuple(int.from_bytes(dims[4 * i : 4 * i + 4], "big") for i in range(ndim))
            expected = math.prod(shape)
            if expected > MAX_BYTES:
                raise WordganError(f"{path} declares an array of shape {shape}, over {MAX_BYTES:,} bytes; it is corrupt")
            data = handle.read(expected + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise WordganError(f"{path} is not a readable IDX file ({exc}); delete it and fetch it again") from exc
    if len(data) != expected:
        size = "more" if len(data) > expected else f"{len(data)}"
        raise WordganError(f"{path} is truncated or corrupt: {size} data bytes, expected {expected} for shape {shape}")
    return np.frombuffer(data, dtype=np.uint8).reshape(shape)
