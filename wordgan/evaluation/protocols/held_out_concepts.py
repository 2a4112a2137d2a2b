"""The many-concept evaluation (:mod:`wordgan.evaluation.metrics.concepts`) of a trained run: its held-out words,
e.g. the 197 held-out emoji concepts, and a fixed sample of its trained words.

``wordgan evaluate`` takes this path for a dataset that groups its concepts
(:meth:`DatasetProvider.concept_groups`, emoji's subcategories); :func:`evaluate_held_out_concepts` runs it
from Python, with the groups of a word-list file if wanted.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Sequence

from tqdm import tqdm

from wordgan.plugins.build import load_split
from wordgan.errors import WordganError
from wordgan.evaluation.metrics.concepts import held_out_concept_scores, seen_concept_scores
from wordgan.evaluation.judge.evaluator import Evaluator, load_evaluator
from wordgan.evaluation.protocols.word_list import load_word_list
from wordgan.interfaces import ImageDataset
from wordgan.model.settings import MODEL_DEFAULT
from wordgan.model.word_model import WordModel

#: Trained words scored by default: evenly spaced through the label words, so the same ones every time.
SEEN_WORDS = 100


def judge_concepts(
    model: WordModel,
    evaluator: Evaluator,
    real: ImageDataset,
    groups: Mapping[str, Sequence[str]],
    n: int,
    seed: int = 0,
    temperature: float | None = None,
    truncation: float | None = None,
    seen: int = SEEN_WORDS,
    progress: bool = False,
) -> dict[str, Any]:
    """Subcategory accuracy and concept retrieval of the words ``model`` held out of training; and, under
    "seen", accuracy, precision/recall and Fréchet distance for ``seen`` of its trained words (0: none).

    ``groups``: subcategory -> concept words; ``n`` images per word from noise seeded by ``seed``, drawn
    with ``temperature`` and ``truncation`` (None: raw, plain noise); ``real``: the real images whose mean
    evaluator features are the concepts' prototypes. Returns :func:`held_out_concept_scores`' dict with
    "seen" added.
    """
    held_out = [word for word in model.all_words if word not in model.label_words]
    if not held_out:
        raise WordganError(f"the run {model.origin} held out no concepts; train with --holdout to measure zero-shot")
    if evaluator.words != model.all_words:
        raise WordganError(
            f"the evaluator knows {len(evaluator.words)} concepts, the run {len(model.all_words)} (or in another "
            f"order); train one with `wordgan evaluator train --dataset {model.config.dataset}` and the run's "
            "dataset options"
        )
    _, real_features = evaluator.predict(real.images)  # (M, F)
    step = max(1, len(model.label_words) // seen) if seen else 0
    trained = model.label_words[::step][:seen] if seen else []
    generated = {}
    for word in tqdm([*held_out, *trained], desc="generating and judging", disable=not progress):
        images = model.generate(word, n, seed, temperature=temperature, truncation=truncation)  # (n, C, H, W)
        logits, features = evaluator.predict(images)  # (n, K), (n, F)
        generated[word] = (logits.argmax(dim=1).numpy(), features.numpy())
    scores = held_out_concept_scores(
        {word: generated[word] for word in held_out}, evaluator.words, groups, real_features.numpy(),
        real.labels.numpy(), {word: model.similarities(word) for word in held_out},
    )
    if trained:
        scores["seen"] = seen_concept_scores(
            {word: generated[word] for word in trained}, evaluator.words, real_features.numpy(), real.labels.numpy()
        )
    return scores


def evaluate_held_out_concepts(
    run: str | os.PathLike,
    groups_file: str | os.PathLike | None = None,
    evaluator_path: str | os.PathLike | None = None,
    n: int = 50,
    seed: int = 0,
    temperature: float | str | None = MODEL_DEFAULT,
    truncation: float | str | None = MODEL_DEFAULT,
    seen: int = SEEN_WORDS,
) -> dict[str, Any]:
    """:func:`judge_concepts` for the run in ``run``, with "settings" added; nothing is written.

    ``groups_file``: a word-list JSON whose ``families`` are the groups; default: the dataset's own
    (:meth:`DatasetProvider.concept_groups`). ``evaluator_path``: default, the one shipped for the run's
    dataset and options. Concept prototypes come from the run's dataset "test" split.
    """
    model = WordModel.load(Path(run))
    dataset = model.gate.dataset(model.config.dataset, model.config.dataset_options)  # named by the file: its gate
    real = load_split(dataset, "test", model.config.dataset)
    evaluator = load_evaluator(evaluator_path, model.config.dataset, dataset)
    groups = load_word_list(groups_file, evaluator.words).families if groups_file else dataset.concept_groups()
    if not groups:
        raise WordganError(f"the {model.config.dataset} dataset groups no concepts; give a word list whose families group them")
    settings = model.settings(temperature, 1.0, truncation)
    temperature, truncation = settings.temperature, settings.truncation
    scores = judge_concepts(model, evaluator, real, groups, n, seed, temperature, truncation, seen)
    settings = {"run": str(run), "step": model.step, "embedder": model.config.embedder, "n": n, "seed": seed,
                "seen_words": scores.get("seen", {}).get("words", 0), "temperature": temperature,
                "truncation": truncation, "groups": str(groups_file) if groups_file else "the dataset's",
                "evaluator": str(evaluator_path) if evaluator_path else "shipped",
                "evaluator_test_accuracy": evaluator.info.test_accuracy}
    return {"settings": settings, **scores}
