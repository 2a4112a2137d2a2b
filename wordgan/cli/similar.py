"""``wordgan similar``: how close a word is to each training word, by the model's embedder."""
from __future__ import annotations

import click

from wordgan.cli.errors import reports_errors
from wordgan.cli.options import temperature_option, trust_file_option


@click.command()
@click.argument("run", type=click.Path(exists=True))
@click.argument("words", nargs=-1, required=True)
@temperature_option("Show the snapping weights `generate` uses at temperature T [default: the model's own setting].")
@trust_file_option
@reports_errors
def similar(run: str, words: tuple[str, ...], temperature, trusted_files: tuple[str, ...]) -> None:
    """Cosine similarity of each WORD to every label word of the model in RUN, highest first.

    For a model trained with vocabulary expansion, also the nearest trained words and their classes.

    \b
    Example:
      wordgan similar runs/sentence-transformers-dcgan-fashion-mnist slipper
      slipper: coat 0.42, sandals 0.41, boots 0.33, ...
    """
    from wordgan.images import shown  # a word with a newline or 10,000 letters still prints as one short line
    from wordgan.model import WordModel

    model = WordModel.load(run, trusted_files=trusted_files)
    temperature = model.resolve_temperature(temperature)
    for word in words:
        ranked = model.similarities(word)
        click.echo(f"{shown(word, 60)}: " + ", ".join(f"{label} {sim:.2f}" for label, sim in ranked))
        trained_as = model.trained_class(word)
        if trained_as is not None and trained_as != word:
            click.echo(f"  trained as an extra word of {trained_as!r} (vocabulary expansion)")
        elif model.extra_words:
            nearest = model.nearest_trained(word)
            click.echo("  nearest trained words: " + ", ".join(f"{w} ({label}) {sim:.2f}" for w, label, sim in nearest))
        if temperature is not None and trained_as is None:
            weights = model.snap_weights(word, temperature)
            click.echo(f"  weights at temperature {temperature}: " + ", ".join(f"{label} {w:.2f}" for label, w in weights))
