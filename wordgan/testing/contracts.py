"""Contract test suites for each kind of plugin (see :mod:`wordgan.testing`)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pytest
import torch

from wordgan.plugins.build import build_embedder
from wordgan.training.config import TrainConfig
from wordgan.errors import UnknownWordError, UnsafeFileError, WordganError
from wordgan.interfaces import DatasetProvider, Embedder, ImageDataset, Loss
from wordgan.safety import untrusted
from wordgan.testing.hostile import write_hostile_pickle


class EmbedderContract:
    """Provide an ``embedder`` fixture (built with :func:`wordgan.build_embedder`)."""

    #: Words the embedder must know.
    known_words: Sequence[str] = ("shoe", "bag", "shirt")
    #: A text it must refuse, or None for embedders that embed any text (subword or sentence models).
    unknown_word: str | None = "qxzvqxzv"
    #: Names of options that hold a file or folder path: the suite moves them beside a checkpoint as
    #: relative paths and checks that the spec still rebuilds (:func:`wordgan.safety.resolve_path`).
    path_options: Sequence[str] = ()
    #: Options that would make the plugin read a pickle: (path of the pickle relative to the checkpoint's
    #: folder, options naming it). The suite writes a hostile pickle there and expects UnsafeFileError.
    pickle_options: Sequence[tuple[str, dict[str, Any]]] = ()

    def test_dim_is_positive(self, embedder: Embedder) -> None:
        assert isinstance(embedder.dim, int) and embedder.dim > 0

    def test_encode_gives_one_finite_row_per_text(self, embedder: Embedder) -> None:
        vectors = embedder.encode(list(self.known_words))
        assert vectors.shape == (len(self.known_words), embedder.dim)
        assert vectors.dtype == np.float32 and np.isfinite(vectors).all()
        assert (np.linalg.norm(vectors, axis=1) > 0).all()

    def test_encode_is_deterministic_and_batch_independent(self, embedder: Embedder) -> None:
        batch = embedder.encode(list(self.known_words))
        single = np.stack([embedder.embed(word) for word in self.known_words])
        np.testing.assert_allclose(batch, single, rtol=1e-4, atol=1e-5)

    def test_distinct_words_get_distinct_vectors(self, embedder: Embedder) -> None:
        vectors = embedder.encode(list(self.known_words))
        assert not np.allclose(vectors[0], vectors[1])

    def test_unknown_word_is_a_clear_error(self, embedder: Embedder) -> None:
        if self.unknown_word is None:
            pytest.skip("this embedder embeds any text")
        assert not embedder.knows(self.unknown_word)
        with pytest.raises(UnknownWordError, match=self.unknown_word):
            embedder.encode([self.unknown_word])

    def test_knows_the_known_words(self, embedder: Embedder) -> None:
        assert all(embedder.knows(word) for word in self.known_words)

    def test_empty_prompt_is_refused(self, embedder: Embedder) -> None:
        with pytest.raises(WordganError, match="empty"):
            embedder.encode(["   "])

    def test_spec_rebuilds_the_same_vectors(self, embedder: Embedder) -> None:
        assert embedder.spec is not None, "build the fixture with wordgan.build_embedder"
        rebuilt = build_embedder(embedder.spec.name, **embedder.spec.options)
        np.testing.assert_allclose(rebuilt.encode(list(self.known_words)), embedder.encode(list(self.known_words)), rtol=1e-5)

    def test_spec_rebuilds_from_a_checkpoint_with_relative_paths(
        self, embedder: Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """What loading a shared model folder does: the spec, its paths relative to the checkpoint, is built
        inside :func:`wordgan.safety.untrusted` from another working directory."""
        origin, elsewhere = tmp_path / "downloaded-model", tmp_path / "elsewhere"
        origin.mkdir(), elsewhere.mkdir()
        options = dict(embedder.spec.options)
        for name in self.path_options:
            if options.get(name) is not None:
                source = Path(options[name])
                (origin / source.name).symlink_to(source.resolve())
                options[name] = source.name
        monkeypatch.chdir(elsewhere)
        with untrusted(origin / "model.safetensors"):
            rebuilt = build_embedder(embedder.spec.name, **options)
            vectors = rebuilt.encode(list(self.known_words))
        np.testing.assert_allclose(vectors, embedder.encode(list(self.known_words)), rtol=1e-5, atol=1e-6)

    def test_pickles_a_checkpoint_names_are_refused(
        self, embedder: Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        if not self.pickle_options:
            pytest.skip("this embedder reads no pickle")
        origin, elsewhere = tmp_path / "downloaded-model", tmp_path / "elsewhere"
        elsewhere.mkdir(parents=True)
        monkeypatch.chdir(elsewhere)
        for relative, options in self.pickle_options:
            marker = tmp_path / "code-ran"
            write_hostile_pickle(origin / relative, marker)
            with pytest.raises(UnsafeFileError, match=re.escape(Path(relative).name)):
                with untrusted(origin / "model.safetensors"):
                    build_embedder(embedder.spec.name, **options)
            assert not marker.exists(), f"unpickling {relative} ran code"


class GanContract:
    """Provide a ``build`` fixture: a callable ``(z_dim, cond_dim, image_shape) -> (G, D)``."""

    image_shapes: Sequence[tuple[int, int, int]] = ((1, 28, 28), (3, 32, 32))
    z_dim, cond_dim, batch = 16, 12, 4

    def test_shapes_and_ranges(self, build: Any) -> None:
        for shape in self.image_shapes:
            generator, discriminator = build(self.z_dim, self.cond_dim, shape)
            z, cond = torch.randn(self.batch, self.z_dim), torch.randn(self.batch, self.cond_dim)
            images = generator(z, cond)
            assert images.shape == (self.batch, *shape)
            assert images.min() >= -1 and images.max() <= 1
            logits = discriminator(images, cond)
            assert logits.shape[0] == self.batch and logits.dim() in (1, 2), f"logits must be (B,) or (B, M), got {tuple(logits.shape)}"
            assert torch.isfinite(logits).all()

    def test_condition_changes_both_networks(self, build: Any) -> None:
        generator, discriminator = build(self.z_dim, self.cond_dim, self.image_shapes[0])
        generator.eval()
        z = torch.randn(self.batch, self.z_dim)
        a, b = torch.randn(self.batch, self.cond_dim), torch.randn(self.batch, self.cond_dim)
        assert not torch.allclose(generator(z, a), generator(z, b))
        images = generator(z, a).detach()
        assert not torch.allclose(discriminator(images, a), discriminator(images, b))

    def test_gradients_reach_every_parameter(self, build: Any) -> None:
        generator, discriminator = build(self.z_dim, self.cond_dim, self.image_shapes[0])
        cond = torch.randn(self.batch, self.cond_dim)
        discriminator(generator(torch.randn(self.batch, self.z_dim), cond), cond).sum().backward()
        for name, parameter in [*generator.named_parameters(), *discriminator.named_parameters()]:
            assert parameter.grad is not None, f"{name} gets no gradient"


class LossContract:
    """Provide a ``loss`` fixture (a :class:`wordgan.Loss`)."""

    def test_losses_are_finite_scalars(self, loss: Loss) -> None:
        real, fake = torch.randn(8, requires_grad=True), torch.randn(8, requires_grad=True)
        for value in (loss.discriminator_loss(real, fake), loss.generator_loss(fake)):
            assert value.dim() == 0 and torch.isfinite(value)
            value.backward()

    def test_m_logits_per_image_count_as_m_judgements(self, loss: Loss) -> None:
        """A D may return (B, M) logits: the loss is the one it gives the B * M logits laid out flat."""
        real, fake = torch.randn(8, 3), torch.randn(8, 3)
        torch.testing.assert_close(loss.discriminator_loss(real, fake), loss.discriminator_loss(real.flatten(), fake.flatten()))
        torch.testing.assert_close(loss.generator_loss(fake), loss.generator_loss(fake.flatten()))

    def test_d_prefers_high_real_and_low_fake_logits(self, loss: Loss) -> None:
        good = loss.discriminator_loss(torch.full((8,), 2.0), torch.full((8,), -2.0))
        bad = loss.discriminator_loss(torch.full((8,), -2.0), torch.full((8,), 2.0))
        assert good < bad

    def test_g_prefers_fakes_that_d_calls_real(self, loss: Loss) -> None:
        assert loss.generator_loss(torch.full((8,), 2.0)) < loss.generator_loss(torch.full((8,), -2.0))

    def test_critic_steps_is_a_positive_int(self, loss: Loss) -> None:
        assert isinstance(loss.critic_steps, int) and loss.critic_steps >= 1


class DatasetContract:
    """Provide a ``dataset`` fixture: an :class:`ImageDataset` the plugin loaded."""

    def test_images_are_uint8_nchw_with_labels(self, dataset: ImageDataset) -> None:
        assert dataset.images.dtype == torch.uint8 and dataset.images.dim() == 4
        assert dataset.images.shape[1] in (1, 3)
        assert dataset.labels.dtype == torch.int64 and dataset.labels.shape == (len(dataset),)

    def test_every_class_has_a_distinct_word_and_images(self, dataset: ImageDataset) -> None:
        assert len(set(dataset.words)) == len(dataset.words) and all(w.strip() for w in dataset.words)
        counts = torch.bincount(dataset.labels, minlength=len(dataset.words))
        assert (counts > 0).all()


class DatasetProviderContract:
    """Provide a ``provider`` fixture: the plugin's :class:`DatasetProvider`, built. Checks the optional
    methods a dataset of many concepts answers (each default passes)."""

    def test_concept_groups_put_each_label_word_in_one_group(self, provider: DatasetProvider) -> None:
        groups = provider.concept_groups()
        if groups:
            members = [word for words in groups.values() for word in words]
            assert sorted(members) == sorted(provider.load("test").words), "every label word in exactly one group"

    def test_vocabulary_maps_label_words_to_words(self, provider: DatasetProvider) -> None:
        try:
            vocabulary = provider.vocabulary()
        except NotImplementedError:
            return
        assert set(vocabulary) <= set(provider.load("test").words)
        assert all(isinstance(w, str) and w.strip() for words in vocabulary.values() for w in words)

    def test_training_defaults_are_train_config_settings(self, provider: DatasetProvider) -> None:
        defaults = provider.training_defaults()
        from wordgan.training.settings import NOT_DATASET_DEFAULTS

        assert not set(NOT_DATASET_DEFAULTS) & set(defaults)
        config = TrainConfig.from_settings(defaults)  # unknown fields or wrong values fail here
        assert not set(config.holdout) - set(provider.load("test").words), "held-out words must be label words"

    def test_a_shipped_evaluator_knows_the_label_words(self, provider: DatasetProvider) -> None:
        from wordgan.evaluation.judge.evaluator import Evaluator

        path = provider.shipped_evaluator()
        if path is not None:
            test = provider.load("test")
            evaluator = Evaluator.load(path)
            assert evaluator.words == test.words and tuple(evaluator.info.image_shape) == test.image_shape
