"""A line of text above a picture: which words a grid shows, when row labels would be too long."""
from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from wordgan.files.images import shown

#: Height of the caption band in pixels (Pillow's default font is about 11 pixels tall).
CAPTION_HEIGHT = 16


def captioned(picture: Image.Image, left: str, right: str = "") -> Image.Image:
    """``picture`` with ``left`` written above its left edge and ``right`` above its right edge, each as
    :func:`~wordgan.files.images.shown` (one short line: Pillow cannot measure text with a newline in it)."""
    left, right = shown(left), shown(right)
    font = ImageFont.load_default()
    canvas = Image.new("RGB", (picture.width, picture.height + CAPTION_HEIGHT), "white")
    canvas.paste(picture, (0, CAPTION_HEIGHT))
    pen = ImageDraw.Draw(canvas)
    pen.text((2, 2), left, fill="black", font=font)
    if right:
        right_width = int(pen.textlength(right, font=font))
        pen.text((max(picture.width - right_width - 2, picture.width // 2), 2), right, fill="black", font=font)
    return canvas
