"""Where word arithmetic lands among Fashion-MNIST's label words, for each embedder (docs/interpolation.md).

Each expression's condition is built as `wordgan.conditions.arithmetic` builds it (the terms' RMS-1 conditions added
with their signs, the sum rescaled to RMS 1), and ranked by cosine similarity against the ten label words.

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/word_arithmetic.py [--embedders word2vec fasttext sentence-transformers]
"""
from __future__ import annotations

import argparse

import torch

from benchmarks.common import markdown_table
from wordgan.conditions.arithmetic import parse_expression
from wordgan.plugins.build import build_embedder
from wordgan.conditions.vectors import condition_vectors, cosine_similarities, normalise

LABELS = ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots"]
EXPRESSIONS = ["boots", "boots - winter + summer", "coat - warm + light", "sneakers - sport + formal", "shirt + long - short"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--embedders", nargs="+", default=["word2vec", "fasttext", "sentence-transformers"])
    args = parser.parse_args()
    rows = []
    for name in args.embedders:
        embedder = build_embedder(name)
        labels = condition_vectors(embedder, LABELS)  # (K, E)
        for text in EXPRESSIONS:
            expression = parse_expression(text)
            signs = torch.tensor([float(sign) for sign, _ in expression.terms]).unsqueeze(1)  # (T, 1)
            vector = normalise((signs * condition_vectors(embedder, expression.words)).sum(0, keepdim=True))[0]
            sims = cosine_similarities(vector, labels)
            top = sims.argsort(descending=True)[:3].tolist()
            rows.append([name, text, ", ".join(f"{LABELS[i]} {sims[i]:.2f}" for i in top)])
    print(markdown_table(["embedder", "expression", "nearest label words (cosine)"], rows))


if __name__ == "__main__":
    main()
