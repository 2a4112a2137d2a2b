"""``wordgan similar``: how close a word is to each training word, by the model's embedder."""
from __future__ import annotations

import click

from wordgan.cli.errors import reports_errors


@click.command()
@click.argument("run", type=click.Path(exists=True))
@click.argument("words", nargs=-1, required=True)
@click.option("--temperature", type=float, help="Also show the snapping weights `generate --temperature` would use.")
@reports_errors
def similar(run: str, words: tuple[str, ...], temperature: float | None) -> None:
    """Cosine similarity of each WORD to every training word of the model in RUN, highest first.

    \b
    Example:
      wordgan similar runs/word2vec-dcgan-fashion-mnist slipper
      slipper: coat 0.42, sandals 0.41, boots 0.33, ...
    """
    from wordgan.model import WordModel

    model = WordModel.load(run)
    for word in words:
        ranked = model.similarities(word)
        click.echo(f"{word}: " + ", ".join(f"{label} {sim:.2f}" for label, sim in ranked))
        if temperature is not None:
            weights = model.snap_weights(word, temperature)
            click.echo(f"  weights at temperature {temperature}: " + ", ".join(f"{label} {w:.2f}" for label, w in weights))
