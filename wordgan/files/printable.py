"""Text as it may reach a terminal or a picture: one short line, control characters escaped. No torch here,
so every ``--help`` and every error message can use it."""
from __future__ import annotations

import re


#: What must not reach a terminal as it is: C0 and C1 control characters (newline, carriage return and ESC,
#: which starts colour and cursor sequences, among them), DEL, and the bidirectional marks and overrides that
#: reorder the text after them. A checkpoint's label words are printed, and whoever made it chose them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str, width: int = 40) -> str:
    """A word as one printable line of at most ``width`` characters: control characters written as visible
    escapes (``\\n``, ``\\x1b``, ``\\u202e``), so a word can neither start a line, colour the terminal nor
    reorder what follows; runs of spaces collapsed; undecodable bytes from the command line written as escapes;
    the rest cut with an ellipsis."""
    line = _CONTROL.sub(_escape, str(text))
    line = " ".join(line.split()).encode("utf-8", "backslashreplace").decode("utf-8")
    return line if len(line) <= width else line[: width - 1] + "\u2026"


def _escape(match: re.Match) -> str:
    character = match.group()
    code = ord(character)
    return _ESCAPES.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
