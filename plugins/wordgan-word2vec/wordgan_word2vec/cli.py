"""``wordgan-word2vec-train``: train word vectors on your own text, for the ``word2vec`` embedder."""
from __future__ import annotations

import click

from wordgan.errors import WordganError


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False))
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--dim", "vector_size", default=100, show_default=True, help="Size E of each vector.")
@click.option("--window", default=5, show_default=True, help="Words of context on each side.")
@click.option("--min-count", default=5, show_default=True, help="Ignore words seen fewer times than this.")
@click.option("--epochs", default=5, show_default=True, help="Passes over the corpus.")
@click.option("--workers", default=2, show_default=True, help="Training threads (1 repeats exactly).")
@click.option("--seed", default=0, show_default=True, help="Random seed.")
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@click.option("-q", "--quiet", is_flag=True, help="No status lines, only the result.")
def main(corpus: str, out: str, force: bool, quiet: bool, **options: int) -> None:
    """Train word2vec vectors on CORPUS and save them to OUT for the word2vec embedder.

    CORPUS is plain UTF-8 text, one sentence per line; words are lowercased and split on non-letters.
    OUT ends in .bin (word2vec binary) or .txt (word2vec text).

    \b
    Example:
      wordgan-word2vec-train my_corpus.txt my_vectors.bin --dim 50 --epochs 10
      then give the word2vec embedder the option vectors=my_vectors.bin
    """
    # Imported here: gensim takes about a second to import, and --help should not wait for it.
    from pathlib import Path

    from wordgan_word2vec.training import train_vectors

    if Path(out).exists() and not force:
        raise click.UsageError(f"{out} exists; pass --force to overwrite it")
    report = None if quiet else (lambda line: click.echo(line, err=True))
    try:
        path = train_vectors(corpus, out, report=report, **options)
    except WordganError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {path}; use it with the word2vec embedder option vectors={path}")
