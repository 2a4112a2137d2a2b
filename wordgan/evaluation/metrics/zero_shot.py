"""Zero-shot score of a novel word, and the two figures it must be read beside."""
from __future__ import annotations

from typing import Sequence

from wordgan.evaluation.metrics.accuracy import share_in


def zero_shot_score(predicted, accepted: set[int]) -> float:
    """Share of a novel word's (N,) predicted classes that a person would accept for it."""
    return share_in(predicted, accepted)


def uniform_chance(accepted: set[int], num_classes: int) -> float:
    """What a generator that draws a random class scores: |accepted| / K."""
    return len(accepted) / num_classes


def nearest_word_hit(similarities: Sequence[tuple[str, float]], accepted_words: set[str]) -> tuple[str, bool]:
    """The training word nearest by embedding, and whether it is accepted: what a generator that draws
    exactly the nearest training class would score (1 or 0). ``similarities`` sorted highest first."""
    if not similarities:
        raise ValueError("no similarities given")
    nearest = similarities[0][0]
    return nearest, nearest in accepted_words
