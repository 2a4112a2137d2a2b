"""Training throughput: wordgan's trainer against two plain PyTorch loops, same G/D/loss/batch, alternating.

(a) ``wordgan.training.trainer.train`` (the real trainer, with its logging, sampling and checkpoints);
(b) a minimal hand-written loop over the in-memory tensor;
(c) a loop in the style of the PyTorch DCGAN example: a Dataset converting and normalising one image at a
    time (as torchvision's ToTensor + Normalize do), batched by a DataLoader.
Also: FLOPs of one step (torch.utils.flop_counter) x steps/s against a measured float32 matmul peak.

    python benchmarks/train_throughput.py [--steps 300] [--rounds 3] [--device cuda] [--precision bf16]

On a GPU, (b) and (c) run on the same device and precision as (a); (b) keeps the whole float dataset on the
device, the fastest a hand-written loop can be.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time

import torch
from torch.utils.data import DataLoader, Dataset
from torch.utils.flop_counter import FlopCounterMode

import wordgan
from benchmarks.common import fashion_mnist_conditions, machine, markdown_table
from wordgan.training.config import TrainConfig
from wordgan.devices import describe_device, resolve_device
from wordgan.training.trainer import train
from wordgan.training.precision import Precision

BATCH, Z = 64, 64
DEVICE = torch.device("cpu")
PRECISION = Precision("fp32", DEVICE)


def models(cond_dim: int):
    torch.manual_seed(0)
    G, D = wordgan.build_gan("dcgan", Z, cond_dim, (1, 28, 28))
    G, D = G.to(DEVICE), D.to(DEVICE)
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    return G, D, opt_g, opt_d


def step(G, D, opt_g, opt_d, loss, real, cond):
    """One D update then one G update on the same fake batch, as the trainer does."""
    with PRECISION.autocast():
        fake = G(torch.randn(real.shape[0], Z, device=DEVICE), cond)
        d_loss = loss.discriminator_loss(D(real, cond).float(), D(fake.detach(), cond).float())
    opt_d.zero_grad(set_to_none=True)
    d_loss.backward()
    opt_d.step()
    with PRECISION.autocast():
        g_loss = loss.generator_loss(D(fake, cond).float())
    opt_g.zero_grad(set_to_none=True)
    g_loss.backward()
    opt_g.step()
    return d_loss, g_loss  # no .item(): a good hand-written loop does not wait for the device every step


def hand_written(images, labels, conditions, steps: int) -> float:
    """(b): images/s of a minimal loop over the in-memory float tensor."""
    G, D, opt_g, opt_d = models(conditions.shape[1])
    loss = wordgan.build_loss("bce")
    data = images.to(DEVICE).float().div(127.5).sub(1)
    labels, conditions = labels.to(DEVICE), conditions.to(DEVICE)
    order = torch.randperm(len(labels), device=DEVICE)
    start = time.perf_counter()
    for i in range(steps):
        idx = order[i * BATCH : (i + 1) * BATCH]
        step(G, D, opt_g, opt_d, loss, data[idx], conditions[labels[idx]])
    return steps * BATCH / (time.perf_counter() - start)


class PerItemDataset(Dataset):
    """Like torchvision's ToTensor + Normalize: one image converted and normalised per __getitem__."""

    def __init__(self, images, labels):
        self.images, self.labels = images, labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        image = self.images[i].float().div(255.0)  # ToTensor
        return (image - 0.5) / 0.5, self.labels[i]  # Normalize((0.5,), (0.5,))


def per_item_loader(images, labels, conditions, steps: int) -> float:
    """(c): images/s of the PyTorch-example style loop."""
    G, D, opt_g, opt_d = models(conditions.shape[1])
    loss = wordgan.build_loss("bce")
    loader = DataLoader(PerItemDataset(images, labels), batch_size=BATCH, shuffle=True, drop_last=True, pin_memory=DEVICE.type == "cuda")
    conditions = conditions.to(DEVICE)
    start = time.perf_counter()
    for i, (real, label) in enumerate(loader):
        if i == steps:
            break
        step(G, D, opt_g, opt_d, loss, real.to(DEVICE, non_blocking=True), conditions[label.to(DEVICE)])
    return steps * BATCH / (time.perf_counter() - start)


def trainer(steps: int) -> float:
    """(a): images/s that wordgan's trainer logs for its loop (set-up excluded, sampling included)."""
    with tempfile.TemporaryDirectory() as tmp:
        # The same models and conditions as (b) and (c): GloVe label words only, no EMA (which does more work
        # per step by design), no snapping of the probe words.
        config = TrainConfig(
            embedder="word2vec", vocabulary=None, ema=None, snap_temperature=None,
            steps=steps, log_every=steps, sample_every=max(steps // 2, 1), checkpoint_every=steps, out=f"{tmp}/run",
            device=str(DEVICE), precision=PRECISION.name,
        )
        run = train(config, progress=False)
        return json.loads((run / "metrics.jsonl").read_text().splitlines()[-1])["images_per_s"]


def flops_per_step(conditions) -> float:
    G, D, opt_g, opt_d = models(conditions.shape[1])
    loss = wordgan.build_loss("bce")
    real, cond = torch.randn(BATCH, 1, 28, 28, device=DEVICE), conditions[torch.randint(0, 10, (BATCH,))].to(DEVICE)
    with FlopCounterMode(display=False) as counter:
        step(G, D, opt_g, opt_d, loss, real, cond)
    return counter.get_total_flops()


def matmul_peak(size: int = 2048, repeats: int = 10) -> float:
    a, b = torch.randn(size, size, device=DEVICE), torch.randn(size, size, device=DEVICE)
    with PRECISION.autocast():
        torch.mm(a, b)
        synchronize()
        start = time.perf_counter()
        for _ in range(repeats):
            torch.mm(a, b)
        synchronize()
    return 2 * size**3 * repeats / (time.perf_counter() - start)


def synchronize() -> None:
    if DEVICE.type == "cuda":
        torch.cuda.synchronize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--precision", default="fp32", choices=["fp32", "bf16", "fp16"])
    args = parser.parse_args()
    global DEVICE, PRECISION
    DEVICE = resolve_device(args.device)
    PRECISION = Precision(args.precision, DEVICE)

    images, labels, conditions = fashion_mnist_conditions()
    hand_written(images, labels, conditions, 20)  # warm-up: first-call allocations
    results = {"a": [], "b": [], "c": []}
    for _ in range(args.rounds):  # alternate, so drift in machine load hits all three alike
        results["a"].append(trainer(args.steps))
        results["b"].append(hand_written(images, labels, conditions, args.steps))
        results["c"].append(per_item_loader(images, labels, conditions, args.steps))
    a, b, c = (statistics.median(results[k]) for k in "abc")

    flops = flops_per_step(conditions)
    peak = matmul_peak()
    achieved = flops * a / BATCH

    print(f"machine: {machine()}; device {describe_device(DEVICE)}, {PRECISION.name}; {args.rounds} rounds of {args.steps} steps, batch {BATCH}; medians")
    print(markdown_table(
        ["loop", "images/s", "ratio a/x"],
        [["(a) wordgan trainer", f"{a:.0f}", "1.00"],
         ["(b) hand-written in-memory loop", f"{b:.0f}", f"{a / b:.3f}"],
         ["(c) per-item Dataset + DataLoader", f"{c:.0f}", f"{a / c:.3f}"]],
    ))
    print()
    print(markdown_table(
        ["FLOPs per step", "steps/s (a)", "achieved GFLOP/s", f"{PRECISION.name} matmul peak GFLOP/s", "efficiency"],
        [[f"{flops / 1e9:.2f} G", f"{a / BATCH:.1f}", f"{achieved / 1e9:.1f}", f"{peak / 1e9:.1f}", f"{achieved / peak:.1%}"]],
    ))
    print("raw images/s:", json.dumps({k: [round(v) for v in vs] for k, vs in results.items()}))


if __name__ == "__main__":
    main()
