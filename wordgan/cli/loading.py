"""Loading a model for a command, with status lines on stderr so that slow steps are never silent."""
from __future__ import annotations

import contextlib
import time
from typing import Iterator, Sequence

import click


def load_model(
    path: str, device: str = "auto", quiet: bool = False, words: Sequence[str] | None = None,
    trusted_files: Sequence[str] = (), temperature: float | str | None = "model",
):
    """The :class:`~wordgan.model.word_model.WordModel` in ``path`` on ``device`` (``trusted_files``: pickles its
    embedder may read, see :meth:`WordModel.load`). What the first new word would wait for is built now,
    each with a status line (it can take seconds): the embedder when any of ``words`` is one the model was not
    trained on, and the mapping of new words (USE, WordNet) when any is not a label word and ``temperature``
    (as ``--temperature`` gives it; "model" for the model's own) snaps. ``words=None`` builds both, for a
    command that will need them (``serve``)."""
    from wordgan.conditions.arithmetic import parse_expression
    from wordgan.model.word_model import WordModel

    announce_device(device, quiet)
    model = WordModel.load(path, trusted_files=trusted_files).to(device)
    terms = None if words is None else [" ".join(term.split()) for text in words for term in parse_expression(text).words]
    if terms is None or any(term not in model.trained_words for term in terms):
        with _status(f"loading the {model.embedder_spec.name} embedder", quiet):
            model.embedder  # built on first use; built here so that the wait is announced
    snapped = terms is None or (model.resolve_temperature(temperature) is not None and any(t not in model.label_words for t in terms))
    if snapped and model.mapper.needs():
        with _status(f"loading the mapping of new words ({' + '.join(model.mapper.needs())})", quiet):
            model.words.prepare_mapping()
    return model


def announce_device(device: str, quiet: bool) -> None:
    """Say on stderr which device ``--device auto`` took (CUDA, then MPS, then the CPU), as ``train`` does."""
    if device.strip().lower() == "auto" and not quiet:
        from wordgan.devices import describe_device, resolve_device

        click.echo(f"device: {describe_device(resolve_device('auto'))} (auto)", err=True)


@contextlib.contextmanager
def _status(doing: str, quiet: bool) -> Iterator[None]:
    """``doing ... done in 5.7 s`` on stderr around a slow step, nothing if ``quiet``."""
    started = time.perf_counter()
    if not quiet:
        click.echo(f"{doing} ...", err=True, nl=False)
    try:
        yield
    except BaseException:
        if not quiet:
            click.echo("", err=True)  # the error goes on a line of its own
        raise
    if not quiet:
        click.echo(f" done in {time.perf_counter() - started:.1f} s", err=True)
