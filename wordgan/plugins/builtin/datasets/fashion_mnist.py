"""Fashion-MNIST (Xiao et al. 2017): 70,000 28x28 grayscale images of ten kinds of clothing."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import torch

from wordgan.plugins.builtin.datasets.download import DataLookup, RemoteFile
from wordgan.plugins.builtin.datasets.idx import read_idx
from wordgan.errors import WordganError
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
        self.words = _parse_words(words)
        self.data_dir, self.download, self.cache_dir = data_dir, download, cache_dir

    def lookup(self) -> DataLookup:
        """Where the files are looked for (the order every built-in dataset shares)."""
        return DataLookup(
            title="Fashion-MNIST",
            folder="fashion-mnist",
            how_to_get="Get a copy with `apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or the four IDX "
            f"files from {OFFICIAL_URL}.",
            data_dir=self.data_dir,
            cache_dir=self.cache_dir,
            download=self.download,
            system_dirs=[SYSTEM_DIR],
        )

    def load(self, split: str = "train") -> ImageDataset:
        """(N, 1, 28, 28) uint8 images of ``split`` ("train": 60,000; "test": 10,000)."""
        if split not in _PREFIX:
            raise WordganError(f"Fashion-MNIST has splits 'train' and 'test', not {split!r}")
        gz_names = [f"{_PREFIX[split]}-{kind}-idx{dims}-ubyte.gz" for kind, dims in (("images", 3), ("labels", 1))]
        image_path, label_path = self.lookup().locate(
            [(name, name[: -len(".gz")]) for name in gz_names],
            lambda name: RemoteFile(OFFICIAL_URL + name, FILES[name]),
        )
        images, labels = read_idx(image_path), read_idx(label_path)
        if images.ndim != 3 or images.shape[1:] != (28, 28):
            raise WordganError(f"{image_path} holds an array of shape {images.shape}, not (N, 28, 28) Fashion-MNIST images")
        if labels.ndim != 1:
            raise WordganError(f"{label_path} holds an array of shape {labels.shape}, not (N,) labels")
        if images.shape[0] != labels.shape[0]:
            raise WordganError(f"Fashion-MNIST {split}: {images.shape[0]} images but {labels.shape[0]} labels")
        _check_labels(labels, label_path, len(self.words))
        return ImageDataset(
            images=torch.from_numpy(np.array(images)).unsqueeze(1),
            labels=torch.from_numpy(labels.astype(np.int64)),
            words=list(self.words),
        )


def _check_labels(labels: np.ndarray, path: Path, classes: int) -> None:
    """Every label byte must name one of the ``classes`` words; a corrupt or foreign file says where it is not."""
    outside = np.flatnonzero(labels >= classes)
    if len(outside):
        first = int(outside[0])
        raise WordganError(
            f"{path}: label {int(labels[first])} at position {first} (and {len(outside) - 1} more) is outside the "
            f"{classes} classes 0-{classes - 1}; the file is corrupt or not Fashion-MNIST's"
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
