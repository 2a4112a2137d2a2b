"""Extra condition words for emoji concepts from their CLDR keywords (for ``wordgan train --vocabulary FILE``).

WordNet, the trainer's default vocabulary source, has no entry for most emoji names ("grinning face"), so
emoji runs take their extra words from CLDR instead: "hedgehog" is also "spiny"; "sushi" is not.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from wordgan_emoji.catalogue import Concept


def keyword_vocabulary(concepts: Sequence[Concept], held_out: Sequence[str] = ()) -> dict[str, list[str]]:
    """Concept name -> its CLDR keywords that name it alone, for every concept not in ``held_out``.

    A keyword is left out when it is any concept's name (held-out ones included: "tiger" is a keyword of
    "tiger face" and a concept of its own), or when two or more concepts have it ("face"), counting the
    held-out concepts too, so no word shared with a held-out concept reaches the generator.
    """
    names = {c.name.lower() for c in concepts}
    claims = Counter(k.lower() for c in concepts for k in set(c.keywords))
    excluded = set(held_out)
    return {
        c.name: [k for k in dict.fromkeys(k.lower() for k in c.keywords) if k not in names and claims[k] == 1]
        for c in concepts
        if c.name not in excluded
    }
