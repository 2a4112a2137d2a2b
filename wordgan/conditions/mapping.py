"""What a word the model was not trained on is drawn as: class weights from evidence that fails differently.

The single nearest trained word of one embedder is a brittle guide (docs/zero-shot.md): MiniLM puts
"slipper" nearest the rare vocabulary word "slipover" by spelling and knows no French or German; USE reads
English words by their sound ("knitting" -> knickers); a class with 82 vocabulary words is near anything
by chance; a phrase can be pulled away from its head ("long sleeve top" -> long trousers). A
:class:`WordMapper` scores each class for a new word and weighs the classes by ``softmax(score /
temperature)``. Words the model was trained on keep their class. How it scores is the model's
:class:`MappingSettings` (its config's ``mapping``):

- **weighted evidence** (``weights`` set; new models since wordgan 0.4, :data:`DEFAULT_MAPPING`): a
  weighted sum of what each evidence embedder says (the word's best trained word per class, the class's
  label word, the phrase's head, the word's WordNet definition, less each class's nearness to unrelated
  words) and of the classes WordNet files the word and its head under: :mod:`wordgan.conditions.evidence`.
- **best word** (no ``weights``; models of wordgan 0.2 and 0.3, :data:`MAPPING_0_3`): for each embedder
  named in ``evidence``, the cosine similarity of the word to the class's most similar trained word,
  averaged over the embedders that know the word, plus ``wordnet_bonus`` for each class WordNet files
  the word under (:class:`WordNetKinds`).

``"model"`` in ``evidence`` is the model's own embedder with its stored vectors; any other name is an
embedder plugin (``"use"``, the multilingual Universal Sentence Encoder), which embeds the model's
trained words itself.
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

from wordgan.conditions.evidence import (
    MAX_WEIGHT, EvidenceSource, EvidenceWeights, best_of_class, encode_known, evidence_scores, evidence_terms,
)
from wordgan.conditions.lexicon import EnglishLexicon, closest, english

#: In ``MappingSettings.evidence``: the model's own embedder, with the trained words' stored vectors.
MODEL_EMBEDDER = "model"


@dataclass(frozen=True)
class MappingSettings:
    """How a model maps new words onto its label words; stored in its config as ``mapping``.

    The defaults are wordgan 0.2's snapping (the model's embedder alone, no WordNet), so a model saved
    without these settings draws as it always did. :data:`DEFAULT_MAPPING` is what new models store.
    """

    evidence: tuple[str, ...] = (MODEL_EMBEDDER,)
    wordnet_bonus: float = 0.0  # best-word scoring: in cosine units, added to each class WordNet files the word under
    weights: EvidenceWeights | None = None  # set: weighted-evidence scoring (wordgan.conditions.evidence)

    def __post_init__(self) -> None:
        if not self.evidence or not all(isinstance(name, str) and name for name in self.evidence):
            raise WordganError(f"mapping evidence must name at least one embedder (or 'model'), got {self.evidence!r}")
        if isinstance(self.wordnet_bonus, bool) or not (isinstance(self.wordnet_bonus, (int, float)) and 0 <= self.wordnet_bonus <= MAX_WEIGHT):
            raise WordganError(f"mapping wordnet_bonus must be a number from 0 to {MAX_WEIGHT:g}, got {self.wordnet_bonus!r}")
        if self.weights is not None and self.weights.names() - set(self.evidence):
            raise WordganError(f"mapping weights name evidence {sorted(self.weights.names() - set(self.evidence))} "
                               f"that is not in the mapping's evidence {list(self.evidence)}")

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "MappingSettings":
        if data is None:
            return cls()
        known = {f.name for f in dataclasses.fields(cls)}
        if not isinstance(data, dict) or set(data) - known:
            raise WordganError(f"mapping settings must be an object with the keys {sorted(known)}, got {data!r}")
        if not isinstance(data.get("evidence", ()), (list, tuple)):  # tuple("use") would be ("u", "s", "e")
            raise WordganError(f"mapping evidence must be a list of embedder names (or 'model'), got {data['evidence']!r}")
        fields = dict(data)
        if "evidence" in fields:
            fields["evidence"] = tuple(fields["evidence"])
        if fields.get("weights") is not None:
            fields["weights"] = EvidenceWeights.from_dict(fields["weights"])
        return cls(**fields)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"evidence": list(self.evidence), "wordnet_bonus": self.wordnet_bonus}
        if self.weights is not None:
            out["weights"] = self.weights.to_dict()
        return out


#: wordgan 0.3's mapping (chosen on the issue 14 lists): USE's similarities and WordNet's kinds, at temperature 0.03.
MAPPING_0_3 = MappingSettings(evidence=("use",), wordnet_bonus=0.2)
#: What new models store (wordgan 0.4): weighted evidence from the model's embedder, USE and WordNet, the
#: weights fitted on the tuning word lists at temperature 0.03 by benchmarks/word_mapping.py --fit.
DEFAULT_MAPPING = MappingSettings(
    evidence=(MODEL_EMBEDDER, "use"),
    weights=EvidenceWeights(
        word={MODEL_EMBEDDER: 0.15, "use": 0.108},
        label={MODEL_EMBEDDER: 0.211, "use": 0.558},
        head={},  # fitted to 0: the phrase's own embedding already says what its head's does; its WordNet kinds do not
        gloss={MODEL_EMBEDDER: 0.238},
        background={MODEL_EMBEDDER: 0.568},
        wordnet=0.132,
        head_wordnet=0.321,
        spelling=0.098,
    ),
)
DEFAULT_TEMPERATURE = 0.03


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

    def words(self) -> dict[str, frozenset[int]]:
        """Every WordNet lemma at or below a synset that files words under classes -> those classes: the
        words a typo may be a slip from ("sandals", "loafer", "moccasin", ...)."""
        found: dict[str, frozenset[int]] = {}
        for offset in (*self.region, *self.families):
            for synset in (self.wordnet.synset(offset), *self.wordnet.hyponyms(offset)):
                for lemma in synset.lemmas:
                    key = lemma.lower()
                    if key not in found and (classes := self.classes_of(key)):
                        found[key] = classes
        return found


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
        self._sources: dict[str, EvidenceSource] = {}
        self._wordnet: WordNet | None = None
        self._kinds: WordNetKinds | None = None
        self._typo_targets: dict[str, frozenset[int]] | None = None

    def scores(self, words: Sequence[str] | None, vectors: torch.Tensor) -> torch.Tensor:
        """``words`` (N) with their (N, E) model-embedder ``vectors`` -> (N, K) class scores (cosine units).

        Without ``words`` (a raw vector, e.g. word arithmetic) only the model's own vectors count.
        """
        K = len(self.label_words)
        own = best_of_class(vectors, self.model_conditions, self.trained_classes, K)  # (N, K)
        if words is None:
            return own
        if self.settings.weights is not None:
            return evidence_scores(self.settings.weights, self.terms(words, vectors))
        scores = torch.zeros(len(words), K)
        for i, word in enumerate(words):
            found = [own[i] if name == MODEL_EMBEDDER else self._similarities(name, word) for name in self.settings.evidence]
            found = [s for s in found if s is not None]
            scores[i] = torch.stack(found).mean(0) if found else own[i]  # no evidence embedder knows it: the model's
            if self.settings.wordnet_bonus:
                classes = self.kinds.classes_of(word)
                scores[i, list(classes)] += self.settings.wordnet_bonus
        return scores

    def terms(self, words: Sequence[str], vectors: torch.Tensor, every: bool = False) -> dict[tuple[str, str], torch.Tensor]:
        """The pieces of weighted evidence for ``words`` (N) with their (N, E) model-embedder ``vectors``:
        (term, evidence name) -> (N, K), as :func:`wordgan.conditions.evidence.evidence_terms` gives them;
        those the weights leave out are not computed unless ``every`` (for fitting weights)."""
        weights = self.settings.weights or EvidenceWeights({}, {}, {}, {}, {})
        sources = {name: self._source(name) for name in self.settings.evidence}
        return evidence_terms(
            sources, words, {MODEL_EMBEDDER: vectors} if MODEL_EMBEDDER in sources else {},
            wordnet=self.wordnet if every or any(weights.gloss.values()) else None,
            kinds=self.kinds.classes_of if every or weights.wordnet or weights.head_wordnet else None,
            typos=self.typo_classes if every or weights.spelling else None, k=len(self.label_words),
        )

    def typo_classes(self, word: str) -> dict[int, float]:
        """For a word no lexicon knows: the classes of the known words it is fewest typing slips from
        ("sandels" -> sandals), sharing 1 among them; {} for an English word or a trained word."""
        if word in self.trained_index or self.english.knows(word):
            return {}
        found = closest(word, self.typo_targets)
        shares: dict[int, float] = {}
        for target in found:
            for k in self.typo_targets[target]:
                shares[k] = shares.get(k, 0.0) + 1.0 / len(found)
        return shares

    @property
    def english(self) -> EnglishLexicon:
        return english(str(self.wordnet.root))

    @property
    def typo_targets(self) -> dict[str, frozenset[int]]:
        """The words a typo is read as: the trained words and the WordNet words filed under classes."""
        if self._typo_targets is None:
            found = dict(self.kinds.words())
            for word, k in zip(self.trained_words, self.trained_classes.tolist()):
                found[word.lower()] = frozenset([k])
            self._typo_targets = found
        return self._typo_targets

    def weights(self, words: Sequence[str] | None, vectors: torch.Tensor, temperature: float) -> torch.Tensor:
        """(N, K) weights ``softmax(score / temperature)``; a trained word weighs only its own class."""
        if not temperature > 0:
            raise WordganError(f"temperature must be positive, got {temperature}")
        weights = torch.softmax(self.scores(words, vectors) / temperature, dim=1)
        for i, word in enumerate(words or ()):
            if word in self.trained_index:
                weights[i] = torch.nn.functional.one_hot(self.trained_classes[self.trained_index[word]], len(self.label_words)).float()
        return weights

    def support(self, words: Sequence[str], vectors: torch.Tensor) -> torch.Tensor:
        """(N,) how far above common unrelated words each word's nearest class is, in their spreads, by
        whichever of the model's embedder and the evidence embedders finds it nearest (about 0: as near
        as an unrelated word; the model's (N, E) ``vectors`` of the words are the model's evidence)."""
        best = self._source(MODEL_EMBEDDER).support(vectors)
        for name in self.settings.evidence:
            source = self._source(name)
            if name != MODEL_EMBEDDER:
                known, vectors = source.encode_known(words)
                if known:
                    rows = [words.index(word) for word in known]
                    best[rows] = torch.maximum(best[rows], source.support(vectors))
        return best

    def needs(self) -> list[str]:
        """What the first new word would wait for besides the model's embedder: the names of the other
        evidence embedders, and "WordNet" when it counts ("use", "WordNet" for models of wordgan 0.3)."""
        wordnet = self.settings.wordnet_bonus or self.settings.weights is not None
        return [name for name in self.settings.evidence if name != MODEL_EMBEDDER] + (["WordNet"] if wordnet else [])

    def prepare(self) -> None:
        """Build now what :meth:`needs` names (seconds for USE), and each embedder's measure of unrelated
        words, so that a command can say it is waiting and the first visitor of ``wordgan serve`` does not wait."""
        for name in {MODEL_EMBEDDER, *self.settings.evidence}:
            self._source(name).background
        if "WordNet" in self.needs():
            self.kinds, self.english, self.typo_targets

    @property
    def wordnet(self) -> WordNet:
        if self._wordnet is None:
            self._wordnet = WordNet()
        return self._wordnet

    @property
    def kinds(self) -> WordNetKinds:
        if self._kinds is None:
            self._kinds = WordNetKinds(self.label_words, self.trained_words, self.trained_classes.tolist(), self.wordnet)
        return self._kinds

    def _similarities(self, name: str, word: str) -> torch.Tensor | None:
        """(K,) class similarities of ``word`` by the embedder ``name``, or None if it does not know the word."""
        source = self._source(name)
        if not source.knows(word):
            return None
        return source.classes_of(source.encode([word]))[0]

    def _source(self, name: str) -> EvidenceSource:
        """The evidence embedder ``name`` (``"model"``: the model's own, with its stored vectors), built on
        first use, with the model's trained words that it knows embedded."""
        if name not in self._sources:
            K, labels = len(self.label_words), set(self.label_words)
            if name == MODEL_EMBEDDER:
                embedder = self.model_embedder()
                known, vectors, classes = self.trained_words, self.model_conditions, self.trained_classes
            else:
                with self.rules():  # a plugin that reads its files lazily reads them here, under the same rules
                    embedder = build_embedder(name)
                    known, vectors = encode_known(lambda texts: condition_vectors(embedder, texts), embedder.knows, self.trained_words)
                classes = self.trained_classes[torch.tensor([self.trained_index[w] for w in known], dtype=torch.long)]
            is_label = torch.tensor([w in labels for w in known], dtype=torch.bool)
            self._sources[name] = EvidenceSource(
                name, lambda texts, e=embedder: condition_vectors(e, texts), embedder.knows, vectors, classes, is_label, K
            )
        return self._sources[name]
