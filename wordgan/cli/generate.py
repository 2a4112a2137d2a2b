"""``wordgan generate``: images for words, trained or new."""
from __future__ import annotations

import click

from wordgan.cli.toolkit import force_option, json_option, quiet_option, reports_errors
from wordgan.cli.options import device_option, temperature_option, truncation_option, trust_file_option
from wordgan.model.limits import MAX_IMAGES, MAX_IMAGES_PER_WORD, MAX_SEED


@click.command(short_help="Draw images of words with MODEL into a folder.")
@click.argument("model")
@click.argument("words", nargs=-1)
@click.option("--words-file", type=click.Path(exists=True, dir_okay=False), help="Also draw the words in FILE: one word or phrase a line (UTF-8; blank lines are skipped).")
@click.option("-n", "count", type=click.IntRange(1, MAX_IMAGES_PER_WORD), default=16, show_default=True,
              help=f"Images per word (at most {MAX_IMAGES_PER_WORD:,}, and {MAX_IMAGES:,} in all).")
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=0, show_default=True,
              help="Noise seed, 0 to 2**64 - 1: the same seed gives the same images.")
@click.option("-o", "--out", type=click.Path(file_okay=False), default="generated", show_default=True,
              help="Output folder: one folder per word, grid.png and manifest.json.")
@force_option("Replace the images an earlier call wrote into OUT (the folders its manifest lists).")
@temperature_option("Snap words the model was not trained on toward the trained words they resemble (softmax over cosine similarities at temperature T, e.g. 0.05), or draw their raw embedding with 'raw' [default: the model's own setting].")
@click.option("--blend", type=click.FloatRange(0, 1), default=1.0, show_default=True,
              help="With --temperature: 1 uses only the snapped vector, 0 only the raw embedding.")
@truncation_option("Draw the noise truncated at +-PSI (BigGAN's truncation trick: more typical images, less variety), or plain N(0, 1) noise with 'off' [default: the model's own setting].")
@trust_file_option
@device_option()
@json_option("Print what was written (folders, grid, manifest, each new word's class weights) as JSON.")
@quiet_option()
@reports_errors
def generate(
    model: str, words: tuple[str, ...], words_file: str | None, count: int, seed: int, out: str, temperature, blend: float,
    truncation, force: bool, trusted_files: tuple[str, ...], device: str, as_json: bool, quiet: bool,
) -> None:
    """Draw images for WORDS with MODEL (a run directory, a .safetensors checkpoint, or a shipped model's name
    such as fashion-mnist).

    Writes OUT/<word>/0000.png, ..., OUT/grid.png with a row per word (the first 16 images of up to 100
    words) and OUT/manifest.json (each word's folder, the seed, n, the settings, and the label words each new
    word was drawn as). Words that would share a folder name get a short hash suffix ("bag-3f2a9c1e"); an OUT
    that holds an earlier call's images is refused, or with --force replaced as a whole. Words
    the model never saw are drawn from where their embedding lies, snapped toward the trained words if the
    model says so (see --temperature); quote a phrase to use it as one prompt.

    \b
    Example:
      wordgan generate fashion-mnist sandals slipper "running shoes" -n 8 -o out/
      wordgan generate runs/my-run --words-file words.txt -o out/
    """
    import json

    from wordgan.tools.output_folder import check_output_folder, generate_to_folder
    from wordgan.files.printable import shown
    from wordgan.model.limits import check_words_and_counts
    from wordgan.cli.loading import load_model

    from wordgan.cli.word_files import read_words_file, refuse_paths

    refuse_paths(words)  # `generate MODEL words.txt` drew "words.txt" as coats
    words = words + (read_words_file(words_file) if words_file else ())
    if not words:
        raise click.UsageError("no words to draw: name them (wordgan generate MODEL sandals slipper) or give --words-file FILE")
    check_words_and_counts(words, count, seed)  # these before the model and its embedder take seconds to load
    check_output_folder(out, force)
    loaded = load_model(model, device, quiet, words, trusted_files, temperature)  # says so while slow parts load
    loaded.settings(temperature, blend, truncation)  # bad settings: one line before any image is drawn
    unfamiliar = loaded.unfamiliar(words)
    for word in unfamiliar:
        click.echo(f"warning: {shown(word.message(), 400)}", err=True)
    result = generate_to_folder(
        loaded, list(words), out, n=count, seed=seed, temperature=temperature, blend=blend, truncation=truncation,
        source=model, progress=not quiet, force=force,
    )
    if as_json:
        click.echo(json.dumps({
            "unfamiliar": [word.to_dict() for word in unfamiliar],
            "grid": str(result.grid),
            "manifest": str(result.manifest),
            "words": [
                {"word": e.word, "folder": str(e.folder), "images": e.count, "drawn_as": None if e.drawn_as is None else dict(e.drawn_as)}
                for e in result.words
            ],
        }, indent=2))
        return
    for entry in result.words:
        click.echo(f"{shown(entry.word, 60)}: {entry.count} images in {entry.folder}")
        if entry.drawn_as is not None:
            click.echo(f"  {shown(entry.word, 60)} -> " + ", ".join(f"{shown(label)} {w:.2f}" for label, w in entry.drawn_as[:3]))
    click.echo(f"grid: {result.grid}")
    click.echo(f"manifest: {result.manifest}")
