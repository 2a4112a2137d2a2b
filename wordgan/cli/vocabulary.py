"""``wordgan vocabulary``: the extra condition words per class that vocabulary expansion trains on."""
from __future__ import annotations

import json

import click

from wordgan.cli.toolkit import json_option, parse_options, quiet_option, reports_errors
from wordgan.cli.options import data_dir_option
from wordgan.training.config import TrainConfig

_DEFAULTS = TrainConfig  # its fields' plain defaults, read without building one (a built config imports the mapping: torch)


@click.command(short_help="The extra words each class is trained on.")
@click.argument("model", required=False)
@click.option("--source", default="wordnet", show_default=True, help="Without MODEL: 'wordnet', 'dataset' (the dataset's own words, e.g. emoji's CLDR keywords) or a JSON file {label: [words]}.")
@click.option("--dataset", default=_DEFAULTS.dataset, show_default=True, help="Without MODEL: whose label words to expand.")
@data_dir_option("Without MODEL: the folder with the dataset's files [default: where the dataset plugin looks].")
@click.option("--dataset-option", "dataset_options", multiple=True, metavar="KEY=VALUE",
              help="Without MODEL: an option for the dataset plugin, repeatable. VALUE is read as JSON if it can be.")
@click.option("--embedder", help="Without MODEL: also leave out the words this embedder plugin does not know.")
@json_option("Print JSON: {source, words: {label: [...]}, left_out: {word: why}}.")
@click.option("--left-out", is_flag=True, help="Also list the words left out, with the reason.")
@quiet_option("No status lines while the dataset and the embedder load.")
@reports_errors
def vocabulary(
    model: str | None, source: str, dataset: str, data_dir: str | None, dataset_options: tuple[str, ...],
    embedder: str | None, as_json: bool, left_out: bool, quiet: bool,
) -> None:
    """The extra words each class is conditioned on: those MODEL (a run, a checkpoint or a shipped model's name) was trained with, or (without MODEL)
    those `wordgan train --vocabulary SOURCE` would use.

    \b
    Example:
      wordgan vocabulary                                   # WordNet words for Fashion-MNIST's classes
      wordgan vocabulary --embedder word2vec --left-out    # only the words GloVe knows; why others are not used
      wordgan vocabulary runs/st-wordnet                   # what a run was trained with
    """
    if model is not None:
        from wordgan.errors import WordganError
        from wordgan.checkpoint.metadata import CheckpointMetadata
        from wordgan.conditions.vocabulary import Vocabulary

        stored = CheckpointMetadata.read(model).vocabulary
        if not stored:
            raise WordganError(f"{model} was trained without vocabulary expansion (--vocabulary)")
        found = Vocabulary.from_dict(stored)
    else:
        from wordgan.plugins.build import build_dataset, build_embedder, load_split
        from wordgan.conditions.vocabulary import build_vocabulary

        options = parse_options(dataset_options)
        if data_dir:
            options["data_dir"] = data_dir
        if not quiet:
            click.echo(f"reading the label words of {dataset} and the {source} vocabulary ...", err=True)
        provider = build_dataset(dataset, **options)
        words = load_split(provider, "test", dataset).words
        found = build_vocabulary(source, words, provider)
        if embedder:
            if not quiet:
                click.echo(f"loading the {embedder} embedder to leave out the words it does not know ...", err=True)
            found = found.keep_known(build_embedder(embedder).knows)
    if as_json:
        click.echo(json.dumps(found.to_dict(), indent=2))
        return
    click.echo(f"source: {found.source}; {sum(len(v) for v in found.words.values())} extra words")
    for label, extras in found.words.items():
        click.echo(f"{label} ({len(extras)}): {', '.join(extras) or '-'}")
    if left_out:
        for word, why in sorted(found.left_out.items()):
            click.echo(f"  left out {word!r}: {why}")
