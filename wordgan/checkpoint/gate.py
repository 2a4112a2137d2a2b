"""The one gate for the plugins a checkpoint names (docs/security.md).

A checkpoint names its embedder, its GAN, its dataset (and the embedders its mapping of new words takes evidence
from), each with options that may name files. Whoever shared the checkpoint chose them. So every plugin built from
a checkpoint's metadata is built here, and every call into it runs here: a :class:`Gate` builds it inside
:func:`wordgan.safety.untrusted` (pickles refused unless trusted, paths resolved against the checkpoint's folder)
and hands back a :class:`Guarded` object whose every method call, and for a module every forward pass, enters
those rules again. Code elsewhere never builds a plugin from what a checkpoint says; it asks the checkpoint's gate.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Iterator, Sequence

from wordgan.errors import CheckpointError, UnsafeFileError, WordganError
from wordgan.interfaces import DatasetProvider, Discriminator, Embedder, EmbedderSpec, Generator
from wordgan.plugins.build import build_dataset, build_embedder, build_gan
from wordgan.safety import untrusted


class Gate:
    """Builds and calls the plugins named by the checkpoint at ``origin`` (None: a model made in memory, whose
    plugins the caller chose: no rules). ``trusted_files`` are the pickles the user vouched for (``--trust-file``)."""

    def __init__(self, origin: str | Path | None, trusted_files: Sequence[str | Path] = ()):
        self.origin = Path(origin) if origin is not None else None
        self.trusted_files = tuple(trusted_files)

    def trusting(self, *paths: str | Path | None) -> "Gate":
        """This gate with ``paths`` the user named too (a ``--data-dir``), trusted as ``--trust-file`` paths are."""
        return Gate(self.origin, (*self.trusted_files, *(p for p in paths if p)))

    def rules(self) -> contextlib.AbstractContextManager:
        """The context every build of and call into a plugin the checkpoint names runs in."""
        return untrusted(self.origin, self.trusted_files) if self.origin is not None else contextlib.nullcontext()

    def embedder(self, spec: EmbedderSpec) -> Embedder:
        """The embedder the checkpoint was trained with (or one its mapping names as evidence), guarded."""
        with self._building():
            return self.guard(build_embedder(spec.name, **spec.options))

    def gan(
        self, name: str, z_dim: int, cond_dim: int, image_shape: tuple[int, int, int], options: dict[str, Any]
    ) -> tuple[Generator, Discriminator]:
        """The GAN plugin's (G, D), each guarded."""
        with self._building():
            generator, discriminator = build_gan(name, z_dim, cond_dim, image_shape, **options)
        return self.guard(generator), self.guard(discriminator)

    def dataset(self, name: str, options: dict[str, Any]) -> DatasetProvider:
        """The dataset plugin the checkpoint was trained on, guarded: ``load``, ``concept_groups`` and
        ``shipped_evaluator`` run under the rules like its constructor."""
        with self._building():
            return self.guard(build_dataset(name, **options))

    def guard(self, made: Any) -> Any:
        """``made`` wrapped so that every later call into it (a module's forward pass too) runs under
        :meth:`rules`; as it is for a model made in memory."""
        return made if self.origin is None or type(made) is Guarded else Guarded(made, self)

    @contextlib.contextmanager
    def _building(self) -> Iterator[None]:
        """The rules, and a plugin that cannot be built from what the checkpoint names (not installed, bad
        options, a missing file) as one error naming the checkpoint. (Refused pickles already say so.)"""
        with self.rules():
            try:
                yield
            except (UnsafeFileError, CheckpointError):
                raise
            except WordganError as exc:
                if self.origin is None:
                    raise
                raise CheckpointError(f"{self.origin} names what cannot be built: {exc}") from exc


class Guarded:
    """A plugin object whose every method call runs under its gate's rules; it passes for the object itself
    (``isinstance``, attributes, ``in`` and ``[]``). What a method returns is the caller's: data, not plugin code
    (a method that returns the object itself, as ``Embedder.to`` does, returns the guarded object)."""

    __slots__ = ("_made", "_gate")

    def __init__(self, made: Any, gate: Gate):
        object.__setattr__(self, "_made", made)
        object.__setattr__(self, "_gate", gate)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance(guarded, Embedder) holds for a guarded embedder
        return type(self._made)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._made, name)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            with self._gate.rules():
                result = value(*args, **kwargs)
            return self if result is self._made else result

        return call

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._made, name, value)

    def __getitem__(self, key: Any) -> Any:
        return self.__getattr__("__getitem__")(key)

    def __contains__(self, item: Any) -> bool:
        return self.__getattr__("__contains__")(item)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # a module's forward pass
        return self.__getattr__("__call__")(*args, **kwargs)

    def __repr__(self) -> str:
        return repr(self._made)
