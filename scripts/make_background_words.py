"""Write wordgan/conditions/background_words.txt: the 500 commonest English nouns and adjectives.

They are the "unrelated words" the mapping of new words calibrates against (wordgan.conditions.evidence):
a class that is near many of them is a hub, and a word no nearer the classes than they are is far from
everything. Commonest by the sense-tagged counts of WordNet 3's SemCor (``cntlist.rev``, Debian's
wordnet-base); nouns and adjectives only, lower-case letters only, three letters or more.

    python scripts/make_background_words.py [--wordnet /usr/share/wordnet] [--count 500]
"""
from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "wordgan/conditions/background_words.txt"
NOUN_OR_ADJECTIVE = "135"  # WordNet's synset types: 1 noun, 3 adjective, 5 adjective satellite


def commonest(cntlist: Path, count: int) -> list[str]:
    counts: collections.Counter[str] = collections.Counter()
    for line in cntlist.read_text().splitlines():
        sense_key, _, tagged = line.split()
        lemma, kind = sense_key.split("%")
        if kind[0] in NOUN_OR_ADJECTIVE and re.fullmatch("[a-z]{3,}", lemma):
            counts[lemma] += int(tagged)
    return [word for word, _ in counts.most_common(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    words = commonest(args.wordnet / "cntlist.rev", args.count)
    OUT.write_text("".join(f"{word}\n" for word in words))
    print(f"{OUT}: {len(words)} words, from {words[0]!r} to {words[-1]!r}")


if __name__ == "__main__":
    main()
