"""Weighted evidence (wordgan.conditions.evidence): each mechanism on a case with a known answer, with real
GloVe vectors, the real USE model and WordNet 3."""
from __future__ import annotations

import pytest
import torch

import wordgan
from wordgan.conditions.evidence import EvidenceWeights, background_words, evidence_scores
from wordgan.conditions.mapping import DEFAULT_MAPPING, MappingSettings, WordMapper
from wordgan.conditions.vectors import condition_vectors

LABELS = ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots"]


@pytest.fixture(scope="module")
def glove():
    return wordgan.build_embedder("word2vec")


@pytest.fixture(scope="module")
def use():
    return wordgan.build_embedder("use")


def weights(**terms) -> EvidenceWeights:
    per = {name: terms.pop(name, {}) for name in ("word", "label", "head", "gloss", "background")}
    return EvidenceWeights(**per, **terms)


def mapper(embedder, labels, words, classes, evidence_weights, evidence=("model",)) -> WordMapper:
    settings = MappingSettings(evidence=tuple(evidence), weights=evidence_weights)
    return WordMapper(settings, labels, words, torch.tensor(classes), condition_vectors(embedder, words), lambda: embedder)


def top(m: WordMapper, embedder, word: str) -> str:
    return m.label_words[int(m.weights([word], condition_vectors(embedder, [word]), 0.03)[0].argmax())]


def test_a_hub_class_no_longer_wins_an_unrelated_word(glove):
    """"bag" trained with 60 common words is near everything by chance: by its best word it wins snow, mud,
    ankle and heel from boots; less its mean nearness to unrelated words, boots wins them back."""
    # The 501st to 560th commonest nouns and adjectives: common words, none of them a background word.
    hub = ["greater", "hall", "late", "less", "model", "newspaper", "personal", "radiation", "serious", "service",
           "additional", "allotment", "captain", "college", "completion", "dream", "fig", "former", "income", "knowledge",
           "loss", "murder", "muscle", "natural", "sight", "trade", "artist", "aspect", "author", "clothes", "direct",
           "factor", "liberal", "near", "noise", "physical", "pound", "specific", "style", "tax", "arc", "brother",
           "command", "concern", "desire", "edge", "kitchen", "support", "thin", "title", "tradition", "understanding",
           "west", "wild", "woods", "beginning", "chapter", "dog", "further", "lack"]
    assert not set(hub) & set(background_words())
    labels, words = ["boots", "bag"], ["boots", "bag", *hub]
    classes = [0, 1] + [1] * len(hub)
    best_word = mapper(glove, labels, words, classes, weights(word={"model": 1.0}))
    calibrated = mapper(glove, labels, words, classes, weights(word={"model": 1.0}, background={"model": 1.0}))
    for word in ["snow", "mud", "ankle", "heel"]:
        assert top(best_word, glove, word) == "bag", word
        assert top(calibrated, glove, word) == "boots", word


def test_a_phrases_head_decides(glove):
    """Read whole, "crisp white dress shirt" is a dress and "a coat for a summer dress" a dress; their heads
    make them a shirt and a coat. "dress shoes" leaves dresses for footwear."""
    whole = mapper(glove, LABELS, LABELS, list(range(10)), weights(word={"model": 1.0}))
    headed = mapper(glove, LABELS, LABELS, list(range(10)), weights(word={"model": 1.0}, head={"model": 1.0}))
    for phrase, read_whole, by_head in [("crisp white dress shirt", "dress", "shirt"), ("a coat for a summer dress", "dress", "coat"),
                                        ("trousers with a shirt pocket", "shirt", "trousers")]:
        assert (top(whole, glove, phrase), top(headed, glove, phrase)) == (read_whole, by_head), phrase
    assert top(whole, glove, "dress shoes") == "dress" and top(headed, glove, "dress shoes") in ("sandals", "sneakers", "boots")


def test_the_label_word_outweighs_a_rare_vocabulary_word(use):
    """USE reads "slipper" by its sound: nearest the rare pullover word "slipover" (0.70). The label words
    say sandals."""
    labels, words, classes = ["sandals", "pullover"], ["sandals", "pullover", "slipover"], [0, 1, 1]
    best_word = mapper(use, labels, words, classes, weights(word={"model": 1.0}))
    by_label = mapper(use, labels, words, classes, weights(word={"model": 0.2}, label={"model": 1.0}))
    assert (top(best_word, use, "slipper"), top(by_label, use, "slipper")) == ("pullover", "sandals")


def test_wordnet_definitions_and_kinds_are_evidence(use, glove):
    """USE puts "reticule", "galoshes" and "dungarees" by pullovers; their WordNet definitions (a small
    purse, a waterproof overshoe, trousers with a bib) put them by bags, boots and trousers. WordNet files
    "moccasins" under shoes (sandals and sneakers here)."""
    plain = mapper(use, LABELS, LABELS, list(range(10)), weights(word={"model": 1.0}))
    gloss = mapper(use, LABELS, LABELS, list(range(10)), weights(word={"model": 0.2}, gloss={"model": 1.0}))
    for word, defined in [("reticule", "bag"), ("galoshes", "boots"), ("dungarees", "trousers")]:
        assert (top(plain, use, word), top(gloss, use, word)) == ("pullover", defined), word
    kinds = mapper(glove, LABELS, LABELS, list(range(10)), weights(word={"model": 0.2}, wordnet=1.0))
    assert top(kinds, glove, "moccasins") in ("sandals", "sneakers")


def test_a_typo_is_read_as_the_word_it_slips_from(use):
    """"sandels" and "trowsers" are no English words; one slip from sandals and trousers."""
    m = mapper(use, LABELS, LABELS, list(range(10)), weights(spelling=1.0))
    assert m.typo_classes("sandels") == {LABELS.index("sandals"): 1.0}
    assert m.typo_classes("trowsers") == {LABELS.index("trousers"): 1.0}
    assert m.typo_classes("sandals") == {} and m.typo_classes("running") == {}  # known words are no typos
    assert top(m, use, "trowsers") == "trousers"


def test_the_default_mapping_is_the_weighted_sum_of_its_terms(use):
    """DEFAULT_MAPPING on a model whose own embedder is USE too: its scores are the weighted sum of the
    terms, and German, a phrase and a typo land where a person would put them."""
    m = WordMapper(DEFAULT_MAPPING, LABELS, LABELS, torch.arange(10), condition_vectors(use, LABELS), lambda: use)
    words = ["Stiefel", "open-toe summer shoes", "trowsers"]
    vectors = condition_vectors(use, words)
    torch.testing.assert_close(m.scores(words, vectors), evidence_scores(DEFAULT_MAPPING.weights, m.terms(words, vectors)))
    drawn = [LABELS[i] for i in m.weights(words, vectors, 0.03).argmax(1)]
    assert drawn[0] == "boots" and drawn[1] in ("sandals", "sneakers", "boots") and drawn[2] == "trousers"


def test_an_embedder_that_knows_no_unrelated_word_is_not_calibrated_and_does_not_crash():
    """A one-hot embedder of the ten label words knows none of the background words: its background is neutral
    (mean 0, spread 1), where it crashed on an empty matrix (the onehot example's `generate` of a new word)."""
    from wordgan.conditions.evidence import EvidenceSource
    from wordgan.errors import UnknownWordError

    def encode(texts):
        raise UnknownWordError(texts[0], "the one-hot embedder")

    source = EvidenceSource("onehot", encode, lambda text: False, torch.eye(3), torch.arange(3), torch.ones(3, dtype=torch.bool), 3)
    background = source.background
    assert background.top_mean == 0.0 and background.top_spread == 1.0 and torch.equal(background.class_mean, torch.zeros(3))
    torch.testing.assert_close(source.support(torch.eye(3)[:1]), torch.tensor([1.0]))  # its best class, as is
