"""What one generation request may ask for, checked up front with one-line errors.

Generation runs in bounded chunks, so memory does not grow with these numbers; the limits only refuse
requests that are surely mistakes (a million images of one word) before they run for hours or fill a disk.
"""
from __future__ import annotations

from typing import Any, Sequence

from wordgan.errors import WordganError

#: Images per word (``-n``).
MAX_IMAGES_PER_WORD = 100_000
#: Words (or phrases) per call.
MAX_WORDS = 10_000
#: Images per call: words times n.
MAX_IMAGES = 1_000_000
#: Seeds are what ``torch.Generator.manual_seed`` takes without wrapping: 0 <= seed < 2**64.
MAX_SEED = 2**64 - 1


def check_words(words: Any) -> list[str]:
    """A sequence of words or phrases -> a list, each checked to be a string with some non-space text."""
    if isinstance(words, str):
        raise WordganError("words must be a list of words; a single string is one word, so wrap it: [word]")
    try:
        words = list(words)
    except TypeError:
        raise WordganError(f"words must be a list of strings, got {type(words).__name__}") from None
    if not words:
        raise WordganError("no words given: name at least one word to draw")
    if len(words) > MAX_WORDS:
        raise WordganError(f"{len(words):,} words in one call; the limit is {MAX_WORDS:,} (split them over several calls)")
    for word in words:
        if not isinstance(word, str):
            raise WordganError(f"words must be strings, got {type(word).__name__} {word!r}")
        if not word.split():
            raise WordganError(f"empty prompt {word!r}: give at least one word")
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:  # a byte the command line could not decode: embedders' tokenizers crash on it
            raise WordganError(f"{word!r} is not valid text (it holds an undecodable byte); type it in UTF-8") from None
    return words


def check_count(n: Any, words: int = 1) -> int:
    """Images per word: an int from 1 to MAX_IMAGES_PER_WORD, and at most MAX_IMAGES for all ``words``."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise WordganError(f"n (images per word) must be a whole number, got {n!r}")
    if not 1 <= n <= MAX_IMAGES_PER_WORD:
        raise WordganError(f"n (images per word) must be from 1 to {MAX_IMAGES_PER_WORD:,}, got {_short(n)}")
    if n * words > MAX_IMAGES:
        raise WordganError(
            f"{words:,} words x {n:,} images = {n * words:,} images; the limit is {MAX_IMAGES:,} per call "
            "(ask for fewer, or split the words over several calls)"
        )
    return n


def check_seed(seed: Any) -> int:
    """A seed: an int from 0 to 2**64 - 1."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise WordganError(f"seed must be a whole number, got {seed!r}")
    if not 0 <= seed <= MAX_SEED:
        raise WordganError(f"seed must be from 0 to 2**64 - 1 ({MAX_SEED}), got {_short(seed)}")
    return seed


def check_words_and_counts(words: Sequence[str], n: Any, seed: Any) -> list[str]:
    """All of a request's checks; returns the words as a list."""
    words = check_words(words)
    check_count(n, len(words))
    check_seed(seed)
    return words


def _short(number: int) -> str:
    """A huge int as its size, so an error message stays one short line (and Python's limit on converting
    ints of over 4,300 digits to text is never hit)."""
    bits = abs(number).bit_length()
    return str(number) if bits <= 96 else f"{'-' if number < 0 else ''}a {bits}-bit number"
