"""Time to quality: seen-word accuracy and zero-shot score (shipped evaluator) against training wall time.

Trains one run in chunks (``--resume`` is exact, so chunks equal one uninterrupted run) and scores it after
each chunk; the scoring time is not counted as training time.

    python benchmarks/time_to_quality.py --out runs/ttq [--steps 8000] [--every 1000] [train options as KEY=VALUE]
"""
from __future__ import annotations

import argparse
import json
import time

import torch

from benchmarks.common import machine, markdown_table
from wordgan.training.config import TrainConfig
from wordgan.evaluation.judge.evaluator import load_evaluator
from wordgan.evaluation.protocols.word_list import load_word_list
from wordgan.model.word_model import WordModel
from wordgan.training.trainer import train


def scores(run, evaluator, word_list, n: int) -> tuple[float, float]:
    """(mean seen-word accuracy, mean zero-shot score) over ``n`` images per word."""
    model = WordModel.load(run)
    classes = evaluator.words
    seen = model.generate(model.label_words, n=n, seed=123)  # (K, n, C, H, W)
    seen_acc = [
        (evaluator.classify(seen[i]) == classes.index(word)).float().mean().item()
        for i, word in enumerate(model.label_words)
    ]
    novel = [w for w in word_list.novel if model.embedder.knows(w)]
    drawn = model.generate(novel, n=n, seed=123)
    zero_shot = []
    for i, word in enumerate(novel):
        accepted = torch.tensor([classes.index(c) for c in word_list.novel[word]])
        zero_shot.append(torch.isin(evaluator.classify(drawn[i]), accepted).float().mean().item())
    return sum(seen_acc) / len(seen_acc), sum(zero_shot) / len(zero_shot)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--steps", type=int, default=TrainConfig.steps)
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("-n", type=int, default=200, help="images per word when scoring")
    parser.add_argument("settings", nargs="*", metavar="KEY=VALUE", help="TrainConfig overrides (JSON values)")
    args = parser.parse_args()

    overrides = {}
    for pair in args.settings:
        key, _, value = pair.partition("=")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    evaluator = load_evaluator()
    word_list = load_word_list(None, evaluator.words)
    rows, trained_s = [], 0.0
    for target in range(args.every, args.steps + 1, args.every):
        config = TrainConfig(**{**overrides, "steps": target, "out": args.out})
        start = time.perf_counter()
        train(config, resume=target > args.every, progress=False)
        trained_s += time.perf_counter() - start
        seen, zero_shot = scores(args.out, evaluator, word_list, args.n)
        rows.append([target, f"{trained_s / 60:.1f}", f"{seen:.3f}", f"{zero_shot:.3f}"])
        print(f"step {target}: {trained_s:.0f} s, seen {seen:.3f}, zero-shot {zero_shot:.3f}", flush=True)
    print(f"machine: {machine()}; settings: {overrides or 'defaults'}; {args.n} images per word")
    print(markdown_table(["step", "training minutes", "seen-word accuracy", "zero-shot score"], rows))


if __name__ == "__main__":
    main()
