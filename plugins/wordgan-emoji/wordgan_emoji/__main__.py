"""``python -m wordgan_emoji install | held-out | word-list``: the dataset's own commands."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wordgan.errors import WordganError

from wordgan_emoji.sources import SOURCES, default_data_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wordgan_emoji", description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: " + str(default_data_dir()))
    commands = parser.add_subparsers(dest="command", required=True)
    install = commands.add_parser("install", help="fetch the pinned artwork packages with npm and unpack them")
    install.add_argument("--styles", default=",".join(SOURCES), help="comma-separated; default: all")
    held_out = commands.add_parser("held-out", help="print the held-out concepts, one a line")
    held_out.add_argument("--fraction", type=float, default=0.1)
    held_out.add_argument("--as-options", action="store_true", help="print --holdout=NAME lines instead")
    commands.add_parser("word-list", help="print a `wordgan evaluate --words` file: subcategories as families")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    try:
        if args.command == "install":
            from wordgan_emoji.install import install as run_install

            run_install(data_dir, tuple(s.strip() for s in args.styles.split(",") if s.strip()))
            return 0
        from wordgan_emoji.catalogue import load_concepts
        from wordgan_emoji.split import held_out_words, subcategory_families

        concepts = load_concepts(data_dir)
        if args.command == "held-out":
            for word in held_out_words(concepts, args.fraction):
                print(f"--holdout={word}" if args.as_options else word)
        else:
            print(json.dumps({"description": "Emoji subcategories as families (wordgan_emoji word-list).",
                              "families": subcategory_families(concepts), "novel": {}}, indent=1, ensure_ascii=False))
        return 0
    except WordganError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
