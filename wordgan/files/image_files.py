"""Reading image files into (N, C, H, W) uint8: the one reader for image folders and catalogues, with its guard
against decompression bombs (a small file whose header declares gigapixels)."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np
import torch
from PIL import Image, ImageOps, UnidentifiedImageError
from tqdm import tqdm

from wordgan.errors import WordganError

#: Image files wordgan reads from a folder.
EXTENSIONS = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff"}
#: Pillow's own decompression-bomb threshold (it refuses outright at twice this).
DEFAULT_MAX_PIXELS = 89_478_485
#: Channels -> Pillow mode.
MODES = {1: "L", 3: "RGB"}


def image_files(folder: Path) -> list[Path]:
    """The image files under ``folder``, searched recursively, in name order."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in EXTENSIONS and p.is_file())


def read_images(
    files: Sequence[Path], image_shape: Sequence[int], max_pixels: int = DEFAULT_MAX_PIXELS, what: str = "image",
    limit_hint: str = "", progress: str | None = None,
) -> torch.Tensor:
    """Image files -> (N, C, H, W) uint8 for ``image_shape`` (C, H, W): converted to C channels (1: gray,
    3: RGB), centre-cropped and resized to H x W.

    An image whose header declares more than ``max_pixels`` pixels is refused before anything is decoded
    (``limit_hint`` says how to raise the limit); unreadable files are all named in one error (``what`` names
    them: "catalogue image"). ``progress``: a progress bar's description, or None for none.
    """
    channels, height, width = image_shape
    if channels not in MODES:
        raise WordganError(f"images can be read with 1 or 3 channels, not {channels}")
    out = np.empty((len(files), height, width, channels), dtype=np.uint8)
    failed = []
    with _pillow_limit_off():  # the max_pixels check below replaces Pillow's process-wide one
        for i, path in enumerate(tqdm(files, desc=progress, unit="image", leave=False, disable=progress is None)):
            try:
                with Image.open(path) as image:
                    pixels = image.width * image.height
                    if pixels > max_pixels:  # a WordganError, not an OSError: it stops the reading at once
                        raise WordganError(
                            f"{path} is too large to decode ({image.width}x{image.height} = {pixels:,} pixels; the limit "
                            f"is {max_pixels:,} pixels) and may be a decompression bomb" + (f"; {limit_hint}" if limit_hint else "")
                        )
                    fitted = ImageOps.fit(image.convert(MODES[channels]), (width, height), Image.BICUBIC)
                    out[i] = np.asarray(fitted).reshape(height, width, channels)
            except (OSError, UnidentifiedImageError, ValueError) as exc:
                failed.append(f"{path} ({exc.__class__.__name__})")
    if failed:
        shown = "; ".join(failed[:10]) + (f"; and {len(failed) - 10} more" if len(failed) > 10 else "")
        raise WordganError(f"{len(failed)} {what}(s) could not be read: {shown}")
    return torch.from_numpy(out).permute(0, 3, 1, 2).contiguous()  # (N, C, H, W)


@contextlib.contextmanager
def _pillow_limit_off() -> Iterator[None]:
    """Switch off Pillow's process-wide pixel limit while one set of files is read, and restore it after."""
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved
