"""Held-out classes, the real zero-shot test (Lazaridou et al. 2014): for each class in turn, train without it,
then ask for it by its label word and by other words for it.

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/held_out_classes.py --out runs/held-out
    PYTHONPATH=. python benchmarks/held_out_classes.py --out /tmp/ho --tiny --classes sneakers   # a smoke test

Classes may be split between processes that share ``--out`` (``--classes``); each class's scores are kept in
``OUT/CLASS/held-out-scores.json``, so a last call over all classes only gathers them into the table.

Each run is ``wordgan train`` with the default settings (or ``--config '{"steps": 2000}'`` on top) and
``holdout=[class]``, which also drops the class's vocabulary words (:func:`wordgan.training.setup.without_held_out`),
into ``OUT/CLASS``; a run already trained there is reused. Each is then evaluated with the shipped evaluator
(:func:`wordgan.evaluation.evaluate_run`, ``--n`` images per word, noise seed 0) in each of :data:`SETTINGS`:
raw (new words at their own embedding, plain noise), as the model draws by default (snapped, truncated noise),
snapped at a wider temperature, and half raw, half snapped. Reported per
word: the share of images the evaluator puts in the never-seen class (*exact*) and in its family (*family*:
footwear, upper body, ... as the shipped word list groups them). Snapping moves a word onto the trained
classes only, so its exact share can only come from the generator's own mixing.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch

from benchmarks.common import markdown_table
from wordgan.training.config import TrainConfig
from wordgan.evaluation.evaluate import evaluate_run
from wordgan.evaluation.protocols.word_list import DEFAULT_WORD_LIST
from wordgan.files.images import save_grid
from wordgan.model.word_model import WordModel
from wordgan.testing import tiny_train_config
from wordgan.training.trainer import train

#: Besides its label word, each class is asked for by these words: a person would draw each as that class.
OTHER_WORDS = {
    "t-shirt": ["tee shirt", "tee", "crew neck top"],
    "trousers": ["pants", "slacks", "jeans"],
    "pullover": ["sweater", "jumper", "knitted sweater"],
    "dress": ["gown", "frock", "sundress"],
    "coat": ["overcoat", "jacket", "parka"],
    "sandals": ["sandal", "flip-flops", "espadrilles"],
    "shirt": ["dress shirt", "blouse", "oxford shirt"],
    "sneakers": ["sneaker", "trainers", "running shoes"],
    "bag": ["handbag", "purse", "tote"],
    "boots": ["boot", "wellies", "ankle boots"],
}
#: How each word is drawn: raw (its own embedding, plain noise); as the model draws by default (snapped at
#: its temperature, 0.03, noise truncated); snapped at a wider temperature, so that a word between two trained
#: classes gets a mixture of their conditions instead of the nearer one; and half raw, half snapped.
SETTINGS = {
    "raw": {"temperature": None, "truncation": None},
    "default": {},  # evaluate_run's defaults: the model's own
    "wide": {"temperature": 0.1},
    "half raw": {"blend": 0.5},
}


def run_class(label: str, out: Path, overrides: dict, tiny: bool, n: int) -> dict:
    """Train without ``label`` (or reuse that run) and score its words in each of :data:`SETTINGS` (or reuse
    the scores a finished call wrote into ``OUT/CLASS/held-out-scores.json``)."""
    run = out / label
    finished = run / "held-out-scores.json"
    if finished.exists() and set(json.loads(finished.read_text())) == set(SETTINGS):
        return json.loads(finished.read_text())
    config = tiny_train_config(run, holdout=[label], **overrides) if tiny else TrainConfig(holdout=[label], out=str(run), **overrides)
    train(config, resume=(run / "checkpoint.safetensors").exists(), progress=not tiny)
    shipped = json.loads(DEFAULT_WORD_LIST.read_text())
    family = next(members for members in shipped["families"].values() if label in members)
    words_file = run / "held-out-words.json"
    words_file.write_text(json.dumps({"families": shipped["families"], "novel": {w: [label] for w in OTHER_WORDS[label]}}, indent=1))
    scores = {}
    for setting, options in SETTINGS.items():
        results = evaluate_run(run, words_file=words_file, n=n, progress=False, **options)
        held = results["held_out"][label]
        rows = {label: {"exact": held["exact"], "family": held["family_share"], "drawn_as": held["drawn_as"]}}
        for word, s in results["novel"]["per_word"].items():
            rows[word] = {"exact": s["histogram"][label], "family": sum(s["histogram"][c] for c in family), "drawn_as": s["drawn_as"]}
        for word in results["novel"]["skipped"]:
            rows[word] = {"exact": None, "family": None, "drawn_as": "skipped: " + results["novel"]["skipped"][word]}
        scores[setting] = {"seen_accuracy": results["seen"].get("mean_accuracy"), "words": rows}
    finished.write_text(json.dumps(scores, indent=1) + "\n")
    return scores


def draw_never_seen(out: Path, labels: list[str], picture: Path) -> None:
    """A row per held-out class: 8 raw images (its own embedding, plain noise, seed 0) of its label word, drawn
    by the run trained without it."""
    rows = [WordModel.load(out / label).generate([label], n=8, seed=0, temperature=None, truncation=None)[0] for label in labels]
    save_grid(torch.stack(rows), picture, [f"{label} (never seen)" for label in labels])  # (R, 8, C, H, W)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="one run per held-out class is trained into OUT/CLASS")
    parser.add_argument("--classes", nargs="+", default=list(OTHER_WORDS), choices=list(OTHER_WORDS))
    parser.add_argument("--config", default="{}", help='TrainConfig fields as JSON, e.g. \'{"steps": 2000, "condition_mix": 0.25}\'')
    parser.add_argument("--tiny", action="store_true", help="a few steps on 20 images per class: tests the script, measures nothing")
    parser.add_argument("--n", type=int, default=500, help="images per word")
    parser.add_argument("--picture", type=Path, help="also draw each held-out class's label word, raw, from the run "
                        "that never saw it: a row per class, 8 images (seed 0) -> a PNG grid here")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    overrides = json.loads(args.config)
    results = {}
    for label in args.classes:
        results[label] = run_class(label, args.out, overrides, args.tiny, args.n)
        (args.out / "held-out-classes.json").write_text(json.dumps(results, indent=1) + "\n")
        print(f"{label}: " + ", ".join(f"{s} {r['words'][label]['exact']:.3f} exact / {r['words'][label]['family']:.3f} family"
                                         for s, r in results[label].items()), flush=True)
    rows = []
    for label, scores in results.items():
        for word in scores["raw"]["words"]:
            cells = [scores[s]["words"][word] for s in SETTINGS]
            rows.append([label, word, *(f"{c['exact']:.3f} / {c['family']:.3f} ({c['drawn_as']})" if c["exact"] is not None else c["drawn_as"] for c in cells)])
    print(markdown_table(["held-out class", "word", *(f"{s}: exact / family (drawn as)" for s in SETTINGS)], rows))
    if args.picture:
        draw_never_seen(args.out, list(results), args.picture)
    for setting in SETTINGS:
        label_rows = [results[c][setting]["words"][c] for c in results]
        all_rows = [r for c in results for r in results[c][setting]["words"].values() if r["exact"] is not None]
        print(f"{setting}: label words, mean exact {np.mean([r['exact'] for r in label_rows]):.3f}, family "
              f"{np.mean([r['family'] for r in label_rows]):.3f}; all words, exact {np.mean([r['exact'] for r in all_rows]):.3f}, "
              f"family {np.mean([r['family'] for r in all_rows]):.3f} ({len(results)} runs)")


if __name__ == "__main__":
    main()
