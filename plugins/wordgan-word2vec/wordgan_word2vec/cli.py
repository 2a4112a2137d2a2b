"""``wordgan-word2vec-train``: train word vectors on your own text, for the ``word2vec`` embedder."""
from __future__ import annotations

import click

from wordgan.cli.toolkit import DeprecatedAliases, force_option, json_option, out_or_last_argument, quiet_option, reports_errors


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("corpus", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="CORPUS")
@click.option("-o", "--out", type=click.Path(dir_okay=False), help="The vectors file to write: .bin (word2vec binary) or .txt (word2vec text).")
@click.option("--dim", "vector_size", default=100, show_default=True, help="Size E of each vector.")
@click.option("--window", default=5, show_default=True, help="Words of context on each side.")
@click.option("--min-count", default=5, show_default=True, help="Ignore words seen fewer times than this.")
@click.option("--epochs", default=5, show_default=True, help="Passes over the corpus.")
@click.option("--threads", "--workers", "workers", cls=DeprecatedAliases, deprecated_aliases=("--workers",), default=2,
              show_default=True, help="Training threads (1 repeats exactly).")
@click.option("--seed", default=0, show_default=True, help="Random seed.")
@force_option("Overwrite OUT if it exists.")
@json_option("Print the file written and the embedder option that reads it as JSON.")
@quiet_option("No status lines, only the result.")
@reports_errors
def main(corpus: tuple[str, ...], out: str | None, force: bool, as_json: bool, quiet: bool, **options: int) -> None:
    """Train word2vec vectors on CORPUS and save them to OUT for the word2vec embedder.

    CORPUS is plain UTF-8 text, one sentence per line; words are lowercased and split on non-letters.

    \b
    Example:
      wordgan-word2vec-train my_corpus.txt -o my_vectors.bin --dim 50 --epochs 10
      then give the word2vec embedder the option vectors=my_vectors.bin
    """
    import json

    # Imported here: gensim takes about a second to import, and --help should not wait for it.
    from wordgan.cli.toolkit import refuse_overwrite
    from wordgan_word2vec.training import train_vectors

    corpus, out = out_or_last_argument(corpus, out)
    if len(corpus) != 1:
        raise click.UsageError(f"one CORPUS file, got {len(corpus)}: {' '.join(corpus)}")
    refuse_overwrite(out, force)
    report = None if quiet else (lambda line: click.echo(line, err=True))
    path = train_vectors(corpus[0], out, report=report, **options)
    if as_json:
        click.echo(json.dumps({"out": str(path), "embedder": "word2vec", "embedder_option": f"vectors={path}"}))
    else:
        click.echo(f"wrote {path}; use it with the word2vec embedder option vectors={path}")
