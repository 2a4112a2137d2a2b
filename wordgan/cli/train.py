"""``wordgan train``: train a word-conditioned GAN into a run directory."""
from __future__ import annotations

import json
import os
from typing import Any

import click

from wordgan.cli.toolkit import DeprecatedAliases, parse_options, reports_errors
from wordgan.cli.options import decay_or_off, positive_or_off, split_words, trust_file_option
from wordgan.model.limits import MAX_SEED
from wordgan.training.config import DEFAULT_PROBE_WORDS, TrainConfig

_DEFAULTS = TrainConfig  # its fields' plain defaults, read without building one (a built config imports the mapping: torch)


@click.command(short_help="Train a word-conditioned GAN into a run directory.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="Start from this TOML or JSON config (a run's config.json repeats it); flags override it.")
@click.option("--embedder", help=f"Embedder plugin (see `wordgan plugins`).  [default: {_DEFAULTS.embedder}]")
@click.option("--embedder-option", "embedder_options", multiple=True, metavar="KEY=VALUE", help="Embedder option, repeatable.")
@click.option("--gan", help=f"GAN plugin.  [default: {_DEFAULTS.gan}]")
@click.option("--gan-option", "gan_options", multiple=True, metavar="KEY=VALUE", help="GAN option, e.g. spectral_norm=true.")
@click.option("--loss", help=f"Loss plugin.  [default: {_DEFAULTS.loss}]")
@click.option("--loss-option", "loss_options", multiple=True, metavar="KEY=VALUE", help="Loss option, e.g. label_smoothing=0.1.")
@click.option("--dataset", help=f"Dataset plugin.  [default: {_DEFAULTS.dataset}]")
@click.option("--data-dir", type=click.Path(file_okay=False), help="Folder with the dataset's files.")
@click.option("--dataset-option", "dataset_options", multiple=True, metavar="KEY=VALUE", help="Dataset option, repeatable.")
@click.option("--steps", type=click.IntRange(min=1), help=f"Generator updates in all.  [default: {_DEFAULTS.steps}]")
@click.option("--batch-size", type=click.IntRange(min=1), help=f"Images per step, over all processes.  [default: {_DEFAULTS.batch_size}]")
@click.option("--lr-g", type=float, help=f"Generator learning rate.  [default: {_DEFAULTS.lr_g}]")
@click.option("--lr-d", type=float, help=f"Discriminator learning rate (TTUR: set apart from --lr-g).  [default: {_DEFAULTS.lr_d}]")
@click.option("--z-dim", type=click.IntRange(min=1), help=f"Noise size Z.  [default: {_DEFAULTS.z_dim}]")
@click.option("--seed", type=click.IntRange(min=0, max=MAX_SEED), help=f"Seed of every random draw.  [default: {_DEFAULTS.seed}]")
@click.option("--matching-aware/--no-matching-aware", default=None,
              help="GAN-CLS: D also rejects real images paired with a wrong word.  [default: no]")
@click.option("--condition-noise", type=click.FloatRange(min=0), help="Conditioning augmentation: std of Gaussian noise around each label vector (RMS-1 units).  [default: 0]")
@click.option("--condition-mix", type=click.FloatRange(0, 1), help="Share of G's batch conditioned on a random mixture of two label vectors.  [default: 0]")
@click.option("--vocabulary", help=f"Vocabulary expansion: 'wordnet', 'none', or a JSON file {{label word: [extra words]}}.  [default: {_DEFAULTS.vocabulary}]")
@click.option("--vocabulary-share", type=click.FloatRange(0, 1), help=f"Share of images conditioned on an extra word of their class instead of the label word.  [default: {_DEFAULTS.vocabulary_share}]")
@click.option("--temperature", "--snap-temperature", "temperature", metavar="T|raw",
              cls=DeprecatedAliases, deprecated_aliases=("--snap-temperature",),
              help="How the trained model draws new words by default: snapped toward the trained words at this "
                   "temperature, or 'raw' (their own embedding). `generate --temperature` overrides it.  "
                   f"[default: {_DEFAULTS.snap_temperature}]")
@click.option("--truncation", metavar="PSI|off",
              help="How the trained model draws noise by default: truncated at +-PSI (BigGAN's truncation trick), "
                   f"or 'off'. `generate --truncation` overrides it.  [default: {_DEFAULTS.truncation}]")
@click.option("--ema", metavar="DECAY|off", help=f"Keep an exponential moving average of G's weights with this decay, or 'off'; generation uses it.  [default: {_DEFAULTS.ema}]")
@click.option("--ema-start", type=click.IntRange(min=0), help="G updates before the average starts (it copies G until then).  [default: 0]")
@click.option("--diffaugment", metavar="POLICY|off", help="DiffAugment every image D sees: a comma-separated subset of color,translation,cutout.  [default: off]")
@click.option("--time-budget", type=click.FloatRange(min=0, min_open=True), metavar="MINUTES",
              help="Stop after this many minutes of training (at a step boundary), save, and count the run as finished.")
@click.option("--device", help="auto (CUDA, then MPS, then CPU), cpu, cuda, cuda:N or mps.  [default: auto]")
@click.option("--precision", type=click.Choice(["fp32", "bf16", "fp16"]), help="Autocast precision; fp16 adds loss scaling.  [default: fp32]")
@click.option("--holdout", multiple=True, help="Leave this label word's class out of training (zero-shot test), repeatable.")
@click.option("--probe-words", help=f"Comma-separated novel words drawn in the sample grids.  [default: {','.join(DEFAULT_PROBE_WORDS)}]")
@click.option("--limit-per-class", type=click.IntRange(min=1), help="Train on the first N images of each class only.")
@click.option("--sample-every", type=click.IntRange(min=1), help=f"Steps between sample grids.  [default: {_DEFAULTS.sample_every}]")
@click.option("--checkpoint-every", type=click.IntRange(min=1), help=f"Steps between checkpoints.  [default: {_DEFAULTS.checkpoint_every}]")
@click.option("--eval-every", type=click.IntRange(min=1), metavar="STEPS",
              help="Judge the model every STEPS steps as `wordgan evaluate` does, on fewer images (seen accuracy, Fréchet, "
                   "zero-shot or held-out concepts) into metrics.jsonl and TensorBoard, and keep the best checkpoint as "
                   "RUN/best.safetensors beside the last.  [default: off]")
@click.option("--log-every", type=click.IntRange(min=1), help=f"Steps between lines of metrics.jsonl.  [default: {_DEFAULTS.log_every}]")
@click.option("--tensorboard/--no-tensorboard", default=None, help="Also write TensorBoard event files into RUN/tensorboard.  [default: no]")
@click.option("--wandb", metavar="PROJECT", help="Also log to this Weights & Biases project (needs `pip install wandb` and `wandb login`, "
                                                 "or WANDB_MODE=offline to log into RUN/wandb and `wandb sync` later).")
@click.option("-o", "--out", type=click.Path(file_okay=False), help="Run directory  [default: runs/EMBEDDER-GAN-DATASET].")
@click.option("--resume", is_flag=True, help="Continue the run in --out from its checkpoint; only "
              + ", ".join(f"--{name.replace('_', '-')}" for name in TrainConfig.resumable()) + " may change (--steps raised to train longer).")
@trust_file_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or status lines.")
@click.pass_context
@reports_errors
def train(ctx: click.Context, config_file: str | None, resume: bool, trusted_files: tuple[str, ...], as_json: bool, quiet: bool, **values: Any) -> None:
    """Train a GAN whose condition is the embedding of each image's label word.

    Writes config.json, metrics.jsonl, sample grids (training words and novel probe words) and
    checkpoint.safetensors into the run directory. Ctrl-C or SIGTERM saves a checkpoint; --resume continues
    it. `torchrun --nproc-per-node N -m wordgan train ...` trains one run on N processes (docs/scaling.md).

    The defaults are the best measured in docs/zero-shot.md and docs/gans.md: all-MiniLM-L6-v2 conditions,
    each class also trained on its WordNet synonyms and hyponyms, an EMA of G's weights (0.99); new words
    mapped onto the label words by weighted evidence (MiniLM, USE, WordNet) at temperature 0.03 and noise
    truncated at 1.5 when the model draws; about 8 minutes on 2 CPU cores.

    \b
    Example:
      wordgan train
      wordgan train --embedder word2vec --gan dcgan --dataset fashion-mnist --steps 8000
      wordgan train --config runs/sentence-transformers-dcgan-fashion-mnist/config.json --seed 1 -o runs/seed1
      wordgan train -o runs/sentence-transformers-dcgan-fashion-mnist --resume --steps 12000
    """
    from wordgan.training.settings import assemble_config, checkpoint_step
    from wordgan.training.trainer import train as run_training

    given = {k: v for k, v in values.items() if v not in (None, ()) and ctx.get_parameter_source(k).name != "DEFAULT"}
    config = assemble_config(_settings(given), config_file, resume)
    try:
        path = run_training(config, resume=resume, progress=not quiet, trusted_files=trusted_files)
    except KeyboardInterrupt as stop:
        click.echo(f"\n{stop or 'interrupted'}", err=True)
        ctx.exit(130)
    if os.environ.get("RANK", "0") != "0":
        return  # under torchrun, rank 0 speaks for the run
    step = checkpoint_step(path / "checkpoint.safetensors")
    if as_json:
        click.echo(json.dumps({"run": str(path), "step": step}))
    else:
        click.echo(f"at step {step}; run in {path}")
        click.echo(f"next: wordgan generate {path} WORD [WORD ...] -o generated/")


def _settings(given: dict[str, Any]) -> dict[str, Any]:
    """Explicitly given flags -> TrainConfig fields."""
    settings: dict[str, Any] = {}
    for key, value in given.items():
        if key in ("embedder_options", "gan_options", "loss_options", "dataset_options"):
            settings[key] = parse_options(value)
        elif key == "data_dir":
            continue
        elif key == "vocabulary":
            settings[key] = None if value == "none" else value
        elif key == "temperature":
            settings["snap_temperature"] = positive_or_off(value, ("raw", "none"), "--temperature")
        elif key == "truncation":
            settings[key] = positive_or_off(value, ("off", "none"), "--truncation")
        elif key == "ema":
            settings[key] = decay_or_off(value)
        elif key == "diffaugment":
            settings[key] = None if value.strip().lower() in ("off", "none") else value
        elif key == "holdout":
            settings[key] = list(value)
        elif key == "probe_words":
            settings[key] = split_words(value)
        else:
            settings[key] = value
    if "data_dir" in given:
        settings.setdefault("dataset_options", {})["data_dir"] = given["data_dir"]
    return settings
