"""What torch.distributed costs: the same run (global batch 64) in 1 process and in N processes (torchrun).

On this 2-core CPU machine: 1 process with 2 threads against 2 gloo processes with 1 thread each, alternating
rounds, images/s from each run's own metrics.jsonl (the second logging window, after warm-up). Also the
time of one all-reduce of G's and D's gradients (what DDP adds per step), measured under torchrun, and from it
the scaling a cluster of N such workers would get, computed (not measured) and labelled so.

    python benchmarks/distributed_overhead.py [--steps 200] [--rounds 3] [--nproc 2]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import machine, markdown_table

TINY = ["--embedder", "word2vec", "--vocabulary", "none", "--batch-size", "64", "--device", "cpu", "-q"]


def run(nproc: int, steps: int, threads: int) -> float:
    """images/s of the second half of a ``steps``-step run on ``nproc`` processes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run"
        flags = [*TINY, "--steps", str(steps), "--log-every", str(steps // 2), "--sample-every", str(steps), "--checkpoint-every", str(steps), "-o", str(out)]
        if nproc == 1:
            command = [sys.executable, "-m", "wordgan", "train", *flags]
        else:
            command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", str(nproc), "-m", "wordgan", "train", *flags]
        subprocess.run(command, check=True, env={**os.environ, "OMP_NUM_THREADS": str(threads)}, capture_output=True)
        return json.loads((out / "metrics.jsonl").read_text().splitlines()[-1])["images_per_s"]


def allreduce_seconds(nproc: int) -> float:
    """Median seconds of one all-reduce of the default DCGAN's G + D gradients, timed under torchrun."""
    done = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", str(nproc), __file__, "--time-allreduce"],
        check=True, capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    return float(done.stdout.strip().splitlines()[-1])


def time_allreduce() -> None:
    """Run by every process under torchrun: rank 0 prints the median all-reduce time."""
    import torch
    import torch.distributed as dist

    import wordgan

    dist.init_process_group("gloo")
    G, D = wordgan.build_gan("dcgan", 64, 50, (1, 28, 28))
    grads = torch.zeros(sum(p.numel() for p in [*G.parameters(), *D.parameters()]))
    times = []
    for _ in range(30):
        dist.barrier()
        start = time.perf_counter()
        dist.all_reduce(grads)
        times.append(time.perf_counter() - start)
    if dist.get_rank() == 0:
        print(statistics.median(times[5:]))
    dist.destroy_process_group()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--nproc", type=int, default=2)
    parser.add_argument("--time-allreduce", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_allreduce:
        return time_allreduce()
    cores = os.cpu_count() or 1
    one, many = [], []
    for _ in range(args.rounds):  # alternate, so drift in machine load hits both alike
        one.append(run(1, args.steps, cores))
        many.append(run(args.nproc, args.steps, max(1, cores // args.nproc)))
    a, b = statistics.median(one), statistics.median(many)
    reduce_s = allreduce_seconds(args.nproc)
    step_s = 64 / a  # one process, whole global batch
    print(f"machine: {machine()}; {args.rounds} rounds of {args.steps} steps, global batch 64; medians")
    print(markdown_table(
        ["set-up", "images/s", "vs 1 process"],
        [["1 process, all cores", f"{a:.0f}", "1.00"],
         [f"{args.nproc} processes (gloo), cores split", f"{b:.0f}", f"{b / a:.2f}"]],
    ))
    print()
    print(f"all-reduce of G+D gradients on {args.nproc} gloo processes: {reduce_s * 1e3:.2f} ms; one step of 1 process: {step_s * 1e3:.1f} ms")
    rows = []
    for n in (2, 4, 8, 16):
        # Computed: N workers each as fast as this one, each step's compute divided by N, plus two all-reduces
        # per step (after D's and after G's update) as long as the one measured here; a ring all-reduce's
        # time grows little with N, but a network between nodes is slower than this loopback.
        speedup = step_s / (step_s / n + 2 * reduce_s)
        rows.append([str(n), f"{speedup:.2f}", f"{speedup / n:.0%}"])
    print(markdown_table(["workers (computed, not measured)", "speed-up", "efficiency"], rows))
    print("raw images/s:", json.dumps({"1": [round(v) for v in one], str(args.nproc): [round(v) for v in many]}))


if __name__ == "__main__":
    main()
