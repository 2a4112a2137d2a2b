"""Google's Quick, Draw! (Jongejan et al. 2016): 28x28 bitmaps of doodles in 345 categories, read from the
official numpy files and memory-mapped, so that millions of drawings need disk, not RAM."""
from __future__ import annotations

import hashlib
import json
import urllib.parse
from pathlib import Path
from typing import Sequence

import numpy as np
import torch

from wordgan.files.atomic import replacing
from wordgan.plugins.builtin.datasets.download import DataLookup, RemoteFile
from wordgan.errors import DatasetNotFoundError, WordganError
from wordgan.interfaces import DatasetProvider, ImageDataset

SOURCE = "https://storage.googleapis.com/quickdraw_dataset/full/numpy_bitmap/"
PAGE = "https://github.com/googlecreativelab/quickdraw-dataset"
PIXELS = 28 * 28
#: Drawing i of a category (in file order) is a test drawing when i % TEST_EVERY == TEST_EVERY - 1: every
#: tenth drawing, so both splits span the whole file.
TEST_EVERY = 10
#: Google's browser download names files full_numpy_bitmap_<category>.npy; its bucket names them <category>.npy.
PREFIX = "full_numpy_bitmap_"
CHUNK = 1 << 16  # source drawings read at a time (51 MB) while writing the combined file


class QuickDraw(DatasetProvider):
    """Quick, Draw! numpy bitmaps, one ``<category>.npy`` (or ``full_numpy_bitmap_<category>.npy``) per
    category, each an (N, 784) uint8 array; the category names are the label words.

    Options: ``categories`` (a list or a comma-separated string; default: every category file in the folder
    found), ``per_class`` (at most this many drawings of each category per split), ``data_dir``,
    ``download`` (default true: named categories missing locally are fetched from Google's bucket),
    ``cache_dir``.

    Splits: every tenth drawing of each category (0-based index 9, 19, ...) is ``test``, the rest ``train``.
    The chosen drawings are copied once, in chunks, into one ``.npy`` in the cache (``combined/``), which is
    memory-mapped: the returned images are file-backed, not held in RAM.
    """

    def __init__(
        self,
        data_dir: str | None = None,
        categories: Sequence[str] | str | None = None,
        per_class: int | None = None,
        download: bool = True,
        cache_dir: str | None = None,
    ):
        self.categories = _parse_categories(categories)
        if per_class is not None and (isinstance(per_class, bool) or not isinstance(per_class, int) or per_class < 1):
            raise WordganError(f"quickdraw option per_class must be a positive whole number, got {per_class!r}")
        self.per_class = per_class
        self.lookup = DataLookup(
            title="Quick, Draw!",
            folder="quickdraw",
            how_to_get=f"Download the numpy bitmaps (<category>.npy) from {SOURCE} (see {PAGE}).",
            data_dir=data_dir,
            cache_dir=cache_dir,
            download=download,
        )

    def load(self, split: str = "train") -> ImageDataset:
        """(N, 1, 28, 28) uint8 images, memory-mapped; labels index the categories in the order named (or
        sorted by name when all present are used)."""
        if split not in ("train", "test"):
            raise WordganError(f"quickdraw has splits 'train' and 'test', not {split!r}")
        files = self._files()  # category -> path
        bitmaps = {category: _open_bitmaps(path) for category, path in files.items()}  # category -> (n, 784)
        counts = [len(_rows(len(array), split, self.per_class)) for array in bitmaps.values()]
        for (category, path), count in zip(files.items(), counts):
            if count == 0:
                raise WordganError(f"{path} has {len(bitmaps[category])} drawing(s), none of them in the {split} split")
        combined = self._combined_path(files, split)
        if not combined.is_file():
            sources = [(path, bitmaps[category]) for category, path in files.items()]
            _write_combined(combined, sources, split, self.per_class, sum(counts))
        images = _open_bitmaps(combined)  # (N, 784), file-backed
        labels = np.repeat(np.arange(len(files), dtype=np.int64), counts)
        return ImageDataset(
            # Copy-on-write mapping: reads come from the file; an accidental in-place write would change
            # only this process's copy of a page, never the file (a read-only mapping would crash instead).
            images=torch.from_numpy(images).view(-1, 1, 28, 28),
            labels=torch.from_numpy(labels),
            words=[category.replace("_", " ") for category in files],
        )

    def _files(self) -> dict[str, Path]:
        if self.categories is not None:
            wanted = [(f"{category}.npy", f"{PREFIX}{category}.npy") for category in self.categories]
            paths = self.lookup.locate(wanted, lambda name: RemoteFile(SOURCE + urllib.parse.quote(name), check=_open_bitmaps))
            return dict(zip(self.categories, paths))
        folders = self.lookup.candidate_dirs()
        for folder in folders:
            present = {_category(path): path for path in sorted(folder.glob("*.npy")) if path.is_file()}
            if present:
                return dict(sorted(present.items()))
        raise DatasetNotFoundError(
            f"Quick, Draw!: no category files (<category>.npy) in {', '.join(str(d) for d in folders)}. "
            f"{self.lookup.how_to_get} Put them in a folder and pass --data-dir FOLDER, or in "
            "$WORDGAN_DATA/quickdraw/; or name categories (--dataset-option categories=cat,dog) to download them."
        )

    def _combined_path(self, files: dict[str, Path], split: str) -> Path:
        """Named after everything that decides its content, so a changed source file or option makes a new one."""
        sources = [[category, str(path.resolve()), path.stat().st_size, path.stat().st_mtime_ns] for category, path in files.items()]
        recipe = json.dumps({"sources": sources, "split": split, "per_class": self.per_class, "test_every": TEST_EVERY})
        return self.lookup.cache_dir / "combined" / f"{split}-{hashlib.sha256(recipe.encode()).hexdigest()[:16]}.npy"


def _parse_categories(categories: Sequence[str] | str | None) -> list[str] | None:
    if categories is None:
        return None
    if isinstance(categories, str):
        categories = categories.split(",")
    parsed = [" ".join(str(c).split()) for c in categories]
    if not parsed or not all(parsed) or len(set(parsed)) != len(parsed):
        raise WordganError(f"quickdraw categories must be distinct and non-empty, got {list(categories)}")
    bad = [c for c in parsed if "/" in c or "\\" in c or c.startswith(".")]
    if bad:
        raise WordganError(f"quickdraw category {bad[0]!r} is not a category name (no slashes or leading dots)")
    return parsed


def _category(path: Path) -> str:
    return path.stem.removeprefix(PREFIX)


def _open_bitmaps(path: Path) -> np.ndarray:
    """The (n, 784) uint8 array in ``path``, memory-mapped copy-on-write, never unpickled."""
    try:
        array = np.load(path, mmap_mode="c", allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise WordganError(f"{path} is not a readable .npy bitmap file ({exc}); delete it and fetch it again") from exc
    if array.dtype != np.uint8 or array.ndim != 2 or array.shape[1] != PIXELS or not array.flags.c_contiguous:
        raise WordganError(f"{path} holds a {array.dtype} array of shape {array.shape}, not (N, {PIXELS}) uint8 bitmaps in C order")
    return array


def _rows(n: int, split: str, per_class: int | None) -> np.ndarray:
    """Indices of a category's ``split`` drawings among its n, at most ``per_class`` of them."""
    index = np.arange(n)
    is_test = index % TEST_EVERY == TEST_EVERY - 1
    chosen = index[is_test] if split == "test" else index[~is_test]
    return chosen[:per_class]


def _write_combined(path: Path, sources: list[tuple[Path, np.ndarray]], split: str, per_class: int | None, total: int) -> None:
    """Copy each category's chosen drawings, a chunk at a time, into one (total, 784) .npy at ``path``.

    Reads and writes go through plain file calls, not the mappings: pages touched through a mapping stay in
    this process's resident memory until it is unmapped, which would make the first load look as large as the
    data.
    """
    header = {"descr": np.lib.format.dtype_to_descr(np.dtype(np.uint8)), "fortran_order": False, "shape": (total, PIXELS)}
    with replacing(path) as temp, open(temp, "wb") as out:
        np.lib.format.write_array_header_2_0(out, header)
        for source, array in sources:
            rows = _rows(len(array), split, per_class)  # sorted
            for first in range(int(rows[0]), int(rows[-1]) + 1, CHUNK):  # CHUNK drawings of the source at a time
                low, high = np.searchsorted(rows, [first, first + CHUNK])
                chunk = rows[low:high]
                if len(chunk):
                    count = (int(chunk[-1]) + 1 - first) * PIXELS
                    span = np.fromfile(source, dtype=np.uint8, count=count, offset=array.offset + first * PIXELS)
                    span.reshape(-1, PIXELS)[chunk - first].tofile(out)
