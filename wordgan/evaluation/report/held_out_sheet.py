"""The zero-shot picture: a row per held-out concept, what the model drew for its word beside the real
images it never trained on."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import torch
from PIL import Image, ImageDraw, ImageFont

from wordgan.errors import WordganError
from wordgan.files.images import grid, save_png
from wordgan.interfaces import ImageDataset
from wordgan.model.settings import MODEL_DEFAULT
from wordgan.model.word_model import WordModel

HEADER, GAP = 16, 10
TITLES = ("drawn by the model", "real (never trained on)")


def save_held_out_sheet(
    model: WordModel,
    words: Sequence[str],
    real: ImageDataset,
    png: str | Path,
    n: int = 4,
    seed: int = 0,
    temperature: float | str | None = MODEL_DEFAULT,
    truncation: float | str | None = MODEL_DEFAULT,
) -> Path:
    """Write one PNG: for each word (a row, labelled), ``n`` images the model draws for it (noise seeded
    by ``seed``) and, to their right, the real images of that class in ``real`` (as many as the word with
    the fewest has: one per artwork style for emoji)."""
    missing = [w for w in words if w not in real.words]
    if missing or not words:
        raise WordganError(f"the held-out sheet needs classes of the real dataset, not {missing or 'no words'}")
    own = [torch.nonzero(real.labels == real.words.index(w)).flatten() for w in words]
    count = min(len(index) for index in own)
    if count == 0:
        raise WordganError(f"the real dataset has no images of {[w for w, i in zip(words, own) if len(i) == 0]}")
    drawn = model.generate(list(words), n, seed, temperature=temperature, truncation=truncation)  # (R, n, C, H, W)
    shown_real = torch.stack([real.images[index[:count]] for index in own])  # (R, count, C, H, W)
    labels = grid(drawn[:, :0], row_labels=list(words))  # the label strip alone
    columns = [grid(drawn), grid(shown_real)]
    font = ImageFont.load_default()
    slots = [max(column.width, int(font.getlength(title)) + 4) for column, title in zip(columns, TITLES)]
    canvas = Image.new("RGB", (labels.width + sum(slot + GAP for slot in slots), HEADER + labels.height), "white")
    draw = ImageDraw.Draw(canvas)
    canvas.paste(labels, (0, HEADER))
    x = labels.width
    for column, title, slot in zip(columns, TITLES, slots):
        draw.text((x + 2, 2), title, fill="black", font=font)
        canvas.paste(column, (x, HEADER))
        x += slot + GAP
    return save_png(canvas, png)
