"""Time one answer of `wordgan serve` (images, tables, PNG data URLs) without HTTP (docs/serve.md).

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/serve_latency.py [--model M] [-n 8] [--repeats 20]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.common import machine, markdown_table, median_time
from wordgan.model.word_model import WordModel
from wordgan.tools.serve.answer import answer
from wordgan.tools.serve.requests import Limits, parse_request

SHIPPED = Path(__file__).parents[1] / "checkpoints" / "sentence-transformers-dcgan-fashion-mnist.safetensors"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(SHIPPED))
    parser.add_argument("-n", default="8")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    model = WordModel.load(args.model)
    model.embedder  # built once at start-up by `wordgan serve` too
    rows = []
    for word in ("boots", "running shoes", "boots - winter + summer"):
        asked = parse_request({"word": word, "n": args.n}, Limits())
        rows.append([word, f"{1000 * median_time(lambda: answer(model, asked).to_json(), args.repeats):.0f} ms"])
    print(f"{machine()}; {args.n} images per request, median of {args.repeats}")
    print(markdown_table(["request", "answer time"], rows))


if __name__ == "__main__":
    main()
