"""``wordgan evaluate``: measure what a trained run draws for seen, held-out and novel words."""
from __future__ import annotations

from pathlib import Path

import click

from wordgan.cli.errors import reports_errors
from wordgan.cli.options import temperature_option, truncation_option, trust_file_option


@click.command()
@click.argument("run", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--words", "words_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Novel word list (JSON) [default: the list shipped with wordgan].")
@click.option("-n", "n", default=500, show_default=True, type=click.IntRange(min=4), help="Images per word.")
@click.option("--seed", default=0, show_default=True, type=int, help="Noise seed (the same noise for every word).")
@click.option("--evaluator", "evaluator_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Evaluator weights [default: the one wordgan ships for the run's dataset].")
@temperature_option("Snap words the model was not trained on toward the trained words they resemble (softmax over cosine similarities at temperature T, e.g. 0.05), or draw their raw embedding with 'raw' [default: the model's own setting].")
@click.option("--blend", type=click.FloatRange(0, 1), default=1.0, show_default=True,
              help="With --temperature: 1 uses only the snapped vector, 0 only the raw embedding.")
@truncation_option("Draw the noise truncated at +-PSI (BigGAN's truncation trick: more typical images, less variety), or plain N(0, 1) noise with 'off' [default: the model's own setting].")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@trust_file_option
@reports_errors
def evaluate(
    run: Path,
    words_file: Path | None,
    n: int,
    seed: int,
    evaluator_path: Path | None,
    temperature,
    blend: float,
    truncation,
    quiet: bool,
    trusted_files: tuple[str, ...],
) -> None:
    """Evaluate the run in RUN: writes RUN/eval.json and RUN/report.md (pictures and plots in RUN/eval/).

    \b
    Example:
      wordgan evaluate runs/sentence-transformers-dcgan-fashion-mnist
      wordgan evaluate runs/sentence-transformers-dcgan-fashion-mnist --words my_words.json -n 200
      wordgan evaluate runs/sentence-transformers-dcgan-fashion-mnist --temperature 0.05   # new words snapped
      wordgan evaluate runs/sentence-transformers-dcgan-fashion-mnist --temperature raw    # new words raw
    """
    from wordgan.evaluation.evaluate import evaluate_run

    results = evaluate_run(
        run, words_file=words_file, n=n, seed=seed, evaluator_path=evaluator_path,
        temperature=temperature, blend=blend, truncation=truncation, progress=not quiet, trusted_files=trusted_files,
    )
    seen, novel = results["seen"], results["novel"]
    click.echo(
        f"seen-word accuracy {seen['mean_accuracy']:.3f} (evaluator on real images {seen['evaluator_real_accuracy']:.3f}); "
        f"Fréchet (evaluator features) {seen['frechet']:.2f}; precision {seen['precision']:.3f}, recall {seen['recall']:.3f}"
    )
    if novel["per_word"]:
        click.echo(
            f"zero-shot score {novel['mean_score']:.3f} over {novel['words']} novel words "
            f"(chance {novel['mean_chance']:.3f}, nearest training word {novel['nearest_word_score']:.3f})"
        )
        if novel["unseen_words"] != novel["words"] and novel["unseen_mean_score"] is not None:
            click.echo(
                f"zero-shot score {novel['unseen_mean_score']:.3f} over the {novel['unseen_words']} of them the model "
                "was not trained on as extra words (vocabulary expansion)"
            )
    for word, scores in results["held_out"].items():
        click.echo(f"held-out {word}: exact {scores['exact']:.3f}, {scores['family_name']} {scores['family_share']:.3f}")
    written = results["settings"]["files"]
    click.echo(f"wrote {run / written['results']} and {run / written['report']}")
