"""The ``wordgan`` command line. Thin: each command parses, calls one library function, prints.

Subcommands are imported only when run (or when ``--help`` lists them, which imports no torch), so that
``wordgan --help`` and ``wordgan plugins`` start quickly.
"""
from __future__ import annotations

import importlib
from typing import Any

import click

from wordgan import __version__
from wordgan.plugins import registry

#: Subcommand name -> "module:attribute" of its click command.
COMMANDS = {
    "train": "wordgan.cli.train:train",
    "generate": "wordgan.cli.generate:generate",
    "similar": "wordgan.cli.similar:similar",
    "export": "wordgan.cli.export:export",
    "plugins": "wordgan.cli.plugins:plugins",
    "evaluate": "wordgan.cli.evaluate:evaluate",
    "compare": "wordgan.cli.compare:compare",
    "evaluator": "wordgan.cli.evaluator:evaluator",
    "vocabulary": "wordgan.cli.vocabulary:vocabulary",
    "serve": "wordgan.cli.serve:serve",
    "interpolate": "wordgan.cli.interpolate:interpolate",
    "retrieve": "wordgan.cli.retrieve:retrieve",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (click's documented lazy-loading pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attribute)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; a package whose broken metadata makes importing torch fail (torch parses every
        package's entry points) is one line naming that package (:func:`wordgan.plugins.registry.blame_broken_metadata`)."""
        try:
            return super().invoke(ctx)
        except Exception as exc:
            blamed = registry.blame_broken_metadata(exc)
            if blamed is None:
                raise
            raise click.ClickException(str(blamed)) from exc


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wordgan")
def main() -> None:
    """Words in, images out: train and sample conditional GANs conditioned on word embeddings.

    MODEL, wherever a command takes one, is a run directory, a .safetensors checkpoint or the name of a model a
    package ships: fashion-mnist (and emoji with the emoji plugin; `wordgan plugins` lists them).

    \b
    Example:
      wordgan generate fashion-mnist sandals slipper "running shoes" -o out/
      wordgan similar fashion-mnist wellies
      wordgan train --embedder word2vec --gan dcgan --dataset fashion-mnist
    """
