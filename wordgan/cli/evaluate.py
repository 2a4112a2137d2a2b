"""``wordgan evaluate``: measure what a trained model draws for seen, held-out and novel words."""
from __future__ import annotations

import json
from pathlib import Path

import click

from wordgan.cli.toolkit import force_option, json_option, quiet_option, reports_errors
from wordgan.cli.options import data_dir_option, device_option, temperature_option, truncation_option, trust_file_option


@click.command(short_help="Score what MODEL draws for trained, held-out and new words.")
@click.argument("model")
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
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the results, report and pictures [default: MODEL if it is a run directory; for a "
                   "checkpoint file, a folder named after it beside it].")
@data_dir_option("Folder with the dataset's files [default: where the run found them].")
@device_option()
@force_option("Overwrite results of an earlier evaluation with the same settings.")
@json_option("Print the whole results (what eval.json holds) as JSON instead of the summary.")
@quiet_option("No progress bar.")
@trust_file_option
@reports_errors
def evaluate(
    model: str,
    words_file: Path | None,
    n: int,
    seed: int,
    evaluator_path: Path | None,
    temperature,
    blend: float,
    truncation,
    out: Path | None,
    data_dir: str | None,
    device: str,
    force: bool,
    as_json: bool,
    quiet: bool,
    trusted_files: tuple[str, ...],
) -> None:
    """Evaluate MODEL (a run directory, a .safetensors checkpoint, or a shipped model's name such as fashion-mnist).

    Writes the scores (JSON) and a report (Markdown, with its pictures and plots in a folder) into OUT,
    named after the settings, so that evaluations with different settings sit side by side: the shipped
    model's own settings (snapping at 0.03, noise truncated at 1.5) give eval-t0.03-z1.5.json,
    report-t0.03-z1.5.md and eval-t0.03-z1.5/; raw new words with plain noise give eval.json, report.md
    and eval/; a word list of your own adds its name (eval-t0.03-z1.5-my_words.json).

    \b
    Example:
      wordgan evaluate fashion-mnist                                        # -> evaluations/fashion-mnist/
      wordgan evaluate runs/sentence-transformers-dcgan-fashion-mnist --words my_words.json -n 200
      wordgan evaluate runs/sentence-transformers-dcgan-fashion-mnist --temperature 0.05   # new words snapped
      wordgan evaluate runs/sentence-transformers-dcgan-fashion-mnist --temperature raw    # new words raw
    """
    from wordgan.cli.loading import announce_device
    from wordgan.evaluation.evaluate import evaluate_run, evaluation_folder

    announce_device(device, quiet)
    out = out or evaluation_folder(model)
    results = evaluate_run(
        model, words_file=words_file, n=n, seed=seed, evaluator_path=evaluator_path, temperature=temperature,
        blend=blend, truncation=truncation, progress=not quiet, trusted_files=trusted_files, out=out, overwrite=force,
        data_dir=data_dir, device=device,
    )
    if as_json:
        click.echo(json.dumps(results, indent=2))
        return
    written = results["settings"]["files"]
    if results.get("kind") == "concepts":
        _echo_concepts(results)
        click.echo(f"wrote {out / written['results']} and {out / written['report']}")
        return
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
    click.echo(f"wrote {out / written['results']} and {out / written['report']}")


def _echo_concepts(results: dict) -> None:
    """The summary of a many-concept evaluation (emoji)."""
    click.echo(
        f"{results['words']} held-out concepts of {results['concepts']}: subcategory accuracy "
        f"{results['subcategory_accuracy']:.3f} (chance {results['chance_subcategory_accuracy']:.3f}, nearest trained "
        f"concept by embedding {results['nearest_trained_subcategory_accuracy']:.3f}); concept retrieval median rank "
        f"{results['median_rank']:.1f} (chance {results['chance_median_rank']:.1f}), Recall@1/10/50 "
        f"{results['recall_at_1']:.3f} / {results['recall_at_10']:.3f} / {results['recall_at_50']:.3f} "
        f"(chance {results['chance_recall_at_10']:.4f} at 10)"
    )
    if "seen" in results:
        seen = results["seen"]
        click.echo(
            f"{seen['words']} trained concepts: accuracy {seen['mean_accuracy']:.3f} (chance {seen['chance_accuracy']:.4f}); "
            f"precision {seen['precision']:.3f}, recall {seen['recall']:.3f}, Fréchet (evaluator features) {seen['frechet']:.2f}"
        )
