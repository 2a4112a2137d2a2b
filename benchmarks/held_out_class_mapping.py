"""What snapping can make of a class the generator never saw, before any training (docs/zero-shot.md).

For each Fashion-MNIST class in turn: the mapping a MiniLM run trained without it would store (its label
word and its vocabulary words dropped, as ``--holdout`` does), and the weight the words of
benchmarks/held_out_classes.py put on its family's other classes (snapped, a held-out class can at best be
drawn as its neighbours).

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/word_mapping.py --held-out-classes
"""
from __future__ import annotations

import json

import numpy as np
import torch

from benchmarks.common import markdown_table
from wordgan.conditions.mapping import DEFAULT_MAPPING, DEFAULT_TEMPERATURE, MAPPING_0_3, MappingSettings, WordMapper
from wordgan.conditions.vectors import condition_vectors
from wordgan.conditions.vocabulary import build_vocabulary
from wordgan.evaluation.protocols.word_list import DEFAULT_WORD_LIST
from wordgan.plugins.build import build_embedder, load_dataset
from wordgan.training.config import TrainConfig
from wordgan.training.setup import without_held_out

MAPPINGS = [("wordgan 0.2", MappingSettings(), 0.02), ("wordgan 0.3", MAPPING_0_3, 0.03), ("new default", DEFAULT_MAPPING, DEFAULT_TEMPERATURE)]


def held_out_mapper(settings: MappingSettings, labels: list[str], holdout: str, embedder) -> WordMapper:
    """The mapping a default MiniLM run trained without the class ``holdout`` would store."""
    kept = [w for w in labels if w != holdout]
    vocabulary = without_held_out(build_vocabulary("wordnet", kept), TrainConfig(holdout=[holdout]), labels)
    pairs = vocabulary.keep_known(embedder.knows).pairs()
    words = kept + [w for w, _ in pairs]
    classes = torch.tensor(list(range(len(kept))) + [kept.index(c) for _, c in pairs], dtype=torch.long)
    return WordMapper(settings, kept, words, classes, condition_vectors(embedder, words), lambda: embedder)


def held_out_classes() -> None:
    from benchmarks.held_out_classes import OTHER_WORDS

    labels = load_dataset("fashion-mnist", "test").words
    families = json.loads(DEFAULT_WORD_LIST.read_text())["families"]
    embedder = build_embedder("sentence-transformers")
    rows, means = [], {}
    for name, settings, temperature in MAPPINGS:
        for label in labels:
            mapper = held_out_mapper(settings, labels, label, embedder)
            family = [c for c in next(m for m in families.values() if label in m) if c != label]
            words = [label, *OTHER_WORDS[label]]
            weights = mapper.weights(words, condition_vectors(embedder, words), temperature)  # (W, K - 1)
            idx = [mapper.label_words.index(c) for c in family]
            mass = weights[:, idx].sum(1).tolist() if idx else [float("nan")] * len(words)
            rows.append([name, label, ", ".join(family) or "(none trained)", *(f"{w} {m:.2f}" for w, m in zip(words, mass))])
            if idx:
                means.setdefault(name, []).extend(mass)
    print(markdown_table(["mapping", "held-out class", "family's trained classes", "label word", "word 2", "word 3", "word 4"], rows))
    for name, masses in means.items():
        print(f"{name}: mean weight on the family's trained classes {np.mean(masses):.3f} over {len(masses)} words "
              "(classes whose family has another class)")
