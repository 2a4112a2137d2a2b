"""Word arithmetic on conditions: ``"boots - winter + summer"`` as one condition vector.

The grammar is deliberately small::

    expression := term ((" + " | " - ") term)*
    term       := a word or phrase (any text without a free-standing + or -)

An operator counts only with white space on both sides, so ``t-shirt`` and ``long-sleeve shirt`` stay one
term. There are no coefficients and no parentheses. Each term is turned into the condition the model would
use for it unsnapped (trained words: their stored vector; new words: their embedding), the terms are added
with their signs, and the sum is rescaled to root-mean-square 1, the scale every condition the generator
saw was on. The result is a point of the embedding space, drawn as the model draws a new word (snapped onto
the label words at the model's temperature, unless told otherwise). What such a point means depends on the
embedder: see docs/interpolation.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import torch

from wordgan.conditions.vectors import cosine_similarities, normalise
from wordgan.errors import WordganError
from wordgan.model.settings import MODEL_DEFAULT

if TYPE_CHECKING:  # arithmetic works on a model's conditions; the model does not need it
    from wordgan.model.word_model import WordModel

#: A free-standing operator: + or - with white space (or the end of the text) on both sides.
_OPERATOR = re.compile(r"(?:(?<=\s)|^)([+-])(?=\s|$)")


@dataclass(frozen=True)
class Expression:
    """Signed terms: ``"boots - winter + summer"`` -> ((1, "boots"), (-1, "winter"), (1, "summer"))."""

    terms: tuple[tuple[int, str], ...]

    @property
    def words(self) -> list[str]:
        return [word for _, word in self.terms]

    @property
    def is_single_word(self) -> bool:
        return len(self.terms) == 1

    def __str__(self) -> str:
        return self.terms[0][1] + "".join(f" {'+' if sign > 0 else '-'} {word}" for sign, word in self.terms[1:])


def parse_expression(text: str, max_terms: int | None = None) -> Expression:
    """Read ``"boots - winter + summer"``; a plain word or phrase is a one-term expression.

    Raises :class:`WordganError` for an empty text or term (``"boots -"``, ``"- boots"``, ``"a + + b"``) and
    for more than ``max_terms`` terms.
    """
    text = " ".join(str(text).split())
    if not text:
        raise WordganError("no word given: type a word, a phrase or an expression such as 'boots - winter + summer'")
    pieces = _OPERATOR.split(text)  # [term, op, term, op, term, ...]
    terms, signs = pieces[0::2], [1] + [1 if op == "+" else -1 for op in pieces[1::2]]
    for i, term in enumerate(terms):
        if not term.strip():
            where = "at the start" if i == 0 else f"after {pieces[2 * i - 1]!r}"
            raise WordganError(f"{text!r} has an operator without a word {where}; write e.g. 'boots - winter + summer'")
    if max_terms is not None and len(terms) > max_terms:
        raise WordganError(f"{text!r} has {len(terms)} terms; at most {max_terms} are allowed")
    return Expression(tuple((sign, term.strip()) for sign, term in zip(signs, terms)))


def raw_condition(model: WordModel, expression: Expression) -> torch.Tensor:
    """The (E,) unsnapped condition of an expression: the signed sum of its terms' conditions, at RMS 1."""
    parts = model.conditions(expression.words, None)  # (T, E) trained words stored, new words embedded
    signs = torch.tensor([float(sign) for sign, _ in expression.terms]).unsqueeze(1)  # (T, 1)
    total = (signs * parts).sum(dim=0)  # (E,)
    if total.norm() < 1e-4 * parts.norm(dim=1).max():
        raise WordganError(f"{expression} cancels out: its terms sum to (almost) zero")
    return normalise(total.unsqueeze(0))[0]


def condition(
    model: WordModel, expression: Expression, temperature: float | str | None = MODEL_DEFAULT, blend: float = 1.0
) -> torch.Tensor:
    """The (E,) condition the model draws an expression with.

    A single word is drawn exactly as :meth:`WordModel.conditions` draws it (label words at their own
    vector, other words snapped at ``temperature``); a sum of terms is a new point, so it is snapped like a
    new word (None: drawn raw).
    """
    if expression.is_single_word:
        return model.conditions(expression.words, temperature, blend)[0]
    temperature = model.resolve_temperature(temperature)
    vector = raw_condition(model, expression)
    if temperature is None:
        return vector
    snapped, _ = _snap(model, vector, temperature, blend)
    return snapped


def similarities(model: WordModel, expression: Expression) -> list[tuple[str, float]]:
    """Cosine similarity of the expression's raw condition to each label word, highest first."""
    if expression.is_single_word:
        return model.similarities(expression.words[0])
    sims = cosine_similarities(raw_condition(model, expression), model.label_conditions)  # (K,)
    return sorted(zip(model.label_words, sims.tolist()), key=lambda pair: -pair[1])


def drawn_as(
    model: WordModel, expression: Expression, temperature: float | str | None = MODEL_DEFAULT
) -> list[tuple[str, float]] | None:
    """How much of each label word the drawn condition takes (highest first), or None when the expression
    is drawn at its own vector: a label word, or any text when snapping is off."""
    temperature = model.resolve_temperature(temperature)
    if temperature is None or (expression.is_single_word and expression.words[0] in model.label_words):
        return None
    if expression.is_single_word:
        return model.snap_weights(expression.words[0], temperature)
    _, weights = _snap(model, raw_condition(model, expression), temperature)
    return sorted(zip(model.label_words, weights.tolist()), key=lambda pair: -pair[1])


def conditions(
    model: WordModel, texts: Sequence[str], temperature: float | str | None = MODEL_DEFAULT, blend: float = 1.0
) -> torch.Tensor:
    """N texts (words, phrases or expressions) -> (N, E) conditions, as :func:`condition` draws each."""
    return torch.stack([condition(model, parse_expression(text), temperature, blend) for text in texts])


def _snap(model: WordModel, vector: torch.Tensor, temperature: float, blend: float = 1.0) -> tuple[torch.Tensor, torch.Tensor]:
    """(E,) -> the (E,) snapped condition and the (K,) label weights, as the model snaps a vector that is no
    word: by its own trained words' vectors."""
    snapped, weights = model.snap(vector.unsqueeze(0), temperature, blend)
    return snapped[0], weights[0]
