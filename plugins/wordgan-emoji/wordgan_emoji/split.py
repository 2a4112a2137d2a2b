"""The held-out concepts: a fixed share of each subcategory that G never trains on (the zero-shot test)."""
from __future__ import annotations

import hashlib
import math
from typing import Sequence

from wordgan.errors import WordganError

from wordgan_emoji.catalogue import Concept

DEFAULT_FRACTION = 0.1


def held_out_words(concepts: Sequence[Concept], fraction: float = DEFAULT_FRACTION) -> list[str]:
    """The names of the held-out concepts, in ``concepts`` order.

    Stratified by subcategory: of a subcategory's n concepts, round(fraction * n) (halves up) are held out,
    but never all of them, so every subcategory keeps a concept G trains on. Which ones: those whose names
    come first when ordered by the SHA-256 of the name. A hash, not a seeded shuffle, so the split does
    not depend on Python's or numpy's random generators, and a concept keeps its place when others are
    added to a later emoji version.
    """
    if not 0 <= fraction < 1:
        raise WordganError(f"the held-out fraction must be in [0, 1), got {fraction}")
    held = set()
    for members in _by_subcategory(concepts).values():
        count = min(math.floor(fraction * len(members) + 0.5), len(members) - 1)
        held.update(sorted(members, key=_name_hash)[:count])
    return [c.name for c in concepts if c.name in held]


def subcategory_families(concepts: Sequence[Concept]) -> dict[str, list[str]]:
    """Subcategory -> its concept names, in ``concepts`` order (``wordgan evaluate``'s word-list families)."""
    return {sub: list(names) for sub, names in _by_subcategory(concepts).items()}


def _by_subcategory(concepts: Sequence[Concept]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for concept in concepts:
        groups.setdefault(concept.subcategory, []).append(concept.name)
    return groups


def _name_hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()
