"""``wordgan export``: a small generation-only copy of a run's checkpoint."""
from __future__ import annotations

import json
from pathlib import Path

import click

from wordgan.cli.toolkit import force_option, json_option, quiet_option, reports_errors


@click.command(short_help="Write a small generation-only copy of MODEL.")
@click.argument("model")
@click.option("-o", "--out", type=click.Path(dir_okay=False), required=True, help="The .safetensors file to write.")
@force_option("Overwrite OUT if it exists.")
@json_option("Print the file written and its size as JSON.")
@quiet_option()
@reports_errors
def export(model: str, out: str, force: bool, as_json: bool, quiet: bool) -> None:
    """Write the generator that draws (its moving average when the run kept one), the label vectors and the
    metadata of MODEL (a run directory, a .safetensors checkpoint, or a shipped model's name such as fashion-mnist) to one small file, without D, optimizer or random state.

    The file works wherever a run directory does: every command that takes MODEL (generate, similar,
    evaluate, interpolate, retrieve, serve, vocabulary), `wordgan.load` and `--resume`-free sharing.

    \b
    Example:
      wordgan export runs/sentence-transformers-dcgan-fashion-mnist -o model.safetensors
    """
    from wordgan.errors import WordganError
    from wordgan.checkpoint.export import export_generator

    # A checkpoint is a safetensors file whatever it is called; a .pt or .pkl name would promise a pickle.
    if Path(out).suffix != ".safetensors":
        raise WordganError(f"{out}: export writes a .safetensors file; name it {Path(out).stem}.safetensors")
    if Path(out).exists() and not force:
        raise WordganError(f"{out} exists; pass --force to overwrite it")
    path = export_generator(model, out)
    if as_json:
        click.echo(json.dumps({"path": str(path), "bytes": path.stat().st_size}))
    else:
        click.echo(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
