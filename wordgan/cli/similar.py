"""``wordgan similar``: how close a word is to each training word, by the model's embedder."""
from __future__ import annotations

import click

from wordgan.cli.toolkit import json_option, quiet_option, reports_errors
from wordgan.cli.options import device_option, temperature_option, trust_file_option


@click.command(short_help="How near words are to MODEL's label words.")
@click.argument("model")
@click.argument("words", nargs=-1, required=True)
@temperature_option("Show the snapping weights `generate` uses at temperature T [default: the model's own setting].")
@trust_file_option
@device_option("Where the model (its embedder) runs: auto (CUDA, then MPS, then CPU), cpu, cuda, cuda:N or mps.")
@json_option()
@quiet_option()
@reports_errors
def similar(
    model: str, words: tuple[str, ...], temperature, trusted_files: tuple[str, ...], device: str, as_json: bool, quiet: bool
) -> None:
    """Cosine similarity of each WORD to every label word of MODEL (a run directory, a .safetensors checkpoint,
    or a shipped model's name such as fashion-mnist), highest first.

    For a model trained with vocabulary expansion, also the nearest trained words and their classes; for a
    word the model was not trained on, the weights it is snapped with (what `generate` draws it as).

    \b
    Example:
      wordgan similar fashion-mnist slipper
      slipper: sandals 0.53, sneakers 0.45, boots 0.39, pullover 0.37, coat 0.36, ...
    """
    import json

    # Words, the model's label words included, print as one short line: a newline or an escape sequence in a
    # checkpoint's label word would otherwise forge output lines or colour the terminal.
    from wordgan.files.printable import shown
    from wordgan.model.limits import check_words
    from wordgan.cli.loading import load_model

    check_words(words)  # empty words, undecodable bytes: one line before anything loads
    model = load_model(model, device, quiet, words, trusted_files, temperature)  # says so while slow parts load
    temperature = model.resolve_temperature(temperature)
    unfamiliar = {word.word: word for word in model.unfamiliar(words)}
    results = []
    for word in words:
        trained_as = model.trained_class(word)
        extra = trained_as is not None and trained_as != " ".join(word.split())  # an extra word of vocabulary expansion
        results.append({
            "word": word,
            "similarities": dict(model.similarities(word)),
            "trained_as": trained_as,
            "nearest_trained": [
                {"word": w, "class": label, "similarity": sim} for w, label, sim in model.nearest_trained(word)
            ] if model.extra_words and not extra else None,
            "temperature": temperature if trained_as is None else None,
            "drawn_as": dict(model.snap_weights(word, temperature)) if temperature is not None and trained_as is None else None,
            "unfamiliar": unfamiliar[key].message() if (key := " ".join(word.split())) in unfamiliar else None,
        })
    for result in results:
        if result["unfamiliar"]:
            click.echo(f"warning: {shown(result['unfamiliar'], 400)}", err=True)
    if as_json:
        click.echo(json.dumps(results, indent=2))
        return
    for result in results:
        word, trained_as = result["word"], result["trained_as"]
        click.echo(f"{shown(word, 60)}: " + ", ".join(f"{shown(label)} {sim:.2f}" for label, sim in result["similarities"].items()))
        if trained_as is not None and trained_as != " ".join(word.split()):
            click.echo(f"  trained as an extra word of {trained_as!r} (vocabulary expansion)")
        if result["nearest_trained"]:
            click.echo("  nearest trained words: " + ", ".join(
                f"{shown(n['word'])} ({shown(n['class'])}) {n['similarity']:.2f}" for n in result["nearest_trained"]))
        if result["drawn_as"]:
            click.echo(f"  weights at temperature {temperature}: " + ", ".join(f"{shown(label)} {w:.2f}" for label, w in result["drawn_as"].items()))
