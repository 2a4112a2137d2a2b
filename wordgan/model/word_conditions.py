"""Words -> the (N, E) conditions a model draws them with: stored vectors for trained words, its embedder for
new ones, snapped onto the label words by its mapping of new words (:mod:`wordgan.conditions.mapping`)."""
from __future__ import annotations

from typing import Sequence

import torch

from wordgan.checkpoint.gate import Gate
from wordgan.conditions.mapping import MappingSettings, WordMapper
from wordgan.conditions.vectors import condition_vectors, cosine_similarities, mix_labels
from wordgan.errors import WordganError
from wordgan.interfaces import Embedder, EmbedderSpec
from wordgan.model.trained_words import TrainedWords, key


class WordConditions:
    """A model's words and the conditions G draws them with.

    The embedder the checkpoint names is built through its :class:`~wordgan.checkpoint.gate.Gate` the first time
    a new word is asked for, and checked against the stored label vectors; the mapping's evidence embedders are
    built and used under the same gate.
    """

    def __init__(self, trained: TrainedWords, embedder_spec: EmbedderSpec, mapping: dict | None, gate: Gate, embedder: Embedder | None = None):
        self.trained = trained
        self.embedder_spec = embedder_spec
        self.mapping = MappingSettings.from_dict(mapping)
        self.gate = gate
        self.device = torch.device("cpu")  # where the embedder computes once built (a model's .to() moves it)
        self._embedder: Embedder | None = embedder
        self._mapper: WordMapper | None = None

    @property
    def embedder(self) -> Embedder:
        """The training embedder, rebuilt from its spec on first use and checked against the stored vectors."""
        if self._embedder is None:
            embedder = self.gate.embedder(self.embedder_spec)
            rebuilt = condition_vectors(embedder, self.trained.label_words)  # (K, E)
            stored = self.trained.label_conditions
            if rebuilt.shape != stored.shape or not torch.allclose(rebuilt, stored, atol=1e-3):
                raise WordganError(
                    f"{self.gate.origin or 'this model'}: the embedder {self.embedder_spec.name!r} with options "
                    f"{self.embedder_spec.options} gives other vectors for the label words than the model was trained "
                    "with; its files may have changed"
                )
            # Built on the CPU; a model moved with .to() takes its embedder along (sentence-transformers' network).
            self._embedder = embedder if self.device.type == "cpu" else embedder.to(self.device)
        return self._embedder

    def to(self, device: torch.device) -> None:
        self.device = device
        if self._embedder is not None:
            self._embedder = self._embedder.to(device)

    @property
    def mapper(self) -> WordMapper:
        """How new words become class weights: the config's ``mapping`` (wordgan 0.2's snapping if absent)."""
        if self._mapper is None:
            t = self.trained
            self._mapper = WordMapper(
                self.mapping, t.label_words, t.words, t.class_indexes, t.conditions, lambda: self.embedder, self.gate.rules
            )
        return self._mapper

    def prepare_mapping(self) -> None:
        """Build now what the first new word would wait for (USE, WordNet: seconds), under the gate."""
        with self.gate.rules():
            self.mapper.prepare()

    def raw(self, words: Sequence[str]) -> torch.Tensor:
        """N words -> (N, E): the stored vector of a trained word, the embedder's for a new one."""
        keys = [key(word) for word in words]
        new = sorted({k for k in keys if k not in self.trained.index})
        embedded = dict(zip(new, condition_vectors(self.embedder, new))) if new else {}
        return torch.stack([self.trained.conditions[self.trained.index[k]] if k in self.trained.index else embedded[k] for k in keys])

    def conditions(self, words: Sequence[str], temperature: float | None, blend: float = 1.0) -> torch.Tensor:
        """N words -> (N, E) conditions, settings already resolved (:class:`~wordgan.model.settings.DrawSettings`).

        With a ``temperature``, every word but the label words is snapped onto the label words it resembles:
        new words, and the extra words of vocabulary expansion, which the generator saw too rarely to draw as
        well as the label words. None draws them raw: new words at their own embedding, extra words at the
        vectors they were trained with. Label words are always drawn at their own vectors.
        """
        if not words:
            raise WordganError("no words given: name at least one word to draw")
        keys = [key(word) for word in words]
        others = sorted({k for k in keys if not self.trained.is_label(k)})
        found = {}
        if others:
            vectors = self.raw(others)  # (M, E)
            if temperature is not None:
                vectors, _ = self.snap(vectors, temperature, blend, others)
            found = dict(zip(others, vectors))
        return torch.stack([found[k] if k in found else self.trained.conditions[self.trained.index[k]] for k in keys])

    def snap(
        self, vectors: torch.Tensor, temperature: float, blend: float = 1.0, words: Sequence[str] | None = None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """(M, E) raw conditions of ``words`` -> (M, E) snapped ones and the (M, K) weights of the label words,
        as the model's mapping says (without ``words``, e.g. for word arithmetic, by the vectors alone)."""
        with self.gate.rules():  # the mapping calls into evidence embedders the checkpoint names
            weights = self.mapper.weights(words, vectors, temperature)  # (M, K)
        return mix_labels(vectors, self.trained.label_conditions, weights, blend), weights

    def snap_weights(self, word: str, temperature: float) -> list[tuple[str, float]]:
        """The weight of each label word when ``word`` is snapped at ``temperature``, highest first."""
        _, weights = self.snap(self.raw([word]), temperature, words=[key(word)])  # (1, K)
        return sorted(zip(self.trained.label_words, weights[0].tolist()), key=lambda pair: -pair[1])

    def similarities(self, word: str) -> list[tuple[str, float]]:
        """Cosine similarity of ``word`` to each label word by the model's embedder, highest first."""
        sims = cosine_similarities(self.raw([word])[0], self.trained.label_conditions)  # (K,)
        return sorted(zip(self.trained.label_words, sims.tolist()), key=lambda pair: -pair[1])

    def nearest_trained(self, word: str, k: int = 5) -> list[tuple[str, str, float]]:
        """The ``k`` trained words closest to ``word`` by cosine: (trained word, its class word, similarity)."""
        sims = cosine_similarities(self.raw([word])[0], self.trained.conditions)  # (V',)
        top = sims.topk(min(k, len(sims)))
        return [(self.trained.words[i], self.trained.classes[i], s) for s, i in zip(top.values.tolist(), top.indices.tolist())]
