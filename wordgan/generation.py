"""Write a model's images for some words to a folder: one PNG per image and a grid."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from wordgan.images import save_each, save_grid
from wordgan.model import MODEL_DEFAULT, WordModel


@dataclass
class Generated:
    grid: Path
    files: dict[str, list[Path]]  # word -> its PNGs


def folder_name(word: str) -> str:
    """A word or phrase as a safe folder name ("long sleeve shirt" -> "long_sleeve_shirt")."""
    return re.sub(r"[^\w.-]+", "_", " ".join(word.split())).strip("._") or "word"


def generate_to_folder(
    model: WordModel,
    words: Sequence[str],
    out: str | Path,
    n: int = 16,
    seed: int = 0,
    temperature: float | str | None = MODEL_DEFAULT,
    blend: float = 1.0,
    truncation: float | str | None = MODEL_DEFAULT,
) -> Generated:
    """``out/<word>/0000.png ...`` for each word and ``out/grid.png`` with a row per word."""
    out = Path(out)
    images = model.generate(words, n=n, seed=seed, temperature=temperature, blend=blend, truncation=truncation)  # (W, n, C, H, W)
    files = {word: save_each(images[i], out / folder_name(word)) for i, word in enumerate(words)}
    return Generated(grid=save_grid(images, out / "grid.png", row_labels=list(words)), files=files)
