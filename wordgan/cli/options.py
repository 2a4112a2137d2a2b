"""The options wordgan's own commands share (a plugin's commands use :mod:`wordgan.cli.toolkit`)."""
from __future__ import annotations

import click

from wordgan.cli.toolkit import refuse_overwrite
from wordgan.model.settings import MODEL_DEFAULT  # no torch: `wordgan --help` stays quick


def split_words(text: str | None) -> list[str]:
    """"slipper, sweater,kimono" -> ["slipper", "sweater", "kimono"]."""
    return [w.strip() for w in (text or "").split(",") if w.strip()]


def temperature_option(help_text: str):
    """``--temperature T|raw``: a positive number snaps new words at T, ``raw`` draws their raw embedding;
    left out, the model's own setting (its training config's ``snap_temperature``) is used."""
    return _model_setting_option("--temperature", "T|raw", ("raw", "none"), help_text)


def truncation_option(help_text: str):
    """``--truncation PSI|off``: truncate the noise at +-PSI, or ``off``; left out, the model's own setting."""
    return _model_setting_option("--truncation", "PSI|off", ("off", "none"), help_text)


def _model_setting_option(flag: str, metavar: str, off_words: tuple[str, ...], help_text: str):
    """An option that is a positive number, a word that turns the setting off (None), or ``model`` or left
    out: ``MODEL_DEFAULT`` (the trained model's own setting)."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None):
        return MODEL_DEFAULT if value is None else model_setting(value, off_words, flag)

    return click.option(flag, metavar=f"{metavar}|model", callback=parse, help=help_text)


def model_setting(text: str, off_words: tuple[str, ...], flag: str | None = None) -> float | str | None:
    """A generation setting as typed: ``model`` -> ``MODEL_DEFAULT`` (the model's own), an off word -> None,
    else a positive number (:func:`positive_or_off`)."""
    return MODEL_DEFAULT if text.strip().lower() == MODEL_DEFAULT else positive_or_off(text, off_words, flag)


def positive_or_off(text: str, off_words: tuple[str, ...], flag: str | None = None) -> float | None:
    """A positive number, or None for one of ``off_words`` ("raw", "off"); anything else is a usage error
    naming ``flag``."""
    if text.strip().lower() in off_words:
        return None
    try:
        number = float(text)
    except ValueError:
        number = 0.0
    if not number > 0:
        raise click.BadParameter(f"{text!r} is neither {off_words[0]!r} nor a positive number", param_hint=flag)
    return number


def trust_file_option(command):
    """``--trust-file PATH`` (repeatable): a file (or folder) the checkpoint names that may be read although
    it is a pickle, which runs code when read (docs/security.md). Passed on as ``trusted_files``."""
    return click.option(
        "--trust-file", "trusted_files", multiple=True, type=click.Path(exists=True), metavar="PATH",
        help="Allow this pickle file (or folder) named by the model to be read: pickles can run code, so only "
             "for files you trust. Repeatable. See docs/security.md.",
    )(command)


# The options every command spells the same way (tests/cli/test_help_naming.py checks the spelling).


def refusing_existing(*names: str):
    """A callback for an output folder option: a usage error if any of ``names`` exists in it and
    ``--force`` (a :func:`force_option`) was not given."""
    from pathlib import Path

    def check(ctx: click.Context, param: click.Parameter, value):
        if value is not None and not ctx.params.get("force"):
            for name in names:
                refuse_overwrite(Path(value) / name, force=False)
        return value

    return check


def device_option(help_text: str = "Where the generator runs: auto (CUDA, then MPS, then CPU), cpu, cuda, cuda:N or mps."):
    """``--device``, default auto (:func:`wordgan.devices.resolve_device`)."""
    return click.option("--device", default="auto", show_default=True, help=help_text)


def data_dir_option(help_text: str = "Folder with the dataset's files [default: where the dataset plugin looks]."):
    """``--data-dir``: the ``data_dir`` option of the dataset plugin, spelt out because every dataset has one."""
    return click.option("--data-dir", type=click.Path(file_okay=False), help=help_text)


def decay_or_off(text: str, flag: str = "--ema") -> float | None:
    """``off`` -> None; a number in (0, 1) -> that EMA decay; anything else a usage error naming ``flag``."""
    if text.strip().lower() in ("off", "none"):
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < 1:
        raise click.BadParameter(f"{text!r} is neither 'off' nor a decay in (0, 1) such as 0.999", param_hint=flag)
    return value
