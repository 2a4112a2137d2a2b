"""Parameter counts of a GAN plugin's generator and discriminator, for the condition sizes of the embedders.

    PYTHONPATH=. python benchmarks/model_size.py [--gan dcgan] [--cond-dims 50 384 434]
"""
from __future__ import annotations

import argparse

from benchmarks.common import markdown_table
from wordgan.plugins.build import build_gan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gan", default="dcgan")
    parser.add_argument("--z-dim", type=int, default=64)
    parser.add_argument("--cond-dims", type=int, nargs="+", default=[50, 384, 434], help="GloVe, MiniLM, concat")
    args = parser.parse_args()
    rows = []
    for cond_dim in args.cond_dims:
        generator, discriminator = build_gan(args.gan, args.z_dim, cond_dim, (1, 28, 28))
        rows.append([cond_dim, *(f"{sum(p.numel() for p in net.parameters()) / 1e6:.2f} M" for net in (generator, discriminator))])
    print(f"{args.gan}, 28x28 grayscale, Z = {args.z_dim}, default options")
    print(markdown_table(["condition size E", "generator", "discriminator"], rows))


if __name__ == "__main__":
    main()
