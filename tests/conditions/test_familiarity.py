"""Words far from everything a model draws (wordgan.conditions.familiarity), on the shipped model."""
from __future__ import annotations

import pytest
import torch

from tests.support import SHIPPED
from wordgan.conditions.familiarity import unfamiliar_words
from wordgan.conditions.mapping import DEFAULT_MAPPING, WordMapper
from wordgan.model.word_model import WordModel


@pytest.fixture(scope="module")
def model():
    return WordModel.load(SHIPPED)


@pytest.fixture(scope="module")
def mapper(model):
    """The shipped model's trained words, mapped as new models map (USE and MiniLM as evidence)."""
    classes = torch.tensor([model.label_words.index(c) for c in model.trained_classes])
    return WordMapper(DEFAULT_MAPPING, model.label_words, model.trained_words, classes, model.trained_conditions, lambda: model.embedder)


@pytest.fixture
def unfamiliar(model, mapper):
    return lambda words: unfamiliar_words(mapper, words, model.conditions(words, None))


def test_gibberish_is_reported_and_real_words_are_not(unfamiliar):
    words = ["qxzvqxzv", "zxcvbnm", "slipper", "running", "Stiefel", "open-toe summer shoes", "boots"]
    found = unfamiliar(words)
    assert [u.word for u in found] == ["qxzvqxzv", "zxcvbnm"]
    assert "qxzvqxzv" in found[0].message() and "drawn as a blend anyway" in found[0].message()


def test_a_typo_far_from_everything_names_the_word_it_slips_from(unfamiliar):
    found = unfamiliar(["sandals", "dres"])
    assert [(u.word, u.suggestion) for u in found] == [("dres", "dress")]
    assert "did you mean 'dress'?" in found[0].message()
