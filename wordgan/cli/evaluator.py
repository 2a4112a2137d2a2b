"""``wordgan evaluator``: train the classifier that evaluation uses, or show what one was trained on."""
from __future__ import annotations

import json
from pathlib import Path

import click

from wordgan.cli.toolkit import DeprecatedAliases, force_option, json_option, parse_options, quiet_option, refuse_overwrite, reports_errors
from wordgan.cli.options import data_dir_option, device_option
from wordgan.model.limits import MAX_SEED


@click.group(short_help="Train or show the classifier that evaluation judges with.")
def evaluator() -> None:
    """The classifier that `wordgan evaluate` judges generated images with.

    wordgan ships one for fashion-mnist; train one for any other dataset plugin.

    \b
    Example:
      wordgan evaluator info
      wordgan evaluator train --dataset image-folder --data-dir ~/photos -o photos.safetensors
    """


@evaluator.command()
@click.option("--dataset", default="fashion-mnist", show_default=True, help="Dataset plugin to train on.")
@data_dir_option()
@click.option(
    "--dataset-option",
    "dataset_options",
    multiple=True,
    metavar="KEY=VALUE",
    help="Option for the dataset plugin (repeatable), e.g. size=64. VALUE is read as JSON if it can be.",
)
@click.option("--epochs", default=8, show_default=True, type=click.IntRange(min=1), help="Passes over the training split.")
@click.option("--batch-size", default=128, show_default=True, type=click.IntRange(min=1), help="Images per step.")
@click.option("--lr", default=3e-3, show_default=True, type=click.FloatRange(min=0, min_open=True), help="Peak learning rate.")
@click.option("--seed", default=0, show_default=True, type=click.IntRange(0, MAX_SEED),
              help="Seed for the weights and the order of the images, 0 to 2**64 - 1.")
@click.option("--augment", type=click.Choice(["shift", "strong", "none"]), default="shift", show_default=True,
              help="What each training image goes through: 'shift' moves it by up to a pixel (enough for "
                   "thousands of images a class); 'strong' also scales, rotates, shifts it by up to 1/8 and jitters "
                   "its colours (for a few images a class, e.g. emoji).")
@click.option("--no-augment", "no_augment", is_flag=True, hidden=True, help="Deprecated: --augment none.")
@click.option("--width", default=16, show_default=True, type=click.IntRange(min=1),
              help="Channels of the network's first block (then 2x and 4x); 32 for many classes.")
@click.option("--label-smoothing", default=0.0, show_default=True, type=click.FloatRange(0, 1, max_open=True),
              help="Label smoothing of the cross-entropy (0.1 helps with few images a class).")
@click.option("--limit-per-class", type=click.IntRange(min=1), help="Train on the first N images of each class (quick tests).")
@click.option(
    "-o",
    "--out",
    "--output",
    "out",
    cls=DeprecatedAliases,
    deprecated_aliases=("--output",),
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the weights [default: <dataset>-evaluator.safetensors].",
)
@device_option("Where the network trains: auto (CUDA, then MPS, then CPU), cpu, cuda, cuda:N or mps.")
@force_option("Overwrite the weights file if it exists.")
@json_option("Print what was trained (the evaluator's info: dataset, words, test accuracy, ...) as JSON.")
@quiet_option("No progress bar.")
@reports_errors
def train(
    dataset: str,
    data_dir: str | None,
    dataset_options: tuple[str, ...],
    epochs: int,
    batch_size: int,
    lr: float,
    seed: int,
    augment: str,
    no_augment: bool,
    width: int,
    label_smoothing: float,
    limit_per_class: int | None,
    out: Path | None,
    device: str,
    force: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Train an evaluator on DATASET's train split and record its test accuracy.

    \b
    Example:
      wordgan evaluator train --dataset fashion-mnist -o my-evaluator.safetensors
      wordgan evaluate fashion-mnist --evaluator my-evaluator.safetensors
    (docs/evaluation.md gives the command that made the evaluator wordgan ships)
    """
    from wordgan.evaluation.judge.training import train_evaluator

    if no_augment:
        click.echo("warning: --no-augment is deprecated; use --augment none", err=True)
        augment = "none"
    out = out or Path(f"{dataset}-evaluator.safetensors")
    refuse_overwrite(out, force)
    options = parse_options(dataset_options)
    if data_dir:
        options["data_dir"] = data_dir
    trained = train_evaluator(
        dataset=dataset,
        dataset_options=options,
        epochs=epochs,
        batch_size=batch_size,
        lr=lr,
        seed=seed,
        augment=augment,
        width=width,
        label_smoothing=label_smoothing,
        limit_per_class=limit_per_class,
        progress=not quiet,
        device=device,
    )
    path = trained.save(out)
    if as_json:
        click.echo(json.dumps({"path": str(path), **trained.info.to_dict()}, indent=2))
    else:
        click.echo(f"test accuracy {trained.info.test_accuracy:.4f}; wrote {path}")


@evaluator.command()
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dataset", default="fashion-mnist", show_default=True, help="Show the shipped evaluator of this dataset.")
@json_option("Print JSON (the default: the info is JSON already; the flag is accepted like everywhere else).")
@quiet_option("Accepted like everywhere else; info prints only its result anyway.")
@reports_errors
def info(path: Path | None, dataset: str, as_json: bool, quiet: bool) -> None:
    """Print what an evaluator was trained on, how, and its test accuracy (JSON).

    Without PATH, shows the evaluator wordgan ships for --dataset.

    \b
    Example:
      wordgan evaluator info
      wordgan evaluator info photos.safetensors
    """
    from wordgan.evaluation.judge.evaluator import load_evaluator

    click.echo(json.dumps(load_evaluator(path, dataset).info.to_dict(), indent=2))

