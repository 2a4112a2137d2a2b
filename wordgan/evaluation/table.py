"""The comparison table: one row per run, from each run's eval.json, written as Markdown, CSV and JSON."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from wordgan.files.atomic import write_json, write_text

#: Column -> how to read it, for the Markdown legend.
COLUMNS = {
    "embedder": "embedder plugin",
    "gan": "GAN plugin",
    "loss": "loss plugin",
    "vocabulary": "vocabulary expansion at training (none, wordnet, or a file)",
    "ema": "decay of the moving average of G's weights the images were drawn with (n/a: none)",
    "diffaugment": "DiffAugment policy at training (n/a: none)",
    "train_precision": "precision of training (fp32, or bf16/fp16 autocast)",
    "temperature": "similarity snapping of new words at generation (n/a: raw embedding)",
    "truncation": "noise truncated at +-this at generation (n/a: plain N(0, 1) noise)",
    "steps": "generator updates",
    "train_s": "training wall time, seconds",
    "images_per_s": "training throughput in the last logged window (real images per second)",
    "g_parameters": "parameters of the generator",
    "seen_accuracy": "GAN-test: share of trained words' images classified as their class",
    "frechet": "Fréchet distance on evaluator features (not Inception-FID); lower is better",
    "precision": "share of generated images on the real-image manifold",
    "recall": "share of real images on the generated manifold; low = mode collapse",
    "recall_at_1": "retrieval: nearest real image is of the asked class",
    "recall_at_10": "share of the 10 nearest real images of the asked class",
    "recall_at_50": "share of the 50 nearest real images of the asked class",
    "zero_shot": "novel words: share of images in an accepted class",
    "zero_shot_unseen": "the same over the novel words that no compared run was trained on (expansion)",
    "chance": "the same for a generator drawing classes uniformly at random",
    "nearest_word": "the same for drawing exactly the class whose word is nearest by embedding",
    "agreement": "Spearman: images rank the classes as the embedding does",
    "novel_words": "novel words scored (those every embedder compared knows)",
    "unseen_words": "of those, the words no compared run was trained on",
}


#: Columns of a comparison on many concepts (emoji), whose evaluations score held-out concepts by kind.
CONCEPT_COLUMNS = {
    "concept_accuracy": "trained concepts: share of images classified as their own concept",
    "concept_chance": "the same for a random concept (1 / K)",
    "subcategory_accuracy": "held-out concepts: share of images classified into the concept's subcategory",
    "subcategory_chance": "the same for a generator drawing concepts uniformly at random",
    "nearest_trained": "the same for drawing exactly the trained concept nearest by embedding",
    "median_rank": "held-out concepts: median rank of the true concept by the images' mean feature",
    "concept_recall_at_1": "share of held-out concepts ranked first",
    "concept_recall_at_10": "share of held-out concepts ranked in the top 10",
    "concept_recall_at_50": "share of held-out concepts ranked in the top 50",
    "held_out_words": "held-out concepts scored",
}


def comparison_rows(results: Sequence[dict[str, Any]], training: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per run's evaluation results. Novel-word means are taken over the words every run scored,
    so that an embedder that knows fewer words is not compared on an easier list."""
    if results and all(r.get("kind") == "concepts" for r in results):
        return [_concept_row(result, trained) for result, trained in zip(results, training)]
    common = set.intersection(*(set(r["novel"]["per_word"]) for r in results)) if results else set()
    unseen = {w for w in common if all(r["novel"]["per_word"][w].get("trained_as") is None for r in results)}
    rows = []
    for result, trained in zip(results, training):
        settings, seen, novel = result["settings"], result["seen"], result["novel"]["per_word"]
        scored = [novel[word] for word in sorted(common)]
        agreements = [s["agreement"] for s in scored if s["agreement"] is not None]
        row = {
            **_plugins(settings),
            **trained,  # train_s, images_per_s, g_parameters
            "seen_accuracy": seen["mean_accuracy"],
            "frechet": seen["frechet"],
            "precision": seen["precision"],
            "recall": seen["recall"],
            **{f"recall_at_{k}": seen[f"recall_at_{k}"] for k in (1, 10, 50)},
            "zero_shot": _mean([s["score"] for s in scored]),
            "zero_shot_unseen": _mean([novel[word]["score"] for word in sorted(unseen)]),
            "chance": _mean([s["chance"] for s in scored]),
            "nearest_word": _mean([float(s["nearest_word_accepted"]) for s in scored]),
            "agreement": _mean(agreements),
            "novel_words": len(scored),
            "unseen_words": len(unseen),
        }
        for word, held in result["held_out"].items():
            row[f"held_out_{word}_exact"] = held["exact"]
            row[f"held_out_{word}_{held['family_name'].replace(' ', '_')}"] = held["family_share"]
        row["run"] = settings["run"]
        rows.append(row)
    return rows


def _concept_row(result: dict[str, Any], trained: dict[str, Any]) -> dict[str, Any]:
    """A comparison row of a many-concept evaluation (:func:`wordgan.evaluation.protocols.held_out_concepts.judge_concepts`)."""
    settings, seen = result["settings"], result.get("seen", {})
    return {
        **_plugins(settings),
        **trained,
        "concept_accuracy": seen.get("mean_accuracy"),
        "concept_chance": seen.get("chance_accuracy"),
        "frechet": seen.get("frechet"),
        "precision": seen.get("precision"),
        "recall": seen.get("recall"),
        "subcategory_accuracy": result["subcategory_accuracy"],
        "subcategory_chance": result["chance_subcategory_accuracy"],
        "nearest_trained": result["nearest_trained_subcategory_accuracy"],
        "median_rank": result["median_rank"],
        **{f"concept_recall_at_{k}": result[f"recall_at_{k}"] for k in (1, 10, 50)},
        "held_out_words": result["words"],
        "run": settings["run"],
    }


def _plugins(settings: dict[str, Any]) -> dict[str, Any]:
    """The columns that say what a row trained and how it drew."""
    return {
        "embedder": settings["embedder"],
        "gan": settings["gan"],
        "loss": settings["loss"],
        "vocabulary": settings.get("vocabulary") or "none",
        "ema": settings.get("ema"),
        "diffaugment": settings.get("diffaugment"),
        "train_precision": settings.get("precision", "fp32"),
        "temperature": settings.get("temperature"),
        "truncation": settings.get("truncation"),
        "steps": settings["step"],
    }


def write_tables(folder: Path, rows: list[dict[str, Any]], settings: dict[str, Any], picture: str | None) -> list[Path]:
    """``compare.md``, ``compare.csv`` and ``compare.json`` in ``folder``."""
    headers = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    lines = [
        "# Comparison",
        "",
        f"Dataset **{settings['dataset']}**, {_budget(settings)}, batch {settings['batch_size']}, training seed "
        f"{settings['seed']}; evaluated with {settings['n']} images per word, noise seed {settings['eval_seed']}.",
        "",
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
        *("| " + " | ".join(_cell(row.get(h)) for h in headers) + " |" for row in rows),
        "",
    ]
    if picture:
        lines += [f"![a column per run, a row per word]({picture})", ""]
    lines += [f"- **{name}**: {meaning}" for name, meaning in {**COLUMNS, **CONCEPT_COLUMNS}.items() if name in headers]
    if any(h.startswith("held_out_") and h != "held_out_words" for h in headers):
        lines.append("- **held_out_WORD_...**: a held-out word's images in its exact class, and in its family")
    return [
        write_text(folder / "compare.md", "\n".join(lines) + "\n"),
        write_text(folder / "compare.csv", buffer.getvalue()),
        write_json(folder / "compare.json", {"settings": settings, "rows": rows}),
    ]


def _budget(settings: dict[str, Any]) -> str:
    if settings.get("time_budget"):
        return f"{settings['time_budget']:g} minutes of training per run (at most {settings['steps']} steps)"
    return f"{settings['steps']} steps"


def _mean(values: list[float]) -> float | None:
    return round(float(np.mean(values)), 4) if values else None


def _cell(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)
