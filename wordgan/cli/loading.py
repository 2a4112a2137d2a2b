"""Loading a model for a command, with status lines on stderr so that slow steps are never silent."""
from __future__ import annotations

import time
from typing import Sequence

import click


def load_model(
    path: str, device: str = "auto", quiet: bool = False, words: Sequence[str] | None = None,
    trusted_files: Sequence[str] = (),
):
    """The :class:`~wordgan.model.WordModel` in ``path`` on ``device`` (``trusted_files``: pickles its
    embedder may read, see :meth:`WordModel.load`). Its embedder is built now (with a status line: it can
    take seconds) when any of ``words`` is one the model was not trained on, or when ``words`` is None (a
    command that will need it, such as ``serve``)."""
    from wordgan.arithmetic import parse_expression
    from wordgan.model import WordModel

    model = WordModel.load(path, trusted_files=trusted_files).to(device)
    terms = None if words is None else [term for text in words for term in parse_expression(text).words]
    if terms is None or any(" ".join(term.split()) not in model.trained_words for term in terms):
        started = time.perf_counter()
        if not quiet:
            click.echo(f"loading the {model.embedder_spec.name} embedder ...", err=True, nl=False)
        model.embedder  # built on first use; built here so that the wait is announced
        if not quiet:
            click.echo(f" done in {time.perf_counter() - started:.1f} s", err=True)
    return model
