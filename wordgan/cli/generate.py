"""``wordgan generate``: images for words, trained or new."""
from __future__ import annotations

import click

from wordgan.cli.errors import reports_errors
from wordgan.cli.options import temperature_option, truncation_option


@click.command()
@click.argument("run", type=click.Path(exists=True))
@click.argument("words", nargs=-1, required=True)
@click.option("-n", "count", type=int, default=16, show_default=True, help="Images per word.")
@click.option("--seed", type=int, default=0, show_default=True, help="Noise seed: the same seed gives the same images.")
@click.option("-o", "--out", type=click.Path(file_okay=False), default="generated", show_default=True, help="Output folder.")
@temperature_option("Snap words the model was not trained on toward the trained words they resemble (softmax over cosine similarities at temperature T, e.g. 0.05), or draw their raw embedding with 'raw' [default: the model's own setting].")
@click.option("--blend", type=float, default=1.0, show_default=True,
              help="With --temperature: 1 uses only the snapped vector, 0 only the raw embedding.")
@truncation_option("Draw the noise truncated at +-PSI (BigGAN's truncation trick: more typical images, less variety), or plain N(0, 1) noise with 'off' [default: the model's own setting].")
@reports_errors
def generate(run: str, words: tuple[str, ...], count: int, seed: int, out: str, temperature, blend: float, truncation) -> None:
    """Draw images for WORDS with the model in RUN (a run directory or a .safetensors checkpoint).

    Writes OUT/<word>/0000.png, ... and OUT/grid.png with a row per word. Words the model never saw are
    drawn from where their embedding lies, snapped toward the trained words if the model says so (see
    --temperature); quote a phrase to use it as one prompt.

    \b
    Example:
      wordgan generate runs/sentence-transformers-dcgan-fashion-mnist sandals slipper "running shoes" -n 8 -o out/
    """
    from wordgan.generation import generate_to_folder
    from wordgan.model import WordModel

    model = WordModel.load(run)
    result = generate_to_folder(
        model, list(words), out, n=count, seed=seed, temperature=temperature, blend=blend, truncation=truncation
    )
    for word, files in result.files.items():
        click.echo(f"{word}: {len(files)} images in {files[0].parent}")
    click.echo(f"grid: {result.grid}")
