"""A trained model loaded for generation: words in, images out (``wordgan.load``)."""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterator, Sequence

import torch

from wordgan.checkpoint import store
from wordgan.checkpoint.gate import Gate
from wordgan.checkpoint.load import load_generator
from wordgan.checkpoint.metadata import CheckpointMetadata
from wordgan.conditions.familiarity import Unfamiliar, UnfamiliarWordWarning, unfamiliar_words
from wordgan.devices import resolve_device
from wordgan.errors import WordganError
from wordgan.files.images import to_pil
from wordgan.interfaces import Embedder, Generator
from wordgan.model.drawing import draw, draw_batches
from wordgan.model.limits import check_count, check_seed, check_words, check_words_and_counts
from wordgan.model.settings import MODEL_DEFAULT, DrawSettings
from wordgan.model.trained_words import TrainedWords
from wordgan.model.word_conditions import WordConditions
from wordgan.training.config import TrainConfig

#: Words whose conditions are computed (and embedded) at a time while generating.
WORDS_PER_BATCH = 256


class WordModel:
    """A generator with the embedder and words it was trained with: a facade over the checkpoint's
    :class:`~wordgan.checkpoint.gate.Gate`, its :class:`TrainedWords`, the :class:`WordConditions` that turn
    words into conditions, and the one drawing path (:mod:`wordgan.model.drawing`).

    Trained words (label words and, with vocabulary expansion, their classes' extra words) are conditioned on
    the vectors stored in the checkpoint, so generating them needs no embedder; the embedder is built the first
    time a new word is asked for.
    """

    def __init__(
        self, generator: Generator, metadata: CheckpointMetadata, trained: TrainedWords, gate: Gate | None = None,
        embedder: Embedder | None = None,
    ):
        """``gate``: the gate of the checkpoint the metadata came from (None: a model made in memory, whose
        plugins the caller chose); ``embedder``: the metadata's embedder already built (the trainer's), else it is
        built on first use."""
        self.gate = gate or Gate(None)
        self.generator = generator.eval()
        self.info = metadata
        self.trained = trained
        self.words = WordConditions(trained, metadata.embedder, metadata.config.mapping, self.gate, embedder)

    @classmethod
    def load(cls, path: str | Path, trusted_files: Sequence[str | Path] = ()) -> "WordModel":
        """Load from a run directory or a ``.safetensors`` checkpoint (training or exported).

        Nothing the file names runs code: every plugin it names is built and called through its gate, under
        :func:`wordgan.safety.untrusted`, so a file that is a pickle is refused unless it is one of
        ``trusted_files`` (docs/security.md).
        """
        path = store.resolve(path)
        metadata = CheckpointMetadata.read(path)
        # The small condition tensors first: they confirm cond_dim before a generator is built at that size.
        labels, extra = metadata.check_conditions(store.load_tensors(path, prefix=store.CONDITIONS), path)
        gate = Gate(path, trusted_files)
        trained = TrainedWords(list(metadata.label_words), labels, list(metadata.extra_words), list(metadata.extra_labels), extra)
        return cls(load_generator(path, metadata, gate), metadata, trained, gate)

    # What the checkpoint says.

    @property
    def config(self) -> TrainConfig:
        return self.info.config

    @property
    def metadata(self) -> dict:
        """The checkpoint's metadata as JSON (:meth:`CheckpointMetadata.to_dict`)."""
        return self.info.to_dict()

    @property
    def origin(self) -> Path | None:
        """The checkpoint file the model was loaded from (None: made in memory)."""
        return self.gate.origin

    embedder_spec = property(lambda self: self.info.embedder)
    image_shape = property(lambda self: tuple(self.info.image_shape))
    z_dim = property(lambda self: self.info.z_dim)
    step = property(lambda self: self.info.step)
    all_words = property(lambda self: list(self.info.all_words), doc="Every class word of the dataset, held-out ones too.")
    label_words = property(lambda self: self.trained.label_words)
    label_conditions = property(lambda self: self.trained.label_conditions)  # (K, E)
    extra_words = property(lambda self: self.trained.extra_words)
    extra_conditions = property(lambda self: self.trained.extra_conditions)  # (V, E)
    extra_classes = property(lambda self: self.trained.extra_classes)  # (V,)
    trained_words = property(lambda self: self.trained.words, doc="Label words, then extra words (V').")
    trained_classes = property(lambda self: self.trained.classes, doc="The class word of each trained word (V').")
    trained_conditions = property(lambda self: self.trained.conditions)  # (V', E)

    # Words and their conditions.

    @property
    def embedder(self) -> Embedder:
        """The training embedder (built through the gate on first use, checked against the stored vectors)."""
        return self.words.embedder

    @property
    def mapper(self):
        """How new words become class weights (:class:`~wordgan.conditions.mapping.WordMapper`)."""
        return self.words.mapper

    def knows(self, word: str) -> bool:
        return self.trained.class_of(word) is not None or self.embedder.knows(word)

    def trained_class(self, word: str) -> str | None:
        """The label word whose class ``word`` was trained as (itself for a label word), or None if new."""
        return self.trained.class_of(word)

    def settings(self, temperature: float | str | None = MODEL_DEFAULT, blend: float = 1.0,
                 truncation: float | str | None = MODEL_DEFAULT) -> DrawSettings:
        """The :class:`DrawSettings` these arguments mean for this model (``MODEL_DEFAULT`` -> its own), checked
        before any work is done."""
        return DrawSettings(temperature, blend, truncation).resolved(self.config)

    def resolve_temperature(self, temperature: float | str | None) -> float | None:
        """``MODEL_DEFAULT`` -> the model's own snapping temperature (None: raw), checked."""
        return self.settings(temperature=temperature).temperature

    def resolve_truncation(self, truncation: float | str | None) -> float | None:
        """``MODEL_DEFAULT`` -> the model's own noise truncation (None: plain noise), checked."""
        return self.settings(truncation=truncation).truncation

    def conditions(self, words: Sequence[str], temperature: float | str | None = MODEL_DEFAULT, blend: float = 1.0) -> torch.Tensor:
        """N words -> (N, E) conditions (:meth:`WordConditions.conditions`); trained words use the stored vectors,
        new words are snapped as the model's config says unless ``temperature`` says otherwise (None: raw)."""
        settings = self.settings(temperature, blend)
        return self.words.conditions(words, settings.temperature, settings.blend)

    def snap(self, vectors: torch.Tensor, temperature: float, blend: float = 1.0, words: Sequence[str] | None = None):
        """(M, E) raw conditions -> (M, E) snapped ones and (M, K) class weights (:meth:`WordConditions.snap`)."""
        return self.words.snap(vectors, self.settings(temperature).temperature, blend, words)

    def snap_weights(self, word: str, temperature: float) -> list[tuple[str, float]]:
        """The weight of each label word when ``word`` is snapped at ``temperature``, highest first."""
        return self.words.snap_weights(word, self.settings(temperature).temperature)

    def similarities(self, word: str) -> list[tuple[str, float]]:
        """Cosine similarity of ``word`` to each label word, highest first."""
        return self.words.similarities(word)

    def nearest_trained(self, word: str, k: int = 5) -> list[tuple[str, str, float]]:
        """The ``k`` trained words closest to ``word`` by cosine: (trained word, its class word, similarity)."""
        return self.words.nearest_trained(word, k)

    def unfamiliar(self, words: Sequence[str]) -> list[Unfamiliar]:
        """The new ``words`` that are far from everything this model draws (gibberish, most typos), once each
        and in order; [] if none (:mod:`wordgan.conditions.familiarity`). :meth:`generate` warns of them with
        an :class:`UnfamiliarWordWarning`; ``wordgan generate``, ``similar`` and ``serve`` say so."""
        keys = list(dict.fromkeys(" ".join(word.split()) for word in check_words(words)))
        new = [k for k in keys if self.trained.class_of(k) is None]
        if not new:
            return []
        vectors = self.words.raw(new)
        with self.gate.rules():  # the mapping calls into evidence embedders the checkpoint names
            return unfamiliar_words(self.mapper, new, vectors)

    # Drawing.

    def generate(
        self,
        words: str | Sequence[str],
        n: int = 16,
        seed: int = 0,
        temperature: float | str | None = MODEL_DEFAULT,
        blend: float = 1.0,
        truncation: float | str | None = MODEL_DEFAULT,
        output: str = "tensor",
    ) -> torch.Tensor | list:
        """Images of words: the same ``n`` noise vectors (from ``seed``) for every word.

        ``words`` is one word or phrase (a ``str``: ``"running shoes"`` is one prompt, never its letters)
        -> (n, C, H, W) uint8, or a list of them -> (W, n, C, H, W) uint8. ``output="pil"`` returns PIL
        images instead: a list of n, or a list of W lists of n. ``temperature`` and ``blend`` snap new words
        toward the training words (see :meth:`conditions`); ``truncation`` truncates the noise
        (:func:`wordgan.model.noise.sample_noise`). Both default to the model's own settings; None turns
        them off. Limits on ``n`` and the number of words: :mod:`wordgan.model.limits`.
        """
        if output not in ("tensor", "pil"):
            raise WordganError(f"output must be 'tensor' or 'pil', got {output!r}")
        single = isinstance(words, str)
        words = check_words([words] if single else words)
        check_count(n, len(words))
        for word in self.unfamiliar(words):
            warnings.warn(word.message(), UnfamiliarWordWarning, stacklevel=2)
        images = torch.empty(len(words), n, *self.image_shape, dtype=torch.uint8)  # (W, n, C, H, W)
        for word_index, start, batch in self.generate_batches(words, n, seed, temperature, blend, truncation):
            images[word_index, start : start + len(batch)] = batch
        if output == "pil":
            pictures = [[to_pil(image) for image in row] for row in images]
            return pictures[0] if single else pictures
        return images[0] if single else images

    def generate_batches(
        self,
        words: Sequence[str],
        n: int = 16,
        seed: int = 0,
        temperature: float | str | None = MODEL_DEFAULT,
        blend: float = 1.0,
        truncation: float | str | None = MODEL_DEFAULT,
    ) -> Iterator[tuple[int, int, torch.Tensor]]:
        """:meth:`generate`'s images a batch at a time, for callers that write them out as they come, so that
        memory depends neither on ``n`` nor on the number of words: ``(word_index, first_image_index, images)``,
        images (k, C, H, W) uint8 on the CPU (:func:`wordgan.model.drawing.draw_batches`)."""
        return self.draw_words(words, n, seed, self.settings(temperature, blend, truncation))

    def draw_words(self, words: Sequence[str], n: int, seed: int, settings: DrawSettings) -> Iterator[tuple[int, int, torch.Tensor]]:
        """:meth:`generate_batches` with the settings already made (:meth:`settings`)."""
        words = check_words_and_counts(words, n, seed)
        settings = settings.resolved(self.config)
        for first in range(0, len(words), WORDS_PER_BATCH):
            cond = self.words.conditions(words[first : first + WORDS_PER_BATCH], settings.temperature, settings.blend)  # (w, E)
            for index, start, images in draw_batches(self.generator, cond, n, seed, settings.truncation):
                yield first + index, start, images

    def draw(self, conditions: torch.Tensor, n: int = 1, seed: int = 0, truncation: float | str | None = MODEL_DEFAULT) -> torch.Tensor:
        """(M, E) conditions (from :meth:`conditions`, or points between them) -> (M, n, C, H, W) uint8, the same
        ``n`` noise rows (from ``seed``) for every condition; ``truncation`` as in :meth:`generate`."""
        check_count(n, len(conditions))
        check_seed(seed)
        return draw(self.generator, conditions, n, seed, self.settings(truncation=truncation).truncation)

    # Where it computes.

    @property
    def device(self) -> torch.device:
        """Where the generator's weights are (the CPU unless moved with :meth:`to`)."""
        return next(self.generator.parameters()).device

    def to(self, device: str | torch.device | None = "auto") -> "WordModel":
        """Move the generator (and the embedder, once built) to ``device`` ("auto", "cpu", "cuda", "cuda:N",
        "mps", as :func:`wordgan.devices.resolve_device` reads it); returns self, like ``torch.nn.Module.to``.
        Noise is always drawn on the CPU, so a seed gives the same noise on every device."""
        device = resolve_device(device)
        self.generator.to(device)
        self.words.to(device)
        return self

    def __repr__(self) -> str:
        extra = f" + {len(self.extra_words)} extra" if self.extra_words else ""
        return (
            f"WordModel(gan={self.info.gan!r}, embedder={self.embedder_spec.name!r}, "
            f"words={len(self.label_words)} labels{extra}, image_shape={self.image_shape}, step={self.step}, "
            f"device={str(self.device)!r})"
        )


def load(path_or_run: str | Path, device: str | torch.device | None = "auto", trusted_files: Sequence[str | Path] = ()) -> WordModel:
    """A trained model from a run directory or a ``.safetensors`` checkpoint, on ``device``.

    ``device``: "auto" (CUDA, then MPS, then the CPU), "cpu", "cuda", "cuda:N" or "mps"
    (:func:`wordgan.devices.resolve_device`). Loading never runs code from the file; ``trusted_files`` names
    embedder files that are pickles and that you trust to be unpickled (docs/security.md).
    """
    return WordModel.load(path_or_run, trusted_files=trusted_files).to(device)
