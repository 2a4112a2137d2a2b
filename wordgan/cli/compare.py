"""``wordgan compare``: embedders (or GANs, or losses) side by side, on the same seed and budget."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from wordgan.cli.toolkit import force_option, parse_options, reports_errors
from wordgan.cli.options import decay_or_off, model_setting, refusing_existing, split_words, trust_file_option
from wordgan.training.config import TrainConfig
from wordgan.model.limits import MAX_SEED

_DEFAULTS = TrainConfig  # its fields' plain defaults, read without building one (a built config imports the mapping: torch)


@click.command(short_help="Train and score several set-ups on one budget, in one table.")
@click.option("--embedder", "embedders", multiple=True, required=True, metavar="NAME[:KEY=VALUE,...]",
              help="Embedder plugin, with options after a colon; repeat to compare (two sentence-transformers models: "
                   "--embedder sentence-transformers:model=A --embedder sentence-transformers:model=B).")
@click.option("--embedder-option", "embedder_options", multiple=True, metavar="KEY=VALUE", help="Option for every embedder, repeatable.")
@click.option("--gan", "gans", multiple=True, default=[_DEFAULTS.gan], show_default=True, metavar="NAME[:KEY=VALUE,...]",
              help="GAN plugin, with options after a colon (biggan:ch=32); repeat to compare.")
@click.option("--gan-option", "gan_options", multiple=True, metavar="KEY=VALUE", help="Option for every GAN, repeatable.")
@click.option("--loss", "losses", multiple=True, default=[_DEFAULTS.loss], show_default=True, metavar="NAME[:KEY=VALUE,...]",
              help="Loss plugin, with options after a colon; repeat to compare.")
@click.option("--loss-option", "loss_options", multiple=True, metavar="KEY=VALUE", help="Option for every loss, repeatable.")
@click.option("--vocabulary", "vocabularies", multiple=True,
              help="Vocabulary expansion: none, wordnet, dataset (the dataset's own words) or a JSON file; repeat to "
                   f"compare.  [default: the dataset's own default, else {_DEFAULTS.vocabulary}]")
@click.option("--ema", "emas", multiple=True, metavar="DECAY|off", help=f"EMA of G's weights (e.g. 0.999) or off; repeat to compare.  [default: {_DEFAULTS.ema}]")
@click.option("--diffaugment", "diffaugments", multiple=True, metavar="POLICY|off",
              help="DiffAugment policy (color,translation,cutout) or off; repeat to compare.  [default: off]")
@click.option("--temperature", "temperatures", multiple=True, metavar="T|raw|model",
              help="Generation: snap new words at temperature T, draw them raw, or as each model says (model, the "
                   "default); repeat to compare. Evaluation only: runs are shared.")
@click.option("--truncation", "truncations", multiple=True, metavar="PSI|off|model",
              help="Generation: noise truncated at +-PSI, plain noise (off), or as each model says (model, the "
                   "default); repeat to compare. Evaluation only.")
@click.option("--dataset", default=_DEFAULTS.dataset, show_default=True, help="Dataset plugin.")
@click.option("--data-dir", type=click.Path(file_okay=False), help="Folder with the dataset's files.")
@click.option("--dataset-option", "dataset_options", multiple=True, metavar="KEY=VALUE", help="Dataset option, repeatable.")
@click.option("--steps", type=click.IntRange(min=1), default=_DEFAULTS.steps, show_default=True,
              help="Generator updates per run (at most, with --time-budget).")
@click.option("--time-budget", type=click.FloatRange(min=0, min_open=True), metavar="MINUTES",
              help="Train every run for this many minutes (stopping earlier at --steps): a comparison at the same wall-clock budget.")
@click.option("--device", default="auto", show_default=True, help="auto, cpu, cuda, cuda:N or mps: where runs train.")
@click.option("--precision", "precisions", type=click.Choice(["fp32", "bf16", "fp16"]), multiple=True,
              help="Training precision; repeat to compare.  [default: fp32]")
@click.option("--batch-size", type=click.IntRange(min=1), default=_DEFAULTS.batch_size, show_default=True,
              help="Images per step, the same for every run.")
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=_DEFAULTS.seed, show_default=True, help="Training seed, the same for every run.")
@click.option("--holdout", multiple=True, help="Leave this label word's class out of every run (zero-shot test), repeatable.")
@click.option("--limit-per-class", type=click.IntRange(min=1), help="Train on the first N images of each class only.")
@click.option("--runs-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("runs"), show_default=True,
              help="Where runs are looked for (by their config) and trained.")
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("comparison"), show_default=True,
              callback=refusing_existing("compare.json", "compare.md", "compare.csv", "compare.png"),
              help="Where the table and the picture go.")
@force_option("Replace the table and picture of an earlier comparison in --out.")
@click.option("-n", "n", default=500, show_default=True, type=click.IntRange(min=4), help="Images per word in evaluation.")
@click.option("--eval-seed", default=0, show_default=True, type=click.IntRange(0, MAX_SEED),
              help="Noise seed for evaluation and the picture, 0 to 2**64 - 1.")
@click.option("--words", "words_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Novel word list (JSON) [default: the list shipped with wordgan].")
@click.option("--evaluator", "evaluator_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Evaluator weights [default: the one wordgan ships for the dataset].")
@click.option("--show", help="Comma-separated words for the picture [default: label words and probe words].")
@trust_file_option
@click.option("--json", "as_json", is_flag=True, help="Print the table's rows as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or status lines.")
@reports_errors
def compare(
    embedders: tuple[str, ...],
    embedder_options: tuple[str, ...],
    gans: tuple[str, ...],
    gan_options: tuple[str, ...],
    losses: tuple[str, ...],
    loss_options: tuple[str, ...],
    vocabularies: tuple[str, ...],
    emas: tuple[str, ...],
    diffaugments: tuple[str, ...],
    temperatures: tuple[str, ...],
    truncations: tuple[str, ...],
    dataset: str,
    data_dir: str | None,
    dataset_options: tuple[str, ...],
    steps: int,
    time_budget: float | None,
    device: str,
    precisions: tuple[str, ...],
    batch_size: int,
    seed: int,
    holdout: tuple[str, ...],
    limit_per_class: int | None,
    runs_dir: Path,
    out: Path,
    n: int,
    eval_seed: int,
    words_file: Path | None,
    evaluator_path: Path | None,
    show: str | None,
    trusted_files: tuple[str, ...],
    force: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Train every combination of the repeated --embedder, --gan, --loss, --vocabulary, --ema, --diffaugment
    and --precision with the same seed and budget, evaluate each at every --temperature and --truncation, and
    write one table (OUT/compare.md, .csv, .json) and one picture (OUT/compare.png: a column per row of the
    table, a row per word).

    A plugin's options go after a colon (sentence-transformers:model=A) for that plugin alone, or in
    --embedder-option, --gan-option and --loss-option for every plugin of the kind. Runs already in
    --runs-dir with the same settings are reused.

    \b
    Example:
      wordgan compare --embedder word2vec --embedder fasttext --gan dcgan --dataset fashion-mnist --steps 8000
      wordgan compare --embedder word2vec --loss bce --loss hinge --steps 4000 -o comparisons/losses
      wordgan compare --embedder sentence-transformers --embedder sentence-transformers:model=models/my-st-model \\
          --gan-option width=32 -o comparisons/two-sentence-models
      wordgan compare --embedder word2vec --embedder sentence-transformers \\
          --vocabulary none --vocabulary wordnet --temperature raw --temperature 0.05
    """
    from wordgan.evaluation.sweep import compare as run_comparison
    from wordgan.training.settings import assemble_config

    options = parse_options(dataset_options)
    if data_dir:
        options["data_dir"] = data_dir
    settings = {
        "dataset": dataset,
        "dataset_options": options,
        "embedder_options": parse_options(embedder_options),
        "gan_options": parse_options(gan_options),
        "loss_options": parse_options(loss_options),
        "steps": steps,
        "time_budget": time_budget,
        "device": device,
        "batch_size": batch_size,
        "seed": seed,
        "limit_per_class": limit_per_class,
    }
    if holdout:
        settings["holdout"] = list(holdout)
    base = assemble_config(settings)
    rows = run_comparison(
        base, [_plugin(e, "--embedder") for e in embedders], [_plugin(g, "--gan") for g in gans],
        [_plugin(x, "--loss") for x in losses], [None if v == "none" else v for v in vocabularies] or [base.vocabulary],
        [decay_or_off(e) for e in emas] or None,
        [None if d.lower() == "off" else d for d in diffaugments] or None,
        list(precisions) or None,
        [model_setting(t, ("raw", "none"), "--temperature") for t in temperatures or ["model"]],
        [model_setting(z, ("off", "none"), "--truncation") for z in truncations or ["model"]], runs_dir=runs_dir, out=out, n=n, eval_seed=eval_seed, words_file=words_file,
        evaluator_path=evaluator_path, show=split_words(show) or None, progress=not quiet, trusted_files=trusted_files,
    )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        if "subcategory_accuracy" in row:  # many concepts (emoji)
            click.echo(
                f"{row['embedder']} / {row['gan']} / {row['loss']}: held-out subcategory accuracy "
                f"{row['subcategory_accuracy']:.3f} (chance {row['subcategory_chance']:.3f}), median rank "
                f"{row['median_rank']:.1f}, Recall@10 {row['concept_recall_at_10']:.3f}  [{row['run']}]"
            )
            continue
        zero_shot = "n/a" if row["zero_shot"] is None else f"{row['zero_shot']:.3f}"
        methods = f" +{row['vocabulary']}" if row["vocabulary"] != "none" else ""
        methods += f" T={row['temperature']:g}" if row["temperature"] is not None else ""
        methods += f" z<{row['truncation']:g}" if row["truncation"] is not None else ""
        methods += f" ema{row['ema']:g}" if row.get("ema") else ""
        methods += f" diffaugment={row['diffaugment']}" if row.get("diffaugment") else ""
        click.echo(
            f"{row['embedder']} / {row['gan']} / {row['loss']}{methods}: seen accuracy {row['seen_accuracy']:.3f}, "
            f"zero-shot {zero_shot} (chance {row['chance'] or 0:.3f}), Fréchet {row['frechet']:.2f}  [{row['run']}]"
        )
    click.echo(f"wrote {out / 'compare.md'}, {out / 'compare.csv'}, {out / 'compare.json'} and {out / 'compare.png'}")


def _plugin(text: str, flag: str) -> tuple[str, dict[str, Any]]:
    """"biggan:ch=32,attention=null" -> ("biggan", {"ch": 32, "attention": None})."""
    name, _, rest = text.partition(":")
    if not name.strip():
        raise click.BadParameter(f"{text!r} names no plugin", param_hint=flag)
    return name.strip(), parse_options(tuple(pair for pair in rest.split(",") if pair.strip()))
