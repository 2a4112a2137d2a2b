"""Turn wordgan's own errors into one-line CLI errors instead of tracebacks."""
from __future__ import annotations

import functools
from typing import Any, Callable

import click

from wordgan.errors import SettingsError, WordganError


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
