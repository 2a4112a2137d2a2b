"""What the first new word costs after the model is loaded, with each mapping (issue 20: under 1 s).

Steps, as ``wordgan generate`` and ``wordgan serve`` take them (wordgan.cli.loading): load the checkpoint,
build its embedder, prepare the mapping (evidence embedders, their measure of unrelated words, WordNet), then
map the first new word, a second, and a batch of 20. Each mapping is timed in a fresh process so that no
step is already warm; the machine's load average is printed beside the times.

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/mapping_cost.py
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from benchmarks.common import markdown_table

MAPPINGS = ["wordgan 0.3", "new default"]
WORDS = ["slipper", "open-toe summer shoes", "Stiefel", "wellies", "beach", "sac de voyage", "crop top", "trowsers",
         "qxzvqxzv", "ブーツ", "running", "long sleeve top", "a warm top", "heels", "kilt", "mukluks", "Sommerkleid",
         "zapatos", "jurk", "hiking"]


def one(name: str) -> dict[str, float]:
    import tempfile
    from pathlib import Path

    from benchmarks.word_mapping import SHIPPED
    from scripts.set_checkpoint_mapping import set_mapping
    from wordgan.conditions.mapping import DEFAULT_MAPPING, MAPPING_0_3
    from wordgan.model.word_model import WordModel

    copy = Path(tempfile.mkdtemp()) / "model.safetensors"
    set_mapping(SHIPPED, MAPPING_0_3 if name == "wordgan 0.3" else DEFAULT_MAPPING, copy)
    times, started = {}, time.perf_counter()

    def lap(step: str) -> None:
        nonlocal started
        times[step] = time.perf_counter() - started
        started = time.perf_counter()

    model = WordModel.load(copy)
    lap("load the checkpoint")
    model.embedder
    lap("build its embedder (MiniLM)")
    model.words.prepare_mapping()  # what wordgan.cli.loading does before the first word
    lap("prepare the mapping")
    for label, words in (("first new word", WORDS[:1]), ("second new word", WORDS[1:2]), ("20 new words", WORDS)):
        model.conditions(words)  # snapped as the model says
        lap(label)
    model.unfamiliar(WORDS)
    lap("the far-from-everything check of 20 words")
    return times


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(one(sys.argv[2])))
        return
    rows, steps = {}, None
    for name in MAPPINGS:
        load = os.getloadavg()[0]
        out = subprocess.run([sys.executable, __file__, "--one", name], check=True, capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}).stdout
        times = json.loads(out.strip().splitlines()[-1])
        steps = list(times)
        rows[name] = (times, load)
        print(name, {k: round(v, 3) for k, v in times.items()}, f"load average {load:.1f}", flush=True)
    print(markdown_table(["step", *MAPPINGS], [[step, *(f"{rows[n][0][step]:.2f} s" for n in MAPPINGS)] for step in steps]))
    print("load average (1 min) at the start of each: " + ", ".join(f"{n} {rows[n][1]:.1f}" for n in MAPPINGS))


if __name__ == "__main__":
    main()
