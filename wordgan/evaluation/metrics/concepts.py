"""Zero-shot metrics for datasets of many concepts grouped into subcategories (emoji: ~1,900 concepts in ~100
subcategories), as pure functions of evaluator predictions and features (numpy in, floats out).

Two questions about the images drawn for a concept the generator never trained on (Lazaridou et al.):

- **subcategory accuracy**: is it at least the right kind of thing ("food looks like food")? The share of its
  images whose predicted concept lies in its subcategory, read beside uniform chance (the subcategory's share
  of all concepts) and beside what drawing the nearest trained concept by embedding would score;
- **concept retrieval**: is it that very thing? The rank of the true concept among all K concepts when they
  are ordered by how close their real images' mean feature is to the generated images' mean feature
  (cosine), summarised as median rank and Recall@K over the held-out concepts, beside chance.

For the trained concepts, :func:`seen_concept_scores` gives accuracy, precision/recall and the Fréchet
distance pooled over the words, since emoji have too few real images per concept (3) for per-word figures.

Shapes: N images, K concepts, F feature size, W held-out words.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from wordgan.evaluation.metrics import class_accuracy, frechet_distance, precision_recall, share_in

RETRIEVAL_KS = (1, 10, 50)


def group_index(words: Sequence[str], groups: Mapping[str, Sequence[str]]) -> np.ndarray:
    """(K,) group number of each of the K concept ``words``, in ``groups`` order (subcategory name ->
    member words). Every word must be in exactly one group."""
    number = {}
    for g, members in enumerate(groups.values()):
        for word in members:
            if word in number:
                raise ValueError(f"{word!r} is in two groups")
            number[word] = g
    missing = [w for w in words if w not in number]
    if missing:
        raise ValueError(f"{len(missing)} concept(s) have no group, e.g. {missing[:3]}")
    return np.array([number[w] for w in words], dtype=np.int64)


def subcategory_accuracy(predicted: np.ndarray, group_of: np.ndarray, target: int) -> float:
    """Share of (N,) predicted concept indexes whose group (``group_of``: (K,) group per concept) is
    ``target``, the asked concept's group."""
    return share_in(predicted, set(np.flatnonzero(np.asarray(group_of) == target).tolist()))


def subcategory_chance(group_of: np.ndarray, target: int) -> float:
    """What a generator drawing a uniformly random concept scores: the group's share of the K concepts."""
    group_of = np.asarray(group_of)
    return float(np.mean(group_of == target))


def nearest_trained_in_group(
    similarities: Sequence[tuple[str, float]], group_of_word: Mapping[str, int], target: int
) -> tuple[str, bool]:
    """The trained concept nearest to a held-out word by embedding (``similarities``: (trained word, cosine),
    highest first) and whether it is in the word's group: what a generator that draws exactly the nearest
    trained concept would score (1 or 0). The bar a GAN must pass to add anything to its embedder."""
    if not similarities:
        raise ValueError("no similarities given")
    nearest = similarities[0][0]
    return nearest, group_of_word[nearest] == target


def concept_prototypes(features: np.ndarray, labels: np.ndarray, num_concepts: int) -> np.ndarray:
    """(N, F) real-image features with (N,) concept labels -> (K, F), each concept's mean feature."""
    features, labels = np.asarray(features, np.float64), np.asarray(labels)
    counts = np.bincount(labels, minlength=num_concepts)
    if counts.shape[0] != num_concepts or (counts == 0).any():
        raise ValueError(f"every one of the {num_concepts} concepts needs real images; "
                         f"{int((counts[:num_concepts] == 0).sum())} have none")
    sums = np.zeros((num_concepts, features.shape[1]))
    np.add.at(sums, labels, features)
    return sums / counts[:, None]


def concept_rank(query: np.ndarray, target: int, prototypes: np.ndarray) -> float:
    """Rank (1 = first) of concept ``target`` among the (K, F) ``prototypes`` ordered by cosine similarity
    to the (F,) ``query`` (the mean feature of one word's generated images). Ties share their mean rank."""
    query = np.asarray(query, np.float64)
    prototypes = np.asarray(prototypes, np.float64)
    similarity = prototypes @ query / (np.linalg.norm(prototypes, axis=1) * np.linalg.norm(query) + 1e-12)  # (K,)
    better = np.sum(similarity > similarity[target])
    tied = np.sum(similarity == similarity[target]) - 1  # others as close as the target
    return float(1 + better + tied / 2)


def retrieval_summary(ranks: Sequence[float], num_concepts: int, ks: Sequence[int] = RETRIEVAL_KS) -> dict[str, float]:
    """Median rank and Recall@k (share of words whose true concept ranks within k) over W words' ranks,
    each beside chance: a random order of K concepts puts the true one at a uniform rank in 1..K."""
    ranks = np.asarray(ranks, np.float64)
    if ranks.size == 0:
        raise ValueError("no ranks to summarise")
    summary = {"median_rank": float(np.median(ranks)), "chance_median_rank": (num_concepts + 1) / 2}
    for k in ks:
        summary[f"recall_at_{k}"] = float(np.mean(ranks <= k))
        summary[f"chance_recall_at_{k}"] = min(k, num_concepts) / num_concepts
    return summary


def held_out_concept_scores(
    generated: Mapping[str, tuple[np.ndarray, np.ndarray]],
    words: Sequence[str],
    groups: Mapping[str, Sequence[str]],
    real_features: np.ndarray,
    real_labels: np.ndarray,
    similarities: Mapping[str, Sequence[tuple[str, float]]],
) -> dict[str, Any]:
    """Subcategory accuracy and concept retrieval for held-out words, per word, per subcategory and overall.

    ``generated``: held-out word -> (predicted (N,) concept indexes, features (N, F)) of its generated images;
    ``words``: the K concepts in the evaluator's class order; ``groups``: subcategory -> concept words;
    ``real_features`` (M, F) and ``real_labels`` (M,): the evaluator on real images of every concept;
    ``similarities``: held-out word -> (trained word, cosine) pairs, highest first (:meth:`WordModel.similarities`).
    """
    group_of = group_index(words, groups)
    group_names = list(groups)
    prototypes = concept_prototypes(real_features, real_labels, len(words))
    per_word = {}
    for word, (predicted, features) in generated.items():
        target = words.index(word)
        group = int(group_of[target])
        nearest, nearest_hit = nearest_trained_in_group(
            similarities[word], {w: int(group_of[k]) for k, w in enumerate(words)}, group
        )
        counts = np.bincount(np.asarray(predicted), minlength=len(words))
        per_word[word] = {
            "subcategory": group_names[group],
            "subcategory_accuracy": subcategory_accuracy(predicted, group_of, group),
            "chance": subcategory_chance(group_of, group),
            "nearest_trained": nearest,
            "nearest_trained_in_subcategory": nearest_hit,
            "rank": concept_rank(np.asarray(features, np.float64).mean(axis=0), target, prototypes),
            "drawn_as": words[int(counts.argmax())],
        }
    if not per_word:
        raise ValueError("no held-out words to score")
    scores = list(per_word.values())
    by_subcategory: dict[str, list[float]] = {}
    for s in scores:
        by_subcategory.setdefault(s["subcategory"], []).append(s["subcategory_accuracy"])
    return {
        "words": len(per_word),
        "concepts": len(words),
        "subcategory_accuracy": float(np.mean([s["subcategory_accuracy"] for s in scores])),
        "chance_subcategory_accuracy": float(np.mean([s["chance"] for s in scores])),
        "nearest_trained_subcategory_accuracy": float(np.mean([s["nearest_trained_in_subcategory"] for s in scores])),
        **retrieval_summary([s["rank"] for s in scores], len(words)),
        "per_subcategory": {name: float(np.mean(values)) for name, values in sorted(by_subcategory.items())},
        "per_word": per_word,
    }


def seen_concept_scores(
    generated: Mapping[str, tuple[np.ndarray, np.ndarray]],
    words: Sequence[str],
    real_features: np.ndarray,
    real_labels: np.ndarray,
) -> dict[str, Any]:
    """Trained words: the share of each word's images the evaluator classifies as its concept (averaged,
    beside chance 1 / K), and precision, recall and Fréchet distance of all their images pooled against the
    real images of the same concepts.

    ``generated``: trained word -> (predicted (N,), features (N, F)); other arguments as for
    :func:`held_out_concept_scores`. The Fréchet distance is biased upward for small sets: compare it only
    between evaluations with the same words and image counts.
    """
    if not generated:
        raise ValueError("no trained words to score")
    real_features, real_labels = np.asarray(real_features), np.asarray(real_labels)
    per_word = {word: class_accuracy(predicted, words.index(word)) for word, (predicted, _) in generated.items()}
    fake = np.concatenate([features for _, features in generated.values()])  # (W * N, F)
    real = real_features[np.isin(real_labels, [words.index(word) for word in generated])]  # (M, F)
    precision, recall = precision_recall(real, fake)
    return {
        "words": len(per_word),
        "mean_accuracy": float(np.mean(list(per_word.values()))),
        "chance_accuracy": 1 / len(words),
        "precision": precision,
        "recall": recall,
        "frechet": frechet_distance(fake, real),
        "real_images": int(real.shape[0]),
        "per_word": per_word,
    }
