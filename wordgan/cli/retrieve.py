"""``wordgan retrieve``: draw a word, then find the real images that look most like the drawing."""
from __future__ import annotations

import json
from pathlib import Path

import click

from wordgan.cli.toolkit import force_option, json_option, parse_options, quiet_option, refuse_overwrite, reports_errors
from wordgan.cli.options import data_dir_option, device_option, temperature_option, truncation_option, trust_file_option
from wordgan.cli.loading import load_model
from wordgan.model.limits import MAX_SEED


@click.command(short_help="Draw a word, then find the real images most like it.")
@click.argument("model")
@click.argument("word")
@click.option("--catalogue", metavar="DIR|DATASET",
              help="A folder of images (searched recursively) or a dataset plugin's name [default: the model's dataset].")
@click.option("--split", type=click.Choice(["train", "test"]), default="test", show_default=True, help="With a dataset: which split to search.")
@data_dir_option("With a dataset: the folder with its files.")
@click.option("--dataset-option", "dataset_options", multiple=True, metavar="KEY=VALUE", help="With a dataset: a dataset option, repeatable.")
@click.option("-k", "k", type=click.IntRange(1, 1000), default=8, show_default=True, help="How many real images to return.")
@click.option("-n", "n", type=click.IntRange(1, 256), default=16, show_default=True, help="Images drawn for WORD; the query is their mean feature.")
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=0, show_default=True,
              help="Noise seed, 0 to 2**64 - 1: the same seed gives the same query.")
@click.option("--evaluator", "evaluator_path", type=click.Path(exists=True, dir_okay=False),
              help="Evaluator whose features compare images [default: the one wordgan ships for the model's dataset].")
@temperature_option("How a new word or expression is drawn: snapped onto the label words at temperature T, or 'raw' [default: the model's own setting].")
@truncation_option("Noise truncated at +-PSI, or plain N(0, 1) noise with 'off' [default: the model's own setting].")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("retrieved.png"), show_default=True,
              help="The PNG to write: the drawn images above the images found.")
@force_option("Overwrite --out if it exists.")
@device_option()
@json_option("Print the images found as JSON: rank, index, name, score (and label).")
@quiet_option("Print only the images found, no status lines.")
@trust_file_option
@reports_errors
def retrieve(
    model: str, word: str, catalogue: str | None, split: str, data_dir: str | None, dataset_options: tuple[str, ...],
    k: int, n: int, seed: int, evaluator_path: str | None, temperature, truncation, out: Path, force: bool,
    device: str, as_json: bool, quiet: bool, trusted_files: tuple[str, ...],
) -> None:
    """Draw N images of WORD with MODEL (a run directory, a .safetensors checkpoint, or a shipped model's name such as fashion-mnist) and list the K catalogue images nearest to them by the
    evaluator's features (cosine similarity to the mean of the drawn images' features), nearest first:
    file paths for a folder, indexes for a dataset.

    \b
    Example:
      wordgan retrieve fashion-mnist sandals -k 8
      wordgan retrieve runs/my-run "running shoes" --catalogue ~/shop/photos -k 20 --json
    """
    from wordgan.files.images import save_png
    from wordgan.tools.retrieval import search

    refuse_overwrite(out, force)
    loaded = load_model(model, device, quiet, words=[word], trusted_files=trusted_files, temperature=temperature)
    if not quiet:
        click.echo(f"reading and featurising the catalogue {catalogue or loaded.config.dataset} ...", err=True)
    found, searched = search(
        loaded, word, catalogue, split, parse_options(dataset_options), data_dir, evaluator_path, k, n, seed, temperature, truncation
    )
    save_png(found.picture(searched), out)
    rows = found.rows(searched)
    if as_json:
        click.echo(json.dumps({"word": word, "catalogue": searched.source, "picture": str(out), "found": rows}, indent=2))
        return
    for row in rows:
        label = f" ({row['label']})" if "label" in row else ""
        click.echo(f"{row['rank']}. {row['name']}{label} {row['score']:.3f}")
    click.echo(f"wrote {out}")  # what a command wrote is part of its result: stdout, as in every command
