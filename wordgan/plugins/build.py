"""Build embedders, GANs, losses and datasets from plugin names and options."""
from __future__ import annotations

from typing import Any

from wordgan.plugins import registry
from wordgan.errors import PluginLoadError, WordganError
from wordgan.interfaces import (
    DatasetProvider,
    Discriminator,
    Embedder,
    EmbedderSpec,
    Generator,
    ImageDataset,
    Loss,
)

#: What plugin constructors raise for options of the wrong type or value (a constructor that trips over a
#: string where it wanted a number, a negative width); reported as one line naming the plugin and options.
BAD_OPTION_ERRORS = (TypeError, ValueError, RuntimeError, AssertionError)


def build_embedder(name: str, **options: Any) -> Embedder:
    """The embedder plugin ``name`` built with ``options``; its ``spec`` records both for checkpoints."""
    embedder = _construct("embedder", name, options, Embedder)
    embedder.spec = EmbedderSpec(name, dict(options if embedder.options is None else embedder.options))
    return embedder


def build_embedder_from_spec(spec: EmbedderSpec) -> Embedder:
    return build_embedder(spec.name, **spec.options)


def build_gan(
    name: str, z_dim: int, cond_dim: int, image_shape: tuple[int, int, int], **options: Any
) -> tuple[Generator, Discriminator]:
    """The GAN plugin ``name``'s generator and discriminator for these shapes."""
    builder = registry.load("gan", name)
    try:
        pair = builder(z_dim=z_dim, cond_dim=cond_dim, image_shape=tuple(image_shape), **options)
    except WordganError:
        raise  # the plugin's own message already says what is wrong
    except BAD_OPTION_ERRORS as exc:  # options come from users and from checkpoints: name them, no traceback
        raise WordganError(
            f"the gan plugin {name!r} could not be built with options {options} for noise {z_dim}, condition "
            f"{cond_dim} and images {tuple(image_shape)}: {_one_line(exc)}"
        ) from exc
    except SystemExit as exc:
        raise PluginLoadError(f"the gan plugin {name!r} called sys.exit({exc.code!r}) while being built") from exc
    if not (isinstance(pair, tuple) and len(pair) == 2):
        raise WordganError(f"the gan plugin {name!r} must return (generator, discriminator), got {type(pair)}")
    generator, discriminator = pair
    _expect("gan", name, generator, Generator)
    _expect("gan", name, discriminator, Discriminator)
    return generator, discriminator


def build_loss(name: str, **options: Any) -> Loss:
    return _construct("loss", name, options, Loss)


def build_dataset(name: str, **options: Any) -> DatasetProvider:
    """The dataset plugin ``name`` built with ``options`` (nothing is read until :meth:`DatasetProvider.load`)."""
    return _construct("dataset", name, options, DatasetProvider)


def load_dataset(name: str, split: str = "train", **options: Any) -> ImageDataset:
    """The ``split`` of dataset plugin ``name``, built with ``options``."""
    return load_split(build_dataset(name, **options), split, name)


def load_split(provider: DatasetProvider, split: str, name: str) -> ImageDataset:
    """``provider.load(split)``, checked to be an :class:`ImageDataset`; ``name`` names the plugin in errors."""
    dataset = provider.load(split)
    _expect("dataset", name, dataset, ImageDataset)
    return dataset


def _construct(kind: str, name: str, options: dict[str, Any], expected: type) -> Any:
    factory = registry.load(kind, name)
    try:
        made = factory(**options)
    except WordganError:
        raise
    except BAD_OPTION_ERRORS as exc:
        raise WordganError(f"the {kind} plugin {name!r} could not be built with options {options}: {_one_line(exc)}") from exc
    except SystemExit as exc:  # left alone, `wordgan train` would end with status 0 and nothing trained
        raise PluginLoadError(f"the {kind} plugin {name!r} called sys.exit({exc.code!r}) while being built") from exc
    _expect(kind, name, made, expected)
    return made


def _expect(kind: str, name: str, made: Any, expected: type) -> None:
    if not isinstance(made, expected):
        raise WordganError(f"the {kind} plugin {name!r} gave a {type(made).__name__}, not a {expected.__name__}")


def _one_line(exc: BaseException) -> str:
    """A third-party exception as one line (torch's messages span several)."""
    return f"{type(exc).__name__}: " + " ".join(str(exc).split())
