"""``compare``: train each embedder x GAN x loss x vocabulary with the same seed and budget, evaluate each
(at each generation temperature), tabulate."""
from __future__ import annotations

import dataclasses
import itertools
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from wordgan.checkpoint import store
from wordgan.training.config import TrainConfig
from wordgan.errors import CheckpointError, WordganError
from wordgan.evaluation.table import comparison_rows, write_tables
from wordgan.evaluation.evaluate import evaluate_run, evaluation_stem
from wordgan.evaluation.report.side_by_side import save_side_by_side
from wordgan.evaluation.protocols.word_list import DEFAULT_WORD_LIST
from wordgan.model.settings import MODEL_DEFAULT
from wordgan.model.word_model import WordModel
from wordgan.training.trainer import train

#: Settings that only change what a run writes on the way, or how its model draws by default (compare sets
#: those per evaluation), not the weights it trains.
COSMETIC = (
    "out", "sample_every", "checkpoint_every", "log_every", "samples_per_word", "probe_words", "snap_temperature", "truncation",
    "device", "tensorboard", "wandb", "mapping",
)


#: The most words of each kind (label, held-out, probe) in the picture by default.
PICTURE_WORDS = 12

#: One axis value of a comparison: a plugin name and its options, e.g. ("sentence-transformers", {"model": "X"}).
Plugin = tuple[str, dict[str, Any]]


def compare(
    base: TrainConfig,
    embedders: Sequence[str | Plugin],
    gans: Sequence[str | Plugin],
    losses: Sequence[str | Plugin],
    vocabularies: Sequence[str | None] = (None,),
    emas: Sequence[float | None] | None = None,
    diffaugments: Sequence[str | None] | None = None,
    precisions: Sequence[str] | None = None,
    temperatures: Sequence[float | str | None] = (MODEL_DEFAULT,),
    truncations: Sequence[float | str | None] = (MODEL_DEFAULT,),
    runs_dir: str | Path = "runs",
    out: str | Path = "comparison",
    n: int = 500,
    eval_seed: int = 0,
    words_file: str | Path | None = None,
    evaluator_path: str | Path | None = None,
    show: Sequence[str] | None = None,
    progress: bool = True,
    trusted_files: Sequence[str | Path] = (),
) -> list[dict[str, Any]]:
    """Train (or reuse) and evaluate every combination of ``embedders`` x ``gans`` x ``losses`` x
    ``vocabularies`` (None: no expansion) x ``emas`` (EMA decays, None: none) x ``diffaugments`` (policies, None:
    none) x ``precisions`` (each of the last three by default ``base``'s), each with ``base``'s other settings,
    and evaluate each run at every
    generation temperature in ``temperatures`` (None: new words drawn raw) and noise truncation in
    ``truncations`` (None: plain noise); ``MODEL_DEFAULT``: as each model's config says. Write ``out/compare.{md,csv,json}``
    and ``out/compare.png`` (a column per row of the table); return the rows.

    A run in ``runs_dir`` whose config.json matches (ignoring where and how often it wrote samples) is
    reused, resumed if it stopped early; its eval.json is reused if made with the same evaluation settings.
    ``show``: words for the picture (default: the label words, held-out words and the probe words).
    ``trusted_files``: pickle files the runs' embedders may read (docs/security.md). Runs train, and are
    evaluated, on ``base.device``.
    """
    emas = [base.ema] if emas is None else emas
    diffaugments = [base.diffaugment] if diffaugments is None else diffaugments
    precisions = [base.precision] if precisions is None else precisions
    if not (embedders and gans and losses and vocabularies and emas and diffaugments and precisions and temperatures and truncations):
        raise WordganError("name at least one embedder, GAN, loss, vocabulary, EMA, DiffAugment, temperature and truncation to compare")
    runs_dir, out = Path(runs_dir), Path(out)
    models, results, training = [], [], []  # one entry per row: a run at one generation setting
    combinations = list(itertools.product(embedders, gans, losses, vocabularies, emas, diffaugments, precisions))
    for number, (embedder, gan, loss, vocabulary, ema, diffaugment, precision) in enumerate(combinations, 1):
        (embedder, embedder_options), (gan, gan_options), (loss, loss_options) = map(_plugin, (embedder, gan, loss))
        config = dataclasses.replace(
            base, embedder=embedder, gan=gan, loss=loss, vocabulary=vocabulary, ema=ema, diffaugment=diffaugment, precision=precision,
            embedder_options={**base.embedder_options, **embedder_options},
            gan_options={**base.gan_options, **gan_options}, loss_options={**base.loss_options, **loss_options},
        )
        if progress:
            print(f"run {number}/{len(combinations)}: {_title(_describe(config))}", file=sys.stderr, flush=True)
        run = _trained_run(config, runs_dir, progress, trusted_files)
        model = WordModel.load(run, trusted_files=trusted_files)  # once per run: its rows share it, and its embedder
        for temperature, truncation in itertools.product(temperatures, truncations):
            models.append(model)
            settings = (model.resolve_temperature(temperature), model.resolve_truncation(truncation))
            results.append(_evaluation(run, n, eval_seed, words_file, evaluator_path, *settings, progress, trusted_files, base.device))
            training.append(_training(run, model))

    words = list(show) if show else _picture_words(models[0], base.probe_words)
    drawable = [word for word in words if all(model.knows(word) for model in models)]
    titles = [_title(r["settings"]) for r in results]
    picture = None
    if drawable:
        labels = [_row_label(word, models[0]) for word in drawable]
        generation = [(r["settings"]["temperature"], r["settings"].get("truncation")) for r in results]
        picture = save_side_by_side(models, titles, drawable, out / "compare.png", labels, seed=eval_seed, generation=generation)

    rows = comparison_rows(results, training)
    settings = {
        "dataset": base.dataset,
        "steps": base.steps,
        "batch_size": base.batch_size,
        "seed": base.seed,
        "time_budget": base.time_budget,
        "holdout": base.holdout,
        "n": n,
        "eval_seed": eval_seed,
        "picture_words": drawable,
        "left_out_of_picture": [word for word in words if word not in drawable],
    }
    write_tables(out, rows, settings, picture.name if picture else None)
    return rows


def find_run(config: TrainConfig, runs_dir: Path) -> Path | None:
    """A run directory in ``runs_dir`` trained with ``config``'s settings (cosmetic ones aside), if any."""
    wanted = _essential(config.to_dict())
    for config_path in sorted(runs_dir.glob("*/config.json")):
        try:  # through TrainConfig, so settings added since the run was trained take their defaults
            found = TrainConfig.from_dict(json.loads(config_path.read_text())).to_dict()
        except (OSError, json.JSONDecodeError, TypeError, WordganError):
            continue
        if _essential(found) == wanted and (config_path.parent / store.CHECKPOINT_NAME).is_file():
            return config_path.parent
    return None


def _trained_run(config: TrainConfig, runs_dir: Path, progress: bool, trusted_files: Sequence[str | Path]) -> Path:
    found = find_run(config, runs_dir)
    if found is None:
        name = f"{config.embedder}-{config.gan}-{config.loss}-{config.dataset}-{config.steps}"
        if config.vocabulary:
            name += f"-{Path(config.vocabulary).stem}"
        name += f"-ema{config.ema:g}" if config.ema else ""
        name += "-diffaug" if config.diffaugment else ""
        name += f"-{config.precision}" if config.precision != "fp32" else ""
        config.out = str(_free_dir(runs_dir / name))
        return train(config, progress=progress)
    try:
        WordModel.load(found, trusted_files=trusted_files)
    except CheckpointError as exc:
        raise WordganError(
            f"{found} was trained with these settings but cannot be loaded now, probably because a plugin "
            f"changed since; move it out of {runs_dir} to train it again ({exc})"
        ) from exc
    metadata = store.read_metadata(found)
    if metadata["step"] < config.steps and not metadata.get("time_budget_spent"):  # interrupted: continue it
        config.out = str(found)
        return train(config, resume=True, progress=progress, trusted_files=trusted_files)
    return found


def _evaluation(
    run: Path, n: int, seed: int, words_file, evaluator_path, temperature: float | None, truncation: float | None,
    progress: bool, trusted_files: Sequence[str | Path], device: str,
) -> dict[str, Any]:
    """The run's eval.json (eval-tT-zPSI.json) if made with these settings at the run's current step, else a new one."""
    path = run / f"{evaluation_stem(temperature, 1.0, truncation, words_file)}.json"
    if path.is_file():
        stored = json.loads(path.read_text())
        s = stored.get("settings", {})
        same = (
            s.get("n") == n
            and s.get("seed") == seed
            and s.get("step") == store.read_metadata(run)["step"]
            and (stored.get("kind") == "concepts" or s.get("word_list") == _word_list_path(words_file))
            and s.get("evaluator", {}).get("path") == (str(evaluator_path) if evaluator_path else "shipped")
            and s.get("temperature") == temperature
            and s.get("truncation") == truncation
            and s.get("blend") in (None, 1.0)
        )
        if same:
            return stored
    return evaluate_run(
        run, words_file=words_file, n=n, seed=seed, evaluator_path=evaluator_path, temperature=temperature,
        truncation=truncation, progress=progress, trusted_files=trusted_files, device=device,
    )


def _word_list_path(words_file) -> str:
    return str(Path(words_file) if words_file else DEFAULT_WORD_LIST)


def _plugin(value: str | Plugin) -> Plugin:
    return (value, {}) if isinstance(value, str) else (value[0], dict(value[1]))


def _describe(config: TrainConfig) -> dict[str, Any]:
    """What a title shows of a run's config: the plugins and the training methods used."""
    return {"embedder": config.embedder, "gan": config.gan, "loss": config.loss, "vocabulary": config.vocabulary,
            "ema": config.ema, "diffaugment": config.diffaugment, "precision": config.precision}


def _title(settings: dict[str, Any]) -> str:
    """A picture column's title: the plugins, and the conditioning and training methods when used."""
    title = f"{settings['embedder']} / {settings['gan']} / {settings['loss']}"
    if settings.get("vocabulary"):
        title += f" +{Path(settings['vocabulary']).name}"
    if settings.get("ema"):
        title += f" ema{settings['ema']:g}"
    if settings.get("diffaugment"):
        title += " +diffaug"
    if settings.get("precision", "fp32") != "fp32":
        title += f" {settings['precision']}"
    if settings.get("temperature") is not None:
        title += f" T={settings['temperature']:g}"
    if settings.get("truncation") is not None:
        title += f" z<{settings['truncation']:g}"
    return title


def _picture_words(model: WordModel, probe_words: Sequence[str]) -> list[str]:
    """The picture's default rows: the label words, held-out words and probe words, at most
    ``PICTURE_WORDS`` of each kind, evenly spaced through each list (1,700 emoji concepts would make a
    picture nobody can read, and their first twelve are all smiley faces)."""
    held_out = [word for word in model.all_words if word not in model.label_words]
    return [word for words in (model.label_words, held_out, list(probe_words)) for word in _spread(words, PICTURE_WORDS)]


def _spread(words: Sequence[str], count: int) -> list[str]:
    """At most ``count`` of ``words``, evenly spaced, in their order (all of them when there are few)."""
    if len(words) <= count:
        return list(words)
    return [words[i * len(words) // count] for i in range(count)]


def _row_label(word: str, model: WordModel) -> str:
    if word in model.label_words:
        return word
    return f"{word} (held out)" if word in model.all_words else f"{word} (new)"


def _essential(config: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in config.items() if key not in COSMETIC}


def _free_dir(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``, ... if a run with other settings already lives there."""
    candidate, count = path, 1
    while (candidate / "config.json").exists():
        count += 1
        candidate = path.with_name(f"{path.name}-{count}")
    return candidate


def _training(run: Path, model: WordModel) -> dict[str, Any]:
    """Seconds of training (of the last invocation: a resumed run counts from its resume), the images/s of
    its last logged window, and G's parameter count."""
    metrics = run / "metrics.jsonl"
    lines = metrics.read_text().splitlines() if metrics.is_file() else []
    last = json.loads(lines[-1]) if lines else {}
    return {
        "train_s": round(last["elapsed_s"]) if "elapsed_s" in last else None,
        "images_per_s": round(last["images_per_s"]) if "images_per_s" in last else None,
        "g_parameters": sum(p.numel() for p in model.generator.parameters()),
    }
