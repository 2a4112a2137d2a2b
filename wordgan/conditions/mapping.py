"""What a word the model was not trained on is drawn as: class weights from evidence that fails differently.

The single nearest trained word of one embedder is a brittle guide (docs/zero-shot.md, "Robust mapping"):
MiniLM puts "slipper" nearest the rare vocabulary word "slipover" by spelling, knows no French or German, and
the snapping softmax at a low temperature turns one wrong neighbour into a certain wrong answer. A
:class:`WordMapper` scores each class by

1. **embedders**: for each embedder named in ``MappingSettings.evidence``, the cosine similarity of the word
   to the class's most similar trained word (label word or vocabulary word), averaged over the embedders
   that know the word. ``"model"`` is the model's own embedder and stored vectors; any other name is an
   embedder plugin (``"use"``, the multilingual Universal Sentence Encoder, by default for new models), which
   embeds the model's trained words itself.
2. **WordNet**: ``wordnet_bonus`` is added to the classes WordNet files the word under (:class:`WordNetKinds`):
   "moccasins" is a kind of shoe, and shoes are sandals or sneakers here, whatever an embedder thinks.

and weighs the classes by ``softmax(score / temperature)``. Words the model was trained on keep their class.
"""
from __future__ import annotations

import contextlib
import dataclasses
import itertools
from dataclasses import dataclass
from typing import Any, Callable, ContextManager, Sequence

import torch

from wordgan.plugins.build import build_embedder
from wordgan.conditions.vectors import condition_vectors
from wordgan.errors import WordganError
from wordgan.interfaces import Embedder
from wordgan.conditions.vocabulary import WordNet

#: In ``MappingSettings.evidence``: the model's own embedder, with the trained words' stored vectors.
MODEL_EMBEDDER = "model"


@dataclass(frozen=True)
class MappingSettings:
    """How a model maps new words onto its label words; stored in its config as ``mapping``.

    The defaults are wordgan 0.2's snapping (the model's embedder alone, no WordNet), so a model saved
    without these settings draws as it always did. :data:`RECOMMENDED` is what issue 14 measured best.
    """

    evidence: tuple[str, ...] = (MODEL_EMBEDDER,)
    wordnet_bonus: float = 0.0  # in cosine units, added to each class WordNet files the word under

    def __post_init__(self) -> None:
        if not self.evidence or not all(isinstance(name, str) and name for name in self.evidence):
            raise WordganError(f"mapping evidence must name at least one embedder (or 'model'), got {self.evidence!r}")
        if isinstance(self.wordnet_bonus, bool) or not (isinstance(self.wordnet_bonus, (int, float)) and self.wordnet_bonus >= 0):
            raise WordganError(f"mapping wordnet_bonus must be a number >= 0, got {self.wordnet_bonus!r}")

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "MappingSettings":
        if data is None:
            return cls()
        known = {f.name for f in dataclasses.fields(cls)}
        if not isinstance(data, dict) or set(data) - known:
            raise WordganError(f"mapping settings must be an object with the keys {sorted(known)}, got {data!r}")
        if not isinstance(data.get("evidence", ()), (list, tuple)):  # tuple("use") would be ("u", "s", "e")
            raise WordganError(f"mapping evidence must be a list of embedder names (or 'model'), got {data['evidence']!r}")
        return cls(**{**data, **({"evidence": tuple(data["evidence"])} if "evidence" in data else {})})

    def to_dict(self) -> dict[str, Any]:
        return {"evidence": list(self.evidence), "wordnet_bonus": self.wordnet_bonus}


#: Chosen on the tuning lists (docs/zero-shot.md): USE's similarities and WordNet's kinds, at temperature 0.03.
RECOMMENDED = MappingSettings(evidence=("use",), wordnet_bonus=0.2)
RECOMMENDED_TEMPERATURE = 0.03


def class_similarities(vectors: torch.Tensor, trained: torch.Tensor, trained_classes: torch.Tensor, k: int) -> torch.Tensor:
    """(N, E) words, (V', E) trained words of classes (V',) in 0..k-1 -> (N, k): each class's best cosine.

    A class is as similar as its most similar trained word, so a class with 82 vocabulary words does not
    outvote one with 3.
    """
    sims = torch.nn.functional.normalize(vectors, dim=1) @ torch.nn.functional.normalize(trained, dim=1).T  # (N, V')
    best = torch.full((len(vectors), k), -2.0).scatter_reduce(1, trained_classes.unsqueeze(0).expand_as(sims), sims, reduce="amax")
    # A class none of whose words the embedder knows gets the row's lowest score, not a veto.
    lowest = best.masked_fill(best < -1.5, 2.0).min(dim=1, keepdim=True).values  # (N, 1)
    return torch.where(best < -1.5, lowest, best)


class WordNetKinds:
    """The classes WordNet files a word under, from the model's trained words alone.

    For each of a word's first ``max_senses`` noun senses: if the sense is, or lies below, the sense of a
    trained word (label or vocabulary word, most frequent sense), that word's class ("flip-flop" is a kind of
    sandal -> sandals); otherwise, if it lies below a synset that is the nearest common hypernym
    of two label words and covers at most ``max_classes`` classes ("shoe": sandals and sneakers; "footwear":
    those and boots), those classes. Of the senses, the narrowest answer wins. Coarser common hypernyms
    ("clothing", six classes; "artifact", all ten) say too little and give nothing: "skirt" is a garment, but
    the classes WordNet calls garments here exclude dresses.
    """

    def __init__(
        self, label_words: Sequence[str], trained_words: Sequence[str], trained_classes: Sequence[int],
        wordnet: WordNet | None = None, max_classes: int = 3, max_senses: int = 3,
    ):
        self.wordnet = wordnet or WordNet()
        self.max_senses = max_senses
        self.region: dict[int, set[int]] = {}  # a trained word's synset -> its classes
        for word, k in zip(trained_words, trained_classes):
            senses = self.wordnet.senses(word)
            if senses:
                self.region.setdefault(senses[0].offset, set()).add(k)
        label_ancestors = [self.wordnet.ancestors(s[0].offset) if (s := self.wordnet.senses(w)) else {} for w in label_words]
        cover: dict[int, set[int]] = {}  # synset -> the classes whose label word lies at or below it
        for k, ancestors in enumerate(label_ancestors):
            for ancestor in ancestors:
                cover.setdefault(ancestor, set()).add(k)
        # Only two labels that share a synset covering at most max_classes classes can have a small nearest
        # common hypernym: pairing those alone keeps 1,900 emoji labels from costing 1,900 squared pairs.
        pairs = {pair for members in cover.values() if 2 <= len(members) <= max_classes for pair in itertools.combinations(sorted(members), 2)}
        self.families: dict[int, set[int]] = {}  # nearest common hypernym of two labels -> the classes below it
        for i, j in sorted(pairs):
            a = label_ancestors[i]
            top = max(set(a) & set(label_ancestors[j]), key=a.__getitem__)
            if len(cover[top]) <= max_classes:
                self.families[top] = cover[top]

    def classes_of(self, word: str) -> frozenset[int]:
        """The classes ``word`` is a kind of, by WordNet; empty if WordNet does not say (or does not know it)."""
        best: set[int] | None = None
        for sense in self.wordnet.senses(word)[: self.max_senses]:
            ancestors = self.wordnet.ancestors(sense.offset)  # offset -> depth
            for table in (self.region, self.families):
                found = [a for a in ancestors if a in table]
                if found:
                    classes = table[max(found, key=ancestors.__getitem__)]
                    if best is None or len(classes) < len(best):
                        best = classes
                    break
        return frozenset(best or ())


class WordMapper:
    """A model's new words -> (N, K) class weights, as its :class:`MappingSettings` say."""

    def __init__(
        self,
        settings: MappingSettings,
        label_words: Sequence[str],
        trained_words: Sequence[str],
        trained_classes: torch.Tensor,
        model_conditions: torch.Tensor,
        model_embedder: Callable[[], Embedder],
        rules: Callable[[], ContextManager] = contextlib.nullcontext,
    ):
        """``trained_words`` (V') with ``trained_classes`` (V',) label indexes and their stored (V', E)
        ``model_conditions``; ``model_embedder`` builds the model's embedder when first needed. ``rules``:
        the context the evidence embedders are built and first used in; for a model,
        :func:`wordgan.safety.untrusted` of its checkpoint, since their names come from the file."""
        self.settings = settings
        self.label_words = list(label_words)
        self.trained_index = {word: i for i, word in enumerate(trained_words)}
        self.trained_words = list(trained_words)
        self.trained_classes = trained_classes
        self.model_conditions = model_conditions
        self.model_embedder = model_embedder
        self.rules = rules
        self._sources: dict[str, tuple[Embedder, torch.Tensor, torch.Tensor]] = {}  # name -> (embedder, (V'', E'), (V'',))
        self._kinds: WordNetKinds | None = None

    def scores(self, words: Sequence[str] | None, vectors: torch.Tensor) -> torch.Tensor:
        """``words`` (N) with their (N, E) model-embedder ``vectors`` -> (N, K) class scores (cosine units).

        Without ``words`` (a raw vector, e.g. word arithmetic) only the model's own vectors count.
        """
        K = len(self.label_words)
        own = class_similarities(vectors, self.model_conditions, self.trained_classes, K)  # (N, K)
        if words is None:
            return own
        scores = torch.zeros(len(words), K)
        for i, word in enumerate(words):
            found = [own[i] if name == MODEL_EMBEDDER else self._similarities(name, word) for name in self.settings.evidence]
            found = [s for s in found if s is not None]
            scores[i] = torch.stack(found).mean(0) if found else own[i]  # no evidence embedder knows it: the model's
            if self.settings.wordnet_bonus:
                classes = self.kinds.classes_of(word)
                scores[i, list(classes)] += self.settings.wordnet_bonus
        return scores

    def weights(self, words: Sequence[str] | None, vectors: torch.Tensor, temperature: float) -> torch.Tensor:
        """(N, K) weights ``softmax(score / temperature)``; a trained word weighs only its own class."""
        if not temperature > 0:
            raise WordganError(f"temperature must be positive, got {temperature}")
        weights = torch.softmax(self.scores(words, vectors) / temperature, dim=1)
        for i, word in enumerate(words or ()):
            if word in self.trained_index:
                weights[i] = torch.nn.functional.one_hot(self.trained_classes[self.trained_index[word]], len(self.label_words)).float()
        return weights

    def needs(self) -> list[str]:
        """What the first new word would wait for besides the model's embedder: the names of the other
        evidence embedders, and "WordNet" when it counts ("use", "WordNet" for models of wordgan 0.3)."""
        return [name for name in self.settings.evidence if name != MODEL_EMBEDDER] + (["WordNet"] if self.settings.wordnet_bonus else [])

    def prepare(self) -> None:
        """Build now what :meth:`needs` names (seconds for USE), so that a command can say it is waiting and
        the first visitor of ``wordgan serve`` does not wait."""
        for name in self.settings.evidence:
            if name != MODEL_EMBEDDER:
                self._source(name)
        if self.settings.wordnet_bonus:
            self.kinds

    @property
    def kinds(self) -> WordNetKinds:
        if self._kinds is None:
            self._kinds = WordNetKinds(self.label_words, self.trained_words, self.trained_classes.tolist())
        return self._kinds

    def _similarities(self, name: str, word: str) -> torch.Tensor | None:
        """(K,) class similarities of ``word`` by the embedder ``name``, or None if it does not know the word."""
        embedder, trained, classes = self._source(name)
        if not embedder.knows(word):
            return None
        return class_similarities(condition_vectors(embedder, [word]), trained, classes, len(self.label_words))[0]

    def _source(self, name: str) -> tuple[Embedder, torch.Tensor, torch.Tensor]:
        """The evidence embedder ``name``, built on first use, with its (V'', E') vectors of the trained
        words it knows and their (V'',) classes."""
        if name not in self._sources:
            with self.rules():  # a plugin that reads its files lazily reads them here, under the same rules
                embedder = build_embedder(name)
                known = [w for w in self.trained_words if embedder.knows(w)]
                vectors = condition_vectors(embedder, known)
            keep = torch.tensor([self.trained_index[w] for w in known], dtype=torch.long)
            self._sources[name] = (embedder, vectors, self.trained_classes[keep])
        return self._sources[name]
