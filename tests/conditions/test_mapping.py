"""Mapping new words onto classes (wordgan.conditions.mapping) with real GloVe vectors, the real USE model and WordNet 3.

The best-word scoring of wordgan 0.2 and 0.3 models; the weighted evidence of new ones is tested in test_evidence.py."""
from __future__ import annotations

import pytest
import torch

import wordgan
from wordgan.conditions.vectors import condition_vectors
from wordgan.errors import WordganError
from wordgan.conditions.evidence import best_of_class
from wordgan.conditions.mapping import DEFAULT_MAPPING, MAPPING_0_3, MODEL_EMBEDDER, MappingSettings, WordMapper, WordNetKinds

LABELS = ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots"]
EXTRA = [("cowboy boot", "boots"), ("sandal", "sandals"), ("backpack", "bag"), ("sweater", "pullover")]


@pytest.fixture(scope="module")
def glove():
    return wordgan.build_embedder("word2vec")


def mapper(glove, settings: MappingSettings) -> WordMapper:
    words = LABELS + [w for w, _ in EXTRA]
    classes = torch.tensor(list(range(len(LABELS))) + [LABELS.index(c) for _, c in EXTRA])
    return WordMapper(settings, LABELS, words, classes, condition_vectors(glove, words), lambda: glove)


def test_settings_round_trip_and_refuse_bad_values():
    for settings in (MAPPING_0_3, DEFAULT_MAPPING):
        assert MappingSettings.from_dict(settings.to_dict()) == settings
    assert MappingSettings.from_dict({"evidence": ["use"], "wordnet_bonus": 0.2}) == MAPPING_0_3  # as wordgan 0.3 stored it
    assert MappingSettings.from_dict(None) == MappingSettings(evidence=(MODEL_EMBEDDER,), wordnet_bonus=0.0)
    weights = DEFAULT_MAPPING.to_dict()["weights"]
    for bad in [{"evidence": []}, {"wordnet_bonus": -1}, {"colour": "red"},
                {"evidence": ["use"], "weights": weights},  # weights for "model", which is not evidence
                {"evidence": ["model", "use"], "weights": {**weights, "label": {"use": -1}}},
                {"evidence": ["model", "use"], "weights": {**weights, "colour": 1}}]:
        with pytest.raises(WordganError):
            MappingSettings.from_dict(bad)


def test_wordnet_files_words_under_the_classes_they_are_kinds_of():
    kinds = WordNetKinds(LABELS, LABELS + ["sandal"], list(range(len(LABELS))) + [5])
    footwear = {LABELS.index(c) for c in ("sandals", "sneakers", "boots")}
    assert kinds.classes_of("moccasins") == {LABELS.index("sandals"), LABELS.index("sneakers")}  # a kind of shoe
    assert kinds.classes_of("slipper") == footwear
    assert kinds.classes_of("flip-flops") == {LABELS.index("sandals")}  # a kind of sandal
    assert kinds.classes_of("rain") == frozenset() and kinds.classes_of("qxzvqxzv") == frozenset()


def test_the_default_settings_snap_as_before(glove):
    """Without mapping settings (a model saved before them), weights are wordgan 0.2's snapping."""
    m = mapper(glove, MappingSettings())
    vectors = condition_vectors(glove, ["slipper", "briefcase"])
    # By hand: each class scores its best trained word's cosine; the weights are their softmax at T.
    sims = torch.nn.functional.normalize(vectors, dim=1) @ torch.nn.functional.normalize(m.model_conditions, dim=1).T  # (2, V')
    best = torch.stack([sims[:, m.trained_classes == k].max(dim=1).values for k in range(len(LABELS))], dim=1)  # (2, K)
    expected = torch.softmax(best / 0.02, dim=1)
    torch.testing.assert_close(m.weights(["slipper", "briefcase"], vectors, 0.02), expected)


def test_trained_words_keep_their_class_and_weights_sum_to_one(glove):
    m = mapper(glove, MAPPING_0_3)
    weights = m.weights(["cowboy boot", "Stiefel"], condition_vectors(glove, ["boot", "boot"]), 0.03)
    assert weights[0].tolist() == torch.nn.functional.one_hot(torch.tensor(LABELS.index("boots")), 10).float().tolist()
    torch.testing.assert_close(weights.sum(1), torch.ones(2))


def test_use_evidence_and_wordnet_fix_what_glove_gets_wrong(glove):
    """With these trained words GloVe alone draws brogues as trousers and galoshes as a T-shirt; USE + WordNet
    put both in footwear, and the German "Stiefel" (GloVe does not know it: any vector stands in) in boots."""
    plain, robust = mapper(glove, MappingSettings()), mapper(glove, MAPPING_0_3)
    vectors = condition_vectors(glove, ["brogues", "galoshes"])
    assert [LABELS[i] for i in plain.weights(["brogues", "galoshes"], vectors, 0.02).argmax(1)] == ["trousers", "t-shirt"]
    assert all(LABELS[i] in ("sandals", "sneakers", "boots") for i in robust.weights(["brogues", "galoshes"], vectors, 0.03).argmax(1))
    stiefel = robust.weights(["Stiefel"], condition_vectors(glove, ["shoe"]), 0.03)[0]
    assert LABELS[int(stiefel.argmax())] == "boots"


def test_a_class_an_embedder_knows_no_word_of_is_not_vetoed():
    sims = best_of_class(torch.tensor([[1.0, 0.0]]), torch.tensor([[1.0, 0.0], [0.0, 1.0]]), torch.tensor([0, 1]), 3)
    assert sims.tolist() == [[1.0, 0.0, 0.0]]
