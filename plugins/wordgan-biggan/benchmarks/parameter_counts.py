"""Parameter counts of the biggan plugin's G and D for each preset and image size (the README's table).

    python plugins/wordgan-biggan/benchmarks/parameter_counts.py [--z-dim 64] [--cond-dim 384]
"""
from __future__ import annotations

import argparse

from wordgan_biggan import build, preset_options

SHAPES = ((1, 28, 28), (3, 32, 32), (3, 64, 64), (3, 128, 128))


def rows(z_dim: int, cond_dim: int) -> list[list[str]]:
    table = []
    for preset in ("cpu", "gpu"):
        for shape in SHAPES:
            generator, discriminator = build(z_dim, cond_dim, shape, preset=preset)
            options = preset_options(preset, shape[1])
            counts = [sum(p.numel() for p in net.parameters()) / 1e6 for net in (generator, discriminator)]
            table.append([
                preset, "x".join(map(str, shape)), str(options["ch"]), str(options["shared_dim"]),
                str(options["attention"] or "off"), f"{counts[0]:.2f} M", f"{counts[1]:.2f} M",
            ])
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--z-dim", type=int, default=64)
    parser.add_argument("--cond-dim", type=int, default=384, help="384: all-MiniLM-L6-v2, wordgan's default embedder")
    args = parser.parse_args()
    header = ["preset", "C x H x W", "ch", "shared_dim", "attention", "G parameters", "D parameters"]
    print(f"Z = {args.z_dim}, E = {args.cond_dim}")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows(args.z_dim, args.cond_dim):
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
