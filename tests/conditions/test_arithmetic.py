"""Word arithmetic on conditions, on a tiny real run (GloVe conditions)."""
from __future__ import annotations

import pytest
import torch

from wordgan.conditions import arithmetic
from wordgan.conditions.arithmetic import parse_expression
from wordgan.conditions.vectors import normalise
from wordgan.errors import WordganError
from wordgan.model.word_model import WordModel


@pytest.fixture(scope="module")
def model(trained_run):
    return WordModel.load(trained_run)


@pytest.mark.parametrize(
    "text, terms",
    [
        ("boots - winter + summer", ((1, "boots"), (-1, "winter"), (1, "summer"))),
        ("  long   sleeve shirt ", ((1, "long sleeve shirt"),)),
        ("t-shirt + long-sleeve", ((1, "t-shirt"), (1, "long-sleeve"))),  # a hyphen inside a word is no operator
        ("a+b", ((1, "a+b"),)),
    ],
)
def test_parse(text, terms):
    assert parse_expression(text).terms == terms


@pytest.mark.parametrize("text", ["", "   ", "- boots", "boots -", "boots + + summer", "+"])
def test_parse_refuses_missing_terms(text):
    with pytest.raises(WordganError):
        parse_expression(text)


def test_parse_limits_terms():
    assert len(parse_expression("a + b + c", max_terms=3).terms) == 3
    with pytest.raises(WordganError, match="4 terms; at most 3"):
        parse_expression("a + b + c + d", max_terms=3)


def test_a_single_word_is_drawn_exactly_as_the_model_draws_it(model):
    for word in ("sandals", "slipper"):
        for temperature in (None, 0.05):
            assert torch.equal(
                arithmetic.condition(model, parse_expression(word), temperature), model.conditions([word], temperature)[0]
            )


def test_a_sum_is_the_signed_sum_of_the_terms_at_rms_one(model):
    boots, winter, summer = model.conditions(["boots", "winter", "summer"], None)
    expected = normalise((boots - winter + summer).unsqueeze(0))[0]
    drawn = arithmetic.condition(model, parse_expression("boots - winter + summer"), None)
    assert torch.allclose(drawn, expected) and torch.isclose(drawn.pow(2).mean(), torch.tensor(1.0))


def test_a_sum_is_snapped_like_a_new_word(model):
    expression = parse_expression("boots - winter + summer")
    weights = dict(arithmetic.drawn_as(model, expression, 0.05))
    assert sum(weights.values()) == pytest.approx(1, abs=1e-4) and set(weights) == set(model.label_words)
    snapped = arithmetic.condition(model, expression, 0.05)
    mixture = normalise(torch.stack([weights[w] * c for w, c in zip(model.label_words, model.label_conditions)]).sum(0, keepdim=True))[0]
    assert torch.allclose(snapped, mixture, atol=1e-4)


def test_what_a_text_is_drawn_as(model):
    assert arithmetic.drawn_as(model, parse_expression("sandals"), 0.05) is None  # a label word: itself
    assert arithmetic.drawn_as(model, parse_expression("slipper"), None) is None  # raw: its own embedding
    ranked = arithmetic.similarities(model, parse_expression("boots + sandals"))
    assert {w for w, _ in ranked[:2]} == {"boots", "sandals"} and ranked == sorted(ranked, key=lambda p: -p[1])


def test_terms_that_cancel_are_refused(model):
    with pytest.raises(WordganError, match="cancels out"):
        arithmetic.condition(model, parse_expression("boots - boots"), None)
