"""Shared pieces of the benchmarks: the same models, data and timing for every contender."""
from __future__ import annotations

import platform
import statistics
import time
from typing import Callable

import torch

import wordgan
from wordgan.conditions.vectors import condition_vectors


def machine() -> str:
    return f"{platform.processor() or platform.machine()}, {torch.get_num_threads()} torch threads, torch {torch.__version__}"


def fashion_mnist_conditions():
    """Real train images (N, 1, 28, 28) uint8, labels (N,), and GloVe label conditions (10, 50)."""
    data = wordgan.load_dataset("fashion-mnist", "train")
    embedder = wordgan.build_embedder("word2vec")
    return data.images, data.labels, condition_vectors(embedder, data.words)


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def markdown_table(headers: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
