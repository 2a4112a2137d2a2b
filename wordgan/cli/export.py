"""``wordgan export``: a small generation-only copy of a run's checkpoint."""
from __future__ import annotations

import click

from wordgan.cli.errors import reports_errors


@click.command()
@click.argument("run", type=click.Path(exists=True))
@click.option("-o", "--out", type=click.Path(dir_okay=False), required=True, help="The .safetensors file to write.")
@reports_errors
def export(run: str, out: str) -> None:
    """Write the generator, label vectors and metadata of RUN to one file, without D or optimizer state.

    The file works wherever a run directory does in `wordgan generate` and `wordgan similar`.

    \b
    Example:
      wordgan export runs/sentence-transformers-dcgan-fashion-mnist -o model.safetensors
    """
    from wordgan.checkpoint import resolve
    from wordgan.training.state import export_generator

    path = export_generator(resolve(run), out)
    click.echo(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
