"""``evaluate_held_out_concepts``: the many-concept metrics (:mod:`wordgan.evaluation.concepts`) for a trained
run's held-out words, e.g. the 197 held-out emoji concepts, and for a fixed sample of its trained words."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from wordgan.components import load_dataset
from wordgan.errors import WordganError
from wordgan.evaluation.concepts import held_out_concept_scores, seen_concept_scores
from wordgan.evaluation.evaluator import load_evaluator
from wordgan.evaluation.word_list import load_word_list
from wordgan.model import MODEL_DEFAULT, WordModel


def evaluate_held_out_concepts(
    run: str | os.PathLike,
    groups_file: str | os.PathLike,
    evaluator_path: str | os.PathLike | None = None,
    n: int = 50,
    seed: int = 0,
    temperature: float | str | None = MODEL_DEFAULT,
    truncation: float | str | None = MODEL_DEFAULT,
    seen: int = 100,
) -> dict[str, Any]:
    """Subcategory accuracy and concept retrieval of the words the run held out of training; and, under
    "seen", accuracy, precision/recall and Fréchet distance for ``seen`` of its trained words (evenly
    spaced through the label words, so the same ones every time; 0: none).

    ``groups_file``: a word-list JSON whose ``families`` are the subcategories (for emoji:
    ``python -m wordgan_emoji word-list > emoji-subcategories.json``); ``n`` images per held-out word from
    noise seeded by ``seed``; concept prototypes come from the run's dataset "test" split as the evaluator
    sees it. Returns :func:`held_out_concept_scores`' dict with "settings" and "seen" added.
    """
    model = WordModel.load(Path(run))
    held_out = [word for word in model.all_words if word not in model.label_words]
    if not held_out:
        raise WordganError(f"the run {run} held out no concepts; train with --holdout to measure zero-shot")
    evaluator = load_evaluator(evaluator_path, model.config.dataset)
    if evaluator.words != model.all_words:
        raise WordganError(
            f"the evaluator knows {len(evaluator.words)} concepts, the run {len(model.all_words)} (or in another "
            f"order); train one with `wordgan evaluator train --dataset {model.config.dataset}` and the run's "
            "dataset options"
        )
    groups = load_word_list(groups_file, evaluator.words).families
    real = load_dataset(model.config.dataset, "test", **model.config.dataset_options)
    _, real_features = evaluator.predict(real.images)  # (M, F)
    step = max(1, len(model.label_words) // seen) if seen else 0
    trained = model.label_words[::step][:seen] if seen else []
    generated = {}
    for word in [*held_out, *trained]:
        images = model.generate(word, n, seed, temperature=temperature, truncation=truncation)  # (n, C, H, W)
        logits, features = evaluator.predict(images)
        generated[word] = (logits.argmax(dim=1).numpy(), features.numpy())
    scores = held_out_concept_scores(
        {word: generated[word] for word in held_out}, evaluator.words, groups, real_features.numpy(),
        real.labels.numpy(), {word: model.similarities(word) for word in held_out},
    )
    if trained:
        scores["seen"] = seen_concept_scores(
            {word: generated[word] for word in trained}, evaluator.words, real_features.numpy(), real.labels.numpy()
        )
    settings = {"run": str(run), "step": model.step, "embedder": model.config.embedder, "n": n, "seed": seed,
                "seen_words": len(trained),
                "temperature": model.resolve_temperature(temperature),
                "truncation": model.resolve_truncation(truncation), "groups": str(groups_file),
                "evaluator": str(evaluator_path) if evaluator_path else "shipped",
                "evaluator_test_accuracy": evaluator.info.test_accuracy}
    return {"settings": settings, **scores}
