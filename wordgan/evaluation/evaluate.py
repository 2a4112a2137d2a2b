"""``evaluate_run``: generate from a trained run on fixed seeds, judge the images, write eval.json and a report."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Sequence

from tqdm import tqdm

from wordgan.conditions.familiarity import unwarned
from wordgan.conditions.vocabulary import base_forms
from wordgan.errors import WordganError
from wordgan.evaluation.judge.evaluator import Evaluator, load_evaluator
from wordgan.evaluation.judge.judgements import Judged, RealSet
from wordgan.evaluation.protocols.held_out_class import held_out_scores
from wordgan.evaluation.protocols.held_out_concepts import judge_concepts
from wordgan.evaluation.protocols.novel import novel_word_scores, summarise_novel
from wordgan.evaluation.protocols.seen import score_seen
from wordgan.evaluation.protocols.word_list import DEFAULT_WORD_LIST, WordList, load_word_list
from wordgan.evaluation.report.concepts import write_concept_report
from wordgan.evaluation.report.words import report_name, write_report
from wordgan.files.atomic import write_json
from wordgan.interfaces import DatasetProvider, ImageDataset
from wordgan.model.settings import MODEL_DEFAULT, DrawSettings
from wordgan.model.word_model import WordModel
from wordgan.plugins.build import load_split


def evaluation_stem(
    temperature: float | None, blend: float = 1.0, truncation: float | None = None, words_file: str | Path | None = None
) -> str:
    """The name (without suffix) of an evaluation's files: ``eval`` for raw new words and plain noise,
    ``eval-t0.05`` (``eval-t0.05-b0.5``) for snapped ones, ``...-z1.5`` for noise truncated at 1.5, and
    ``...-my_words`` for another word list than the shipped one, so evaluations sit side by side."""
    stem = "eval"
    if temperature is not None:
        stem += f"-t{temperature:g}" + (f"-b{blend:g}" if blend != 1.0 else "")
    stem += f"-z{truncation:g}" if truncation is not None else ""
    if words_file is not None and Path(words_file).resolve() != DEFAULT_WORD_LIST.resolve():
        stem += f"-{Path(words_file).stem}"
    return stem


FRECHET_NOTE = (
    "frechet is the FID formula on the wordgan evaluator's 128-d features, NOT Inception-FID: "
    "compare it only with figures from the same evaluator and the same n"
)


@unwarned
def evaluate_run(
    run: str | Path,
    words_file: str | Path | None = None,
    n: int = 500,
    seed: int = 0,
    evaluator_path: str | Path | None = None,
    temperature: float | str | None = MODEL_DEFAULT,
    blend: float = 1.0,
    truncation: float | str | None = MODEL_DEFAULT,
    progress: bool = True,
    trusted_files: Sequence[str | Path] = (),
    out: str | Path | None = None,
    overwrite: bool = True,
    data_dir: str | Path | None = None,
    device: str | None = None,
) -> dict[str, Any]:
    """Evaluate the model in ``run`` (a run directory or a checkpoint file); writes ``out/<stem>.json`` and
    its report (:func:`evaluation_stem`: ``eval.json`` and ``report.md`` for raw new words and plain noise,
    ``eval-t0.05.json`` and ``report-t0.05.md`` when snapping at temperature 0.05) and returns the results.
    ``out`` defaults to :func:`evaluation_folder`; with ``overwrite=False`` existing results are an error
    instead of being replaced. ``data_dir``: where the dataset's files are, if not where the run found them;
    ``device``: where the generator runs (default: the CPU).

    ``n`` images per word, from noise seeded by ``seed`` (the same noise for every word); ``words_file``:
    a novel word list (default: the shipped one); ``evaluator_path``: default, the evaluator wordgan
    ships for the run's dataset. ``temperature`` and ``blend`` snap new words toward the training words
    as ``wordgan generate`` does (:meth:`WordModel.conditions`), and ``truncation`` truncates the noise;
    by default both are as the model's config says. ``trusted_files``: pickle files the run's embedder may
    read (see :meth:`WordModel.load`).
    """
    if n < 4:
        raise WordganError(f"n must be at least 4 images per word (precision/recall use 3 neighbours), got {n}")
    run = Path(run)
    out = Path(out) if out is not None else evaluation_folder(run)
    say = _status if progress else (lambda text: None)  # no silent seconds before and after the bar
    say(f"loading {run} ...")
    model = WordModel.load(run, trusted_files=trusted_files)
    if device is not None:
        model.to(device)
    dataset_options = {**model.config.dataset_options, **({"data_dir": str(data_dir)} if data_dir else {})}
    settings = model.settings(temperature, blend, truncation)
    temperature, truncation = settings.temperature, settings.truncation
    stem = evaluation_stem(temperature, blend, truncation, words_file)
    if not overwrite and (out / f"{stem}.json").exists():
        raise WordganError(f"{out / f'{stem}.json'} exists; pass --force to overwrite it")
    # The checkpoint names the dataset plugin and its options: built through its gate (the user's --data-dir trusted).
    dataset = model.gate.trusting(data_dir).dataset(model.config.dataset, dataset_options)
    groups = dataset.concept_groups()
    if groups:  # many concepts (emoji): too few real images a class for per-word figures; judged by kind
        if words_file is not None:
            raise WordganError(f"the {model.config.dataset} dataset is judged by its own concept groups; --words is for datasets without them")
        say(f"reading the {model.config.dataset} test split ...")
        real_concepts = load_split(dataset, "test", model.config.dataset)
        return _evaluate_concepts(model, dataset, run, real_concepts, groups, out, stem, n, seed, evaluator_path, temperature, truncation, progress)
    say(f"reading the {model.config.dataset} test split and judging it with the evaluator ...")
    evaluator, real = _evaluator_and_test_split(evaluator_path, dataset, model.config.dataset, dataset_options)
    _check_fits(model, evaluator)  # before the word list's classes are checked against the evaluator's
    word_list = load_word_list(words_file, evaluator.words)
    scores, judged = score_words(model, evaluator, real, word_list, n, seed, settings, progress)
    results = {
        "settings": {
            "run": str(run),
            "step": model.step,
            "embedder": model.config.embedder,
            "gan": model.config.gan,
            "loss": model.config.loss,
            "vocabulary": model.config.vocabulary,
            "ema": model.config.ema,
            "diffaugment": model.config.diffaugment,
            "precision": model.config.precision,
            "dataset": model.config.dataset,
            "holdout": list(scores["held_out"]),
            "n": n,
            "seed": seed,
            "temperature": temperature,
            "blend": blend if temperature is not None else None,
            "truncation": truncation,
            "word_list": word_list.path,
            "evaluator": {
                "path": str(evaluator_path) if evaluator_path else "shipped",
                "dataset": evaluator.info.dataset,
                "test_accuracy": evaluator.info.test_accuracy,
                "command": evaluator.info.command,
            },
            "frechet_note": FRECHET_NOTE,
        },
        **scores,
    }
    results = _rounded(results)
    results["settings"]["files"] = {"results": f"{stem}.json", "report": report_name(stem)}
    write_json(out / f"{stem}.json", results)
    say(f"writing {out / report_name(stem)} and its pictures ...")
    write_report(out, results, judged, stem, metrics=run / "metrics.jsonl" if run.is_dir() else None)
    return results


def score_words(
    model: WordModel, evaluator: Evaluator, real: RealSet, word_list: WordList, n: int, seed: int,
    settings: DrawSettings, progress: bool = False,
) -> tuple[dict[str, Any], dict[str, Judged]]:
    """The per-class protocol: ``n`` images of every trained, held-out and novel word (noise from ``seed``, drawn
    with ``settings``) judged by ``evaluator`` against its judgement of the real test split -> ({"seen",
    "held_out", "novel"} scores, each word's judged images). ``wordgan evaluate`` and evaluation during
    training (:mod:`wordgan.training.judging`) both score this way."""
    _check_fits(model, evaluator)
    words = model.all_words  # the run's K class words, in the evaluator's class order
    class_of = {word: k for k, word in enumerate(words)}
    held_out = [word for word in words if word not in model.label_words]
    novel, skipped = _novel_words(model, word_list, evaluator)
    judged: dict[str, Judged] = {}
    for word in tqdm([*model.label_words, *held_out, *novel], desc="generating and judging", disable=not progress):
        images = model.generate([word], n, seed, settings.temperature, settings.blend, settings.truncation)[0]  # (n, C, H, W)
        judged[word] = Judged.of(evaluator, images)
    scores = {
        "seen": score_seen({w: judged[w] for w in model.label_words}, class_of, real, words),
        "held_out": {
            word: held_out_scores(
                judged[word], class_of[word], *_family(word_list, evaluator, class_of[word]),
                model.similarities(word), real, words,
            )
            for word in held_out
        },
        "novel": summarise_novel(
            {
                word: {
                    **novel_word_scores(judged[word], novel[word], model.similarities(word), words),
                    "trained_as": _trained_as(model, word),
                }
                for word in novel
            },
            skipped,
        ),
    }
    return scores, judged


def _evaluate_concepts(
    model: WordModel, dataset: DatasetProvider, run: Path, real: ImageDataset, groups: dict[str, list[str]], out: Path, stem: str,
    n: int, seed: int, evaluator_path: str | Path | None, temperature: float | None, truncation: float | None,
    progress: bool,
) -> dict[str, Any]:
    """The many-concept evaluation (:mod:`wordgan.evaluation.protocols.held_out_concepts`), written as ``out/<stem>.json``
    and its report."""
    evaluator = load_evaluator(evaluator_path, model.config.dataset, dataset)
    scores = judge_concepts(model, evaluator, real, groups, n, seed, temperature, truncation, progress=progress)
    results = {
        "kind": "concepts",
        "settings": {
            "run": str(run), "step": model.step, "embedder": model.config.embedder, "gan": model.config.gan,
            "loss": model.config.loss, "vocabulary": model.config.vocabulary, "ema": model.config.ema,
            "diffaugment": model.config.diffaugment, "precision": model.config.precision,
            "dataset": model.config.dataset, "dataset_options": model.config.dataset_options,
            "holdout": [w for w in model.all_words if w not in model.label_words], "n": n, "seed": seed,
            "temperature": temperature, "truncation": truncation, "groups": len(groups),
            "evaluator": {"path": str(evaluator_path) if evaluator_path else "shipped", "dataset": evaluator.info.dataset,
                          "test_accuracy": evaluator.info.test_accuracy, "command": evaluator.info.command},
            "frechet_note": FRECHET_NOTE,
        },
        **scores,
    }
    results = _rounded(results, 6)  # chances of 1 in 1,906 need more than 4 decimals
    results["settings"]["files"] = {"results": f"{stem}.json", "report": report_name(stem)}
    write_json(out / f"{stem}.json", results)
    if progress:
        _status(f"writing {out / report_name(stem)} and its pictures ...")
    write_concept_report(out, stem, results, model, real)
    return results


def _status(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def evaluation_folder(model: str | Path) -> Path:
    """Where a model's evaluation goes by default: its run directory; for a checkpoint file, a folder named after
    the file beside it (``checkpoints/model.safetensors`` -> ``checkpoints/model/``); for a shipped model's name,
    ``evaluations/NAME`` in the current folder (its file belongs to the installed package)."""
    path = Path(model)
    if path.is_dir():
        return path
    return path.with_suffix("") if path.exists() else Path("evaluations") / str(model)


#: The evaluators and their judgements of real test splits loaded in this process, by (evaluator, dataset,
#: options): ``compare`` evaluates several runs on the same data. At most two are kept.
_JUDGED_TEST_SPLITS: dict[tuple[str | None, str, str], tuple[Evaluator, RealSet]] = {}


def _evaluator_and_test_split(
    evaluator_path: str | Path | None, dataset: DatasetProvider, name: str, options: dict[str, Any]
) -> tuple[Evaluator, RealSet]:
    """The evaluator and its judgement of the real test split of ``dataset`` (the plugin ``name`` built with
    ``options``), kept for the next run evaluated in this process."""
    key = (str(evaluator_path) if evaluator_path else None, name, json.dumps(options, sort_keys=True))
    if key not in _JUDGED_TEST_SPLITS:
        evaluator = load_evaluator(evaluator_path, name, dataset)
        while len(_JUDGED_TEST_SPLITS) >= 2:
            _JUDGED_TEST_SPLITS.pop(next(iter(_JUDGED_TEST_SPLITS)))
        _JUDGED_TEST_SPLITS[key] = evaluator, RealSet.of(evaluator, load_split(dataset, "test", name))
    return _JUDGED_TEST_SPLITS[key]


def _check_fits(model: WordModel, evaluator: Evaluator) -> None:
    if len(evaluator.words) != len(model.all_words) or tuple(evaluator.info.image_shape) != tuple(model.image_shape):
        raise WordganError(
            f"the evaluator knows {len(evaluator.words)} classes of {tuple(evaluator.info.image_shape)} images "
            f"({evaluator.info.dataset}), but the run has {len(model.all_words)} classes of {tuple(model.image_shape)}; "
            f"train one with `wordgan evaluator train --dataset {model.config.dataset}` and pass --evaluator"
        )


def _novel_words(model: WordModel, word_list: WordList, evaluator: Evaluator) -> tuple[dict[str, set[int]], dict[str, str]]:
    """Novel word -> accepted class indexes, for the words that are neither label words nor unknown to the
    embedder; and skipped word -> why."""
    novel, skipped = {}, {}
    for word, accepted in word_list.novel.items():
        if word in model.all_words:
            skipped[word] = "a label word of this run"
        elif not model.knows(word):
            skipped[word] = f"the embedder {model.config.embedder!r} does not know it"
        else:
            novel[word] = {evaluator.words.index(c) for c in accepted}
    return novel, skipped


def _trained_as(model: WordModel, word: str) -> str | None:
    """The class a novel word was trained as by vocabulary expansion, itself or as its singular ("jeans"
    when "jean" was trained); None if the generator never saw it."""
    for form in [word, *base_forms(word)]:
        if (label := model.trained_class(form)) is not None:
            return label
    return None


def _family(word_list: WordList, evaluator: Evaluator, class_index: int) -> tuple[str, set[int]]:
    name, members = word_list.family_of(evaluator.words[class_index])
    return name, {evaluator.words.index(c) for c in members}


def _rounded(value: Any, digits: int = 4) -> Any:
    """Floats to ``digits`` decimals, recursively, so eval.json reads easily."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {key: _rounded(item, digits) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(item, digits) for item in value]
    return value
