"""Sampling latency, command start-up, embedder load times and peak memory.

    python benchmarks/sampling_and_startup.py [--model checkpoints/sentence-transformers-dcgan-fashion-mnist.safetensors]

Cold figures start a new Python process each time (the OS file cache is warm, as on a user's second run).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import torch

from benchmarks.common import machine, markdown_table, median_time
from wordgan.model.word_model import WordModel

WORDGAN = [sys.executable, "-m", "wordgan"]


def wall(command: list[str], repeats: int) -> float:
    """Median wall time of running ``command`` to completion."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory of ``command``, in MB, measured by a fresh wrapper process.

    ru_maxrss of RUSAGE_CHILDREN is the maximum over all children so far, so each measurement gets its own
    parent to keep earlier commands out of it.
    """
    wrapper = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *command], check=True, capture_output=True, text=True).stdout
    return int(out) / 1024


def embedder_load(name: str) -> str:
    """Cold: a new process imports the plugin and builds the embedder, then embeds one word."""
    code = (
        "import time; t=time.perf_counter(); import wordgan; "
        f"e=wordgan.build_embedder({name!r}); e.encode(['sandals']); print(time.perf_counter()-t)"
    )
    try:
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    except subprocess.CalledProcessError as exc:
        return f"failed: {exc.stderr.strip().splitlines()[-1]}"
    return f"{float(out):.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="checkpoints/sentence-transformers-dcgan-fashion-mnist.safetensors")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    model = WordModel.load(args.model)
    model.generate(["sandals"], n=64)  # warm-up
    warm = median_time(lambda: model.generate(["sandals"], n=64), 50)
    model.generate(["slipper"], n=64)
    warm_novel = median_time(lambda: model.generate(["slipper"], n=64), 50)

    out = tempfile.mkdtemp()
    try:
        rows = [
            ["warm: 64 images of a trained word (in process)", f"{warm * 1e3:.1f} ms"],
            ["warm: 64 images of a new word (in process, embedder loaded)", f"{warm_novel * 1e3:.1f} ms"],
            ["cold `wordgan --help`", f"{wall(WORDGAN + ['--help'], args.repeats):.2f} s"],
            ["cold `wordgan plugins --no-check` (metadata only)", f"{wall(WORDGAN + ['plugins', '--no-check'], args.repeats):.2f} s"],
            ["cold `wordgan plugins` (imports every plugin to check it)", f"{wall(WORDGAN + ['plugins'], args.repeats):.2f} s"],
            ["cold `wordgan generate MODEL sandals -n 64` (trained word: no embedder)",
             f"{wall(WORDGAN + ['generate', args.model, 'sandals', '-n', '64', '-o', out], args.repeats):.2f} s"],
            ["cold `wordgan generate MODEL slipper -n 64` (new word: loads the model's embedder)",
             f"{wall(WORDGAN + ['generate', args.model, 'slipper', '-n', '64', '-o', out], args.repeats):.2f} s"],
            ["cold import torch", f"{wall([sys.executable, '-c', 'import torch'], args.repeats):.2f} s"],
        ]
        for name in ("word2vec", "fasttext", "sentence-transformers"):
            rows.append([f"cold load of embedder `{name}` (process start, imports, load, one word)", embedder_load(name)])
        rows.append(["peak RSS of `wordgan generate` (new word)",
                     f"{peak_rss_mb(WORDGAN + ['generate', args.model, 'slipper', '-n', '64', '-o', out]):.0f} MB"])
        train_dir = os.path.join(out, "run")
        rows.append(["peak RSS of `wordgan train` (200 steps, default model)",
                     f"{peak_rss_mb(WORDGAN + ['train', '--steps', '200', '--quiet', '--out', train_dir]):.0f} MB"])
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"machine: {machine()}; medians of {args.repeats} runs (50 for warm sampling)")
    print(markdown_table(["what", "time / memory"], rows))


if __name__ == "__main__":
    main()
