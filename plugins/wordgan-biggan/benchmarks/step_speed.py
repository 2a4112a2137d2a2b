"""Images/s of training steps (the trainer's order: D on real and fake, then G) for GAN settings side by side.

Real Fashion-MNIST batches, random RMS-1 conditions of MiniLM's size (384; the cost does not depend on their
values), hinge loss, Adam; rounds alternate between the settings so a shared machine's load hits all alike.
Two rates per setting: per wall-clock second (what you see, slowed by whatever else runs), and per second of
this process's CPU time (``time.process_time``; with one torch thread, about what a dedicated core gives).

    OMP_NUM_THREADS=1 python plugins/wordgan-biggan/benchmarks/step_speed.py \
        --gan 'biggan' --gan 'biggan:ch=24' --gan 'dcgan' [--steps 20] [--rounds 3] [--batch 64]

``NAME:key=value,key=value`` gives options (values read as JSON); ``NAME@bf16`` runs that setting's forward
passes under bfloat16 autocast, as ``wordgan train --precision bf16`` does.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import torch

import wordgan

Z, E = 64, 384


def parse(spec: str) -> tuple[str, dict]:
    name, _, rest = spec.partition(":")
    options = {}
    for pair in filter(None, rest.split(",")):
        key, _, value = pair.partition("=")
        try:
            options[key] = json.loads(value)
        except json.JSONDecodeError:
            options[key] = value
    return name, options


class Contender:
    def __init__(self, spec: str, shape: tuple[int, int, int]):
        spec_options, _, precision = spec.partition("@")
        name, options = parse(spec_options)
        self.autocast = torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16")
        torch.manual_seed(0)
        self.spec = spec
        self.G, self.D = wordgan.build_gan(name, Z, E, shape, **options)
        self.params = [sum(p.numel() for p in net.parameters()) for net in (self.G, self.D)]
        self.opt_g = torch.optim.Adam(self.G.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.loss = wordgan.build_loss("hinge")
        self.rates: list[float] = []
        self.cpu_rates: list[float] = []

    def step(self, real: torch.Tensor, cond: torch.Tensor) -> None:
        with self.autocast:
            fake = self.G(torch.randn(real.shape[0], Z), cond)
            d_loss = self.loss.discriminator_loss(self.D(real, cond), self.D(fake.detach(), cond))
        self.opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        self.opt_d.step()
        with self.autocast:
            g_loss = self.loss.generator_loss(self.D(fake, cond))
        self.opt_g.zero_grad(set_to_none=True)
        g_loss.backward()
        self.opt_g.step()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gan", action="append", required=True, help="NAME or NAME:key=value,...")
    parser.add_argument("--steps", type=int, default=20, help="timed steps per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    data = wordgan.load_dataset("fashion-mnist", "train")
    images = data.images[: 50 * args.batch].float().div(127.5).sub(1)  # (N, 1, 28, 28)
    contenders = [Contender(spec, tuple(images.shape[1:])) for spec in args.gan]
    for contender in contenders:  # warm-up: first-call allocations and kernel choices
        for i in range(2):
            contender.step(images[i * args.batch : (i + 1) * args.batch], torch.randn(args.batch, E))
    for _ in range(args.rounds):
        for contender in contenders:
            start, cpu_start = time.perf_counter(), time.process_time()
            for i in range(args.steps):
                batch = images[(i % 50) * args.batch : (i % 50 + 1) * args.batch]
                contender.step(batch, torch.randn(args.batch, E))
            contender.rates.append(args.steps * args.batch / (time.perf_counter() - start))
            contender.cpu_rates.append(args.steps * args.batch / (time.process_time() - cpu_start))
    print(f"batch {args.batch}, {torch.get_num_threads()} torch thread(s), torch {torch.__version__}, "
          f"{args.rounds} rounds x {args.steps} steps, median images/s (min-max) per wall second and per CPU second; "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    for c in contenders:
        print(f"{c.spec:40s} G {c.params[0] / 1e6:.3f} M  D {c.params[1] / 1e6:.3f} M  "
              f"wall {statistics.median(c.rates):6.1f} ({min(c.rates):.1f}-{max(c.rates):.1f})  "
              f"cpu {statistics.median(c.cpu_rates):6.1f} ({min(c.cpu_rates):.1f}-{max(c.cpu_rates):.1f})")


if __name__ == "__main__":
    main()
