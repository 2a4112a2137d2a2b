"""The held-out class protocol (Lazaridou et al. 2014): a class left out of training, asked for by its word."""
from __future__ import annotations

from typing import Any, Sequence

from wordgan.evaluation.judge.judgements import Judged, RealSet
from wordgan.evaluation.metrics import share_in, uniform_chance
from wordgan.evaluation.protocols.novel import novel_word_scores
from wordgan.evaluation.protocols.seen import image_scores


def held_out_scores(
    judged: Judged,
    class_index: int,
    family_name: str,
    family: set[int],
    similarities: Sequence[tuple[str, float]],
    real: RealSet,
    words: list[str],
) -> dict[str, Any]:
    """How a held-out word's images are classified: as its exact class, and within its family.

    ``family``: class indexes of the word's family (e.g. footwear), the class itself included.
    """
    images = image_scores(judged, class_index, real, words)
    novel = novel_word_scores(judged, family, similarities, words)
    return {
        "class": words[class_index],
        "exact": images["accuracy"],
        "chance_exact": uniform_chance({class_index}, len(words)),
        "family_name": family_name,
        "family": novel["accepted"],
        "family_share": share_in(judged.predicted, family),
        "chance_family": uniform_chance(family, len(words)),
        "nearest_word": novel["nearest_word"],
        "nearest_word_in_family": novel["nearest_word_accepted"],
        "agreement": novel["agreement"],
        "drawn_as": novel["drawn_as"],
        **{key: images[key] for key in ("frechet", "precision", "recall", "recall_at_1", "recall_at_10", "recall_at_50")},
        "histogram": images["histogram"],
    }
