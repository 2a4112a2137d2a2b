"""Which strings are English words (WordNet 3, every part of speech), and which known words a typo is near.

Used twice by the mapping of new words: a word WordNet does not know, one or two typing slips from a word
the model's classes are made of, is read as that word ("sandels" -> sandals; :func:`closest`), and a word
that is no English word and no evidence embedder finds near any class is reported as far from everything
(:mod:`wordgan.conditions.familiarity`).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterable

#: WordNet's index files: a lemma per line, first column, spaces as underscores.
_PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")
#: Inflections WordNet's morphy undoes, for any part of speech (plurals, -ing, -ed, comparatives).
_ENDINGS = (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
            ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
            ("er", ""), ("er", "e"), ("est", ""), ("est", "e"))
_WORD = re.compile(r"[^\s\-]+")


class EnglishLexicon:
    """The lemmas of every part of speech in a WordNet 3 database directory, and their inflections."""

    def __init__(self, root: str | Path):
        root = Path(root)
        self.lemmas: set[str] = set()
        for part in _PARTS_OF_SPEECH:
            with open(root / f"index.{part}", encoding="utf-8") as index:
                self.lemmas.update(line.split(" ", 1)[0] for line in index if not line.startswith(" "))
            exceptions = root / f"{part}.exc"
            if exceptions.is_file():
                self.lemmas.update(line.split(" ", 1)[0] for line in exceptions.read_text(encoding="utf-8").splitlines() if line)

    def knows(self, text: str) -> bool:
        """Whether ``text`` is an English word or phrase WordNet lists, or has a word WordNet lists in it
        ("open-toe summer shoes": shoes), inflected or not."""
        key = "_".join(text.lower().split())
        if key in self.lemmas:
            return True
        return any(self._knows_word(word) for word in _WORD.findall(text.lower()))

    def _knows_word(self, word: str) -> bool:
        return word in self.lemmas or any(
            word.endswith(ending) and word[: len(word) - len(ending)] + base in self.lemmas for ending, base in _ENDINGS
        )


@functools.lru_cache(maxsize=4)
def english(root: str) -> EnglishLexicon:
    """The lexicon of the WordNet database at ``root``, read once per process (~0.3 s)."""
    return EnglishLexicon(root)


def slips(word: str) -> int:
    """How many typing slips a word of this length may hold and still be read as another: 1 up to five
    letters, else 2 ("dres" -> dress, "trowsers" -> trousers)."""
    return 1 if len(word) <= 5 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Typing slips between ``a`` and ``b`` (insertions, deletions, substitutions, swaps of two neighbours:
    the optimal string alignment distance), or ``limit + 1`` as soon as it is sure to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def closest(word: str, candidates: Iterable[str]) -> list[str]:
    """The ``candidates`` fewest slips away from ``word`` (at most :func:`slips`), in their order; [] if none."""
    key, limit = word.lower(), slips(word)
    best, found = limit + 1, []
    for candidate in candidates:
        d = distance(key, candidate, min(limit, best))
        if d < best:
            best, found = d, [candidate]
        elif d == best and d <= limit:
            found.append(candidate)
    return found if best <= limit else []
