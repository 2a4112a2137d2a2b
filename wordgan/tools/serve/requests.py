"""What one visitor of the page asks for, read from the query string, checked against size limits.

Everything a request needs is in its :class:`DrawRequest`, built fresh for every HTTP request, so two
visitors never share per-request state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from wordgan.conditions.arithmetic import Expression, parse_expression
from wordgan.errors import WordganError
from wordgan.model.limits import MAX_SEED

#: How much the downloaded grid enlarges each image (the page shows them at the same size).
ZOOMS = (1, 8)
_WHOLE = re.compile(r"-?[0-9]{1,30}")


@dataclass(frozen=True)
class Limits:
    """The most one request may ask for, so one visitor cannot tie up the server."""

    text_chars: int = 60  # per word field
    terms: int = 4  # words in one expression ("boots - winter + summer" is 3)
    n: int = 32  # images per request
    query_chars: int = 1000  # the whole query string


@dataclass(frozen=True)
class DrawRequest:
    """``n`` images of ``word`` (an expression), moved ``amount`` of the way toward ``second`` if given; the
    grid enlarges each image ``zoom`` times."""

    word: Expression
    n: int = 8
    seed: int = 0
    temperature: float | str | None = "model"
    truncation: float | str | None = "model"
    second: Expression | None = None
    amount: float = 0.5
    zoom: int = 3


def parse_request(params: Mapping[str, str], limits: Limits) -> DrawRequest:
    """Query parameters -> a :class:`DrawRequest`; a :class:`WordganError` naming the bad field otherwise.

    ``word`` (required), ``second``, ``n``, ``seed`` (0 to 2**64 - 1, as ``wordgan generate --seed``),
    ``amount`` (0..1), ``temperature`` (a positive number, ``raw``, or ``model``), ``truncation`` (a positive
    number, ``off``, or ``model``) and ``zoom`` (1..8).
    """
    from wordgan.model.settings import MODEL_DEFAULT

    known = {"word", "second", "n", "seed", "amount", "temperature", "truncation", "zoom"}
    unknown = sorted(set(params) - known)
    if unknown:
        raise WordganError(f"unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    word = _expression(params.get("word", ""), "word", limits)
    second_text = params.get("second", "").strip()
    second = _expression(second_text, "second word", limits) if second_text else None
    return DrawRequest(
        word=word,
        n=_integer(params, "n", 8, 1, limits.n),
        seed=_integer(params, "seed", 0, 0, MAX_SEED),
        temperature=_setting(params, "temperature", ("raw", "none"), MODEL_DEFAULT),
        truncation=_setting(params, "truncation", ("off", "none"), MODEL_DEFAULT),
        second=second,
        amount=_number(params, "amount", 0.5, 0.0, 1.0),
        zoom=_integer(params, "zoom", 3, *ZOOMS),
    )


def _expression(text: str, field: str, limits: Limits) -> Expression:
    if len(text) > limits.text_chars:
        raise WordganError(f"the {field} is {len(text)} characters long; at most {limits.text_chars} are allowed")
    if not text.strip():
        raise WordganError(f"the {field} is empty: type a word, a phrase or e.g. 'boots - winter + summer'")
    return parse_expression(text, max_terms=limits.terms)


def _integer(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    text = params.get(name, "").strip()
    if not text:
        return default
    if not _WHOLE.fullmatch(text):  # int() would also take "1_000" and Arabic-Indic digits
        raise WordganError(f"{name} must be a whole number, got {text[:20]!r}")
    value = int(text)
    if not low <= value <= high:
        raise WordganError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _number(params: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    text = params.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise WordganError(f"{name} must be a number, got {text[:20]!r}") from None
    if not low <= value <= high:
        raise WordganError(f"{name} must be between {low:g} and {high:g}, got {text[:20]}")
    return value


def _setting(params: Mapping[str, str], name: str, off_words: tuple[str, ...], model_default: str) -> float | str | None:
    """A positive number (at most 100), an off word (None), or ``model`` / nothing (the model's own)."""
    text = params.get(name, "").strip().lower()
    if text in ("", "model"):
        return model_default
    if text in off_words:
        return None
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 100:
        raise WordganError(f"{name} must be a positive number (at most 100), {off_words[0]!r} or 'model', got {text[:20]!r}")
    return value
