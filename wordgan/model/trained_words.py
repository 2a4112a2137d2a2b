"""The words a model was trained on: its label words and, with vocabulary expansion, its classes' extra words."""
from __future__ import annotations

from dataclasses import dataclass, field

import torch


def key(word: str) -> str:
    """A word as a model files it: runs of whitespace as one space, none at the ends."""
    return " ".join(word.split())


@dataclass
class TrainedWords:
    """K label words with their (K, E) conditions, and V extra words with their (V, E) conditions and the label
    word of each; generating any of them needs no embedder: the stored vectors are what G was trained on."""

    label_words: list[str]
    label_conditions: torch.Tensor  # (K, E)
    extra_words: list[str] = field(default_factory=list)
    extra_labels: list[str] = field(default_factory=list)  # (V,) the label word of each extra word
    extra_conditions: torch.Tensor | None = None  # (V, E)

    def __post_init__(self) -> None:
        if self.extra_conditions is None:
            self.extra_conditions = self.label_conditions[:0]
        class_of = {word: k for k, word in enumerate(self.label_words)}  # a dict: a file may hold many words
        #: (V,) the label index of each extra word.
        self.extra_classes = torch.tensor([class_of[label] for label in self.extra_labels], dtype=torch.long)
        #: Every trained word (V' = K + V), label words first, its class word, and its (V', E) condition.
        self.words = self.label_words + self.extra_words
        self.classes = self.label_words + list(self.extra_labels)
        self.class_indexes = torch.cat([torch.arange(len(self.label_words)), self.extra_classes])  # (V',)
        self.conditions = torch.cat([self.label_conditions, self.extra_conditions])  # (V', E)
        self.index = {word: i for i, word in enumerate(self.words)}

    def class_of(self, word: str) -> str | None:
        """The label word whose class ``word`` was trained as (itself for a label word), or None if new."""
        i = self.index.get(key(word))
        return None if i is None else self.classes[i]

    def is_label(self, word: str) -> bool:
        """Whether ``word`` is one of the K label words (they come first in :attr:`words`)."""
        return self.index.get(key(word), len(self.label_words)) < len(self.label_words)
