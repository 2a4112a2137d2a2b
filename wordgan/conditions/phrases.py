"""The head of a prompt: the word a phrase is about ("open-toe summer *shoes*", "*bag* to take to the beach").

A noun phrase names a kind of thing by its head; its other words narrow it. An embedder reads a phrase as a
whole and can be pulled away by a modifier ("long sleeve top" lands near "long trousers"), so the mapping of
new words also asks what the head alone is (:mod:`wordgan.conditions.evidence`). The rules are a reader's,
not a parser's, and are meant to be wrong only in the harmless direction (no head rather than a wrong one):

- English puts the head last, before any prepositional or infinitive tail: "shoes *for the beach*",
  "a bag *to carry my laptop*"; "a pair of jeans" is about jeans.
- French, Spanish, Italian and Portuguese put it first when "de", "da", "di", "à" ... join two nouns
  ("sac de voyage", "scarpe da ginnastica"); Arabic puts it first ("حقيبة ظهر").
- A phrase whose head is a placeholder ("something to wear on my feet", "clothes for a cold day") has no
  head: the whole phrase is the only evidence.
"""
from __future__ import annotations

import re

#: Words after which an English noun phrase's head has been said ("shoes *for* running").
_ENGLISH_TAIL = frozenset("for with to that which who of on in from at by without like made when while".split())
#: Words that join a Romance head noun to its complement ("sac *de* voyage").
_ROMANCE_LINK = frozenset("de da di à du des del della dos das".split())
_ROMANCE_ELISION = ("d'", "d’", "l'", "l’")
_DETERMINERS = frozenset("a an the my your his her our their some this these those".split())
#: Heads that say nothing of what the thing is.
_PLACEHOLDERS = frozenset("something anything thing things stuff clothes clothing outfit item items piece what one".split())
#: "a pair of jeans": the head is after "of".
_QUANTITIES = frozenset("pair pairs kind kinds type types sort sorts".split())
_ARABIC = re.compile("[\u0600-\u06ff]")


def head_of(text: str) -> str | None:
    """The head word of a multi-word prompt, or None (one word, or no head worth reading).

    >>> head_of("open-toe summer shoes"), head_of("bag to take to the beach"), head_of("sac de voyage")
    ('shoes', 'bag', 'sac')
    >>> head_of("something to wear on my feet") is None
    True
    """
    tokens = text.split()
    if len(tokens) < 2:
        return None
    lower = [t.lower() for t in tokens]
    if _ARABIC.search(text) or any(t in _ROMANCE_LINK or t.startswith(_ROMANCE_ELISION) for t in lower[1:]):
        return tokens[0]
    tail = next((i for i, t in enumerate(lower) if i > 0 and t in _ENGLISH_TAIL), len(tokens))
    chunk = [t for t in tokens[:tail] if t.lower() not in _DETERMINERS]
    if chunk and chunk[-1].lower() in _QUANTITIES and lower[tail:tail + 1] == ["of"]:
        rest = tokens[tail + 1:]
        return (head_of(" ".join(rest)) or rest[-1]) if rest else None
    if not chunk or any(t.lower() in _PLACEHOLDERS for t in chunk):
        return None
    return chunk[-1]
