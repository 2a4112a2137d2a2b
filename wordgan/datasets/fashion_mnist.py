"""Fashion-MNIST (Xiao et al. 2017): 70,000 28x28 grayscale images of ten kinds of clothing."""
from __future__ import annotations

import os
import urllib.error
from pathlib import Path
from typing import Sequence

import numpy as np
import torch

from wordgan.datasets.download import download
from wordgan.datasets.idx import read_idx
from wordgan.errors import DatasetNotFoundError, WordganError
from wordgan.interfaces import DatasetProvider, ImageDataset

#: The label word of each class index 0..9.
DEFAULT_WORDS = ("t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots")

#: Where Debian's ``dataset-fashion-mnist`` package puts the files.
SYSTEM_DIR = Path("/usr/share/datasets/fashion-mnist")

OFFICIAL_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"

#: File name -> SHA-256 of the official gzipped files.
FILES = {
    "train-images-idx3-ubyte.gz": "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
    "train-labels-idx1-ubyte.gz": "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
    "t10k-images-idx3-ubyte.gz": "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
    "t10k-labels-idx1-ubyte.gz": "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
}

_PREFIX = {"train": "train", "test": "t10k"}


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wordgan" / "fashion-mnist"


class FashionMNIST(DatasetProvider):
    """Real Fashion-MNIST, labelled with words.

    Looks for the IDX files (gzipped or not) in ``data_dir``, then ``$WORDGAN_DATA`` (or its
    ``fashion-mnist/`` folder), then ``/usr/share/datasets/fashion-mnist``, then the download cache; if
    ``download`` is true it fetches the missing files from the official source and checks their SHA-256.

    Options: ``data_dir``; ``words`` (ten label words, a list or a comma-separated string);
    ``download`` (default true); ``cache_dir``.
    """

    def __init__(
        self,
        data_dir: str | None = None,
        words: Sequence[str] | str | None = None,
        download: bool = True,
        cache_dir: str | None = None,
    ):
        self.data_dir = Path(data_dir).expanduser() if data_dir else None
        self.words = _parse_words(words)
        self.download = download
        self.cache_dir = Path(cache_dir).expanduser() if cache_dir else default_cache_dir()

    def candidate_dirs(self) -> list[Path]:
        """Folders searched, in order."""
        dirs = []
        if self.data_dir:
            if not self.data_dir.is_dir():
                raise DatasetNotFoundError(f"data directory {self.data_dir} does not exist")
            dirs.append(self.data_dir)
        env = os.environ.get("WORDGAN_DATA")
        if env:
            dirs += [Path(env) / "fashion-mnist", Path(env)]
        return dirs + [SYSTEM_DIR, self.cache_dir]

    def load(self, split: str = "train") -> ImageDataset:
        """(N, 1, 28, 28) uint8 images of ``split`` ("train": 60,000; "test": 10,000)."""
        if split not in _PREFIX:
            raise WordganError(f"Fashion-MNIST has splits 'train' and 'test', not {split!r}")
        images = read_idx(self._locate(f"{_PREFIX[split]}-images-idx3-ubyte.gz"))
        labels = read_idx(self._locate(f"{_PREFIX[split]}-labels-idx1-ubyte.gz"))
        if images.shape[0] != labels.shape[0]:
            raise WordganError(f"Fashion-MNIST {split}: {images.shape[0]} images but {labels.shape[0]} labels")
        return ImageDataset(
            images=torch.from_numpy(np.array(images)).unsqueeze(1),
            labels=torch.from_numpy(labels.astype(np.int64)),
            words=list(self.words),
        )

    def _locate(self, gz_name: str) -> Path:
        plain_name = gz_name[: -len(".gz")]
        for folder in self.candidate_dirs():
            for name in (gz_name, plain_name):
                if (folder / name).is_file():
                    return folder / name
        if self.download:
            try:
                return download(OFFICIAL_URL + gz_name, self.cache_dir / gz_name, FILES[gz_name])
            except (urllib.error.URLError, OSError) as exc:
                reason = f"downloading it failed ({exc})"
        else:
            reason = "downloading is switched off"
        searched = ", ".join(str(d) for d in self.candidate_dirs())
        raise DatasetNotFoundError(
            f"Fashion-MNIST file {gz_name} was not found in {searched}, and {reason}. Get a copy with "
            "`apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or put the four IDX files from "
            f"{OFFICIAL_URL} in a folder and pass --data-dir FOLDER or set WORDGAN_DATA=FOLDER."
        )


def _parse_words(words: Sequence[str] | str | None) -> tuple[str, ...]:
    if words is None:
        return DEFAULT_WORDS
    if isinstance(words, str):
        words = words.split(",")
    parsed = tuple(" ".join(w.split()) for w in words)
    if len(parsed) != 10 or not all(parsed) or len(set(parsed)) != 10:
        raise WordganError(f"Fashion-MNIST needs ten different, non-empty label words; got {list(parsed)}")
    return parsed
