"""The public toolkit for a plugin's own command line: the flags, the overwrite refusal and the error style
every ``wordgan`` command uses, so that ``wordgan-word2vec-train`` and a third party's commands read the same.

Public API, like :mod:`wordgan.interfaces`: a plugin may import from here (docs/plugins.md). ``shown(text, width)``
prints a word (a label word from a file, say) as one short line with control characters escaped;
``with replacing(path) as temp:`` writes a file atomically (``temp`` beside ``path``, renamed over it when the
block succeeds; a failed write is one line and leaves the old file as it was).
"""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Callable

import click

from wordgan.errors import SettingsError, WordganError
from wordgan.files.atomic import replacing  # noqa: F401  (public here: a plugin's files are written as wordgan's are)
from wordgan.files.printable import shown  # noqa: F401  (public here: a plugin's command prints words as wordgan's do)


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a click callback so a :class:`WordganError` exits with status 1 and a readable message (a
    :class:`SettingsError` with status 2, as a usage error)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SettingsError as exc:
            raise click.UsageError(str(exc)) from exc
        except WordganError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def parse_options(pairs: tuple[str, ...]) -> dict[str, Any]:
    """("width=32", "spectral_norm=true", "vectors=/x.bin") -> {"width": 32, "spectral_norm": True, ...}.

    A value is read as JSON when it parses (numbers, true/false, lists), else kept as a string.
    """
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected KEY=VALUE, got {pair!r}")
        try:
            options[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            options[key.strip()] = value
    return options


def refuse_overwrite(path, force: bool) -> None:
    """A usage error if ``path`` exists and ``--force`` was not given: no command overwrites silently."""
    if Path(path).exists() and not force:
        raise click.UsageError(f"{path} exists; pass --force to overwrite it")


def out_or_last_argument(paths: tuple[str, ...], out: str | None) -> tuple[tuple[str, ...], str]:
    """(inputs, OUT) of a command that once took OUT as its last argument and now takes ``-o/--out``: without
    ``-o``, the last of two or more ``paths`` is still OUT, with a deprecation warning."""
    if out is not None:
        return paths, out
    if len(paths) < 2:
        raise click.UsageError("name the file to write with -o/--out")
    click.echo("warning: OUT as the last argument is deprecated; use -o/--out OUT", err=True)
    return paths[:-1], paths[-1]


def quiet_option(help_text: str = "Print no progress or status lines, only results and errors."):
    """``-q/--quiet``."""
    return click.option("-q", "--quiet", is_flag=True, help=help_text)


def json_option(help_text: str = "Print the results as JSON, for scripts."):
    """``--json``, passed on as ``as_json``."""
    return click.option("--json", "as_json", is_flag=True, help=help_text)


def force_option(help_text: str = "Overwrite output files that exist already."):
    """``--force``: without it no command overwrites an existing file. Eager, so that an output option's
    :func:`refusing_existing` callback sees it whatever the order on the command line."""
    return click.option("--force", is_flag=True, is_eager=True, help=help_text)


class DeprecatedAliases(click.Option):
    """An option whose old spellings still work, hidden from --help and warned about when used:
    ``@click.option("--temperature", "--snap-temperature", "temperature", cls=DeprecatedAliases,
    deprecated_aliases=("--snap-temperature",))``. The command sees one parameter either way."""

    def __init__(self, *args, deprecated_aliases: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.deprecated_aliases = tuple(deprecated_aliases)
        self.opts = [flag for flag in self.opts if flag not in self.deprecated_aliases]

    def add_to_parser(self, parser, ctx: click.Context) -> None:
        super().add_to_parser(parser, ctx)
        # The old spellings store under their own key, so that handle_parse_result knows one was used.
        parser.add_option(obj=self, opts=list(self.deprecated_aliases), dest=self._alias_key, nargs=self.nargs, action="store")

    def handle_parse_result(self, ctx: click.Context, opts, args):
        if self._alias_key in opts:
            value = opts.pop(self._alias_key)
            click.echo(f"warning: {'/'.join(self.deprecated_aliases)} is deprecated; use {self.opts[-1]}", err=True)
            opts.setdefault(self.name, value)
        return super().handle_parse_result(ctx, opts, args)

    @property
    def _alias_key(self) -> str:
        return f"{self.name}:deprecated"
