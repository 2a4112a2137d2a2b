"""Check a fastText ``.bin`` file's layout before fastText's C++ loader reads it.

The loader trusts the file: on a truncated file it loops forever looking for the end of a word, and a header
that claims huge matrices makes it allocate them. A model may be named by a checkpoint someone sent, so the
layout (Facebook's fastText 0.9 ``FastText::saveModel``) is walked here first, reading only the header and
the dictionary, and a file whose sizes do not add up is refused by name.
"""
from __future__ import annotations

import mmap
import struct
from pathlib import Path

from wordgan.errors import WordganError

MAGIC = 793712314
VERSIONS = (11, 12)
#: Args: dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn, lrUpdateRate; then t.
_ARGS = struct.Struct("<12id")
#: Dictionary header: size, nwords, nlabels, ntokens, pruneidx_size.
_DICTIONARY = struct.Struct("<iiiqq")
_ENTRY_TAIL = 9  # int64 count + int8 entry type after each NUL-terminated word
_MATRIX = struct.Struct("<qq")  # rows m, columns n; then m * n float32


def check_model_file(path: Path) -> None:
    """Raise :class:`WordganError` naming ``path`` unless its sizes are those of a complete fastText model."""
    try:
        with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            _walk(data)
    except ValueError as exc:  # mmap of an empty file, or a size check below
        raise WordganError(f"{path} is not a complete fastText .bin model: {exc}") from exc
    except (OSError, struct.error) as exc:
        raise WordganError(f"{path} is not a complete fastText .bin model ({type(exc).__name__}: {exc})") from exc


def _walk(data: mmap.mmap) -> None:
    magic, version = struct.unpack_from("<ii", data, 0)
    if magic != MAGIC or version not in VERSIONS:
        raise ValueError("it does not start like one (wrong magic number or version)")
    args = _ARGS.unpack_from(data, 8)
    dim = args[0]
    size, nwords, nlabels, _, prune_size = _DICTIONARY.unpack_from(data, 8 + _ARGS.size)
    if not (0 < dim <= 10_000 and 0 <= nwords <= size and 0 <= nlabels <= size and -1 <= prune_size < 2**31):  # -1: never pruned
        raise ValueError(f"its header is out of range (dim {dim}, {size} entries, {nwords} words)")
    offset = 8 + _ARGS.size + _DICTIONARY.size
    for _ in range(size):
        end = data.find(b"\0", offset)
        if end < 0:
            raise ValueError("it ends inside its dictionary (truncated?)")
        offset = end + 1 + _ENTRY_TAIL
    offset += 8 * max(prune_size, 0)
    quantized = data[offset:offset + 1]
    if quantized != b"\0":
        raise ValueError("it is quantized (.ftz) or damaged; give the full .bin model")
    offset += 1
    for which in ("input", "output"):
        rows, columns = _MATRIX.unpack_from(data, offset)
        if rows < 0 or columns != dim or offset + _MATRIX.size + 4 * rows * columns > len(data):
            raise ValueError(f"its {which} matrix ({rows} x {columns}) does not fit the file (truncated?)")
        offset += _MATRIX.size + 4 * rows * columns
        if which == "input":
            if data[offset:offset + 1] != b"\0":  # qout: a quantized output matrix has another layout
                raise ValueError("its output matrix is quantized or damaged; give the full .bin model")
            offset += 1
    if offset != len(data):
        raise ValueError(f"it has {len(data) - offset} bytes after its output matrix")
