"""Convert generator output to pictures and write PNGs and labelled grids."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import torch
from PIL import Image, ImageDraw, ImageFont

from wordgan.files.atomic import replacing
from wordgan.files.printable import shown


def to_uint8(images: torch.Tensor) -> torch.Tensor:
    """(..., C, H, W) floats in [-1, 1] -> uint8 in [0, 255]."""
    return ((images.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)


def to_pil(image: torch.Tensor) -> Image.Image:
    """(C, H, W) uint8 with C = 1 or 3 -> a PIL image."""
    array = image.permute(1, 2, 0).cpu().numpy()
    return Image.fromarray(array[:, :, 0] if array.shape[2] == 1 else array)


def save_png(image: Image.Image, path: str | Path) -> Path:
    """Write atomically, so an interrupted write never leaves a broken PNG where a good one was."""
    with replacing(path) as temp:
        image.save(temp, format="PNG")
    return Path(path)


def on_picture(text: str, width: int = 40) -> str:
    """``text`` as written on a picture: :func:`shown`, each space doubled. Pillow's default font (Aileron,
    10 px) draws a space 2 px wide, so "boots at 0.50" read as "bootsat 0.50"."""
    return shown(text, width).replace(" ", "  ")


def grid(images: torch.Tensor, row_labels: Sequence[str] | None = None, scale: int = 2, pad: int = 2) -> Image.Image:
    """(R, N, C, H, W) uint8 -> one picture with a row per word, labelled on the left (labels as
    :func:`on_picture`)."""
    rows, cols, channels, height, width = images.shape
    cell_h, cell_w = height * scale + pad, width * scale + pad
    label_w = 0
    font = ImageFont.load_default()
    row_labels = [on_picture(label) for label in row_labels] if row_labels else None
    if row_labels:
        label_w = 8 + max(int(ImageDraw.Draw(Image.new("L", (1, 1))).textlength(str(t), font=font)) for t in row_labels)
    canvas = Image.new("RGB", (label_w + cols * cell_w + pad, rows * cell_h + pad), "white")
    draw = ImageDraw.Draw(canvas)
    for r in range(rows):
        if row_labels:
            draw.text((4, pad + r * cell_h + cell_h // 2 - 6), str(row_labels[r]), fill="black", font=font)
        for c in range(cols):
            tile = to_pil(images[r, c]).convert("RGB").resize((width * scale, height * scale), Image.NEAREST)
            canvas.paste(tile, (label_w + pad + c * cell_w, pad + r * cell_h))
    return canvas


def save_grid(images: torch.Tensor, path: str | Path, row_labels: Sequence[str] | None = None, scale: int = 2) -> Path:
    """(R, N, C, H, W) uint8 -> a PNG grid at ``path``."""
    return save_png(grid(images, row_labels, scale=scale), path)


def save_each(images: torch.Tensor, folder: str | Path) -> list[Path]:
    """(N, C, H, W) uint8 -> ``folder/0000.png``, ``folder/0001.png``, ..."""
    return [save_png(to_pil(image), Path(folder) / f"{i:04d}.png") for i, image in enumerate(images)]
