"""Say when a word is far from everything a model draws: gibberish ("qxzvqxzv"), typos, words nothing supports.

Snapping always draws something: a word no evidence connects to any class is drawn as a blend of the
classes it happens to sit nearest. :func:`unfamiliar_words` finds those words so that ``generate``,
``similar``, the web page and Python callers can say so. A new word is reported when

1. it is no English word WordNet lists (in any form or part of speech, or within a phrase: "open-toe
   summer shoes" has "shoes"), and
2. neither the model's embedder nor any of its mapping's evidence embedders finds its nearest class more
   than :data:`SUPPORT` spreads above where common unrelated words find theirs
   (:meth:`wordgan.conditions.mapping.WordMapper.support`).

A real word in another language passes by the second test (USE puts "Stiefel" right by boots); gibberish and
most typos fail both. English words pass whatever they are: "running" is a real request, and its class
weights say how sure the model is. A typo a slip or two from a word the classes are made of is given as a
suggestion ("handbg": did you mean "handbag"?). Without a WordNet database the first test is skipped.
"""
from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

import torch

from wordgan.conditions.lexicon import closest
from wordgan.errors import WordganError

class UnfamiliarWordWarning(UserWarning):
    """:meth:`wordgan.WordModel.generate` was asked for a word far from everything the model draws."""


Function = TypeVar("Function", bound=Callable)


def unwarned(function: Function) -> Function:
    """``function`` with :class:`UnfamiliarWordWarning` silenced: an evaluation scores such words like any other."""

    @functools.wraps(function)
    def quiet(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnfamiliarWordWarning)
            return function(*args, **kwargs)

    return quiet  # type: ignore[return-value]


#: Chosen on docs/data/word-lists/gibberish.json's tuning strings against the tuning list's words: at 1.5
#: it reports 17 of 20 gibberish strings and 18 of 223 real words, most of them typos (docs/zero-shot.md).
SUPPORT = 1.5


@dataclass(frozen=True)
class Unfamiliar:
    """A word reported as far from everything: how far above unrelated words its best evidence finds its
    nearest class (``support``, in their spreads), and a known word it may be a typo of."""

    word: str
    support: float
    suggestion: str | None = None

    def message(self) -> str:
        """One line for a person: what is wrong with the word and what will happen."""
        hint = f"; did you mean {self.suggestion!r}?" if self.suggestion else ""
        return (f"{self.word!r} is far from everything this model draws: it is no English word WordNet lists and no "
                f"embedder finds it near a class (support {self.support:.1f}; unrelated words 0){hint}; it is drawn as a blend anyway")

    def to_dict(self) -> dict:
        return {"word": self.word, "support": round(self.support, 2), "suggestion": self.suggestion, "message": self.message()}


def unfamiliar_words(mapper, words: Sequence[str], vectors: torch.Tensor) -> list[Unfamiliar]:
    """The ``words`` (N, with their (N, E) model-embedder ``vectors``) that are far from everything, in order.

    ``mapper`` is the model's :class:`~wordgan.conditions.mapping.WordMapper`; trained words are never reported."""
    try:
        english = mapper.english
    except WordganError:  # no WordNet database: only the embedders' support decides
        english = None
    asked = [i for i, word in enumerate(words) if word not in mapper.trained_index and not (english and english.knows(word))]
    if not asked:
        return []
    support = mapper.support([words[i] for i in asked], vectors[asked])
    found = []
    for i, s in zip(asked, support.tolist()):
        if s < SUPPORT:
            targets = closest(words[i], mapper.typo_targets) if english else []
            found.append(Unfamiliar(words[i], s, targets[0] if targets else None))
    return found
