"""How words are written where people read them: one safe line on a terminal, legible spaces on a picture."""
from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from PIL import Image

from wordgan.files.captions import titled
from wordgan.files.printable import shown
from tests.picture_text import blank_runs, spaces_seen

#: Unicode's bidirectional classes of the explicit embeddings, overrides, isolates and their ends.
BIDI_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("boots\nsandals 0.99", "boots\\nsandals 0.99"),  # a forged second line stays on the first
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),  # colour and cursor sequences
        ("a\rb\tc", "a\\rb\\tc"),
        ("x\x7fy\x85z\x00", "x\\x7fy\\x85z\\x00"),  # DEL, a C1 control (next line), NUL
        ("abc\u202eevil\u2066\u200f", "abc\\u202eevil\\u2066\\u200f"),  # bidirectional overrides and marks
        ("running   shoes ", "running shoes"),  # spaces are only collapsed
        ("\U0001F469\u200d\U0001F4BB", "\U0001F469\u200d\U0001F4BB"),  # an emoji's zero-width joiner is kept
        ("Stiefel \u00e0 \u9774", "Stiefel \u00e0 \u9774"),
        ("\udcff", "\\udcff"),  # an undecodable byte from the command line
    ],
)
def test_shown_writes_control_characters_as_visible_escapes(text, expected):
    assert shown(text) == expected
    assert all(unicodedata.category(c) != "Cc" and unicodedata.bidirectional(c) not in BIDI_CONTROLS for c in expected)


def test_shown_cuts_after_escaping():
    assert shown("\x1b" * 30, width=12) == "\\x1b\\x1b\\x1\u2026"


@pytest.mark.parametrize("line", ["boots -> sandals at 0.50", "seed 0, 8 images, temperature 0.03, truncation 1.5"])
def test_spaces_on_a_picture_are_wider_than_the_gaps_between_letters(line):
    """Pillow's default font draws a space 2 px wide, as wide as the gaps between letters: "bootsat 0.50"."""
    picture = titled(Image.new("RGB", (60, 20), "black"), [line])
    band = np.asarray(picture.convert("L"))[:16]  # the caption line
    assert spaces_seen(band) == line.count(" ")  # every space, and nothing else
    assert max(run for run in blank_runs(band) if run < 4) <= 2


def test_titled_widens_a_narrow_picture_to_its_lines():
    picture = titled(Image.new("RGB", (28, 28), "black"), ["slipper", "seed 18446744073709551615, 1 image"])
    assert picture.height == 28 + 2 * 16 and picture.width > 150
    text = np.asarray(picture.convert("L"))[:32]
    assert (text[:16] < 128).any() and (text[16:32] < 128).any()  # two lines written
    assert (np.asarray(picture.convert("L"))[32:, :28] == 0).all()  # the picture itself, untouched
