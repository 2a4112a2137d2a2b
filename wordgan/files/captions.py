"""Lines of text above a picture: which words a grid shows, when row labels would be too long, and how it
was drawn."""
from __future__ import annotations

from typing import Sequence

from PIL import Image, ImageDraw, ImageFont

from wordgan.files.images import on_picture

#: Height of a caption line in pixels (Pillow's default font is about 11 pixels tall).
CAPTION_HEIGHT = 16


def captioned(picture: Image.Image, left: str, right: str = "") -> Image.Image:
    """``picture`` with ``left`` written above its left edge and ``right`` above its right edge, each as
    :func:`~wordgan.files.images.on_picture` (one short line: Pillow cannot measure text with a newline in it)."""
    left, right = on_picture(left), on_picture(right)
    font = ImageFont.load_default()
    canvas = Image.new("RGB", (picture.width, picture.height + CAPTION_HEIGHT), "white")
    canvas.paste(picture, (0, CAPTION_HEIGHT))
    pen = ImageDraw.Draw(canvas)
    pen.text((2, 2), left, fill="black", font=font)
    if right:
        right_width = int(pen.textlength(right, font=font))
        pen.text((max(picture.width - right_width - 2, picture.width // 2), 2), right, fill="black", font=font)
    return canvas


def titled(picture: Image.Image, lines: Sequence[str], width: int = 100) -> Image.Image:
    """``picture`` under ``lines`` of text (each as :func:`~wordgan.files.images.on_picture`, at most ``width``
    characters), widened with white on the right where a line is longer than the picture is wide."""
    lines = [on_picture(line, width) for line in lines]
    font = ImageFont.load_default()
    measure = ImageDraw.Draw(Image.new("L", (1, 1)))
    text_width = max((int(measure.textlength(line, font=font)) + 4 for line in lines), default=0)
    top = CAPTION_HEIGHT * len(lines)
    canvas = Image.new("RGB", (max(picture.width, text_width), picture.height + top), "white")
    canvas.paste(picture, (0, top))
    pen = ImageDraw.Draw(canvas)
    for row, line in enumerate(lines):
        pen.text((2, 2 + row * CAPTION_HEIGHT), line, fill="black", font=font)
    return canvas
