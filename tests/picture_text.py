"""Reading text drawn on a picture without OCR: where the ink is, column by column."""
from __future__ import annotations

import numpy as np


def blank_runs(band: np.ndarray) -> list[int]:
    """(H, W) grey band holding one line of dark text on white -> the widths of the blank column runs between
    its first and last inked columns (the gaps between letters, and the spaces)."""
    inked = (band < 128).any(axis=0)
    columns = np.nonzero(inked)[0]
    runs, blank = [], 0
    for ink in inked[columns[0]:columns[-1] + 1]:
        if ink and blank:
            runs.append(blank)
        blank = 0 if ink else blank + 1
    return runs


def spaces_seen(band: np.ndarray) -> int:
    """How many gaps in a line of text are as wide as a space drawn by :func:`wordgan.files.images.on_picture`
    (4 px or more; the gaps between letters of Pillow's default font are at most 2 px)."""
    return sum(run >= 4 for run in blank_runs(band))
