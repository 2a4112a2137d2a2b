"""``report.md`` beside ``eval.json``: the figures as tables, with pictures and plots in ``RUN/eval/``."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from wordgan.errors import WordganError
from wordgan.files.atomic import write_text
from wordgan.evaluation.judge.judgements import Judged
from wordgan.evaluation.report.plots import plot_training_curves, plot_word_scores
from wordgan.files.images import save_grid

REPORT_NAME = "report.md"
SHOWN_PER_WORD = 8


def write_report(
    run: Path, results: dict[str, Any], judged: dict[str, Judged], stem: str = "eval", metrics: Path | None = None
) -> Path:
    """Write ``run/report.md`` and its pictures in ``run/eval/`` from evaluate_run's ``results``; returns the
    report path. Another ``stem`` ("eval-t0.05") gives ``report-t0.05.md`` and ``run/eval-t0.05/``.
    ``metrics``: the training log to plot curves from, if there is one."""
    folder = run / stem
    seen, novel, held_out = results["seen"], results["novel"], results["held_out"]
    lines = _header(results) + _summary(results) + _seen_section(seen)
    lines.append(_picture(judged, list(seen["per_word"]), folder / "seen.png", "generated images of the trained words"))
    if held_out:
        lines += _held_out_section(held_out)
        labels = [f"{w} -> {s['drawn_as']}" for w, s in held_out.items()]
        lines.append(_picture(judged, list(held_out), folder / "held_out.png", "held-out words", labels))
    lines += _novel_section(novel)
    if novel["per_word"]:
        labels = [f"{w} -> {s['drawn_as']}" for w, s in novel["per_word"].items()]
        lines.append(_picture(judged, list(novel["per_word"]), folder / "novel.png", "novel words", labels))
    lines += _plots(metrics, results, folder)
    lines += _reading_notes(results)
    path = run / report_name(stem)
    write_text(path, "\n".join(lines) + "\n")
    return path


def report_name(stem: str) -> str:
    """``eval`` -> ``report.md``; ``eval-t0.05`` -> ``report-t0.05.md``."""
    return REPORT_NAME if stem == "eval" else f"report{stem[len('eval'):]}.md"


def _header(results: dict[str, Any]) -> list[str]:
    s = results["settings"]
    ev = s["evaluator"]
    held_out = f", held out: {', '.join(s['holdout'])}" if s["holdout"] else ""
    snapped = f"; new words snapped at temperature {s['temperature']}, blend {s['blend']}" if s["temperature"] else ""
    if s.get("truncation"):
        snapped += f"; noise truncated at +-{s['truncation']}"
    return [
        f"# Evaluation of `{s['run']}`",
        "",
        f"embedder **{s['embedder']}**, GAN **{s['gan']}**, loss **{s['loss']}**, dataset **{s['dataset']}**, "
        f"step {s['step']}{held_out}.",
        f"{s['n']} images per word from noise seed {s['seed']} (the same noise for every word){snapped}. "
        f"Evaluator: {ev['path']} ({ev['dataset']}, test accuracy {ev['test_accuracy']}). Novel words: `{s['word_list']}`.",
        "",
    ]


def _summary(results: dict[str, Any]) -> list[str]:
    seen, novel = results["seen"], results["novel"]
    retrieval = " / ".join(figure(seen[f"recall_at_{k}"]) for k in (1, 10, 50))
    rows = [
        ("seen-word accuracy (GAN-test), mean", figure(seen["mean_accuracy"]),
         f"evaluator on real test images: {figure(seen['evaluator_real_accuracy'])}"),
        ("Fréchet distance, evaluator features (not Inception-FID)", figure(seen["frechet"], 2),
         "0 = same feature statistics as real images"),
        ("precision / recall (k = 3)", f"{figure(seen['precision'])} / {figure(seen['recall'])}", "low recall = mode collapse"),
        ("retrieval Recall@1 / @10 / @50", retrieval, "share of nearest real images of the asked class"),
    ]
    if novel["per_word"]:
        rows += [
            (f"zero-shot score, mean of {novel['words']} novel words", figure(novel["mean_score"]),
             f"uniform chance {figure(novel['mean_chance'])}; "
             f"nearest training word by embedding {figure(novel['nearest_word_score'])}"),
        ]
        if novel.get("unseen_words", novel["words"]) != novel["words"]:
            rows.append((
                f"zero-shot score, mean of the {novel['unseen_words']} novel words not trained as extra words",
                figure(novel["unseen_mean_score"]),
                f"the other {novel['words'] - novel['unseen_words']} were in the training vocabulary (expansion)",
            ))
        rows += [
            ("embedding agreement (Spearman), mean", figure(novel["mean_agreement"]),
             "1 = images rank classes as the embedding does"),
        ]
    for word, s in results["held_out"].items():
        rows.append((f"held-out `{word}`: exact / {s['family_name']}", f"{figure(s['exact'])} / {figure(s['family_share'])}",
                     f"chance {figure(s['chance_exact'])} / {figure(s['chance_family'])}"))
    return ["## Summary", "", *markdown_table(["measure", "value", "read beside"], rows), ""]


def _seen_section(seen: dict[str, Any]) -> list[str]:
    headers = ["word", "accuracy", "real images", "Fréchet", "precision", "recall", "R@1", "R@10", "R@50"]
    rows = [
        (w, figure(s["accuracy"]), figure(s["evaluator_real_accuracy"]), figure(s["frechet"], 2), figure(s["precision"]),
         figure(s["recall"]), figure(s["recall_at_1"]), figure(s["recall_at_10"]), figure(s["recall_at_50"]))
        for w, s in seen["per_word"].items()
    ]
    return ["## Trained words", "", *markdown_table(headers, rows), ""]


def _held_out_section(held_out: dict[str, Any]) -> list[str]:
    headers = ["word", "exact", "chance", "family", "in family", "chance", "nearest training word", "drawn as", "agreement"]
    rows = [
        (w, figure(s["exact"]), figure(s["chance_exact"]), f"{s['family_name']}: {', '.join(s['family'])}",
         figure(s["family_share"]), figure(s["chance_family"]),
         f"{s['nearest_word']} ({'in family' if s['nearest_word_in_family'] else 'not in family'})",
         s["drawn_as"], figure(s["agreement"]))
        for w, s in held_out.items()
    ]
    return ["## Held-out words (never seen in training)", "", *markdown_table(headers, rows), ""]


def _novel_section(novel: dict[str, Any]) -> list[str]:
    headers = ["word", "accepted classes", "score", "chance", "nearest training word", "drawn as", "agreement", "trained as"]
    rows = [
        (w, ", ".join(s["accepted"]), figure(s["score"]), figure(s["chance"]),
         f"{s['nearest_word']} ({'accepted' if s['nearest_word_accepted'] else 'not accepted'})",
         s["drawn_as"], figure(s["agreement"]), s.get("trained_as") or "new")
        for w, s in novel["per_word"].items()
    ]
    lines = ["## Novel words", "", *(markdown_table(headers, rows) if rows else [])]
    lines += [f"- skipped `{word}`: {reason}" for word, reason in novel["skipped"].items()]
    return lines + [""]


def _plots(metrics: Path | None, results: dict[str, Any], folder: Path) -> list[str]:
    lines = ["## Plots", ""]
    try:
        plot_word_scores(results, folder / "scores.png")
        lines.append(f"![per-word scores]({folder.name}/scores.png)")
        if metrics is not None and metrics.is_file():
            plot_training_curves(metrics, folder / "curves.png")
            lines.append(f"![training curves]({folder.name}/curves.png)")
    except WordganError as exc:
        lines.append(f"(no plots: {exc})")
    return lines + [""]


def _reading_notes(results: dict[str, Any]) -> list[str]:
    return [
        "## How to read this",
        "",
        "- *Accuracy* is the share of a word's images the evaluator classifies as that word's class; the evaluator "
        "itself gets the *real images* column right on real photos, so that is the ceiling.",
        f"- {results['settings']['frechet_note']}.",
        "- A novel word's *score* is the share of its images in a class a person would accept for it; read it beside "
        "*chance* (a generator drawing classes at random) and the *nearest training word* (what drawing exactly the "
        "class whose word is nearest by embedding would score: 1 if accepted, else 0).",
        "- *Agreement* is Spearman's correlation between the embedder's similarities of the word to the training words "
        "and the share of its images in each of those classes.",
        "- Definitions and references: docs/evaluation.md in the wordgan repository.",
    ]


def _picture(judged: dict[str, Judged], words: list[str], png: Path, caption: str, labels: list[str] | None = None) -> str:
    images = torch.stack([judged[w].images[:SHOWN_PER_WORD] for w in words])  # (R, N, C, H, W)
    save_grid(images, png, row_labels=labels or words)
    return f"\n![{caption}]({png.parent.name}/{png.name})\n"


def markdown_table(headers: list[str], rows: list[tuple]) -> list[str]:
    """The lines of a Markdown table."""
    return [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
        *("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows),
    ]


def figure(value: float | None, digits: int = 3) -> str:
    """A number as a table shows it: ``digits`` decimals, or "n/a" for None."""
    return "n/a" if value is None else f"{value:.{digits}f}"
