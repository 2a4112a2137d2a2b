"""How often the far-from-everything warning (wordgan.conditions.familiarity) fires, on gibberish and on real words.

The shipped model's trained words, mapped as new models map (DEFAULT_MAPPING). Gibberish:
docs/data/word-lists/gibberish.json ("tuning" strings chose ``SUPPORT``; "held-out" ones are only scored).
Real words: the tuning and held-out word lists (every word a person would draw something for), and the
501st to 1,000th commonest English nouns and adjectives (unrelated to clothing: they are English, so never
reported; listed to show it).

    OMP_NUM_THREADS=1 PYTHONPATH=. python benchmarks/unfamiliar_words.py
"""
from __future__ import annotations

import json
from pathlib import Path

import torch

from benchmarks.common import markdown_table
from benchmarks.word_mapping import SHIPPED, shipped_mapper
from scripts.make_background_words import commonest
from wordgan.conditions.familiarity import SUPPORT, unfamiliar_words
from wordgan.conditions.mapping import DEFAULT_MAPPING
from wordgan.model.word_model import WordModel

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "docs/data/word-lists"


def main() -> None:
    model = WordModel.load(SHIPPED)
    mapper = shipped_mapper(model, DEFAULT_MAPPING)
    gibberish = json.loads((LISTS / "gibberish.json").read_text())
    groups = {
        "gibberish, tuning": gibberish["tuning"],
        "gibberish, held-out": gibberish["held-out"],
        "tuning list": list(json.loads((LISTS / "tuning.json").read_text())["novel"]),
        "held-out list": list(json.loads((LISTS / "held-out.json").read_text())["novel"]),
        "unrelated English words": commonest(Path(mapper.wordnet.root) / "cntlist.rev", 1000)[500:],
    }
    rows = []
    for name, words in groups.items():
        words = [w for w in words if w not in model.trained_words]
        found = unfamiliar_words(mapper, words, model.conditions(words, None))
        rows.append([name, len(words), len(found), f"{len(found) / len(words):.2f}",
                     ", ".join(f"{u.word} ({u.suggestion})" if u.suggestion else u.word for u in found[:25])])
        print(rows[-1], flush=True)
    print(f"\nReported as far from everything (support below {SUPPORT} spreads above unrelated words, and no English word):")
    print(markdown_table(["words", "asked", "reported", "share", "reported words (suggestion)"], rows))


if __name__ == "__main__":
    torch.manual_seed(0)
    main()
