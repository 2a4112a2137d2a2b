"""Read word vectors from a file: word2vec binary or text, GloVe text, or a gensim ``.kv`` file."""
from __future__ import annotations

from pathlib import Path

from gensim import utils
from gensim.models import KeyedVectors

from wordgan.errors import UnsafeFileError, WordganError
from wordgan.safety import reading_pickle

#: Every format :func:`load_vectors` reads.
FORMATS = ("word2vec-binary", "word2vec-text", "glove-text", "kv")

#: Extension -> format; "text" means word2vec or GloVe text, told apart by the first line.
_BY_SUFFIX = {".bin": "word2vec-binary", ".txt": "text", ".vec": "text", ".kv": "kv"}

#: gensim reads these compressed transparently (e.g. GoogleNews-vectors-negative300.bin.gz).
_COMPRESSED = (".gz", ".bz2")


def guess_format(path: Path) -> str:
    """The format of ``path`` from its extension and, for text, its first line; one of :data:`FORMATS`."""
    _require_file(path)
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] in _COMPRESSED:
        suffixes = suffixes[:-1]
    guess = _BY_SUFFIX.get(suffixes[-1] if suffixes else "")
    if guess is None:
        raise WordganError(
            f"cannot tell the format of {path} from its extension; name the file .bin, .txt, .vec or .kv, "
            f"or pass format= one of {', '.join(FORMATS)}"
        )
    return _text_format(path) if guess == "text" else guess


def load_vectors(path: Path, format: str) -> KeyedVectors:
    """The vectors in ``path``, read as ``format`` (one of :data:`FORMATS`); (V, E) float32 underneath."""
    if format not in FORMATS:
        raise WordganError(f"unknown vectors format {format!r}; formats: {', '.join(FORMATS)}")
    _require_file(path)
    if format in ("word2vec-binary", "word2vec-text"):
        _check_header(path, format)
    try:
        keyed_vectors = _read(path, format)
    except UnsafeFileError:
        raise
    except Exception as exc:  # gensim's parsers fail on a bad file with many error types
        raise WordganError(
            f"could not read {path} as {format} vectors ({type(exc).__name__}: {exc}); "
            f"is the file complete, and is {format} its format? (formats: {', '.join(FORMATS)})"
        ) from exc
    if not isinstance(keyed_vectors, KeyedVectors):
        raise WordganError(
            f"{path} holds a {type(keyed_vectors).__name__}, not gensim KeyedVectors; "
            "for a saved Word2Vec or FastText model, save its .wv instead"
        )
    if len(keyed_vectors) == 0:
        raise WordganError(f"{path} holds no word vectors")
    return keyed_vectors


def _require_file(path: Path) -> None:
    if not path.is_file():
        raise WordganError(f"vectors file not found: {path}")


def _read(path: Path, format: str) -> KeyedVectors:
    if format == "kv":
        # A .kv file is a pickle, which runs code when read: refused when a checkpoint names it (wordgan.safety).
        with reading_pickle(path, "gensim KeyedVectors"):
            return KeyedVectors.load(str(path), mmap="r")
    return KeyedVectors.load_word2vec_format(
        str(path), binary=format == "word2vec-binary", no_header=format == "glove-text"
    )


def _check_header(path: Path, format: str) -> None:
    """Refuse a "<count> <dim>" header that claims more vectors than the file can hold: gensim allocates
    count x dim floats before reading the first one, so a made-up header could ask for terabytes."""
    try:
        with utils.open(str(path), "rb") as lines:
            header = lines.readline(100).split()
    except OSError as exc:
        raise WordganError(f"could not read {path} ({type(exc).__name__}: {exc})") from exc
    if len(header) != 2 or not all(part.isdigit() for part in header):
        raise WordganError(f"{path} does not start with a '<count> <dim>' line, so it is not {format} vectors")
    count, dim = (int(part) for part in header)
    # Each value takes 4 bytes in binary and at least 2 ("0 ") in text; compressed files may shrink 100-fold.
    smallest = count * dim * (4 if format == "word2vec-binary" else 2)
    if path.suffix.lower() in _COMPRESSED:
        smallest //= 100
    if smallest > path.stat().st_size:
        raise WordganError(
            f"could not read {path}: its first line claims {count:,} vectors of {dim:,} values, more than its "
            f"{path.stat().st_size:,} bytes can hold; the file is damaged or truncated"
        )


def _text_format(path: Path) -> str:
    """word2vec text starts with a "<count> <dim>" header line; GloVe text starts with a word and its vector."""
    try:
        with utils.open(str(path), "rb") as lines:
            first = lines.readline().split()
    except OSError as exc:
        raise WordganError(f"could not read {path} ({type(exc).__name__}: {exc})") from exc
    return "word2vec-text" if len(first) == 2 and all(part.isdigit() for part in first) else "glove-text"
