"""``wordgan evaluator``: train the classifier that evaluation uses, or show what one was trained on."""
from __future__ import annotations

import json
from pathlib import Path

import click

from wordgan.cli.errors import reports_errors
from wordgan.cli.options import parse_options


@click.group()
def evaluator() -> None:
    """The classifier that `wordgan evaluate` judges generated images with.

    wordgan ships one for fashion-mnist; train one for any other dataset plugin.

    \b
    Example:
      wordgan evaluator info
      wordgan evaluator train --dataset image-folder --dataset-option data_dir=~/photos -o photos.safetensors
    """


@evaluator.command()
@click.option("--dataset", default="fashion-mnist", show_default=True, help="Dataset plugin to train on.")
@click.option(
    "--dataset-option",
    "dataset_options",
    multiple=True,
    metavar="KEY=VALUE",
    help="Option for the dataset plugin (repeatable), e.g. data_dir=~/images. VALUE is read as JSON if it can be.",
)
@click.option("--epochs", default=8, show_default=True, type=click.IntRange(min=1))
@click.option("--batch-size", default=128, show_default=True, type=click.IntRange(min=1))
@click.option("--lr", default=3e-3, show_default=True, type=click.FloatRange(min=0, min_open=True), help="Peak learning rate.")
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--augment/--no-augment", default=True, show_default=True, help="Random one-pixel shifts.")
@click.option("--limit-per-class", type=click.IntRange(min=1), help="Train on the first N images of each class (quick tests).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the weights [default: <dataset>-evaluator.safetensors].",
)
@reports_errors
def train(
    dataset: str,
    dataset_options: tuple[str, ...],
    epochs: int,
    batch_size: int,
    lr: float,
    seed: int,
    augment: bool,
    limit_per_class: int | None,
    output: Path | None,
) -> None:
    """Train an evaluator on DATASET's train split and record its test accuracy.

    \b
    Example (rebuilds the weights wordgan ships):
      wordgan evaluator train --dataset fashion-mnist -o wordgan/evaluation/weights/fashion-mnist.safetensors
    """
    from wordgan.evaluation.train_evaluator import train_evaluator

    trained = train_evaluator(
        dataset=dataset,
        dataset_options=parse_options(dataset_options),
        epochs=epochs,
        batch_size=batch_size,
        lr=lr,
        seed=seed,
        augment=augment,
        limit_per_class=limit_per_class,
    )
    path = trained.save(output or Path(f"{dataset}-evaluator.safetensors"))
    click.echo(f"test accuracy {trained.info.test_accuracy:.4f}; wrote {path}")


@evaluator.command()
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dataset", default="fashion-mnist", show_default=True, help="Show the shipped evaluator of this dataset.")
@reports_errors
def info(path: Path | None, dataset: str) -> None:
    """Print what an evaluator was trained on, how, and its test accuracy (JSON).

    Without PATH, shows the evaluator wordgan ships for --dataset.

    \b
    Example:
      wordgan evaluator info
      wordgan evaluator info photos.safetensors
    """
    from wordgan.evaluation.evaluator import load_evaluator

    click.echo(json.dumps(load_evaluator(path, dataset).info.to_dict(), indent=2))

