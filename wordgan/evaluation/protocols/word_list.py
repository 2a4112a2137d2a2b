"""Word lists for zero-shot evaluation: novel words with the classes a person would accept for each."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from wordgan.errors import WordganError
from wordgan.files.json_files import read_user_json

#: The list shipped with wordgan, for Fashion-MNIST's classes.
DEFAULT_WORD_LIST = Path(__file__).parent / "novel_words.json"


@dataclass
class WordList:
    """``novel``: novel word -> accepted class words; ``families``: family name -> class words.

    Class words are the evaluator's class words (the dataset's default label words).
    """

    novel: dict[str, list[str]]
    families: dict[str, list[str]] = field(default_factory=dict)
    path: str = ""

    def family_of(self, class_word: str) -> tuple[str, list[str]]:
        """The family holding ``class_word``: (name, class words); the class alone if it has none."""
        for name, members in self.families.items():
            if class_word in members:
                return name, list(members)
        return class_word, [class_word]


def load_word_list(path: str | os.PathLike | None, classes: list[str]) -> WordList:
    """Read a word list (JSON: {"novel": {word: [class, ...]}, "families": {name: [class, ...]}}) and
    check that every class it names is one of the evaluator's ``classes``. ``None`` reads the shipped list."""
    path = Path(path) if path is not None else DEFAULT_WORD_LIST
    data = read_user_json(path, "the word list")
    if not isinstance(data, dict) or not isinstance(data.get("novel"), dict):
        raise WordganError(f'the word list {path} needs a "novel" object: {{"slipper": ["sandals", "boots"], ...}}')
    words = WordList(
        novel={word: list(accepted) for word, accepted in data["novel"].items()},
        families={name: list(members) for name, members in data.get("families", {}).items()},
        path=str(path),
    )
    for owner, named in [*words.novel.items(), *words.families.items()]:
        unknown = [c for c in named if c not in classes]
        if unknown or not named:
            raise WordganError(
                f"the word list {path}: {owner!r} names classes {unknown or named} that the evaluator does not "
                f"have; its classes are {classes}"
            )
    return words
