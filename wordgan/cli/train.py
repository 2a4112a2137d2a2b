"""``wordgan train``: train a word-conditioned GAN into a run directory."""
from __future__ import annotations

import click

from wordgan.cli.errors import reports_errors
from wordgan.cli.options import parse_options, positive_or_off, split_words
from wordgan.config import TrainConfig

_DEFAULTS = TrainConfig()


@click.command()
@click.option("--embedder", default=_DEFAULTS.embedder, show_default=True, help="Embedder plugin (see `wordgan plugins`).")
@click.option("--embedder-option", "embedder_options", multiple=True, metavar="KEY=VALUE", help="Embedder option, repeatable.")
@click.option("--gan", default=_DEFAULTS.gan, show_default=True, help="GAN plugin.")
@click.option("--gan-option", "gan_options", multiple=True, metavar="KEY=VALUE", help="GAN option, e.g. spectral_norm=true.")
@click.option("--loss", default=_DEFAULTS.loss, show_default=True, help="Loss plugin.")
@click.option("--loss-option", "loss_options", multiple=True, metavar="KEY=VALUE", help="Loss option, e.g. label_smoothing=0.1.")
@click.option("--dataset", default=_DEFAULTS.dataset, show_default=True, help="Dataset plugin.")
@click.option("--data-dir", type=click.Path(file_okay=False), help="Folder with the dataset's files.")
@click.option("--dataset-option", "dataset_options", multiple=True, metavar="KEY=VALUE", help="Dataset option.")
@click.option("--steps", type=int, default=_DEFAULTS.steps, show_default=True, help="Generator updates in all.")
@click.option("--batch-size", type=int, default=_DEFAULTS.batch_size, show_default=True)
@click.option("--lr-g", type=float, default=_DEFAULTS.lr_g, show_default=True, help="Generator learning rate.")
@click.option("--lr-d", type=float, default=_DEFAULTS.lr_d, show_default=True, help="Discriminator learning rate (TTUR: set apart from --lr-g).")
@click.option("--z-dim", type=int, default=_DEFAULTS.z_dim, show_default=True, help="Noise size Z.")
@click.option("--seed", type=int, default=_DEFAULTS.seed, show_default=True)
@click.option("--matching-aware/--no-matching-aware", default=_DEFAULTS.matching_aware, show_default=True,
              help="GAN-CLS: D also rejects real images paired with a wrong word.")
@click.option("--condition-noise", type=float, default=_DEFAULTS.condition_noise, show_default=True,
              help="Conditioning augmentation: std of Gaussian noise around each label vector (RMS-1 units).")
@click.option("--condition-mix", type=float, default=_DEFAULTS.condition_mix, show_default=True,
              help="Share of G's batch conditioned on a random mixture of two label vectors.")
@click.option("--vocabulary", default=_DEFAULTS.vocabulary, show_default=True,
              help="Vocabulary expansion: 'wordnet', 'none', or a JSON file {label word: [extra words]}.")
@click.option("--vocabulary-share", type=float, default=_DEFAULTS.vocabulary_share, show_default=True,
              help="Share of images conditioned on an extra word of their class instead of the label word.")
@click.option("--snap-temperature", type=str, default=str(_DEFAULTS.snap_temperature or "raw"), show_default=True,
              help="How the trained model draws new words by default: snapped toward the trained words at this "
                   "temperature, or 'raw' (their own embedding). `generate --temperature` overrides it.")
@click.option("--truncation", type=str, default=str(_DEFAULTS.truncation or "off"), show_default=True,
              help="How the trained model draws noise by default: truncated at +-PSI (BigGAN's truncation trick), "
                   "or 'off'. `generate --truncation` overrides it.")
@click.option("--holdout", multiple=True, help="Leave this label word's class out of training (zero-shot test), repeatable.")
@click.option("--probe-words", default=",".join(_DEFAULTS.probe_words), show_default=True,
              help="Comma-separated novel words drawn in the sample grids.")
@click.option("--limit-per-class", type=int, help="Train on the first N images of each class only.")
@click.option("--sample-every", type=int, default=_DEFAULTS.sample_every, show_default=True)
@click.option("--checkpoint-every", type=int, default=_DEFAULTS.checkpoint_every, show_default=True)
@click.option("--out", type=click.Path(file_okay=False), help="Run directory [default: runs/EMBEDDER-GAN-DATASET].")
@click.option("--resume", is_flag=True, help="Continue the run in --out from its checkpoint (--steps may be raised).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
@reports_errors
def train(ctx: click.Context, resume: bool, quiet: bool, **values) -> None:
    """Train a GAN whose condition is the embedding of each image's label word.

    Writes config.json, metrics.jsonl, sample grids (training words and novel probe words) and
    checkpoint.safetensors into the run directory. Ctrl-C saves a checkpoint; --resume continues it.

    The defaults are the best measured in docs/zero-shot.md: all-MiniLM-L6-v2 conditions, each class also
    trained on its WordNet synonyms and hyponyms, new words snapped onto the label words at temperature
    0.02 and noise truncated at 1.5 when the model draws; about 7 minutes on 2 CPU cores.

    \b
    Example:
      wordgan train
      wordgan train --embedder word2vec --gan dcgan --dataset fashion-mnist --steps 8000
      wordgan train --out runs/sentence-transformers-dcgan-fashion-mnist --resume --steps 12000
    """
    from wordgan.training import train as run_training
    from wordgan.training.resume import resumed_config

    out = values["out"] or f"runs/{values['embedder']}-{values['gan']}-{values['dataset']}"
    if resume:
        given = [k for k in values if k not in ("out", "steps") and ctx.get_parameter_source(k).name != "DEFAULT"]
        if given:
            raise click.UsageError(f"--resume continues the stored settings; only --steps may change, not {given}")
        steps = values["steps"] if ctx.get_parameter_source("steps").name != "DEFAULT" else None
        config = resumed_config(out, steps)
    else:
        dataset_options = parse_options(values["dataset_options"])
        if values["data_dir"]:
            dataset_options["data_dir"] = values["data_dir"]
        config = TrainConfig(
            embedder=values["embedder"],
            embedder_options=parse_options(values["embedder_options"]),
            gan=values["gan"],
            gan_options=parse_options(values["gan_options"]),
            loss=values["loss"],
            loss_options=parse_options(values["loss_options"]),
            dataset=values["dataset"],
            dataset_options=dataset_options,
            steps=values["steps"],
            batch_size=values["batch_size"],
            z_dim=values["z_dim"],
            lr_g=values["lr_g"],
            lr_d=values["lr_d"],
            seed=values["seed"],
            matching_aware=values["matching_aware"],
            condition_noise=values["condition_noise"],
            condition_mix=values["condition_mix"],
            vocabulary=None if values["vocabulary"] in (None, "none") else values["vocabulary"],
            vocabulary_share=values["vocabulary_share"],
            snap_temperature=positive_or_off(values["snap_temperature"], ("raw", "none"), "--snap-temperature"),
            truncation=positive_or_off(values["truncation"], ("off", "none"), "--truncation"),
            holdout=list(values["holdout"]),
            probe_words=split_words(values["probe_words"]),
            limit_per_class=values["limit_per_class"],
            sample_every=values["sample_every"],
            checkpoint_every=values["checkpoint_every"],
            out=out,
        )
    try:
        path = run_training(config, resume=resume, progress=not quiet)
    except KeyboardInterrupt as stop:
        click.echo(f"\n{stop or 'interrupted'}", err=True)
        ctx.exit(130)
    click.echo(f"trained {config.steps} steps; run in {path}")
    click.echo(f"next: wordgan generate {path} WORD [WORD ...] -o generated/")

