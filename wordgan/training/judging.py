"""Evaluation during training (``--eval-every N``): every N steps, the figures ``wordgan evaluate`` gives, on fewer
images, into metrics.jsonl (and TensorBoard, W&B); the trainer keeps the checkpoint that scored best beside the last.

The judge is the evaluator ``wordgan evaluate`` uses for the dataset (the one wordgan or the dataset's plugin
ships), never one that shares the discriminator's features.
"""
from __future__ import annotations

from typing import Any

from wordgan.errors import WordganError
from wordgan.evaluation.evaluate import score_words
from wordgan.evaluation.judge.evaluator import load_evaluator
from wordgan.evaluation.judge.judgements import RealSet
from wordgan.evaluation.protocols.held_out_concepts import judge_concepts
from wordgan.evaluation.protocols.word_list import WordList, load_word_list
from wordgan.interfaces import Generator
from wordgan.model.settings import DrawSettings
from wordgan.model.trained_words import TrainedWords
from wordgan.model.word_model import WordModel
from wordgan.plugins.build import build_dataset, load_split
from wordgan.training.config import TrainConfig
from wordgan.training.setup import Parts
from wordgan.training.state import run_metadata

#: Images per word: a word's accuracy then moves in steps of 1/32, enough to follow a run, and judging the
#: 41 words of Fashion-MNIST's list takes about a second on 2 CPU cores.
EVAL_IMAGES = 32
#: Trained concepts judged on a dataset of many concepts (evenly spaced through the label words).
EVAL_SEEN_CONCEPTS = 50
#: Noise seed of every evaluation, so that two steps are judged on the same noise.
EVAL_SEED = 0


class TrainingJudge:
    """The evaluator of the run's dataset and the real test split, loaded once; called with a generator and the
    step, it returns the scores (the first is the one the best checkpoint is kept by, :attr:`metric`)."""

    def __init__(self, config: TrainConfig, parts: Parts):
        provider = build_dataset(config.dataset, **config.dataset_options)
        try:
            self.evaluator = load_evaluator(None, config.dataset, provider)
        except WordganError as exc:
            raise WordganError(f"--eval-every needs an evaluator for the dataset: {exc}") from exc
        self.groups = provider.concept_groups()
        test = load_split(provider, "test", config.dataset)
        self.real = test if self.groups else RealSet.of(self.evaluator, test)
        #: What the best checkpoint is kept by: held-out concepts drawn in their kind, or trained words drawn as themselves.
        self.metric = "held_out_subcategory_accuracy" if self.groups else "seen_accuracy"
        self.word_list = WordList({}) if self.groups else _default_word_list(self.evaluator.words)
        trained = TrainedWords(
            list(parts.data.words), parts.label_conditions, list(parts.extra_words),
            [parts.data.words[k] for k in parts.extra_classes.tolist()], parts.extra_conditions,
        )
        self.model = WordModel(parts.generator, run_metadata(config, parts, 0), trained, embedder=parts.embedder)
        self.settings = DrawSettings().resolved(config)  # as the finished model will draw

    def __call__(self, generator: Generator) -> dict[str, Any]:
        """The scores of ``generator`` (the moving average when the run keeps one); it is left in the mode it was."""
        self.model.generator = generator
        if self.groups:
            scores = judge_concepts(
                self.model, self.evaluator, self.real, self.groups, EVAL_IMAGES, EVAL_SEED,
                self.settings.temperature, self.settings.truncation, seen=EVAL_SEEN_CONCEPTS,
            )
            return {
                "held_out_subcategory_accuracy": scores["subcategory_accuracy"],
                "held_out_median_rank": scores["median_rank"],
                "held_out_recall_at_10": scores["recall_at_10"],
                "seen_accuracy": scores["seen"]["mean_accuracy"],
                "frechet": scores["seen"]["frechet"],
            }
        scores, _ = score_words(self.model, self.evaluator, self.real, self.word_list, EVAL_IMAGES, EVAL_SEED, self.settings)
        seen = scores["seen"]
        judged = {"seen_accuracy": seen["mean_accuracy"], "frechet": seen["frechet"], "precision": seen["precision"], "recall": seen["recall"]}
        if scores["novel"]["words"]:
            judged["zero_shot"] = scores["novel"]["mean_score"]
        return judged


def _default_word_list(classes: list[str]) -> WordList:
    """The novel-word list wordgan ships (Fashion-MNIST's classes), or none for a dataset of other classes."""
    try:
        return load_word_list(None, classes)
    except WordganError:
        return WordList({})
