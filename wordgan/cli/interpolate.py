"""``wordgan interpolate``: a grid walking from one word's condition to another's, with fixed noise."""
from __future__ import annotations

import json
from pathlib import Path

import click

from wordgan.cli.toolkit import force_option, json_option, quiet_option, refuse_overwrite, reports_errors
from wordgan.cli.options import device_option, temperature_option, truncation_option, trust_file_option
from wordgan.cli.loading import load_model
from wordgan.model.limits import MAX_SEED


@click.command(short_help="Draw the walk from one word's images to another's.")
@click.argument("model")
@click.argument("start")
@click.argument("end")
@click.option("--steps", type=click.IntRange(2, 64), default=8, show_default=True, help="Columns: points on the path, both ends included.")
@click.option("-n", "n", type=click.IntRange(1, 64), default=4, show_default=True, help="Rows: noise vectors, each kept fixed along its row.")
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=0, show_default=True,
              help="Noise seed, 0 to 2**64 - 1: the same seed gives the same grid.")
@click.option("--method", type=click.Choice(["slerp", "lerp"]), default="slerp", show_default=True,
              help="slerp follows the sphere every condition lies on; lerp the straight line (docs/interpolation.md).")
@temperature_option("How new words and expressions at either end are drawn: snapped onto the label words at temperature T, or 'raw' [default: the model's own setting].")
@truncation_option("Noise truncated at +-PSI, or plain N(0, 1) noise with 'off' [default: the model's own setting].")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("interpolation.png"), show_default=True,
              help="The PNG to write.")
@force_option("Overwrite --out if it exists.")
@device_option()
@json_option("Print what was drawn as JSON.")
@quiet_option("Print nothing but errors (and --json).")
@trust_file_option
@reports_errors
def interpolate(
    model: str, start: str, end: str, steps: int, n: int, seed: int, method: str, temperature, truncation,
    out: Path, force: bool, device: str, as_json: bool, quiet: bool, trusted_files: tuple[str, ...],
) -> None:
    """Draw the walk from START to END with MODEL (a run directory, a .safetensors checkpoint, or a shipped model's name such as fashion-mnist): a column per step, a row per noise vector.

    START and END are words, quoted phrases, or word arithmetic: "boots - winter + summer" adds and
    subtracts the terms' conditions (an operator needs a space on each side, so t-shirt is one word).

    \b
    Example:
      wordgan interpolate fashion-mnist sandals boots --steps 8
      wordgan interpolate fashion-mnist boots "boots - winter + summer" -o arithmetic.png
    """
    from wordgan.files.images import save_png
    from wordgan.files.printable import shown
    from wordgan.tools.interpolation import interpolate as walk

    refuse_overwrite(out, force)
    loaded = load_model(model, device, quiet, words=[start, end], trusted_files=trusted_files, temperature=temperature)
    drawn = walk(loaded, start, end, steps=steps, n=n, seed=seed, method=method, temperature=temperature, truncation=truncation)
    save_png(drawn.picture(), out)
    if as_json:
        click.echo(json.dumps({"start": start, "end": end, "method": method, "steps": steps, "n": n, "seed": seed,
                               "t": [round(t, 4) for t in drawn.t], "out": str(out)}, indent=2))
    elif not quiet:
        click.echo(f"wrote {out}: {shown(start, 60)} -> {shown(end, 60)} in {steps} steps ({method}), {n} noise vectors")
