"""The report of a many-concept evaluation (``report-....md`` beside its JSON), with the held-out picture."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from wordgan.files.atomic import write_text
from wordgan.evaluation.report.held_out_sheet import save_held_out_sheet
from wordgan.evaluation.report.words import figure, markdown_table, report_name
from wordgan.interfaces import ImageDataset
from wordgan.model.word_model import WordModel

#: Held-out words in the report's picture: evenly spaced through the held-out list, so the same ones each time.
PICTURE_WORDS = 24
#: Rows of the per-word table: the best and the worst by subcategory accuracy (all of them in the JSON).
TABLE_WORDS = 15


def write_concept_report(out: Path, stem: str, results: dict[str, Any], model: WordModel, real: ImageDataset) -> Path:
    """``out/report-<stem>.md`` and its picture ``out/<stem>/held-out.png`` (a row per held-out word: the
    model's images beside the real ones it never trained on); returns the report's path."""
    s, seen = results["settings"], results.get("seen")
    per_word = results["per_word"]
    words = list(per_word)[:: max(1, len(per_word) // PICTURE_WORDS)][:PICTURE_WORDS]
    picture = out / stem / "held-out.png"
    save_held_out_sheet(model, words, real, picture, n=4, seed=s["seed"], temperature=s["temperature"], truncation=s["truncation"])
    drawn = "snapped onto the trained concepts at temperature " + f"{s['temperature']:g}" if s["temperature"] else "raw (their own embedding)"
    noise = f"noise truncated at +-{s['truncation']:g}" if s["truncation"] else "plain N(0, 1) noise"
    lines = [
        f"# Evaluation of `{s['run']}` on many concepts",
        "",
        f"embedder **{s['embedder']}**, GAN **{s['gan']}**, dataset **{s['dataset']}**, step {s['step']}; "
        f"{results['words']} held-out concepts of {results['concepts']}, {s['n']} images each from noise seed "
        f"{s['seed']}, new words {drawn}, {noise}. Judge: {s['evaluator']['path']} (trained on "
        f"{s['evaluator']['dataset']}; its test accuracy {s['evaluator']['test_accuracy']}).",
        "",
        "## Held-out concepts (never trained on)",
        "",
        *markdown_table(["measure", "value", "chance", "read beside"], [
            ("subcategory accuracy", figure(results["subcategory_accuracy"]), figure(results["chance_subcategory_accuracy"]),
             f"drawing the nearest trained concept by embedding: {figure(results['nearest_trained_subcategory_accuracy'])}"),
            ("concept retrieval: median rank", figure(results["median_rank"], 1), figure(results["chance_median_rank"], 1), "1 = the true concept first"),
            *((f"concept retrieval: Recall@{k}", figure(results[f"recall_at_{k}"]), figure(results[f"chance_recall_at_{k}"]), "")
              for k in (1, 10, 50)),
        ]),
        "",
        f"![held-out concepts: drawn, and real]({stem}/held-out.png)",
        "",
    ]
    if seen:
        lines += [
            f"## Trained concepts ({seen['words']} of them, evenly spaced)",
            "",
            *markdown_table(["measure", "value", "read beside"], [
                ("accuracy (own concept)", figure(seen["mean_accuracy"]), f"chance {figure(seen['chance_accuracy'], 4)}"),
                ("precision / recall (pooled)", f"{figure(seen['precision'])} / {figure(seen['recall'])}", "low recall = mode collapse"),
                ("Fréchet distance (pooled, evaluator features)", figure(seen["frechet"], 2), f"against {seen['real_images']} real images"),
            ]),
            "",
        ]
    members: dict[str, list[dict[str, Any]]] = {}  # subcategory -> its held-out words' scores
    for scores in per_word.values():
        members.setdefault(scores["subcategory"], []).append(scores)
    ranked = sorted(per_word.items(), key=lambda item: -item[1]["subcategory_accuracy"])
    shown = ranked if len(ranked) <= 2 * TABLE_WORDS else ranked[:TABLE_WORDS] + ranked[-TABLE_WORDS:]
    lines += [
        "## Per subcategory (mean subcategory accuracy of its held-out words)",
        "",
        *markdown_table(["subcategory", "held-out words", "accuracy", "chance"], [
            (name, len(members[name]), figure(value), figure(members[name][0]["chance"]))
            for name, value in sorted(results["per_subcategory"].items(), key=lambda item: -item[1])
        ]),
        "",
        f"## Per word ({'all' if shown is ranked else f'the {TABLE_WORDS} best and the {TABLE_WORDS} worst'}; every word in the JSON)",
        "",
        *markdown_table(["word", "subcategory", "accuracy", "chance", "rank", "drawn as", "nearest trained concept"], [
            (w, r["subcategory"], figure(r["subcategory_accuracy"]), figure(r["chance"]), figure(r["rank"], 1), r["drawn_as"],
             f"{r['nearest_trained']} ({'same' if r['nearest_trained_in_subcategory'] else 'other'} subcategory)")
            for w, r in shown
        ]),
        "",
        "Definitions: docs/many-concepts.md in the wordgan repository.",
    ]
    path = out / report_name(stem)
    write_text(path, "\n".join(lines) + "\n")
    return path

