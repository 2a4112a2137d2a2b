"""The shipped model drawing the word lists, mapped as wordgan 0.3 maps and as the new default maps, judged
by the shipped Fashion-MNIST evaluator through ``wordgan evaluate --words`` (docs/zero-shot.md).

Both copies of the shipped checkpoint differ only in their stored mapping (scripts/set_checkpoint_mapping.py
writes it, so this does not depend on which mapping the shipped file holds today). For each copy and each
list, ``wordgan evaluate COPY --words LIST -n 64`` is run as a user runs it; the per-word scores it writes
(the share of a word's images the evaluator puts in a class a person accepts) are averaged per category.

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/word_mapping_drawn.py [--out docs/data/word-mapping-drawn]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from benchmarks.common import markdown_table
from scripts.set_checkpoint_mapping import set_mapping
from wordgan.conditions.mapping import DEFAULT_MAPPING, MAPPING_0_3

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "checkpoints/sentence-transformers-dcgan-fashion-mnist.safetensors"
LISTS = {"tuning": ROOT / "docs/data/word-lists/tuning.json", "held-out": ROOT / "docs/data/word-lists/held-out.json"}
MAPPINGS = {"wordgan 0.3 mapping": MAPPING_0_3, "new default mapping": DEFAULT_MAPPING}


def evaluate(checkpoint: Path, word_list: Path, out: Path, n: int) -> dict:
    """``wordgan evaluate CHECKPOINT --words LIST -n N`` in a child process; its scores."""
    command = [sys.executable, "-m", "wordgan", "evaluate", str(checkpoint), "--words", str(word_list), "-n", str(n),
               "-o", str(out), "-q", "--device", "cpu", "--force"]
    subprocess.run(command, check=True)
    (found,) = out.glob("eval-*.json")  # one evaluation per folder
    return json.loads(found.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=64, help="images per word")
    parser.add_argument("--out", type=Path, help="keep each evaluation's files here")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, mapping in MAPPINGS.items():
            copy = Path(scratch) / f"{name.replace(' ', '-')}.safetensors"
            set_mapping(SHIPPED, mapping, copy)
            for list_name, path in LISTS.items():
                out = (args.out or Path(scratch)) / f"{name.replace(' ', '-')}-{list_name}"
                scores = evaluate(copy, path, out, args.n)
                per_word = {w: s["score"] for w, s in scores["novel"]["per_word"].items()}
                categories = json.loads(path.read_text())["categories"]
                results[(name, list_name)] = {
                    "seen": scores["seen"]["mean_accuracy"],
                    "categories": {c: float(np.mean([per_word[w] for w in ws if w in per_word])) for c, ws in categories.items()},
                    "all": float(np.mean(list(per_word.values()))), "skipped": len(scores["novel"].get("skipped", {})),
                }
                print(name, list_name, json.dumps(results[(name, list_name)]), flush=True)
    for list_name, path in LISTS.items():
        cats = list(json.loads(path.read_text())["categories"])
        print(f"\n{list_name} list ({'tuned on' if list_name == 'tuning' else 'never tuned on'}): share of images in an accepted class, "
              f"{args.n} images a word")
        print(markdown_table(["mapping", "seen", *cats, "all"], [
            [name, f"{r['seen']:.3f}", *(f"{r['categories'][c]:.2f}" for c in cats), f"{r['all']:.3f}"]
            for (name, ln), r in results.items() if ln == list_name]))
    if args.out:
        (args.out / "summary.json").write_text(json.dumps({f"{k[0]} | {k[1]}": v for k, v in results.items()}, indent=1) + "\n")


if __name__ == "__main__":
    main()
