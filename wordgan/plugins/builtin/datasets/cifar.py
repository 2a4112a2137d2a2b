"""CIFAR-10 and CIFAR-100 (Krizhevsky 2009): 60,000 32x32 colour images, read from the official *binary*
archives (never the Python pickles: reading those would run whatever code they hold)."""
from __future__ import annotations

import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from wordgan.plugins.builtin.datasets.download import DataLookup, RemoteFile
from wordgan.errors import WordganError
from wordgan.interfaces import DatasetProvider, ImageDataset

PAGE = "https://www.cs.toronto.edu/~kriz/cifar.html"
IMAGE_BYTES = 3 * 32 * 32  # 1024 red, then 1024 green, then 1024 blue bytes, each 32x32 row-major


@dataclass(frozen=True)
class CifarLayout:
    """What one of the two binary archives holds."""

    title: str
    archive: str  # cifar-10-binary.tar.gz
    url: str
    sha256: str  # the archive's published SHA-256 (docs/datasets.md says where it was checked)
    folder: str  # the archive's top folder, also accepted already extracted
    splits: dict[str, tuple[str, ...]]  # split -> its .bin members, in order
    label_bytes: int  # bytes before each image: 1 (the label), or 2 (coarse, fine)
    names: dict[str, str]  # labelling -> the member listing its label names
    label_byte: dict[str, int]  # labelling -> which of the label bytes it is


CIFAR10 = CifarLayout(
    title="CIFAR-10",
    archive="cifar-10-binary.tar.gz",
    url="https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz",
    sha256="c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd",
    folder="cifar-10-batches-bin",
    splits={"train": tuple(f"data_batch_{i}.bin" for i in range(1, 6)), "test": ("test_batch.bin",)},
    label_bytes=1,
    names={"fine": "batches.meta.txt"},
    label_byte={"fine": 0},
)

CIFAR100 = CifarLayout(
    title="CIFAR-100",
    archive="cifar-100-binary.tar.gz",
    url="https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz",
    sha256="58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec",
    folder="cifar-100-binary",
    splits={"train": ("train.bin",), "test": ("test.bin",)},
    label_bytes=2,
    names={"fine": "fine_label_names.txt", "coarse": "coarse_label_names.txt"},
    label_byte={"coarse": 0, "fine": 1},
)


class _Cifar(DatasetProvider):
    """Loads one :class:`CifarLayout` from its archive, or from the archive's folder already extracted.

    Looked for in ``data_dir``, then ``$WORDGAN_DATA/<name>`` and ``$WORDGAN_DATA``, then the download cache;
    if ``download`` is true, the archive is fetched from the authors' page and kept only if its SHA-256
    matches. Label words are the archive's own names with underscores as spaces (``maple_tree`` -> "maple tree").
    """

    layout: CifarLayout
    name: str  # the dataset's plugin name and folder, e.g. "cifar-10"

    def __init__(self, data_dir: str | None = None, download: bool = True, cache_dir: str | None = None, labels: str = "fine"):
        if labels not in self.layout.names:
            raise WordganError(f"{self.layout.title} labels can be {' or '.join(map(repr, self.layout.names))}, not {labels!r}")
        self.labels = labels
        self.lookup = DataLookup(
            title=self.layout.title,
            folder=self.name,
            how_to_get=f"Download {self.layout.archive} (the binary version) from {PAGE}.",
            data_dir=data_dir,
            cache_dir=cache_dir,
            download=download,
        )

    def load(self, split: str = "train") -> ImageDataset:
        """(N, 3, 32, 32) uint8 images of ``split`` ("train": 50,000; "test": 10,000 in the real archives)."""
        if split not in self.layout.splits:
            raise WordganError(f"{self.layout.title} has splits 'train' and 'test', not {split!r}")
        (source,) = self.lookup.locate(
            # The archive, or its folder extracted, or that folder's contents (--data-dir pointing into it).
            [(self.layout.archive, self.layout.folder, self.layout.splits["test"][0])],
            lambda name: RemoteFile(self.layout.url, self.layout.sha256),
        )
        wanted = [*self.layout.splits[split], self.layout.names[self.labels]]
        members = _read_members(source, self.layout.folder, wanted)
        words = _label_words(members.pop(self.layout.names[self.labels]), source, self.layout.names[self.labels])
        tables = [_records(data, self.layout.label_bytes, source, name) for name, data in members.items()]
        # One output array filled batch by batch: no concatenated copy of the records beside it.
        images = np.empty((sum(len(t) for t in tables), 3, 32, 32), dtype=np.uint8)  # (N, 3, 32, 32)
        labels = np.empty(len(images), dtype=np.int64)  # (N,)
        start = 0
        for table in tables:  # (n, label bytes + 3072)
            images[start : start + len(table)] = table[:, self.layout.label_bytes :].reshape(-1, 3, 32, 32)
            labels[start : start + len(table)] = table[:, self.layout.label_byte[self.labels]]
            start += len(table)
        if len(labels) and labels.max() >= len(words):
            raise WordganError(f"{source}: label {labels.max()} in {split} data, but only {len(words)} label names")
        return ImageDataset(images=torch.from_numpy(images), labels=torch.from_numpy(labels), words=words)


class Cifar10(_Cifar):
    """CIFAR-10: ten classes (airplane ... truck), from ``cifar-10-binary.tar.gz``.

    Options: ``data_dir``, ``download`` (default true), ``cache_dir``.
    """

    layout, name = CIFAR10, "cifar-10"

    def __init__(self, data_dir: str | None = None, download: bool = True, cache_dir: str | None = None):
        super().__init__(data_dir, download, cache_dir)


class Cifar100(_Cifar):
    """CIFAR-100: 100 fine classes in 20 coarse superclasses, from ``cifar-100-binary.tar.gz``.

    Options: ``data_dir``, ``download`` (default true), ``cache_dir``, ``labels`` ("fine", the default, for
    the 100 classes such as "maple tree"; "coarse" for the 20 superclasses such as "trees").
    """

    layout, name = CIFAR100, "cifar-100"


def _read_members(source: Path, folder: str, names: list[str]) -> dict[str, bytes]:
    """The bytes of ``folder/<name>`` for each name, from the archive or the extracted folder at ``source``."""
    if source.is_dir() or source.suffix == ".bin":
        inner = source if source.is_dir() else source.parent
        missing = [name for name in names if not (inner / name).is_file()]
        if missing:
            raise WordganError(f"{inner} lacks {', '.join(missing)}; extract the whole binary archive there")
        return {name: (inner / name).read_bytes() for name in names}
    found: dict[str, bytes] = {}
    try:
        with tarfile.open(source, "r:gz") as archive:
            for member in archive:  # one pass: a .tar.gz cannot be read out of order cheaply
                name = member.name.removeprefix("./").removeprefix(f"{folder}/")
                if name in names and member.isfile():
                    found[name] = archive.extractfile(member).read()
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise WordganError(f"{source} is not a readable .tar.gz archive ({exc}); delete it and fetch it again") from exc
    missing = [name for name in names if name not in found]
    if missing:
        raise WordganError(f"{source} has no {', '.join(f'{folder}/{n}' for n in missing)}; is it the binary version?")
    return {name: found[name] for name in names}


def _records(data: bytes, label_bytes: int, source: Path, name: str) -> np.ndarray:
    """(N, label_bytes + 3072) uint8: one row per record."""
    size = label_bytes + IMAGE_BYTES
    if not data or len(data) % size:
        raise WordganError(f"{source}: {name} is truncated or corrupt ({len(data)} bytes, not whole {size}-byte records)")
    return np.frombuffer(data, dtype=np.uint8).reshape(-1, size)


def _label_words(data: bytes, source: Path, name: str) -> list[str]:
    """One word per non-empty line, underscores as spaces: ``maple_tree`` -> "maple tree"."""
    try:
        lines = data.decode("ascii").splitlines()
    except UnicodeDecodeError as exc:
        raise WordganError(f"{source}: {name} is not a plain-text list of label names") from exc
    words = [" ".join(line.replace("_", " ").split()) for line in lines]
    words = [word for word in words if word]
    if not words or len(set(words)) != len(words):
        raise WordganError(f"{source}: {name} should list distinct label names, one per line; got {words[:5]}")
    return words
