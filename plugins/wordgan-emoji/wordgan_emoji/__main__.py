"""``python -m wordgan_emoji install | held-out | word-list | vocabulary | config``: the dataset's own commands.

``held-out``, ``word-list``, ``vocabulary`` and ``config`` take the dataset's options as ``--option KEY=VALUE`` (as ``wordgan train
--dataset-option``), so that they describe the same concepts a run trains on.
"""
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
    word_list = commands.add_parser("word-list", help="print a word-list JSON whose families are the subcategories")
    vocabulary = commands.add_parser("vocabulary", help="print a `wordgan train --vocabulary` JSON from CLDR keywords")
    vocabulary.add_argument("--holdout-fraction", type=float, default=0.1,
                            help="leave out the concepts of this held-out split (0: none); default 0.1")
    config = commands.add_parser("config", help="print a `wordgan train --config` JSON: the dataset, its options, "
                                 "the held-out concepts and a vocabulary file")
    config.add_argument("--holdout-fraction", type=float, default=0.1)
    config.add_argument("--vocabulary", default="none",
                        help="the vocabulary file to train with (write one with the vocabulary command), or none")
    for command in (held_out, word_list, vocabulary, config):
        command.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                             help="a dataset option, e.g. subcategories=animal-mammal (repeatable)")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    try:
        if args.command == "install":
            from wordgan_emoji.install import install as run_install

            run_install(data_dir, tuple(s.strip() for s in args.styles.split(",") if s.strip()))
            return 0
        from wordgan_emoji.dataset import EmojiDataset
        from wordgan_emoji.split import subcategory_families

        options = _options(args.option)
        if args.data_dir:
            options["data_dir"] = str(args.data_dir)
        dataset = EmojiDataset(**{"data_dir": str(data_dir), **options})
        if args.command == "held-out":
            for word in dataset.held_out_words(args.fraction):
                print(f"--holdout={word}" if args.as_options else word)
        elif args.command == "config":
            settings = {"dataset": "emoji", "dataset_options": options,
                        "holdout": dataset.held_out_words(args.holdout_fraction), "vocabulary": args.vocabulary}
            print(json.dumps(settings, indent=1, ensure_ascii=False))
        elif args.command == "vocabulary":
            from wordgan_emoji.vocabulary import keyword_vocabulary

            held = dataset.held_out_words(args.holdout_fraction)
            print(json.dumps(keyword_vocabulary(dataset.concepts, held), indent=1, ensure_ascii=False))
        else:
            families = subcategory_families(dataset.concepts)
            print(json.dumps({"description": "Emoji subcategories as families (python -m wordgan_emoji word-list).",
                              "families": families, "novel": {}}, indent=1, ensure_ascii=False))
        return 0
    except WordganError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _options(pairs: list[str]) -> dict:
    """["size=32", "styles=google"] -> {"size": 32, "styles": "google"}: values read as JSON when they parse."""
    options = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise WordganError(f"--option takes KEY=VALUE, got {pair!r}")
        try:
            options[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            options[key.strip()] = value
    return options


if __name__ == "__main__":
    sys.exit(main())
