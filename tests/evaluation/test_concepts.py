"""Many-concept zero-shot metrics on cases with known answers: copying real images scores perfectly, a
constant generator scores chance."""
import numpy as np
import pytest

from wordgan.evaluation.metrics.concepts import (
    concept_prototypes,
    concept_rank,
    group_index,
    held_out_concept_scores,
    nearest_trained_in_group,
    retrieval_summary,
    subcategory_accuracy,
    subcategory_chance,
)

K, F, PER_CONCEPT = 60, 16, 3  # 60 concepts in 6 equal subcategories, 3 real drawings each
WORDS = [f"concept {k}" for k in range(K)]
GROUPS = {f"sub{g}": WORDS[g * 10 : (g + 1) * 10] for g in range(6)}


@pytest.fixture
def real():
    """(K * 3, F) features clustered around one random centre per concept, and their (K * 3,) labels."""
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(K, F)) * 3
    labels = np.repeat(np.arange(K), PER_CONCEPT)
    return centres[labels] + rng.normal(size=(K * PER_CONCEPT, F)) * 0.1, labels


def similarities_to(word):
    """The embedder's answer for a held-out word: its own group's first other member is nearest."""
    group = next(members for members in GROUPS.values() if word in members)
    return [(next(w for w in group if w != word), 0.9), ("concept 0" if word != "concept 0" else "concept 59", 0.1)]


def test_copying_real_images_scores_perfectly(real):
    features, labels = real
    generated = {w: (labels[labels == k], features[labels == k]) for k, w in enumerate(WORDS)}  # predicted = true
    scores = held_out_concept_scores(generated, WORDS, GROUPS, features, labels, {w: similarities_to(w) for w in WORDS})
    assert scores["subcategory_accuracy"] == 1.0
    assert scores["median_rank"] == 1.0
    assert scores["recall_at_1"] == scores["recall_at_10"] == scores["recall_at_50"] == 1.0
    assert scores["chance_subcategory_accuracy"] == pytest.approx(10 / 60)
    assert scores["nearest_trained_subcategory_accuracy"] == 1.0
    assert scores["per_word"]["concept 7"]["drawn_as"] == "concept 7"


def test_a_constant_generator_scores_chance(real):
    """One image for every word: over all K words the true concept's rank takes each of 1..K once, so median
    rank and Recall@k are exactly chance; with equal subcategories its subcategory accuracy is chance too."""
    features, labels = real
    rng = np.random.default_rng(1)
    constant = rng.normal(size=F)
    generated = {w: (np.full(5, 13), np.tile(constant, (5, 1))) for w in WORDS}
    scores = held_out_concept_scores(generated, WORDS, GROUPS, features, labels, {w: similarities_to(w) for w in WORDS})
    assert sorted(s["rank"] for s in scores["per_word"].values()) == list(range(1, K + 1))
    assert scores["median_rank"] == scores["chance_median_rank"] == (K + 1) / 2
    for k in (1, 10, 50):
        assert scores[f"recall_at_{k}"] == pytest.approx(scores[f"chance_recall_at_{k}"]) == pytest.approx(k / K)
    assert scores["subcategory_accuracy"] == pytest.approx(scores["chance_subcategory_accuracy"]) == pytest.approx(1 / 6)


def test_per_subcategory_shows_which_kinds_fail(real):
    features, labels = real
    # Words of sub0 are drawn as their own concept; words of sub1 as concept 59, which lies in sub5.
    generated = {w: (np.full(4, k), features[labels == k][:1].repeat(4, axis=0)) for k, w in enumerate(WORDS[:10])}
    generated |= {w: (np.full(4, 59), features[labels == 59][:1].repeat(4, axis=0)) for w in WORDS[10:20]}
    scores = held_out_concept_scores(generated, WORDS, GROUPS, features, labels, {w: similarities_to(w) for w in WORDS})
    assert scores["per_subcategory"] == {"sub0": 1.0, "sub1": 0.0}
    assert scores["subcategory_accuracy"] == 0.5 and scores["words"] == 20
    assert scores["per_word"]["concept 12"]["drawn_as"] == "concept 59"


def test_rank_counts_better_concepts_and_splits_ties():
    prototypes = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [-1.0, 0.0]])
    assert concept_rank(np.array([1.0, 0.1]), 0, prototypes) == 1.0
    assert concept_rank(np.array([1.0, 0.1]), 3, prototypes) == 4.0
    assert concept_rank(np.array([0.0, 2.0]), 1, prototypes) == 1.5  # tied with concept 2
    assert concept_rank(np.array([0.0, 2.0]), 2, prototypes) == 1.5


def test_retrieval_summary_beside_chance():
    summary = retrieval_summary([1, 2, 30, 100], num_concepts=1000, ks=(1, 10, 50))
    assert summary["median_rank"] == 16.0 and summary["chance_median_rank"] == 500.5
    assert (summary["recall_at_1"], summary["recall_at_10"], summary["recall_at_50"]) == (0.25, 0.5, 0.75)
    assert summary["chance_recall_at_10"] == 0.01


def test_subcategory_accuracy_and_chance():
    group_of = np.array([0, 0, 1, 1, 1])
    assert subcategory_accuracy(np.array([0, 1, 2, 4]), group_of, 1) == 0.5
    assert subcategory_chance(group_of, 1) == 0.6
    assert nearest_trained_in_group([("b", 0.8), ("c", 0.2)], {"b": 0, "c": 1}, 1) == ("b", False)


def test_prototypes_are_concept_means_and_need_every_concept():
    features = np.array([[0.0, 2.0], [2.0, 0.0], [5.0, 5.0]])
    assert concept_prototypes(features, np.array([0, 0, 1]), 2).tolist() == [[1.0, 1.0], [5.0, 5.0]]
    with pytest.raises(ValueError, match="1 have none"):
        concept_prototypes(features, np.array([0, 0, 1]), 3)


def test_group_index_needs_one_group_per_word():
    assert group_index(["a", "b", "c"], {"x": ["c"], "y": ["a", "b"]}).tolist() == [1, 1, 0]
    with pytest.raises(ValueError, match="no group"):
        group_index(["a", "d"], {"x": ["a"]})
    with pytest.raises(ValueError, match="two groups"):
        group_index(["a"], {"x": ["a"], "y": ["a"]})


def test_seen_concepts_copied_score_perfectly_and_a_constant_scores_chance(real):
    from wordgan.evaluation.metrics.concepts import seen_concept_scores

    features, labels = real
    copied = {w: (labels[labels == k], features[labels == k]) for k, w in enumerate(WORDS)}
    scores = seen_concept_scores(copied, WORDS, features, labels)
    assert scores["mean_accuracy"] == 1.0 and scores["precision"] == scores["recall"] == 1.0
    assert scores["frechet"] == pytest.approx(0.0, abs=1e-6) and scores["real_images"] == K * PER_CONCEPT
    constant = {w: (np.full(3, 13), features[labels == 13]) for w in WORDS}
    scores = seen_concept_scores(constant, WORDS, features, labels)
    assert scores["mean_accuracy"] == pytest.approx(scores["chance_accuracy"]) == pytest.approx(1 / K)
    assert scores["recall"] < 0.1  # one concept's images cover little of the real manifold
