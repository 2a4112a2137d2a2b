"""A trained model loaded for generation: words in, images out."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import torch

from wordgan import checkpoint
from wordgan.components import build_embedder_from_spec, build_gan
from wordgan.conditioning import condition_vectors, cosine_similarities, sample_noise, snap_to_labels
from wordgan.config import TrainConfig
from wordgan.errors import CheckpointError, WordganError
from wordgan.images import to_uint8
from wordgan.interfaces import Embedder, EmbedderSpec, Generator


#: ``temperature=MODEL_DEFAULT`` draws new words as the model's config says (``snap_temperature``), and
#: ``truncation=MODEL_DEFAULT`` draws noise so (``truncation``).
MODEL_DEFAULT = "model"


class WordModel:
    """A generator with the embedder and label words it was trained with.

    Trained words (label words and, with vocabulary expansion, their classes' extra words) are conditioned on
    the vectors stored in the checkpoint, so generating them needs no embedder; the embedder is built the
    first time a new word is asked for.
    """

    def __init__(
        self,
        generator: Generator,
        metadata: dict[str, Any],
        label_conditions: torch.Tensor,
        extra_conditions: torch.Tensor | None = None,
    ):
        self.generator = generator.eval()
        self.metadata = metadata
        self.label_words: list[str] = list(metadata["label_words"])
        self.all_words: list[str] = list(metadata["all_words"])
        self.label_conditions = label_conditions  # (K, E)
        self.extra_words: list[str] = list(metadata.get("extra_words") or [])
        extra_labels: list[str] = list(metadata.get("extra_labels") or [])
        if extra_conditions is None:
            extra_conditions = label_conditions[:0]
        #: Every word the generator was trained on (V' = K + extra), its class word and its (V', E) condition.
        self.trained_words = self.label_words + self.extra_words
        self.trained_classes = self.label_words + extra_labels
        self.trained_conditions = torch.cat([label_conditions, extra_conditions])
        self.extra_conditions = extra_conditions  # (V, E)
        self.extra_classes = torch.tensor([self.label_words.index(label) for label in extra_labels], dtype=torch.long)
        self.config = TrainConfig.from_dict(metadata["config"])
        self.embedder_spec = EmbedderSpec.from_dict(metadata["embedder"])
        self.image_shape: tuple[int, int, int] = tuple(metadata["image_shape"])
        self.z_dim: int = metadata["z_dim"]
        self.step: int = metadata["step"]
        self._embedder: Embedder | None = None

    @classmethod
    def load(cls, path: str | Path) -> "WordModel":
        """Load from a run directory or a ``.safetensors`` checkpoint (training or exported)."""
        metadata = checkpoint.read_metadata(path)
        try:
            generator, _ = build_gan(
                metadata["gan"], metadata["z_dim"], metadata["cond_dim"], metadata["image_shape"], **metadata["gan_options"]
            )
        except KeyError as exc:
            raise CheckpointError(f"{path} lacks the metadata field {exc}") from exc
        weights = checkpoint.load_tensors(path, prefix="generator.")
        try:
            generator.load_state_dict(weights)
        except RuntimeError as exc:
            saved_by = metadata.get("wordgan_version", "an unknown version")
            raise CheckpointError(
                f"{path}: the generator weights do not fit gan {metadata['gan']!r} as installed now (the checkpoint "
                f"was saved by wordgan {saved_by}; a plugin may have changed its layers since): {exc}"
            ) from exc
        conditions = checkpoint.load_tensors(path, prefix="conditions.")
        return cls(generator, metadata, conditions["labels"], conditions.get("extra"))

    @property
    def embedder(self) -> Embedder:
        """The training embedder, rebuilt from its spec on first use and checked against the stored vectors."""
        if self._embedder is None:
            embedder = build_embedder_from_spec(self.embedder_spec)
            rebuilt = condition_vectors(embedder, self.label_words)
            if rebuilt.shape != self.label_conditions.shape or not torch.allclose(rebuilt, self.label_conditions, atol=1e-3):
                raise WordganError(
                    f"the embedder {self.embedder_spec.name!r} with options {self.embedder_spec.options} gives other "
                    "vectors for the label words than the model was trained with; its files may have changed"
                )
            self._embedder = embedder
        return self._embedder

    def knows(self, word: str) -> bool:
        return word in self.trained_words or self.embedder.knows(word)

    def trained_class(self, word: str) -> str | None:
        """The label word whose class ``word`` was trained as (itself for a label word), or None if new."""
        key = " ".join(word.split())
        return self.trained_classes[self.trained_words.index(key)] if key in self.trained_words else None

    def resolve_temperature(self, temperature: float | str | None) -> float | None:
        """``MODEL_DEFAULT`` -> the model's own snapping temperature (None: raw); anything else as given."""
        return self.config.snap_temperature if temperature == MODEL_DEFAULT else temperature

    def resolve_truncation(self, truncation: float | str | None) -> float | None:
        """``MODEL_DEFAULT`` -> the model's own noise truncation (None: plain noise); anything else as given."""
        return self.config.truncation if truncation == MODEL_DEFAULT else truncation

    def conditions(
        self, words: Sequence[str], temperature: float | str | None = MODEL_DEFAULT, blend: float = 1.0
    ) -> torch.Tensor:
        """N words -> (N, E) conditions; trained words use the stored vectors.

        With a ``temperature``, every word but the label words is snapped onto the label words it resembles
        (:func:`wordgan.conditioning.snap_to_labels`): new words, and the extra words of vocabulary expansion,
        which the generator saw too rarely to draw as well as the label words. None draws them raw: new words
        at their own embedding, extra words at the vectors they were trained with. By default, as the model's
        config says. Label words are always drawn at their own vectors.
        """
        temperature = self.resolve_temperature(temperature)
        if not words:
            raise WordganError("no words given: name at least one word to draw")
        keys = [" ".join(w.split()) for w in words]
        stored = {word: i for i, word in enumerate(self.trained_words)}  # label words first, then extra words
        others = sorted({key for key in keys if key not in self.label_words})
        found = {}
        if others:
            new = [key for key in others if key not in stored]
            embedded = dict(zip(new, condition_vectors(self.embedder, new))) if new else {}
            vectors = torch.stack([self.trained_conditions[stored[k]] if k in stored else embedded[k] for k in others])  # (M, E)
            if temperature is not None:
                vectors, _ = self._snap(vectors, temperature, blend)
            found = dict(zip(others, vectors))
        return torch.stack([found[key] if key in found else self.trained_conditions[stored[key]] for key in keys])

    def _snap(self, vectors: torch.Tensor, temperature: float, blend: float = 1.0) -> tuple[torch.Tensor, torch.Tensor]:
        """(M, E) raw conditions -> (M, E) snapped ones and the (M, K) weights of the label words."""
        return snap_to_labels(vectors, self.label_conditions, temperature, blend, self.extra_conditions, self.extra_classes)

    def snap_weights(self, word: str, temperature: float) -> list[tuple[str, float]]:
        """The weight of each label word when ``word`` is snapped at ``temperature``, highest first."""
        _, weights = self._snap(self.conditions([word], None), temperature)  # (1, K)
        return sorted(zip(self.label_words, weights[0].tolist()), key=lambda pair: -pair[1])

    def nearest_trained(self, word: str, k: int = 5) -> list[tuple[str, str, float]]:
        """The ``k`` trained words closest to ``word`` by cosine: (trained word, its class word, similarity)."""
        sims = cosine_similarities(self.conditions([word], None)[0], self.trained_conditions)  # (V',)
        top = sims.topk(min(k, len(sims)))
        return [(self.trained_words[i], self.trained_classes[i], s) for s, i in zip(top.values.tolist(), top.indices.tolist())]

    @torch.inference_mode()
    def generate(
        self,
        words: Sequence[str],
        n: int = 16,
        seed: int = 0,
        temperature: float | str | None = MODEL_DEFAULT,
        blend: float = 1.0,
        truncation: float | str | None = MODEL_DEFAULT,
    ) -> torch.Tensor:
        """W words -> (W, n, C, H, W) uint8 images; the same n noise vectors are used for every word.

        ``temperature`` and ``blend`` snap new words toward the training words (see :meth:`conditions`);
        ``truncation`` truncates the noise (:func:`wordgan.conditioning.sample_noise`). Both default to the
        model's own settings; None turns them off.
        """
        if n < 1:
            raise WordganError(f"n must be at least 1, got {n}")
        cond = self.conditions(words, temperature, blend)  # (W, E)
        z = sample_noise(n, self.z_dim, seed, self.resolve_truncation(truncation))  # (n, Z)
        z_all = z.repeat(len(words), 1)  # (W * n, Z)
        cond_all = cond.repeat_interleave(n, dim=0)  # (W * n, E)
        images = self.generator(z_all, cond_all)  # (W * n, C, H, W)
        return to_uint8(images).view(len(words), n, *self.image_shape)

    def similarities(self, word: str) -> list[tuple[str, float]]:
        """Cosine similarity of ``word`` to each training word, highest first."""
        vector = self.conditions([word], None)[0]
        sims = cosine_similarities(vector, self.label_conditions)
        return sorted(zip(self.label_words, sims.tolist()), key=lambda pair: -pair[1])
