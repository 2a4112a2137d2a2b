"""The clickable examples under the page's box, chosen from what the model itself holds, so that every model
(clothes, emoji, a user's own pictures) gets examples in its own words."""
from __future__ import annotations

from wordgan.conditions.arithmetic import parse_expression
from wordgan.errors import WordganError
from wordgan.model.word_model import WordModel
from wordgan.tools.serve.requests import Limits

#: The most new words shown.
NEW_WORDS = 3


def examples(model: WordModel, limits: Limits = Limits()) -> list[dict[str, str]]:
    """``[{"kind": ..., "text": ...}, ...]`` in the page's order:

    - ``trained``: the first, middle and last label words, drawn at their own trained vectors (what a model
      draws best);
    - ``new``: the training run's held-out and probe words (``holdout``, ``probe_words``), which it never
      trained on;
    - ``phrase``: a phrase of two or more words among those and the vocabulary-expansion words;
    - ``arithmetic``: two of those label words added (``boots + sandals``).

    Texts the page would refuse (too long, too many terms, not an expression) are left out.
    """
    labels = model.label_words
    trained = [labels[k] for k in dict.fromkeys((0, len(labels) // 2, len(labels) - 1))]
    new = [w for w in dict.fromkeys(model.config.holdout + model.config.probe_words) if w not in model.trained_words]
    phrases = [w for w in (*new, *model.extra_words, *labels) if len(w.split()) > 1][:1]
    arithmetic = [f"{trained[-1]} + {trained[-2]}"] if len(trained) > 1 else []
    chosen = [("trained", trained), ("new", new[:NEW_WORDS]), ("phrase", phrases), ("arithmetic", arithmetic)]
    return [{"kind": kind, "text": text} for kind, texts in chosen for text in texts if _fits(text, limits)]


def _fits(text: str, limits: Limits) -> bool:
    if len(text) > limits.text_chars:
        return False
    try:
        parse_expression(text, max_terms=limits.terms)
    except WordganError:
        return False
    return True
