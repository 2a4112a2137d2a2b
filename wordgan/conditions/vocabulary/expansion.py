"""Vocabulary expansion: more condition words per class, from WordNet or from a file of the user's.

A model trained on ten words has seen ten points of embedding space. Conditioning each training image also
on words that mean the same or something narrower ("boots": cowboy boot, jackboot, waders, ...) shows the
generator many more points per class, and gives similarity snapping at generation many more words to
match a new word against.
"""
from __future__ import annotations

import os
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from wordgan.errors import WordganError
from wordgan.interfaces import DatasetProvider
from wordgan.files.json_files import read_user_json
from wordgan.conditions.vocabulary.wordnet import Synset, WordNet

#: Widen to a label's hypernym only when that hypernym holds at most this many synsets (and no other
#: label): "pullover" widens to "sweater" (5 synsets: cardigan, sweatshirt, ...); "dress" does not widen to
#: "woman's clothing" (38: bras, negligees, ...), nor "bag" to "container" (thousands).
MAX_WIDENED_SYNSETS = 20


@dataclass
class Vocabulary:
    """Extra condition words for each label word, and the words left out with the reason."""

    words: dict[str, list[str]]  # label word -> extra words (the label itself not included)
    source: str = ""
    left_out: dict[str, str] = field(default_factory=dict)  # word -> why it is not used

    def pairs(self) -> list[tuple[str, str]]:
        """(word, label word) for every extra word, in label order."""
        return [(word, label) for label, extras in self.words.items() for word in extras]

    def keep_known(self, knows) -> "Vocabulary":
        """The words for which ``knows(word)`` is true; the others are recorded in ``left_out``."""
        left_out = dict(self.left_out)
        kept = {}
        for label, extras in self.words.items():
            kept[label] = [w for w in extras if knows(w)]
            left_out.update({w: "the embedder does not know it" for w in extras if w not in kept[label]})
        return Vocabulary(kept, self.source, left_out)

    def to_dict(self) -> dict:
        return {"source": self.source, "words": self.words, "left_out": self.left_out}

    @classmethod
    def from_dict(cls, data: dict) -> "Vocabulary":
        return cls({k: list(v) for k, v in data["words"].items()}, data.get("source", ""), dict(data.get("left_out", {})))


def build_vocabulary(source: str, label_words: Sequence[str], dataset: DatasetProvider | None = None) -> Vocabulary:
    """``source``: "wordnet" (:func:`wordnet_vocabulary`), "dataset" (the words ``dataset`` gives,
    :func:`dataset_vocabulary`) or a JSON file {label word: [extra words]}."""
    if source == "wordnet":
        return wordnet_vocabulary(label_words)
    if source == "dataset":
        if dataset is None:
            raise WordganError("the vocabulary 'dataset' needs the dataset that gives it")
        return dataset_vocabulary(dataset, label_words)
    return file_vocabulary(source, label_words)


def dataset_vocabulary(dataset: DatasetProvider, label_words: Sequence[str]) -> Vocabulary:
    """The extra words ``dataset.vocabulary()`` gives for ``label_words`` (emoji: CLDR keywords)."""
    name = type(dataset).__name__
    try:
        data = dataset.vocabulary()
    except NotImplementedError as exc:
        raise WordganError(f"{exc}; give --vocabulary wordnet, none or a JSON file") from None
    if not isinstance(data, dict) or not all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in data.values()):
        raise WordganError(f"the {name} dataset's vocabulary must map label words to lists of words")
    words = {label: [" ".join(w.split()) for w in data.get(label, []) if w.strip()] for label in label_words}
    return _without_clashes(words, f"dataset:{name}", {})


def file_vocabulary(path: str | os.PathLike, label_words: Sequence[str]) -> Vocabulary:
    """A vocabulary from a JSON file ``{"sandals": ["flip-flops", "espadrilles"], ...}``; labels may be omitted."""
    path = Path(path)
    data = read_user_json(path, "the vocabulary file", "; give 'wordnet' or a JSON file")
    if not isinstance(data, dict) or not all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in data.values()):
        raise WordganError(f'the vocabulary file {path} must map label words to lists of words: {{"sandals": ["flip-flops"]}}')
    unknown = sorted(set(data) - set(label_words))
    if unknown:
        raise WordganError(f"the vocabulary file {path} names {unknown}, which are not label words ({', '.join(label_words)})")
    words = {label: [" ".join(w.split()) for w in data.get(label, []) if w.strip()] for label in label_words}
    return _without_clashes(words, str(path), {})


def wordnet_vocabulary(label_words: Sequence[str], wordnet: WordNet | None = None) -> Vocabulary:
    """Synonyms and hyponyms of each label word's sense in WordNet, one class per word.

    1. Sense: of a label's noun senses, the one closest to the other labels (the sum over the other labels
       of the depth of the deepest common hypernym, after Resnik 1995, "Disambiguating noun groupings");
       ties go to the more frequent sense. "coat" is the garment, not a coat of paint.
    2. Region: that synset, widened to its hypernym when the hypernym covers no other label and stays
       small (``MAX_WIDENED_SYNSETS``), and every hyponym below, not descending into another label's synset.
    3. Words: the region's lemmas whose most frequent sense lies in the region ("white" names a colour
       first, so it does not stand for trousers), lower-cased; words that two classes claim are left out.
    """
    wordnet = wordnet or WordNet()
    chosen = {}
    missing = []
    cover = _label_cover(wordnet, label_words)
    for label in label_words:
        senses = wordnet.senses(label)
        if senses:
            chosen[label] = _coherent_sense(wordnet, label, senses, cover)
        else:
            missing.append(label)
    if missing and not chosen:
        raise WordganError(f"WordNet has none of the label words as a noun ({', '.join(missing[:5])}...); give the vocabulary as a JSON file or pass --vocabulary none")
    if missing:
        # Names such as "maple tree" or "The Eiffel Tower" are not WordNet nouns: their classes train on
        # their label words alone, and the other classes still get their words.
        warnings.warn(f"WordNet has no noun for {len(missing)} label word(s) ({', '.join(missing[:5])}{', ...' if len(missing) > 5 else ''}); they get no extra words")
    left_out: dict[str, str] = {label: "WordNet has no such noun" for label in missing}
    words: dict[str, list[str]] = {label: [] for label in missing}
    ancestors = {label: wordnet.ancestors(s.offset) for label, s in chosen.items()}
    for label in chosen:
        others = [other for other in chosen if other != label]
        top = chosen[label].offset
        parents = wordnet.synset(top).hypernyms
        if parents and not any(parents[0] in ancestors[o] for o in others):
            if len(wordnet.hyponyms(parents[0])) <= MAX_WIDENED_SYNSETS:
                top = parents[0]
        region = [wordnet.synset(top), *wordnet.hyponyms(top, stop={chosen[o].offset for o in others})]
        offsets = {s.offset for s in region}
        found = []
        for lemma in dict.fromkeys(lemma for s in region for lemma in s.lemmas):
            senses = wordnet.senses(lemma)
            if senses and senses[0].offset in offsets:
                found.append(lemma.lower())
            else:
                left_out[lemma.lower()] = f"its most frequent sense is not in {label!r}'s part of WordNet"
        words[label] = list(dict.fromkeys(found))
    words = {label: words[label] for label in label_words}  # in label order, as every other vocabulary
    return _without_clashes(words, f"wordnet:{wordnet.root}", left_out)


def _coherent_sense(wordnet: WordNet, label: str, senses: list[Synset], cover: dict[int, set[str]]) -> Synset:
    """The sense of ``label`` nearest the other labels: for each other label, the depth of the deepest
    hypernym this sense shares with any of its senses, summed. ``cover``: hypernym -> the label lemmas with
    a sense at or below it (:func:`_label_cover`), so that K labels cost K passes, not K squared."""
    own = wordnet.lemma(label)

    def closeness(sense: Synset) -> int:
        counted, total = {own}, 0
        # Deepest shared hypernyms first: each other label counts once, at its deepest.
        for ancestor, depth in sorted(wordnet.ancestors(sense.offset).items(), key=lambda item: -item[1]):
            new = cover.get(ancestor, set()) - counted
            total += depth * len(new)
            counted |= new
        return total

    scores = [closeness(s) for s in senses]
    return senses[scores.index(max(scores))]  # index() takes the first, i.e. the most frequent sense


def _label_cover(wordnet: WordNet, label_words: Sequence[str]) -> dict[int, set[str]]:
    """Hypernym offset -> the lemmas of the label words that have a noun sense at or below it."""
    cover: dict[int, set[str]] = {}
    for label in label_words:
        lemma = wordnet.lemma(label)
        for sense in wordnet.senses(label):
            for ancestor in wordnet.ancestors(sense.offset):
                cover.setdefault(ancestor, set()).add(lemma)
    return cover


def _without_clashes(words: dict[str, list[str]], source: str, left_out: dict[str, str]) -> Vocabulary:
    """Drop label words from every list, and words that more than one class claims."""
    labels = set(words)
    claims = Counter(w for extras in words.values() for w in set(extras) if w not in labels)
    kept = {}
    for label, extras in words.items():
        kept[label] = [w for w in dict.fromkeys(extras) if w not in labels and claims[w] == 1]
        left_out.update({w: "claimed by more than one class" for w in extras if w not in labels and claims[w] > 1})
    return Vocabulary(kept, source, {w: why for w, why in left_out.items() if all(w not in k for k in kept.values())})
