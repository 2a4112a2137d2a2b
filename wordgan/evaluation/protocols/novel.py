"""Scores of novel words: does a word the model never saw come out as something a person would accept?"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from wordgan.evaluation.judge.judgements import Judged
from wordgan.evaluation.metrics import class_histogram, embedding_agreement, nearest_word_hit, share_in, uniform_chance


def novel_word_scores(
    judged: Judged,
    accepted: set[int],
    similarities: Sequence[tuple[str, float]],
    words: list[str],
) -> dict[str, Any]:
    """One novel word's scores.

    ``accepted``: class indexes a person would accept; ``similarities``: (training word, cosine) pairs
    from the embedder, highest first; ``words``: the K class words of the run, in class order.
    """
    histogram = class_histogram(judged.predicted, len(words))  # (K,)
    accepted_words = {words[c] for c in accepted}
    nearest, hit = nearest_word_hit(similarities, accepted_words)
    trained = [word for word, _ in similarities]
    agreement = embedding_agreement(
        np.array([sim for _, sim in similarities]), histogram[[words.index(word) for word in trained]]
    )
    return {
        "accepted": sorted(accepted_words, key=words.index),
        "score": share_in(judged.predicted, accepted),
        "chance": uniform_chance(accepted, len(words)),
        "nearest_word": nearest,
        "nearest_word_accepted": hit,
        "agreement": agreement,
        "drawn_as": words[int(histogram.argmax())],
        "histogram": dict(zip(words, histogram.tolist())),
    }


def summarise_novel(per_word: dict[str, dict[str, Any]], skipped: dict[str, str]) -> dict[str, Any]:
    """Means over novel words: the score beside uniform chance and beside the nearest-word figure.

    A novel word that the model was trained on as an extra word of some class (vocabulary expansion; its
    ``trained_as`` is set) is not new to the generator: ``unseen_*`` are the means over the others only.
    """
    if not per_word:
        return {"words": 0, "per_word": {}, "skipped": skipped}
    agreements = [s["agreement"] for s in per_word.values() if s["agreement"] is not None]
    unseen = [s["score"] for s in per_word.values() if s.get("trained_as") is None]
    return {
        "words": len(per_word),
        "mean_score": float(np.mean([s["score"] for s in per_word.values()])),
        "unseen_words": len(unseen),
        "unseen_mean_score": float(np.mean(unseen)) if unseen else None,
        "mean_chance": float(np.mean([s["chance"] for s in per_word.values()])),
        "nearest_word_score": float(np.mean([s["nearest_word_accepted"] for s in per_word.values()])),
        "mean_agreement": float(np.mean(agreements)) if agreements else None,
        "per_word": per_word,
        "skipped": skipped,
    }
