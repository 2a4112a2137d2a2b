"""``wordgan-visual-fit`` (fit a visual space for a dataset) and ``wordgan-visual-similar`` (a word's nearest
concepts in the visual space and in the text space)."""
from __future__ import annotations

import json

import click

from wordgan.cli.toolkit import force_option, json_option, parse_options, quiet_option, refuse_overwrite, reports_errors, shown

from wordgan_visual import defaults

HELP = {"help_option_names": ["-h", "--help"]}


@click.command(context_settings=HELP)
@click.option("--dataset", required=True, help="The dataset plugin whose concepts to fit (e.g. emoji, fashion-mnist).")
@click.option("--dataset-option", "dataset_options", multiple=True, metavar="KEY=VALUE",
              help="An option of the dataset plugin, as for wordgan train. Repeatable.")
@click.option("--text-embedder", default=defaults.TEXT_EMBEDDER, show_default=True,
              help="The embedder whose vectors of the concept names the regression maps (sentence-transformers, use, concat ...).")
@click.option("--text-option", "text_options", multiple=True, metavar="KEY=VALUE", help="An option of the text embedder. Repeatable.")
@click.option("--dim", default=defaults.DIM, show_default=True, help="E, the size of the visual space (principal components kept).")
@click.option("--resolution", default=defaults.RESOLUTION, show_default=True, help="Pixels a side the feature network reads each image at.")
@click.option("--taps", default=",".join(map(str, defaults.TAPS)), show_default=True,
              help="EfficientNet-Lite0 blocks whose pooled maps form an image's feature, comma-separated (2,4,10,15: strides 4 to 32).")
@click.option("--whiten/--no-whiten", default=defaults.WHITEN, show_default=True, help="Scale every principal direction to unit variance.")
@click.option("--holdout", multiple=True, metavar="CONCEPT",
              help="A concept to leave out of the fit. Repeatable. Default: the dataset's own held-out split (what wordgan train holds out).")
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), help="The visual space file to write (.safetensors).")
@force_option("Overwrite OUT if it exists.")
@json_option("Print the file written and the embedder option that reads it as JSON.")
@quiet_option()
@reports_errors
def fit(dataset, dataset_options, text_embedder, text_options, dim, resolution, taps, whiten, holdout, out, force, as_json, quiet) -> None:
    """Fit a visual space on DATASET's trained concepts and write it to OUT, for the visual embedder.

    Each trained concept becomes the mean ImageNet feature (EfficientNet-Lite0) of its real images, reduced
    to DIM principal components; a ridge regression, fitted on the same concepts, maps a text embedder's
    vector of any other word into that space. Held-out concepts are not fitted.

    \b
    Example:
      wordgan-visual-fit --dataset emoji -o visual-emoji.safetensors
      wordgan train --dataset emoji --embedder visual --embedder-option model=visual-emoji.safetensors
    """
    from wordgan_visual.fit import fit_visual_space

    refuse_overwrite(out, force)
    try:
        tap_list = tuple(int(t) for t in taps.split(","))
    except ValueError:
        raise click.BadParameter(f"expected block numbers separated by commas, got {taps!r}", param_hint="--taps") from None
    report = None if quiet else (lambda line: click.echo(line, err=True))
    space = fit_visual_space(
        dataset, parse_options(dataset_options), text_embedder, parse_options(text_options), dim, resolution,
        tap_list, whiten, list(holdout) or None, report,
    )
    path = space.save(out)
    if as_json:
        click.echo(json.dumps({"out": str(path), "embedder": "visual", "embedder_option": f"model={path}",
                               "concepts": len(space.concepts), "dim": space.dim}))
    else:
        click.echo(f"wrote {path} ({len(space.concepts)} concepts, {space.dim} dimensions); "
                   f"use it with --embedder visual --embedder-option model={path}")


@click.command(context_settings=HELP)
@click.argument("model")
@click.argument("words", nargs=-1, required=True)
@click.option("-k", "--top", "topn", default=8, show_default=True, help="Neighbours to list in each space.")
@click.option("--trust-file", "trusted_files", multiple=True, type=click.Path(exists=True), metavar="PATH",
              help="A pickle file (or folder) the model names that may be read (docs/security.md). Repeatable.")
@json_option()
@quiet_option()
@reports_errors
def similar(model, words, topn, trusted_files, as_json, quiet) -> None:
    """Each WORD's nearest trained concepts in the visual space and in the text space.

    MODEL is a visual space file (what wordgan-visual-fit wrote) or a wordgan model trained with the visual
    embedder (a run folder, a checkpoint, a shipped model's name). The visual space ranks concepts by their
    image prototypes against the word's vector (its own prototype, or its text vector mapped by the
    regression); the text space ranks the concept names by the text embedder alone.

    \b
    Example:
      wordgan-visual-similar visual-emoji.safetensors hedgehog "hot dog"
    """
    from wordgan_visual.loading import visual_embedder

    embedder = visual_embedder(model, trusted_files, None if quiet else (lambda line: click.echo(line, err=True)))
    results = [embedder.neighbours(word, topn) for word in words]
    if as_json:
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
        return
    text_name = embedder.space.text_embedder["name"]
    for result in results:
        how = "a trained concept: its prototype" if result["trained"] else f"mapped from its {text_name} vector"
        click.echo(f"{shown(result['text'], 60)} ({how})")
        for label, key in (("visual space", "visual"), (f"text space ({text_name})", "text_space")):
            click.echo(f"  {label}: " + ", ".join(f"{shown(name)} {sim:.2f}" for name, sim in result[key]))
