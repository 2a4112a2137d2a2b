"""A folder of images with one sub-folder per word: ``data/hats/*.png`` are images of "hats"."""
from __future__ import annotations


import torch

from wordgan.errors import DatasetNotFoundError, WordganError
from wordgan.files.image_files import DEFAULT_MAX_PIXELS, EXTENSIONS, read_images
from wordgan.interfaces import DatasetProvider, ImageDataset
from wordgan.safety import contained_path

MODES = ("rgb", "gray")


class ImageFolder(DatasetProvider):
    """Images in ``data_dir/<word>/``, centre-cropped to a square and resized to ``size``.

    The folder name is the label word (underscores become spaces: ``running_shoes`` -> "running shoes").
    Splits: if ``data_dir`` has ``train/`` and ``test/`` folders, those; otherwise every ``1/test_fraction``-th
    file of each word (in name order) is the test split and the rest the training split.

    Options: ``data_dir`` (required), ``size`` (default 32), ``mode`` ("rgb" or "gray"), ``test_fraction``
    (default 0.1), ``max_pixels`` (default Pillow's 89,478,485): an image with more pixels is refused as a
    possible decompression bomb (a small file that decodes to gigabytes); raise it for genuine huge images.
    """

    def __init__(
        self,
        data_dir: str | None = None,
        size: int = 32,
        mode: str = "rgb",
        test_fraction: float = 0.1,
        max_pixels: int = DEFAULT_MAX_PIXELS,
    ):
        if not data_dir:
            raise WordganError("the image-folder dataset needs a folder: --data-dir DIR (one sub-folder per word)")
        self.root = contained_path(data_dir, "the image folder")
        if not self.root.is_dir():
            raise DatasetNotFoundError(f"data directory {self.root} does not exist")
        if mode not in MODES:
            raise WordganError(f"mode must be one of {sorted(MODES)}, got {mode!r}")
        if size < 8:
            raise WordganError(f"size must be at least 8 pixels, got {size}")
        if not 0 < test_fraction < 1:
            raise WordganError(f"test_fraction must be between 0 and 1, got {test_fraction}")
        if isinstance(max_pixels, bool) or not isinstance(max_pixels, int) or max_pixels < 1:
            raise WordganError(f"max_pixels must be a positive whole number, got {max_pixels!r}")
        self.size, self.mode, self.test_fraction, self.max_pixels = int(size), mode, test_fraction, max_pixels

    def load(self, split: str = "train") -> ImageDataset:
        """(N, C, size, size) uint8, C = 3 for rgb and 1 for gray."""
        if split not in ("train", "test"):
            raise WordganError(f"image-folder has splits 'train' and 'test', not {split!r}")
        split_dirs = (self.root / "train").is_dir() and (self.root / "test").is_dir()
        folder = self.root / split if split_dirs else self.root
        words_dirs = sorted(d for d in folder.iterdir() if d.is_dir() and not d.name.startswith("."))
        if not words_dirs:
            raise DatasetNotFoundError(f"{folder} has no sub-folders; put each word's images in {folder}/<word>/")
        files, labels = [], []
        for label, word_dir in enumerate(words_dirs):
            images = sorted(p for p in word_dir.iterdir() if p.suffix.lower() in EXTENSIONS)
            if not split_dirs:
                every = round(1 / self.test_fraction)
                images = [p for i, p in enumerate(images) if (i % every == every - 1) == (split == "test")]
            if not images:
                raise WordganError(f"{word_dir} has no images for the {split} split ({', '.join(sorted(EXTENSIONS))})")
            files += images
            labels += [label] * len(images)
        return ImageDataset(
            images=read_images(
                files, (3 if self.mode == "rgb" else 1, self.size, self.size), self.max_pixels,
                limit_hint="if it is a genuine image, raise the limit with --dataset-option max_pixels=N",
                progress=f"reading {self.root.name}",
            ),
            labels=torch.tensor(labels, dtype=torch.int64),
            words=[d.name.replace("_", " ") for d in words_dirs],
        )
