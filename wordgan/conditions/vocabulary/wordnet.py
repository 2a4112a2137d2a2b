"""A reader for the WordNet 3 noun database (Princeton's ``index.noun`` / ``data.noun`` files).

Only what vocabulary expansion needs: a noun's senses, a sense's lemmas, hypernyms and hyponyms. The files
are read as Debian's ``wordnet-base`` installs them (``/usr/share/wordnet``); any directory holding the two
files works (``WORDGAN_WORDNET`` or the ``root`` argument). ``data.noun`` is addressed by byte offset, so a
synset is read with one seek, and only the index is parsed up front.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from wordgan.errors import WordganError

#: Where WordNet 3's database is looked for: Debian/Ubuntu's wordnet-base, a Princeton install, and NLTK's
#: data folders (``python -m nltk.downloader wordnet`` unpacks the same files there).
DEFAULT_ROOTS = (
    Path("/usr/share/wordnet"),
    Path("/usr/share/wordnet/dict"),
    Path("/usr/local/WordNet-3.0/dict"),
    Path("/opt/homebrew/share/wordnet/dict"),
    Path.home() / "nltk_data/corpora/wordnet",
    Path("/usr/share/nltk_data/corpora/wordnet"),
    Path("/usr/local/share/nltk_data/corpora/wordnet"),
)

# WordNet's own noun suffix rules (morphy), tried in order after the exception list.
_SUFFIXES = (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y"), ("s", ""))
_HYPERNYMS = ("@", "@i")
_HYPONYMS = ("~", "~i")


@dataclass(frozen=True)
class Synset:
    """One noun sense: its byte ``offset`` in data.noun (its id), lemmas (spaces, not underscores), the
    offsets of its hypernyms and hyponyms, the lexicographer file number (6 = noun.artifact) and gloss."""

    offset: int
    lemmas: tuple[str, ...]
    hypernyms: tuple[int, ...]
    hyponyms: tuple[int, ...]
    lexfile: int
    gloss: str


class WordNet:
    """The noun part of a WordNet database directory."""

    def __init__(self, root: str | os.PathLike | None = None):
        self.root = _find_root(root)
        self._index = _read_index(self.root / "index.noun")
        self._exceptions = _read_exceptions(self.root / "noun.exc")
        self._data = open(self.root / "data.noun", "rb")

    def close(self) -> None:
        self._data.close()

    def lemma(self, word: str) -> str | None:
        """The base form of ``word`` that WordNet lists as a noun ("sneakers" -> "sneaker"), or None."""
        key = "_".join(word.lower().split())
        candidates = [key, *self._exceptions.get(key, ()), *("_".join(f.split()) for f in base_forms(word))]
        return next((c.replace("_", " ") for c in candidates if c in self._index), None)

    def senses(self, word: str) -> list[Synset]:
        """The noun senses of ``word`` (or of its base form), most frequent first; [] if it is not a noun."""
        lemma = self.lemma(word)
        return [] if lemma is None else [self.synset(o) for o in self._index[lemma.replace(" ", "_")]]

    @functools.lru_cache(maxsize=None)
    def synset(self, offset: int) -> Synset:
        self._data.seek(offset)
        line = self._data.readline().decode("utf-8")
        try:
            return _parse_synset(line)
        except (ValueError, IndexError) as exc:
            raise WordganError(f"{self.root / 'data.noun'} is damaged at offset {offset}: {line[:80]!r}") from exc

    @functools.lru_cache(maxsize=None)
    def ancestors(self, offset: int) -> dict[int, int]:
        """Every hypernym of a synset (itself included) -> its depth below the root (the root has depth 1).

        Cached (choosing the senses of K label words asks for each one K times), so do not modify it."""
        depths: dict[int, int] = {}

        def depth(o: int) -> int:
            if o not in depths:
                parents = self.synset(o).hypernyms
                depths[o] = 1 + max((depth(p) for p in parents), default=0)
            return depths[o]

        found, stack = set(), [offset]
        while stack:
            o = stack.pop()
            if o not in found:
                found.add(o)
                stack.extend(self.synset(o).hypernyms)
        return {o: depth(o) for o in found}

    def hyponyms(self, offset: int, stop: set[int] = frozenset()) -> list[Synset]:
        """Every synset below ``offset`` (not itself), breadth first, not descending into ``stop``."""
        seen, queue, found = {offset}, list(self.synset(offset).hyponyms), []
        while queue:
            o = queue.pop(0)
            if o in seen or o in stop:
                continue
            seen.add(o)
            synset = self.synset(o)
            found.append(synset)
            queue.extend(synset.hyponyms)
        return found


def base_forms(word: str) -> list[str]:
    """What a plural noun may be the plural of, by WordNet's suffix rules: "jeans" -> ["jean"],
    "dresses" -> ["dress", "dresse"]. Lower-cased; irregular plurals ("feet") need the database."""
    key = " ".join(word.lower().split())
    return [key[: -len(suffix)] + base for suffix, base in _SUFFIXES if key.endswith(suffix)]


def _find_root(root: str | os.PathLike | None) -> Path:
    candidates = [Path(root)] if root else [Path(p) for p in [os.environ.get("WORDGAN_WORDNET")] if p] + list(DEFAULT_ROOTS)
    for candidate in candidates:
        if (candidate / "index.noun").is_file() and (candidate / "data.noun").is_file():
            return candidate
    raise WordganError(
        f"no WordNet database (index.noun, data.noun) in {', '.join(map(str, candidates))}; install it with "
        "`apt-get install wordnet-base` (or `python -m nltk.downloader wordnet`), or set WORDGAN_WORDNET to a "
        "WordNet 3 'dict' directory; or train with `--vocabulary none`"
    )


def _read_index(path: Path) -> dict[str, tuple[int, ...]]:
    """index.noun: ``lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset...`` per line."""
    index = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith(" "):  # the licence header
                continue
            fields = line.split()
            synset_count, pointer_count = int(fields[2]), int(fields[3])
            index[fields[0]] = tuple(int(o) for o in fields[6 + pointer_count : 6 + pointer_count + synset_count])
    if not index:
        raise WordganError(f"{path} holds no nouns")
    return index


def _read_exceptions(path: Path) -> dict[str, tuple[str, ...]]:
    """noun.exc: irregular plural -> base forms ("feet foot"); an absent file means none."""
    if not path.is_file():
        return {}
    return {fields[0]: tuple(fields[1:]) for fields in (line.split() for line in path.read_text().splitlines()) if fields}


def _parse_synset(line: str) -> Synset:
    """data.noun: ``offset lexfile pos w_cnt (word lex_id)... p_cnt (ptr offset pos src/tgt)... | gloss``."""
    head, _, gloss = line.partition(" | ")
    fields = head.split()
    word_count = int(fields[3], 16)
    lemmas = tuple(fields[4 + 2 * i].replace("_", " ") for i in range(word_count))
    at = 4 + 2 * word_count
    pointers = [fields[at + 1 + 4 * i : at + 5 + 4 * i] for i in range(int(fields[at]))]
    nouns = [(symbol, int(offset)) for symbol, offset, pos, _ in pointers if pos == "n"]
    return Synset(
        offset=int(fields[0]),
        lemmas=tuple(_strip_marker(lemma) for lemma in lemmas),
        hypernyms=tuple(o for s, o in nouns if s in _HYPERNYMS),
        hyponyms=tuple(o for s, o in nouns if s in _HYPONYMS),
        lexfile=int(fields[1]),
        gloss=gloss.strip(),
    )


def _strip_marker(lemma: str) -> str:
    """Adjective lemmas carry "(a)"-style markers; noun lemmas rarely do, but strip them alike."""
    return lemma.split("(")[0]
