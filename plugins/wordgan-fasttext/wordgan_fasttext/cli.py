"""``wordgan-fasttext-train``: train a fastText model on your own text or Debian's dictionaries."""
from __future__ import annotations

import click

from wordgan.cli.toolkit import DeprecatedAliases, force_option, json_option, out_or_last_argument, quiet_option, reports_errors


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--out", type=click.Path(dir_okay=False), help="The fastText model to write (a .bin).")
@click.option("--dim", default=100, show_default=True, help="Size E of each vector.")
@click.option("--epochs", "--epoch", "epoch", cls=DeprecatedAliases, deprecated_aliases=("--epoch",), default=5,
              show_default=True, help="Passes over the text.")
@click.option("--min-count", default=5, show_default=True, help="Rarer words get only n-gram vectors.")
@click.option("--window", default=5, show_default=True, help="Words of context on each side.")
@click.option("--minn", default=3, show_default=True, help="Shortest character n-gram.")
@click.option("--maxn", default=6, show_default=True, help="Longest character n-gram (0: no n-grams).")
@click.option("--bucket", default=2_000_000, show_default=True, help="Hash buckets for n-grams (file size!).")
@click.option("--threads", default=2, show_default=True, help="Training threads.")
@click.option("--compact", is_flag=True, help="Drop the output matrix: a smaller file that cannot be trained further.")
@force_option("Overwrite OUT if it exists.")
@json_option("Print the file written and the embedder option that reads it as JSON.")
@quiet_option("No status lines or progress, only the result.")
@reports_errors
def main(sources: tuple[str, ...], out: str | None, force: bool, as_json: bool, quiet: bool, **options: int | bool) -> None:
    """Train fastText skip-gram vectors on SOURCES and save them to OUT (a .bin) for the fasttext embedder.

    Each SOURCE is a UTF-8 text file (one sentence or paragraph per line) or a Debian dictionary:
    debian:wordnet (apt-get install wordnet-base) or debian:gcide (apt-get install dict-gcide).

    \b
    Example:
      wordgan-fasttext-train my_corpus.txt -o my_model.bin --dim 50 --epochs 10
      then give the fasttext embedder the option model=my_model.bin
    """
    import json

    from wordgan.cli.toolkit import refuse_overwrite
    from wordgan_fasttext.training import train_model

    sources, out = out_or_last_argument(sources, out)
    refuse_overwrite(out, force)
    report = None if quiet else (lambda line: click.echo(line, err=True))
    path = train_model(sources, out, report=report, **options)
    if as_json:
        click.echo(json.dumps({"out": str(path), "embedder": "fasttext", "embedder_option": f"model={path}"}))
    else:
        click.echo(f"wrote {path}; use it with the fasttext embedder option model={path}")
