"""Real English text from Debian packages, as one lowercase line per dictionary entry, for training fastText.

A dictionary line puts a word next to the words that define it (``slipper`` next to ``shoe``, ``foot``,
``indoors``), which is what a skip-gram model needs to learn meaning and not only spelling.

- ``wordnet``: Debian ``wordnet-base``; one line per synset: its words, its hypernyms' words, its gloss.
- ``gcide``: Debian ``dict-gcide`` (the GNU Collaborative International Dictionary of English); one line per
  entry: the headword and its definitions, without pronunciations, etymologies and editorial tags.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Callable, Iterator

from wordgan.errors import WordganError
from wordgan_fasttext.text import tokens

WORDNET_DIR = Path("/usr/share/wordnet")
GCIDE_FILE = Path("/usr/share/dictd/gcide.dict.dz")
GCIDE_INDEX = Path("/usr/share/dictd/gcide.index")

_BRACKETS = re.compile(r"\[[^\[\]]*\]")  # innermost first: etymologies hold character codes like [=o]
_PRONUNCIATION = re.compile(r"\\[^\\\n]*\\")
_CITATION = re.compile(r"--[A-Z].*$", re.MULTILINE)  # "--Shak." and the like: author names, not meaning
_DICTD_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def wordnet_lines(root: Path = WORDNET_DIR) -> Iterator[str]:
    """One line per WordNet synset: its lemmas, its hypernyms' lemmas, then its gloss."""
    for pos in ("noun", "verb", "adj", "adv"):
        path = _require(root / f"data.{pos}", "wordnet-base")
        synsets = dict(_wordnet_synsets(path))
        for lemmas, hypernyms, gloss in synsets.values():
            related = " ".join(" ".join(synsets[offset][0]) for offset in hypernyms if offset in synsets)
            line = " ".join(tokens(" ".join(lemmas) + " " + related + " " + gloss))
            if line:
                yield line


def _wordnet_synsets(path: Path) -> Iterator[tuple[str, tuple[list[str], list[str], str]]]:
    # Line format (wndb(5)): offset lex_filenum ss_type w_cnt (word lex_id){w_cnt} p_cnt (ptr offset pos src){p_cnt}
    # ... | gloss. Lines starting with two spaces are the licence header.
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith("  "):
                continue
            fields, _, gloss = line.partition(" | ")
            parts = fields.split()
            word_count = int(parts[3], 16)
            lemmas = [_lemma(word) for word in parts[4 : 4 + 2 * word_count : 2]]
            at = 4 + 2 * word_count
            pointers = [parts[at + 1 + 4 * i : at + 5 + 4 * i] for i in range(int(parts[at]))]
            hypernyms = [offset for symbol, offset, _, _ in pointers if symbol in ("@", "@i")]
            yield parts[0], (lemmas, hypernyms, gloss)


def _lemma(word: str) -> str:
    return re.sub(r"\(\w+\)$", "", word).replace("_", " ")  # "long_sleeve", "galore(ip)" -> words


def gcide_lines(dictionary: Path = GCIDE_FILE, index: Path = GCIDE_INDEX) -> Iterator[str]:
    """One line per GCIDE entry: the headword, then its cleaned definitions."""
    text = gzip.open(_require(dictionary, "dict-gcide")).read()
    spans = set()
    # Many index words point at the same entry; read each entry once, in file order.
    for row in open(_require(index, "dict-gcide"), encoding="utf-8"):
        word, offset, length = row.rstrip("\n").split("\t")
        if not word.startswith("00-"):  # dictd's database header entries
            spans.add((_dictd_number(offset), _dictd_number(length)))
    for offset, length in sorted(spans):
        line = " ".join(tokens(_clean_gcide(text[offset : offset + length].decode("utf-8", errors="replace"))))
        if line:
            yield line


def _clean_gcide(entry: str) -> str:
    for _ in range(3):  # brackets nest up to three deep
        entry = _BRACKETS.sub(" ", entry)
    entry = _PRONUNCIATION.sub(" ", entry)
    return _CITATION.sub(" ", entry).replace("{", " ").replace("}", " ")


def _dictd_number(digits: str) -> int:
    value = 0
    for digit in digits:
        value = value * 64 + _DICTD_DIGITS.index(digit)
    return value


def _require(path: Path, package: str) -> Path:
    if not path.exists():
        raise WordganError(f"{path} not found: install the Debian package with `apt-get install -y {package}`")
    return path


#: Corpus name -> function yielding its lines; the names the training command accepts.
SOURCES: dict[str, Callable[[], Iterator[str]]] = {"wordnet": wordnet_lines, "gcide": gcide_lines}
