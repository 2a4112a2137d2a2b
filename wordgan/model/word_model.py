"""A trained model loaded for generation: words in, images out."""
from __future__ import annotations

import contextlib
import math
from pathlib import Path
from typing import Iterator, Sequence

import torch

from wordgan.checkpoint import store
from wordgan.plugins.build import build_embedder_from_spec, build_gan
from wordgan.conditions.vectors import condition_vectors, cosine_similarities, mix_labels, noise_chunks
from wordgan.training.config import TrainConfig
from wordgan.errors import CheckpointError, UnsafeFileError, WordganError
from wordgan.devices import resolve_device
from wordgan.files.images import to_pil, to_uint8
from wordgan.interfaces import Embedder, Generator
from wordgan.checkpoint.metadata import CheckpointMetadata
from wordgan.safety import untrusted
from wordgan.model.limits import check_count, check_words, check_words_and_counts
from wordgan.conditions.mapping import MappingSettings, WordMapper


#: ``temperature=MODEL_DEFAULT`` draws new words as the model's config says (``snap_temperature``), and
#: ``truncation=MODEL_DEFAULT`` draws noise so (``truncation``).
MODEL_DEFAULT = "model"

#: Words whose conditions are computed (and embedded) at a time while generating.
WORDS_PER_BATCH = 256
#: Images per forward pass of G while generating: bounds the activations' memory (a DCGAN pass of 1,024
#: images peaked ~270 MB higher than passes of 16, measured with 2,000 words).
IMAGES_PER_PASS = 256


class WordModel:
    """A generator with the embedder and label words it was trained with.

    Trained words (label words and, with vocabulary expansion, their classes' extra words) are conditioned on
    the vectors stored in the checkpoint, so generating them needs no embedder; the embedder is built the
    first time a new word is asked for.
    """

    def __init__(
        self,
        generator: Generator,
        metadata: CheckpointMetadata,
        label_conditions: torch.Tensor,
        extra_conditions: torch.Tensor | None = None,
        origin: Path | None = None,
        trusted_files: Sequence[str | Path] = (),
    ):
        """``origin``: the checkpoint the metadata came from; the embedder it names is built under
        :func:`wordgan.safety.untrusted` rules, with only ``trusted_files`` allowed to be pickles."""
        self.generator = generator.eval()
        self.metadata = metadata.raw
        self.label_words: list[str] = list(metadata.label_words)
        self.all_words: list[str] = list(metadata.all_words)
        self.label_conditions = label_conditions  # (K, E)
        self.extra_words: list[str] = list(metadata.extra_words)
        if extra_conditions is None:
            extra_conditions = label_conditions[:0]
        #: Every word the generator was trained on (V' = K + extra), its class word and its (V', E) condition.
        self.trained_words = self.label_words + self.extra_words
        self.trained_classes = self.label_words + list(metadata.extra_labels)
        self.trained_conditions = torch.cat([label_conditions, extra_conditions])
        self.extra_conditions = extra_conditions  # (V, E)
        class_of = {word: k for k, word in enumerate(self.label_words)}  # a dict: a file may hold many words
        self.extra_classes = torch.tensor([class_of[label] for label in metadata.extra_labels], dtype=torch.long)
        self.config: TrainConfig = metadata.config
        self.embedder_spec = metadata.embedder
        self.image_shape: tuple[int, int, int] = metadata.image_shape
        self.z_dim: int = metadata.z_dim
        self.step: int = metadata.step
        self.origin = origin
        self.trusted_files = tuple(trusted_files)
        self._embedder: Embedder | None = None
        self._mapper: WordMapper | None = None

    @classmethod
    def load(cls, path: str | Path, trusted_files: Sequence[str | Path] = ()) -> "WordModel":
        """Load from a run directory or a ``.safetensors`` checkpoint (training or exported).

        Nothing the file names runs code: its embedder is rebuilt under :func:`wordgan.safety.untrusted`, so
        an embedder file that is a pickle is refused unless it is one of ``trusted_files`` (docs/security.md).
        """
        path = store.resolve(path)
        metadata = CheckpointMetadata.read(path)
        # The small condition tensors first: they confirm cond_dim before a generator is built at that size.
        labels, extra = metadata.check_conditions(store.load_tensors(path, prefix="conditions."), path)
        # The moving average of G's weights (training with --ema) draws better than the last step's weights.
        prefix = "ema_generator." if store.tensor_shapes(path, "ema_generator.") else "generator."
        stored = store.tensor_shapes(path, prefix)
        with untrusted(path, trusted_files):  # gan_options come from the file too: the same rules for GAN plugins
            built = _shapes_on_meta(metadata)
        if built is not None and built != stored:  # refused before options such as {"width": 4096} allocate gigabytes
            differ = sorted(set(built) ^ set(stored)) or [name for name in built if built[name] != stored[name]]
            raise _misfit(path, metadata, f"the file holds {_numbers(stored):,} numbers, the generator its options "
                                          f"build {_numbers(built):,} (first difference: {differ[0]!r})")
        with untrusted(path, trusted_files), _named_by(path):
            generator, _ = build_gan(metadata.gan, metadata.z_dim, metadata.cond_dim, metadata.image_shape, **metadata.gan_options)
        try:
            generator.load_state_dict(store.load_tensors(path, prefix=prefix))
        except RuntimeError as exc:
            raise _misfit(path, metadata, " ".join(str(exc).split())) from exc
        return cls(generator, metadata, labels, extra, origin=path, trusted_files=trusted_files)

    def rules_for_what_it_names(self) -> contextlib.AbstractContextManager:
        """A context in which plugins built from what the model's file names (its embedder, its mapping's
        evidence, its dataset) read files under :func:`wordgan.safety.untrusted`; no rules for a model made in
        memory."""
        return untrusted(self.origin, self.trusted_files) if self.origin else contextlib.nullcontext()

    @property
    def embedder(self) -> Embedder:
        """The training embedder, rebuilt from its spec on first use and checked against the stored vectors."""
        if self._embedder is None:
            # Built and first used inside the checkpoint's untrusted context: a plugin that reads its files
            # lazily reads them here, under the same rules.
            with self.rules_for_what_it_names(), _named_by(self.origin):
                embedder = build_embedder_from_spec(self.embedder_spec)
                rebuilt = condition_vectors(embedder, self.label_words)
            if rebuilt.shape != self.label_conditions.shape or not torch.allclose(rebuilt, self.label_conditions, atol=1e-3):
                raise WordganError(
                    f"{self.origin or 'this model'}: the embedder {self.embedder_spec.name!r} with options "
                    f"{self.embedder_spec.options} gives other vectors for the label words than the model was trained "
                    "with; its files may have changed"
                )
            # Built on the CPU; a model moved with .to() takes its embedder along (sentence-transformers' network).
            self._embedder = embedder if self.device.type == "cpu" else embedder.to(self.device)
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

    def resolve_settings(
        self, temperature: float | str | None, blend: float, truncation: float | str | None
    ) -> tuple[float | None, float | None]:
        """Check the generation settings (``MODEL_DEFAULT`` -> the model's own) before any work is done;
        returns (temperature, truncation)."""
        temperature, truncation = self.resolve_temperature(temperature), self.resolve_truncation(truncation)
        for name, value in (("temperature", temperature), ("truncation", truncation)):
            if value is not None and not (isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0):
                raise WordganError(f"{name} must be a positive number or None (off), got {value!r}")
        if not (isinstance(blend, (int, float)) and 0 <= blend <= 1):
            raise WordganError(f"blend must be a number from 0 (the raw embedding) to 1 (only the snapped vector), got {blend!r}")
        return temperature, truncation

    def conditions(
        self, words: Sequence[str], temperature: float | str | None = MODEL_DEFAULT, blend: float = 1.0
    ) -> torch.Tensor:
        """N words -> (N, E) conditions; trained words use the stored vectors.

        With a ``temperature``, every word but the label words is snapped onto the label words it resembles
        (:mod:`wordgan.conditions.mapping`): new words, and the extra words of vocabulary expansion,
        which the generator saw too rarely to draw as well as the label words. None draws them raw: new words
        at their own embedding, extra words at the vectors they were trained with. By default, as the model's
        config says. Label words are always drawn at their own vectors.
        """
        temperature, _ = self.resolve_settings(temperature, blend, None)
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
                vectors, _ = self._snap(vectors, temperature, blend, others)
            found = dict(zip(others, vectors))
        return torch.stack([found[key] if key in found else self.trained_conditions[stored[key]] for key in keys])

    def _snap(
        self, vectors: torch.Tensor, temperature: float, blend: float = 1.0, words: Sequence[str] | None = None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """(M, E) raw conditions of ``words`` -> (M, E) snapped ones and the (M, K) weights of the label words,
        as the model's mapping settings say (:mod:`wordgan.conditions.mapping`; without ``words``, by the vectors alone)."""
        weights = self.mapper.weights(words, vectors, temperature)  # (M, K)
        return mix_labels(vectors, self.label_conditions, weights, blend), weights

    @property
    def mapper(self) -> WordMapper:
        """How new words become class weights: the config's ``mapping`` (wordgan 0.2's snapping if absent)."""
        if self._mapper is None:
            settings = MappingSettings.from_dict(getattr(self.config, "mapping", None))
            classes = torch.tensor([self.label_words.index(c) for c in self.trained_classes], dtype=torch.long)
            # The evidence embedders are named by the file too: built under the same rules as its own embedder.
            self._mapper = WordMapper(
                settings, self.label_words, self.trained_words, classes, self.trained_conditions, lambda: self.embedder,
                self.rules_for_what_it_names,
            )
        return self._mapper

    def snap_weights(self, word: str, temperature: float) -> list[tuple[str, float]]:
        """The weight of each label word when ``word`` is snapped at ``temperature``, highest first."""
        key = " ".join(word.split())
        _, weights = self._snap(self.conditions([key], None), temperature, words=[key])  # (1, K)
        return sorted(zip(self.label_words, weights[0].tolist()), key=lambda pair: -pair[1])

    def nearest_trained(self, word: str, k: int = 5) -> list[tuple[str, str, float]]:
        """The ``k`` trained words closest to ``word`` by cosine: (trained word, its class word, similarity)."""
        sims = cosine_similarities(self.conditions([word], None)[0], self.trained_conditions)  # (V',)
        top = sims.topk(min(k, len(sims)))
        return [(self.trained_words[i], self.trained_classes[i], s) for s, i in zip(top.values.tolist(), top.indices.tolist())]

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
        (:func:`wordgan.conditions.vectors.sample_noise`). Both default to the model's own settings; None turns
        them off. Limits on ``n`` and the number of words: :mod:`wordgan.model.limits`.
        """
        if output not in ("tensor", "pil"):
            raise WordganError(f"output must be 'tensor' or 'pil', got {output!r}")
        single = isinstance(words, str)
        words = check_words([words] if single else words)
        check_count(n, len(words))
        images = torch.empty(len(words), n, *self.image_shape, dtype=torch.uint8)  # (W, n, C, H, W)
        for word_index, start, batch in self.generate_batches(words, n, seed, temperature, blend, truncation):
            images[word_index, start : start + len(batch)] = batch
        if output == "pil":
            pictures = [[to_pil(image) for image in row] for row in images]
            return pictures[0] if single else pictures
        return images[0] if single else images

    @torch.inference_mode()
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
        memory depends neither on ``n`` nor on the number of words.

        Yields ``(word_index, first_image_index, images)``, images (k, C, H, W) uint8 on the CPU; each forward
        pass of G draws at most IMAGES_PER_PASS images (several words at once when n is small). Image i of
        every word is drawn from the same noise row i, whatever the batching.
        """
        words = check_words_and_counts(words, n, seed)
        _, truncation = self.resolve_settings(temperature, blend, truncation)
        for first in range(0, len(words), WORDS_PER_BATCH):
            chunk = words[first : first + WORDS_PER_BATCH]
            cond = self.conditions(chunk, temperature, blend).to(self.device)  # (w, E)
            start = 0
            for z in noise_chunks(n, self.z_dim, seed, truncation):  # (m, Z), the same rows for every word chunk
                z, m = z.to(self.device), len(z)
                rows = min(m, IMAGES_PER_PASS)  # noise rows per forward pass ...
                group = max(1, IMAGES_PER_PASS // m)  # ... and words per pass: several when n is small
                for i in range(0, len(chunk), group):
                    words_cond = cond[i : i + group]  # (g, E)
                    for r in range(0, m, rows):
                        part = z[r : r + rows]  # (k, Z)
                        images = self.generator(part.repeat(len(words_cond), 1), words_cond.repeat_interleave(len(part), dim=0))  # (g * k, C, H, W)
                        for j, word_images in enumerate(to_uint8(images).cpu().split(len(part))):  # (k, C, H, W) each
                            yield first + i + j, start + r, word_images
                start += m

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
        if self._embedder is not None:
            self._embedder = self._embedder.to(device)
        return self

    def __repr__(self) -> str:
        extra = f" + {len(self.extra_words)} extra" if self.extra_words else ""
        return (
            f"WordModel(gan={self.metadata.get('gan')!r}, embedder={self.embedder_spec.name!r}, "
            f"words={len(self.label_words)} labels{extra}, image_shape={self.image_shape}, step={self.step}, "
            f"device={str(self.device)!r})"
        )

    def similarities(self, word: str) -> list[tuple[str, float]]:
        """Cosine similarity of ``word`` to each training word, highest first."""
        vector = self.conditions([word], None)[0]
        sims = cosine_similarities(vector, self.label_conditions)
        return sorted(zip(self.label_words, sims.tolist()), key=lambda pair: -pair[1])


def _shapes_on_meta(metadata: CheckpointMetadata) -> dict[str, tuple[int, ...]] | None:
    """The shapes of the generator's tensors as the GAN plugin builds it from ``metadata``, built on PyTorch's
    ``meta`` device (no memory); None if the plugin cannot be built there (its real build says what fails)."""
    try:
        with torch.device("meta"):
            generator, _ = build_gan(metadata.gan, metadata.z_dim, metadata.cond_dim, metadata.image_shape, **metadata.gan_options)
    except (WordganError, RuntimeError, NotImplementedError, TypeError, ValueError):
        return None
    return {name: tuple(tensor.shape) for name, tensor in generator.state_dict().items()}


def _numbers(shapes: dict[str, tuple[int, ...]]) -> int:
    return sum(math.prod(shape) for shape in shapes.values())


def _misfit(path: Path, metadata: CheckpointMetadata, why: str) -> CheckpointError:
    saved_by = metadata.wordgan_version or "an unknown version"
    return CheckpointError(
        f"{path}: the generator weights do not fit gan {metadata.gan!r} with options {metadata.gan_options} as "
        f"installed now (the checkpoint was saved by wordgan {saved_by}; a plugin may have changed its layers since): {why}"
    )


@contextlib.contextmanager
def _named_by(checkpoint_path: Path | None) -> Iterator[None]:
    """A plugin that cannot be built from what a checkpoint names (not installed, bad options, a missing
    file): say which checkpoint named it. (Refused pickles already say so.)"""
    try:
        yield
    except UnsafeFileError:
        raise
    except WordganError as exc:
        if checkpoint_path is None:
            raise
        raise CheckpointError(f"{checkpoint_path} names what cannot be built: {exc}") from exc


def load(path_or_run: str | Path, device: str | torch.device | None = "auto", trusted_files: Sequence[str | Path] = ()) -> WordModel:
    """A trained model from a run directory or a ``.safetensors`` checkpoint, on ``device``.

    ``device``: "auto" (CUDA, then MPS, then the CPU), "cpu", "cuda", "cuda:N" or "mps"
    (:func:`wordgan.devices.resolve_device`). Loading never runs code from the file; ``trusted_files`` names
    embedder files that are pickles and that you trust to be unpickled (docs/security.md).
    """
    return WordModel.load(path_or_run, trusted_files=trusted_files).to(device)
