"""Load the data and build the parts a run needs, from its config."""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import torch

from wordgan.plugins.build import build_dataset, build_embedder, build_gan, build_loss, load_split
from wordgan.conditions.vectors import condition_vectors
from wordgan.training.config import TrainConfig
from wordgan.errors import WordganError
from wordgan.interfaces import DatasetProvider, Discriminator, Embedder, Generator, ImageDataset, Loss
from wordgan.conditions.vocabulary import Vocabulary, build_vocabulary


@dataclass
class Parts:
    data: ImageDataset  # training images, labels index label_words
    all_words: list[str]  # every class word of the dataset, held-out ones included
    embedder: Embedder
    label_conditions: torch.Tensor  # (K, E), one per label word
    vocabulary: Vocabulary | None  # extra condition words per label word, if expanding
    extra_words: list[str]  # V extra words, every class's in label order
    extra_classes: torch.Tensor  # (V,) long, the label index of each extra word
    extra_conditions: torch.Tensor  # (V, E)
    probe_words: list[str]  # novel words drawn in the sample grids
    probe_conditions: torch.Tensor  # (P, E)
    generator: Generator
    discriminator: Discriminator
    loss: Loss


def training_data(config: TrainConfig, dataset: DatasetProvider) -> tuple[ImageDataset, list[str]]:
    """The training split of ``dataset`` with held-out classes removed and labels renumbered; and all
    class words."""
    data = load_split(dataset, "train", config.dataset)
    unknown = sorted(set(config.holdout) - set(data.words))
    if unknown:
        raise WordganError(f"cannot hold out {unknown}: not label words of {config.dataset} ({', '.join(data.words)})")
    if config.limit_per_class:
        data = data.per_class(config.limit_per_class)
    kept = [w for w in data.words if w not in config.holdout]
    if not kept:
        raise WordganError("every class is held out; nothing is left to train on")
    if len(kept) == len(data.words):
        return data, list(data.words)  # as loaded: a memory-mapped set stays mapped, not copied into RAM
    new_label = torch.tensor([kept.index(w) if w in kept else -1 for w in data.words])
    labels = new_label[data.labels]
    keep = labels >= 0
    return ImageDataset(data.images[keep], labels[keep], kept), list(data.words)


def without_held_out(vocabulary: Vocabulary, config: TrainConfig, all_words: list[str], dataset: DatasetProvider | None = None) -> Vocabulary:
    """``vocabulary`` less the held-out label words and every word their classes would have had with all
    classes trained: without a class, WordNet hands its words to a neighbour (holding out "shirt" widens
    "t-shirt" to the shirt synset, so "shirt" itself was trained as a T-shirt), and a held-out class that
    the generator saw under another name is not held out."""
    if not config.holdout:
        return vocabulary
    full = build_vocabulary(config.vocabulary, all_words, dataset)
    dropped = set(config.holdout) | {word for label in config.holdout for word in full.words.get(label, [])}
    return Vocabulary(
        {label: [w for w in words if w not in dropped] for label, words in vocabulary.words.items()},
        vocabulary.source,
        {**vocabulary.left_out, **{w: "a word of a held-out class" for words in vocabulary.words.values() for w in words if w in dropped}},
    )


def build_parts(config: TrainConfig) -> Parts:
    dataset = build_dataset(config.dataset, **config.dataset_options)
    data, all_words = training_data(config, dataset)
    embedder = build_embedder(config.embedder, **config.embedder_options)
    label_conditions = condition_vectors(embedder, data.words)
    vocabulary = None
    if config.vocabulary:
        found = build_vocabulary(config.vocabulary, data.words, dataset)
        vocabulary = without_held_out(found, config, all_words, dataset).keep_known(embedder.knows)
    pairs = vocabulary.pairs() if vocabulary else []
    extra_words = [word for word, _ in pairs]
    probes = [w for w in config.holdout + config.probe_words if w not in data.words]
    unknown = [w for w in probes if not embedder.knows(w)]
    if unknown:
        warnings.warn(f"the embedder does not know the probe words {unknown}; they are left out of the samples")
    probes = [w for w in dict.fromkeys(probes) if w not in unknown]
    generator, discriminator = build_gan(
        config.gan, config.z_dim, label_conditions.shape[1], data.image_shape, **config.gan_options
    )
    return Parts(
        data=data,
        all_words=all_words,
        embedder=embedder,
        label_conditions=label_conditions,
        vocabulary=vocabulary,
        extra_words=extra_words,
        extra_classes=torch.tensor([data.words.index(label) for _, label in pairs], dtype=torch.long),
        extra_conditions=condition_vectors(embedder, extra_words) if extra_words else label_conditions[:0],
        probe_words=probes,
        probe_conditions=condition_vectors(embedder, probes) if probes else label_conditions[:0],
        generator=generator,
        discriminator=discriminator,
        loss=build_loss(config.loss, **config.loss_options),
    )
