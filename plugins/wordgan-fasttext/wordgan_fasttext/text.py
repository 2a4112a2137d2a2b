"""How text is cut into words, the same way for training text and for prompts."""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")  # letters of any script, with inner apostrophes ("don't")


def tokens(text: str, lowercase: bool = True) -> list[str]:
    """The words of ``text``: runs of letters; punctuation, digits and hyphens separate them ("T-shirt" -> t, shirt)."""
    return _WORD.findall(text.lower() if lowercase else text)
