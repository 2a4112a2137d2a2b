"""Words from the command line and from files: a file's path is never drawn as a word."""
from __future__ import annotations

import os

import click

from wordgan.files.printable import shown


def refuse_paths(words: tuple[str, ...]) -> None:
    """Refuse a word that is an existing file's path (``generate MODEL words.txt`` drew "words.txt" as coats),
    naming --words-file."""
    for word in words:
        if os.path.isfile(word):
            raise click.UsageError(f"'{shown(word, 80)}' is a file, not a word; to draw the words in it, one a line, "
                                   f"use --words-file {shown(word, 80)}")


def read_words_file(path: str) -> tuple[str, ...]:
    """The words of a UTF-8 file, one word or phrase a line, blank lines skipped."""
    try:
        text = open(path, encoding="utf-8").read()
    except UnicodeDecodeError as exc:
        raise click.UsageError(f"--words-file {shown(path, 80)} is not UTF-8 text (byte {exc.start}): one word or phrase a line") from exc
    words = tuple(line.strip() for line in text.splitlines() if line.strip())
    if not words:
        raise click.UsageError(f"--words-file {shown(path, 80)} holds no words: one word or phrase a line")
    return words
