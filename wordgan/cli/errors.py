"""Turn wordgan's own errors into one-line CLI errors instead of tracebacks."""
from __future__ import annotations

import functools
from typing import Any, Callable

import click

from wordgan.errors import WordganError


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a click callback so a :class:`WordganError` exits with status 1 and a readable message."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except WordganError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper
