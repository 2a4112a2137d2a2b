"""Retrieval of Fashion-MNIST test images by generated images: precision@K and Recall@K (docs/retrieval.md).

For each query, ``n`` images are drawn for a word and the test split's 10,000 images are ranked by cosine
similarity of the shipped evaluator's features to the mean of the drawn images' features
(:func:`wordgan.tools.retrieval.retrieve`). A retrieved image is relevant when its label is one the word accepts:
its own class for a label word, the classes of the shipped novel word list for a novel word.

    precision@K  share of the top K images that are relevant, averaged over queries
    Recall@K     share of queries with at least one relevant image in the top K (the metric-learning
                 definition, e.g. Song et al. 2016, which SynthTriplet reports)

Each word is queried with 5 noise seeds. A reference row queries with 16 real training images of the
class instead of generated ones (5 random draws), to separate what the features can do from what the
generator gives them.

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/retrieval_recall.py [--model M] [--plot docs/images/retrieval.png]
"""
from __future__ import annotations

import argparse
import statistics
from pathlib import Path

import torch

from benchmarks.common import markdown_table
from wordgan.plugins.build import load_dataset
from wordgan.evaluation.judge.evaluator import load_evaluator
from wordgan.evaluation.protocols.word_list import load_word_list
from wordgan.model.word_model import WordModel
from wordgan.tools.retrieval import load_catalogue, nearest, retrieve

SHIPPED = Path(__file__).parents[1] / "checkpoints" / "sentence-transformers-dcgan-fashion-mnist.safetensors"
KS = (1, 5, 10, 50, 100, 1000)
SEEDS = range(5)


def scores(labels: torch.Tensor, wanted: list[int]) -> dict[str, float]:
    """(max K,) labels of the ranked images -> precision@K and hit@K for every K."""
    relevant = torch.isin(labels, torch.tensor(wanted)).float()
    return {**{f"p@{k}": relevant[:k].mean().item() for k in KS}, **{f"hit@{k}": relevant[:k].max().item() for k in KS}}


def mean_scores(rows: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.mean(row[key] for row in rows) for key in rows[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(SHIPPED))
    parser.add_argument("-n", type=int, default=16, help="Images drawn per query.")
    parser.add_argument("--plot", help="Write the precision@K and Recall@K figure here (needs matplotlib).")
    args = parser.parse_args()

    model = WordModel.load(args.model)
    evaluator = load_evaluator(None, model.config.dataset)
    catalogue = load_catalogue(model.config.dataset, evaluator, "test", model.config.dataset_options)
    classes = catalogue.words
    word_list = load_word_list(None, classes)
    novel = {w: accepted for w, accepted in word_list.novel.items() if w not in model.label_words}
    train = load_dataset(model.config.dataset, "train", **model.config.dataset_options)

    def generated(words: dict[str, list[str]], n: int) -> list[dict[str, float]]:
        return [
            scores(catalogue.labels[retrieve(model, w, catalogue, evaluator, max(KS), n, seed).indices], [classes.index(c) for c in ok])
            for w, ok in words.items() for seed in SEEDS
        ]

    labels = {w: [w] for w in model.label_words if w in classes}
    real_rows = []
    for seed in SEEDS:
        pick = torch.Generator().manual_seed(seed)
        for word in labels:
            members = torch.nonzero(train.labels == classes.index(word)).flatten()
            query = train.images[members[torch.randperm(len(members), generator=pick)[: args.n]]]
            real_rows.append(scores(catalogue.labels[nearest(catalogue, evaluator, query, max(KS))[0]], [classes.index(word)]))

    per_word = generated(labels, args.n)  # rows in the order word 0 seeds 0..4, word 1 ...
    results = {
        f"label words, {args.n} generated images": mean_scores(per_word),
        "label words, 1 generated image": mean_scores(generated(labels, 1)),
        f"{len(novel)} novel words, {args.n} generated images": mean_scores(generated(novel, args.n)),
        f"reference: label words, {args.n} real training images": mean_scores(real_rows),
    }
    chance = {"label words": 1 / len(classes), "novel words": statistics.mean(len(ok) for ok in novel.values()) / len(classes)}

    print(f"model {args.model} (step {model.step}); catalogue {catalogue.source}, {len(catalogue)} images; "
          f"{len(SEEDS)} seeds per word; chance precision: label words {chance['label words']:.3f}, "
          f"novel words {chance['novel words']:.3f}")
    print(markdown_table(["query", *(f"precision@{k}" for k in KS)], [[q, *(f"{r[f'p@{k}']:.3f}" for k in KS)] for q, r in results.items()]))
    print()
    print(markdown_table(["query", *(f"Recall@{k}" for k in KS)], [[q, *(f"{r[f'hit@{k}']:.3f}" for k in KS)] for q, r in results.items()]))
    print()
    by_word = {w: mean_scores(per_word[i * len(SEEDS) : (i + 1) * len(SEEDS)]) for i, w in enumerate(labels)}
    by_word_real = {w: mean_scores(real_rows[i :: len(labels)]) for i, w in enumerate(labels)}
    print(markdown_table(["label word", f"precision@100, {args.n} generated", f"precision@100, {args.n} real", "precision@1000, generated"],
                         [[w, f"{by_word[w]['p@100']:.3f}", f"{by_word_real[w]['p@100']:.3f}", f"{by_word[w]['p@1000']:.3f}"] for w in labels]))
    if args.plot:
        plot(results, chance, args.plot)
        print(f"wrote {args.plot}")


def plot(results: dict[str, dict[str, float]], chance: dict[str, float], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (precision, recall) = plt.subplots(1, 2, figsize=(11, 4.2), dpi=110)
    for axes, key, ylabel in ((precision, "p", "precision@K (share of the top K relevant)"),
                              (recall, "hit", "Recall@K (share of queries with a hit in the top K)")):
        for (name, result), style in zip(results.items(), ("o-", "s--", "^-", "x:")):
            axes.plot(KS, [result[f"{key}@{k}"] for k in KS], style, label=name)
        axes.set_xscale("log")
        axes.set_xlabel("K (images retrieved of 10,000)")
        axes.set_ylabel(ylabel)
        axes.set_ylim(0, 1.02)
        axes.grid(alpha=0.3)
    for name, value in chance.items():  # chance precision; chance Recall@K grows with K, so it is not drawn
        precision.axhline(value, color="grey", linewidth=0.8, linestyle="--")
        precision.annotate(f"chance, {name}", (KS[0], value), textcoords="offset points", xytext=(2, 3), fontsize=8, color="grey")
    recall.legend(fontsize=8, loc="lower right")
    figure.suptitle("Fashion-MNIST test images retrieved by generated images")
    figure.tight_layout()
    figure.savefig(path)


if __name__ == "__main__":
    main()
