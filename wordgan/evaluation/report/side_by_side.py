"""One picture comparing runs: a column per run, a row per word, the same noise everywhere."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from PIL import Image, ImageDraw, ImageFont

from wordgan.files.images import grid, save_png
from wordgan.model.settings import MODEL_DEFAULT
from wordgan.model.word_model import WordModel

HEADER, GAP = 16, 10


def save_side_by_side(
    models: Sequence[WordModel],
    titles: Sequence[str],
    words: Sequence[str],
    png: Path,
    row_labels: Sequence[str] | None = None,
    n: int = 4,
    seed: int = 0,
    generation: Sequence[tuple[float | None, float | None]] | None = None,
) -> Path:
    """Draw ``n`` images of each word with each model (noise seeded by ``seed``; ``generation``: each
    column's (snapping temperature, noise truncation), default the models' own) and write one PNG: columns
    titled by ``titles``, rows labelled by ``row_labels`` (default: the words) on the left."""
    generation = generation or [(MODEL_DEFAULT, MODEL_DEFAULT)] * len(models)
    drawn = [
        model.generate(list(words), n, seed, temperature=t, truncation=z) for model, (t, z) in zip(models, generation)
    ]  # (R, n, C, H, W) each
    labels = grid(drawn[0][:, :0], row_labels=list(row_labels or words))  # the label strip alone
    columns = [grid(images) for images in drawn]
    font = ImageFont.load_default()
    # Each column is as wide as its images or its title, whichever is wider, so no title is cut off.
    slots = [max(column.width, int(font.getlength(title)) + 4) for column, title in zip(columns, titles)]
    width = labels.width + sum(slot + GAP for slot in slots)
    canvas = Image.new("RGB", (width, HEADER + labels.height), "white")
    draw = ImageDraw.Draw(canvas)
    canvas.paste(labels, (0, HEADER))
    x = labels.width
    for column, title, slot in zip(columns, titles, slots):
        draw.text((x + 2, 2), title, fill="black", font=font)
        canvas.paste(column, (x, HEADER))
        x += slot + GAP
    return save_png(canvas, png)
