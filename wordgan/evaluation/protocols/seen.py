"""Scores of the words a run was trained on."""
from __future__ import annotations

from typing import Any

import numpy as np

from wordgan.errors import WordganError
from wordgan.evaluation.judge.judgements import Judged, RealSet
from wordgan.evaluation.metrics import (
    class_accuracy,
    class_histogram,
    frechet_distance,
    precision_recall,
    recall_at_k,
)

RETRIEVAL_KS = (1, 10, 50)
#: Real images a class needs for its precision/recall, whose manifolds reach each point's 3rd neighbour.
MIN_REAL_IMAGES = 4


def image_scores(judged: Judged, class_index: int, real: RealSet, words: list[str]) -> dict[str, Any]:
    """Scores of one word's images against the real images of ``class_index``; ``words`` names the K classes."""
    real_features = real.features_of(class_index, len(judged.predicted))
    if len(real_features) < MIN_REAL_IMAGES:
        raise WordganError(
            f"the class {words[class_index]!r} has {len(real_features)} real test image(s); per-word precision and recall "
            f"need at least {MIN_REAL_IMAGES} (3 neighbours each). For datasets with a few images per concept, such as "
            "emoji, score held-out concepts with wordgan.evaluation.protocols.held_out_concepts (docs/many-concepts.md)"
        )
    precision, recall = precision_recall(real_features, judged.features)
    retrieval = recall_at_k(judged.features, class_index, real.judged.features, real.labels, RETRIEVAL_KS)
    return {
        "class": words[class_index],
        "accuracy": class_accuracy(judged.predicted, class_index),
        "evaluator_real_accuracy": real.accuracy_of(class_index),
        "frechet": frechet_distance(judged.features, real_features),
        "precision": precision,
        "recall": recall,
        **{f"recall_at_{k}": value for k, value in retrieval.items()},
        "histogram": dict(zip(words, class_histogram(judged.predicted, len(words)).tolist())),
    }


def score_seen(judged: dict[str, Judged], class_of: dict[str, int], real: RealSet, words: list[str]) -> dict[str, Any]:
    """Per trained word and overall: GAN-test accuracy, Fréchet distance, precision/recall, Recall@K.

    ``judged``: trained word -> its generated images judged; ``class_of``: word -> class index.
    """
    per_word = {word: image_scores(judged[word], class_of[word], real, words) for word in judged}
    fake = np.concatenate([judged[word].features for word in judged])  # (W * n, F)
    real_features = np.concatenate([real.features_of(class_of[word], len(judged[word].features)) for word in judged])
    precision, recall = precision_recall(real_features, fake)
    return {
        "mean_accuracy": _mean(per_word, "accuracy"),
        "evaluator_real_accuracy": _mean(per_word, "evaluator_real_accuracy"),
        "frechet": frechet_distance(fake, real_features),
        "precision": precision,
        "recall": recall,
        **{f"recall_at_{k}": _mean(per_word, f"recall_at_{k}") for k in RETRIEVAL_KS},
        "per_word": per_word,
    }


def _mean(per_word: dict[str, dict[str, Any]], key: str) -> float:
    return float(np.mean([scores[key] for scores in per_word.values()]))
