"""The figures a held-out emoji concept is read beside, measured without a GAN (docs/many-concepts.md):

- chance: subcategory accuracy and concept retrieval of a generator drawing a random concept;
- per embedder: the share of held-out concepts whose nearest trained concept by embedding (cosine) lies in
  their subcategory, over the held-out concepts the embedder knows;
- with ``--evaluator E --test-style S`` (an evaluator trained with ``test_style=S``): the metrics for real
  drawings of the held-out concepts in style S, which the evaluator never saw, as if a generator had
  copied them: what the judge can tell when the images are right;
- with ``--evaluator E --test-style all`` (an evaluator trained on every style, e.g. the one wordgan-emoji
  ships): the same for the real drawings in every style, which that judge trained on (optimistic).

    PYTHONPATH=. python benchmarks/many_concepts_baselines.py [--embedders word2vec sentence-transformers]
        [--evaluator e.safetensors --test-style openmoji|all --size 32]
"""
from __future__ import annotations

import argparse

import numpy as np

from benchmarks.common import markdown_table
from wordgan.plugins.build import build_embedder
from wordgan.evaluation.metrics.concepts import group_index, held_out_concept_scores, subcategory_chance
from wordgan.evaluation.judge.evaluator import Evaluator
from wordgan_emoji import EmojiDataset
from wordgan_emoji.split import subcategory_families


def nearest_trained_hits(dataset: EmojiDataset, held: list[str], embedder_name: str) -> tuple[float, int, list[str]]:
    """(share of known held-out words whose nearest trained concept is in their subcategory, how many
    held-out words the embedder knows, the concept names it does not know)."""
    embedder = build_embedder(embedder_name)
    words = dataset.words
    group_of = group_index(words, subcategory_families(dataset.concepts))
    unknown = [w for w in words if not embedder.knows(w)]
    trained = [w for w in words if w not in set(held) and w not in set(unknown)]
    asked = [w for w in held if w not in set(unknown)]
    trained_vectors, asked_vectors = (_unit(embedder.encode(ws)) for ws in (trained, asked))
    nearest = (asked_vectors @ trained_vectors.T).argmax(axis=1)  # (W,)
    hits = [group_of[words.index(trained[j])] == group_of[words.index(w)] for w, j in zip(asked, nearest)]
    return float(np.mean(hits)), len(asked), unknown


def real_drawing_scores(evaluator_path: str, test_style: str, size: int) -> dict:
    """The many-concept metrics for the real ``test_style`` drawings of the held-out concepts ("all": every
    style's, with the prototypes from the same images)."""
    evaluator = Evaluator.load(evaluator_path)
    dataset = EmojiDataset(size=size, test_style=None if test_style == "all" else test_style)
    train, test = dataset.load("train"), dataset.load("test")
    _, train_features = evaluator.predict(train.images)
    logits, test_features = evaluator.predict(test.images)
    predicted, labels = logits.argmax(dim=1).numpy(), test.labels.numpy()
    held = dataset.held_out_words()
    drawn = {w: (predicted[labels == dataset.words.index(w)], test_features.numpy()[labels == dataset.words.index(w)])
             for w in held}
    unused = {w: [(dataset.words[0], 1.0)] for w in held}  # the nearest-trained figure is not read here
    return held_out_concept_scores(drawn, dataset.words, subcategory_families(dataset.concepts),
                                   train_features.numpy(), train.labels.numpy(), unused)


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--embedders", nargs="*", default=["word2vec", "sentence-transformers"])
    parser.add_argument("--evaluator")
    parser.add_argument("--test-style", default="openmoji")
    parser.add_argument("--size", type=int, default=32)
    args = parser.parse_args()
    dataset = EmojiDataset()
    held = dataset.held_out_words(args.fraction)
    group_of = group_index(dataset.words, subcategory_families(dataset.concepts))
    chance = np.mean([subcategory_chance(group_of, group_of[dataset.words.index(w)]) for w in held])
    k = len(dataset.words)
    print(f"{len(held)} held-out of {k} concepts; chance: subcategory accuracy {chance:.3f}, median rank "
          f"{(k + 1) / 2}, Recall@1/10/50 {1 / k:.4f} / {10 / k:.4f} / {50 / k:.4f}")
    rows = []
    for name in args.embedders:
        hit, known, unknown = nearest_trained_hits(dataset, held, name)
        rows.append([name, f"{hit:.3f}", f"{known} of {len(held)}", f"{len(unknown)}: {', '.join(unknown)}"])
    if rows:
        print(markdown_table(["embedder", "nearest trained in subcategory", "held-out known", "names unknown"], rows))
    if args.evaluator:
        scores = real_drawing_scores(args.evaluator, args.test_style, args.size)
        keys = ["subcategory_accuracy", "median_rank", "recall_at_1", "recall_at_10", "recall_at_50"]
        print(f"real {args.test_style} drawings of the held-out concepts, judged by {args.evaluator}:")
        print(markdown_table(keys, [[f"{scores[key]:.3f}" for key in keys]]))


if __name__ == "__main__":
    main()
