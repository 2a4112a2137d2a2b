"""What each evidence embedder, and WordNet, says about the classes of a word the model was not trained on.

A class's score for a new word is a weighted sum of pieces of evidence (:class:`EvidenceWeights`), each in
cosine units, per evidence embedder (the model's own, ``"model"``, and others such as ``"use"``):

- **word**: the word's similarity to the class's most similar trained word (label or vocabulary word).
- **background**: minus the class's mean such similarity over common unrelated words
  (``background_words.txt``). A class with 82 rare vocabulary words is near many words by chance, a *hub*
  (Dinu, Lazaridou & Baroni 2015; CSLS, Conneau et al. 2018, corrects the same bias per trained word); its
  mean over unrelated words says how much of its similarity is chance.
- **label**: the word's similarity to the class's label word alone, the one trained word every embedder
  knows well and no hub can crowd out.
- **head**: for a phrase, the word evidence of its head (:func:`wordgan.conditions.phrases.head_of`):
  "open-toe summer *shoes*".
- **gloss**: for a word WordNet knows, the word evidence of its definition (of its first three noun
  senses, the one nearest a class): "mukluk: a soft boot worn by Eskimos".
- **wordnet** and **head_wordnet**: a bonus for each class WordNet files the word (or the phrase's head)
  under as a kind (:class:`wordgan.conditions.mapping.WordNetKinds`).
- **spelling**: for a word no lexicon knows, a bonus shared among the classes of the known words it is one
  or two typing slips from ("sandels" -> sandals; :mod:`wordgan.conditions.lexicon`).

The weights were fitted on the tuning word lists (benchmarks/word_mapping.py --fit); docs/zero-shot.md
measures each piece of evidence on its own.
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import torch

from wordgan.errors import UnknownWordError, WordganError

from wordgan.conditions.phrases import head_of

#: Common English nouns and adjectives, the "unrelated words" calibrated against (scripts/make_background_words.py).
BACKGROUND_WORDS = Path(__file__).with_name("background_words.txt")
#: Per-embedder pieces of evidence, and the WordNet bonuses, as :class:`EvidenceWeights` names them.
PER_EMBEDDER = ("word", "label", "head", "gloss", "background")
WORDNET_TERMS = ("wordnet", "head_wordnet", "spelling")
#: Noun senses of a word whose definitions are read (WordNet lists the most frequent first).
GLOSS_SENSES = 3


@dataclass(frozen=True)
class EvidenceWeights:
    """How much each piece of evidence counts in a class's score (cosine units; module docstring).

    Each per-embedder field maps an evidence name (``"model"``, ``"use"``) to its weight; a name left out
    weighs 0."""

    word: Mapping[str, float]
    label: Mapping[str, float]
    head: Mapping[str, float]
    gloss: Mapping[str, float]
    background: Mapping[str, float]
    wordnet: float = 0.0
    head_wordnet: float = 0.0
    spelling: float = 0.0

    def __post_init__(self) -> None:
        for name in PER_EMBEDDER:
            table = getattr(self, name)
            if not isinstance(table, Mapping) or not all(isinstance(k, str) and _weight(v) for k, v in table.items()):
                raise WordganError(f"mapping weights {name!r} must map evidence names to numbers from 0 to {MAX_WEIGHT:g}, got {table!r}")
            object.__setattr__(self, name, dict(table))
        for name in WORDNET_TERMS:
            if not _weight(getattr(self, name)):
                raise WordganError(f"mapping weights {name!r} must be a number from 0 to {MAX_WEIGHT:g}, got {getattr(self, name)!r}")

    @classmethod
    def from_dict(cls, data: Any) -> "EvidenceWeights":
        known = set(PER_EMBEDDER) | set(WORDNET_TERMS)
        if not isinstance(data, dict) or set(data) - known:
            raise WordganError(f"mapping weights must be an object with the keys {sorted(known)}, got {data!r}")
        return cls(**{name: data.get(name, {}) for name in PER_EMBEDDER}, **{n: data[n] for n in WORDNET_TERMS if n in data})

    def to_dict(self) -> dict[str, Any]:
        return {name: dict(value) if isinstance(value, Mapping) else value for name, value in dataclasses.asdict(self).items()}

    def __hash__(self) -> int:  # the tables are dicts: hash what they hold
        return hash(tuple((name, tuple(sorted(table.items()))) if isinstance(table, dict) else (name, table)
                          for name, table in self.to_dict().items()))

    def names(self) -> set[str]:
        """Every evidence name a per-embedder weight is given for."""
        return {name for field in PER_EMBEDDER for name in getattr(self, field)}


#: The largest weight or bonus a mapping may hold, in cosine units (scores lie in [-1, 1]): bounded, so that a
#: checkpoint's ``1e308`` cannot overflow the softmax into NaN weights and black images (issue 21).
MAX_WEIGHT = 10.0


def _weight(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= MAX_WEIGHT


@functools.lru_cache(maxsize=1)
def background_words() -> tuple[str, ...]:
    return tuple(BACKGROUND_WORDS.read_text().split())


def best_of_class(vectors: torch.Tensor, trained: torch.Tensor, classes: torch.Tensor, k: int) -> torch.Tensor:
    """(N, E) words, (V, E) trained words of classes (V,) in 0..k-1 -> (N, k): each class's best cosine.

    A class is as similar as its most similar trained word, so a class with 82 vocabulary words does not
    outvote one with 3 by numbers; a class none of whose words the embedder knows gets the row's lowest
    score, not a veto."""
    sims = torch.nn.functional.normalize(vectors, dim=1) @ torch.nn.functional.normalize(trained, dim=1).T  # (N, V)
    best = torch.full((len(vectors), k), -2.0).scatter_reduce(1, classes.unsqueeze(0).expand_as(sims), sims, reduce="amax")
    lowest = best.masked_fill(best < -1.5, 2.0).min(dim=1, keepdim=True).values  # (N, 1)
    return torch.where(best < -1.5, lowest, best)


@dataclass
class Background:
    """How near a source's classes are to unrelated words: each class's mean best-word cosine (K,), and the
    mean and spread of an unrelated word's best class cosine (what "far from everything" is measured by)."""

    class_mean: torch.Tensor
    top_mean: float
    top_spread: float


class EvidenceSource:
    """One evidence embedder with the model's trained words embedded by it.

    ``encode`` embeds texts -> (N, E); ``knows`` says whether it can; ``trained`` (V, E) are the trained
    words it knows, of ``classes`` (V,), among which ``is_label`` (V,) marks the label words."""

    def __init__(
        self, name: str, encode: Callable[[Sequence[str]], torch.Tensor], knows: Callable[[str], bool],
        trained: torch.Tensor, classes: torch.Tensor, is_label: torch.Tensor, k: int,
    ):
        self.name, self.encode, self.knows, self.k = name, encode, knows, k
        self.trained, self.classes = trained, classes
        self.label_rows, self.label_classes = trained[is_label], classes[is_label]
        self._background: Background | None = None

    def encode_known(self, texts: Sequence[str]) -> tuple[list[str], torch.Tensor]:
        """The ``texts`` this source knows and their (M, E) vectors: one batch when it knows them all (a
        transformer knows any text; asking it text by text costs a forward pass each)."""
        return encode_known(self.encode, self.knows, texts)

    def classes_of(self, vectors: torch.Tensor) -> torch.Tensor:
        """(N, E) -> (N, K): each class's best trained word's cosine."""
        return best_of_class(vectors, self.trained, self.classes, self.k)

    def labels_of(self, vectors: torch.Tensor) -> torch.Tensor:
        """(N, E) -> (N, K): each class's label word's cosine."""
        return best_of_class(vectors, self.label_rows, self.label_classes, self.k)

    @property
    def background(self) -> Background:
        """Measured on :func:`background_words` on first use (~0.2 s for USE, ~0.8 s for MiniLM on one core)."""
        if self._background is None:
            known, vectors = self.encode_known(background_words())
            if len(known) < 2:  # an embedder of a few words (one-hot codes) knows no unrelated words: no calibration
                self._background = Background(torch.zeros(self.k), 0.0, 1.0)
            else:
                sims = self.classes_of(vectors)  # (B, K)
                top = sims.max(dim=1).values
                self._background = Background(sims.mean(dim=0), float(top.mean()), float(top.std()))
        return self._background

    def support(self, vectors: torch.Tensor) -> torch.Tensor:
        """(N, E) -> (N,): how far above unrelated words a word's best class is, in their spreads."""
        b = self.background
        return (self.classes_of(vectors).max(dim=1).values - b.top_mean) / b.top_spread


def encode_known(
    encode: Callable[[Sequence[str]], torch.Tensor], knows: Callable[[str], bool], texts: Sequence[str]
) -> tuple[list[str], torch.Tensor]:
    """(the ``texts`` an embedder knows, their (M, E) vectors), in one batch unless some are unknown."""
    texts = list(texts)
    try:
        return texts, encode(texts) if texts else torch.zeros(0, 1)
    except UnknownWordError:  # a lookup embedder (GloVe) missing some: ask text by text, then embed the rest
        known = [t for t in texts if knows(t)]
        return known, encode(known) if known else torch.zeros(0, 1)


def glosses(wordnet, word: str) -> list[str]:
    """"lemmas: definition" of the word's first noun senses ("mukluk: a soft boot worn by Eskimos")."""
    return [f"{', '.join(s.lemmas[:3])}: {s.gloss.split(';')[0].strip()}" for s in wordnet.senses(word)[:GLOSS_SENSES]]


def evidence_terms(
    sources: Mapping[str, EvidenceSource], words: Sequence[str], own: Mapping[str, torch.Tensor],
    wordnet=None, kinds: Callable[[str], frozenset[int]] | None = None,
    typos: Callable[[str], Mapping[int, float]] | None = None, k: int = 0,
) -> dict[tuple[str, str], torch.Tensor]:
    """Every piece of evidence for N ``words``: (term, source name) -> (N, K), each weighed by
    :func:`evidence_scores`; WordNet's bonuses as ("wordnet", "") and ("head_wordnet", "").

    ``sources``: the evidence embedders by name; ``own``: (N, E) vectors a source already has for the words
    (the model's, from its caller); ``wordnet``: where definitions come from (None: no gloss evidence);
    ``kinds``: WordNet's classes of a word (None: no WordNet bonus); ``typos``: the classes a typo is read
    as, with their shares (None: no spelling bonus). A source that does not know a text gives no evidence
    from it (zeros)."""
    heads = [head_of(word) for word in words]
    definitions = [glosses(wordnet, word) if wordnet is not None else [] for word in words]
    terms: dict[tuple[str, str], torch.Tensor] = {}
    for name, source in sources.items():
        texts = list(dict.fromkeys([*words, *(h for h in heads if h)] + [g for gs in definitions for g in gs]))
        vectors = dict(zip(*source.encode_known([t for t in texts if not (name in own and t in words)])))
        if name in own:
            vectors.update(zip(words, own[name]))
        known = list(vectors)
        stacked = torch.stack([vectors[t] for t in known]) if known else torch.zeros(0, 1)
        best = dict(zip(known, source.classes_of(stacked))) if known else {}  # text -> (K,)
        label = dict(zip(known, source.labels_of(stacked))) if known else {}
        zero = torch.zeros(source.k)
        rows = {term: [] for term in ("word", "label", "head", "gloss", "background")}
        for word, head, defs in zip(words, heads, definitions):
            rows["word"].append(best.get(word, zero))
            rows["label"].append(label.get(word, zero))
            rows["background"].append(-source.background.class_mean if word in best else zero)
            rows["head"].append(best.get(head, zero) if head else zero)
            found = [best[g] for g in defs if g in best]
            rows["gloss"].append(max(found, key=lambda s: float(s.max())) if found else zero)  # the sense nearest a class
        for term, found in rows.items():
            terms[(term, name)] = torch.stack(found) if found else torch.zeros(0, source.k)
    k = k or next(iter(sources.values())).k
    if kinds is not None:
        for term, texts in (("wordnet", words), ("head_wordnet", heads)):
            bonus = torch.zeros(len(words), k)
            for i, text in enumerate(texts):
                if text:
                    bonus[i, list(kinds(text))] = 1.0
            terms[(term, "")] = bonus
    if typos is not None:
        bonus = torch.zeros(len(words), k)
        for i, word in enumerate(words):
            for c, share in typos(word).items():
                bonus[i, c] = share
        terms[("spelling", "")] = bonus
    return terms


def evidence_scores(weights: EvidenceWeights, terms: Mapping[tuple[str, str], torch.Tensor]) -> torch.Tensor:
    """(N, K) class scores: the terms of :func:`evidence_terms` weighed as ``weights`` say."""
    total = 0.0
    for (term, name), values in terms.items():
        weight = getattr(weights, term) if term in WORDNET_TERMS else getattr(weights, term).get(name, 0.0)
        if weight:
            total = total + weight * values
    if not isinstance(total, torch.Tensor):
        total = torch.zeros_like(next(iter(terms.values())))
    return total
