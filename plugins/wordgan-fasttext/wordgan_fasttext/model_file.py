"""Check a fastText ``.bin`` file's layout before fastText's C++ loader reads it.

The loader trusts the file: on a truncated file it loops forever looking for the end of a word, and every
size in the header is used as read, to allocate memory and to index into it. A model may be named by a
checkpoint someone sent, so the layout (Facebook's fastText 0.9 ``FastText::saveModel``) is walked here first,
reading only the header and the dictionary, and a file that breaks one of the rules every file fastText writes
keeps is refused, naming the file and the header field. What each rule prevents, as measured on
fasttext 0.9.2 with the shipped model's header patched:

- ``bucket``: an n-gram's row is ``nwords + hash % bucket``, so the input matrix must have exactly
  ``nwords + bucket`` rows (``bucket`` 2**31-1 or -5: segmentation fault on the first word); ``bucket`` 0
  while ``maxn`` > 0 or ``wordNgrams`` > 1 divides by zero (SIGFPE).
- ``size``: 0 divides by zero in every lookup (SIGFPE); ``nwords`` + ``nlabels`` must equal it, and the
  first ``nwords`` entries must be words and the rest labels (the input matrix has a row per word; a word
  stored twice would be looked up as its second, possibly a label, entry).
- ``loss`` 1 (hierarchical softmax) builds a Huffman tree at load time whose sentinel count is 1e15: a count
  that reaches it makes the loader run forever, and no target makes it fail; ``loss`` and ``model`` outside
  fastText's names fail with a C++ error.
- the output matrix has a row per target (the words, or the labels of a supervised model) or none at all
  (``--compact``), and both matrices have ``dim`` columns.

Labels keep one hole this cannot close without refusing genuine models: a supervised model without n-grams
has ``nwords`` input rows and fastText reads a row past them when asked for a label as a word, so
:class:`~wordgan_fasttext.embedder.FastTextEmbedder` never asks for one.
"""
from __future__ import annotations

import mmap
import struct
from pathlib import Path

from wordgan.errors import WordganError

MAGIC = 793712314
VERSIONS = (11, 12)
#: The header's arguments, in the order fastText writes them (int32 each, then ``t`` as a double).
_ARG_NAMES = ("dim", "ws", "epoch", "minCount", "neg", "wordNgrams", "loss", "model", "bucket", "minn", "maxn",
              "lrUpdateRate")
_ARGS = struct.Struct("<12id")
#: Dictionary header: size, nwords, nlabels, ntokens, pruneidx_size.
_DICTIONARY = struct.Struct("<iiiqq")
_ENTRY_TAIL = struct.Struct("<qb")  # count, entry type (0 word, 1 label) after each NUL-terminated word
_COUNT = struct.Struct("<q")
_MATRIX = struct.Struct("<qq")  # rows m, columns n; then m * n float32
_LOSSES = {1: "hs", 2: "ns", 3: "softmax", 4: "ova"}
_MODELS = {1: "cbow", 2: "sg", 3: "supervised"}
_SUPERVISED = 3
_HIERARCHICAL_SOFTMAX = 1
_TREE_SENTINEL = 10**15  # fastText's HierarchicalSoftmaxLoss::buildTree gives inner nodes this count first
_MAX_SIZE = 1_500_000_000  # fastText sizes its word table as an int32 ceil(size / 0.7)


class _Refused(ValueError):
    """One rule the file breaks; the message names the header field."""


def check_model_file(path: Path) -> None:
    """Raise :class:`WordganError` naming ``path`` (and the header field at fault) unless its layout is one that
    fastText 0.9 writes: complete, and with every size consistent with the others."""
    try:
        with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            _walk(data)
    except ValueError as exc:  # mmap of an empty file, or a rule below
        raise WordganError(f"{path} is not a well-formed fastText .bin model: {exc}") from exc
    except (OSError, struct.error) as exc:
        raise WordganError(f"{path} is not a well-formed fastText .bin model ({type(exc).__name__}: {exc})") from exc


def _walk(data: mmap.mmap) -> None:
    magic, version = struct.unpack_from("<ii", data, 0)
    if magic != MAGIC or version not in VERSIONS:
        raise _Refused("it does not start like one (wrong magic number or version)")
    args = dict(zip(_ARG_NAMES, _ARGS.unpack_from(data, 8)))
    if version == 11 and args["model"] == _SUPERVISED:
        args["maxn"] = 0  # what fastText's loader does: old supervised models have no character n-grams
    _check_args(args)
    size, nwords, nlabels, _, prune_size = _DICTIONARY.unpack_from(data, 8 + _ARGS.size)
    _check_dictionary_header(size, nwords, nlabels, prune_size)
    offset = _walk_dictionary(data, 8 + _ARGS.size + _DICTIONARY.size, size, nwords, args)
    if data[offset:offset + 1] != b"\0":
        raise _Refused("it is quantized (.ftz) or damaged; give the full .bin model")
    offset += 1
    targets = nlabels if args["model"] == _SUPERVISED else nwords
    for which, allowed_rows in (("input", (nwords + args["bucket"],)), ("output", (targets, 0))):
        rows, columns = _MATRIX.unpack_from(data, offset)
        if rows < 0 or columns != args["dim"] or offset + _MATRIX.size + 4 * rows * columns > len(data):
            raise _Refused(f"its {which} matrix ({rows} x {columns}) does not fit the file (truncated?) or header "
                           f"field dim {args['dim']}")
        if rows not in allowed_rows:
            raise _Refused(_wrong_rows(which, rows, nwords, nlabels, args))
        offset += _MATRIX.size + 4 * rows * columns
        if which == "input":
            if data[offset:offset + 1] != b"\0":  # qout: a quantized output matrix has another layout
                raise _Refused("its output matrix is quantized or damaged; give the full .bin model")
            offset += 1
    if offset != len(data):
        raise _Refused(f"it has {len(data) - offset} bytes after its output matrix")


def _walk_dictionary(data: mmap.mmap, offset: int, size: int, nwords: int, args: dict[str, int]) -> int:
    """Check the ``size`` entries from ``offset`` on; return where they end."""
    seen: set[bytes] = set()
    target_type = 1 if args["model"] == _SUPERVISED else 0
    target_counts = []  # only hierarchical softmax needs them
    for index in range(size):
        end = data.find(b"\0", offset)
        if end < 0 or end + 1 + _ENTRY_TAIL.size > len(data):
            raise _Refused("it ends inside its dictionary (truncated?)")
        entry_type = data[end + 9]  # the int8 after the NUL and the int64 count
        if entry_type != (0 if index < nwords else 1):
            raise _Refused(f"its dictionary entry {index} has type {entry_type}, but header field nwords says the "
                           f"first {nwords} entries are words (type 0) and the rest labels (type 1)")
        word = data[offset:end]
        if word in seen:
            raise _Refused(f"its dictionary holds {word[:40]!r} twice (header field size counts {size} entries)")
        seen.add(word)
        if args["loss"] == _HIERARCHICAL_SOFTMAX and entry_type == target_type:
            target_counts.append(_COUNT.unpack_from(data, end + 1)[0])
        offset = end + 1 + _ENTRY_TAIL.size
    if args["loss"] == _HIERARCHICAL_SOFTMAX:
        _check_tree(max(target_counts, default=None), args["model"])
    return offset


def _check_args(args: dict[str, int]) -> None:
    if not 0 < args["dim"] <= 10_000:
        raise _Refused(f"header field dim is {args['dim']} (1 to 10,000)")
    if args["loss"] not in _LOSSES:
        raise _Refused(f"header field loss is {args['loss']}, which names no fastText loss ({_named(_LOSSES)})")
    if args["model"] not in _MODELS:
        raise _Refused(f"header field model is {args['model']}, which names no fastText model ({_named(_MODELS)})")
    if args["bucket"] < 0:
        raise _Refused(f"header field bucket is {args['bucket']} (n-gram rows cannot be negative)")
    if args["bucket"] == 0 and (args["maxn"] > 0 or args["wordNgrams"] > 1):
        raise _Refused(f"header field bucket is 0 while maxn is {args['maxn']} and wordNgrams "
                       f"{args['wordNgrams']}: fastText would place n-grams modulo 0")


def _check_dictionary_header(size: int, nwords: int, nlabels: int, prune_size: int) -> None:
    if not 0 < size <= _MAX_SIZE:
        raise _Refused(f"header field size is {size} (1 to {_MAX_SIZE:,} dictionary entries)")
    if nwords < 0 or nlabels < 0 or nwords + nlabels != size:
        raise _Refused(f"header fields nwords {nwords} and nlabels {nlabels} do not add up to size {size}")
    if prune_size not in (-1, 0):  # -1: never pruned; pruning comes only with quantization (.ftz)
        raise _Refused(f"header field pruneidx_size is {prune_size}: a pruned (quantized) model; give the full "
                       ".bin model")


def _check_tree(largest_target_count: int | None, model: int) -> None:
    targets = "labels" if model == _SUPERVISED else "words"
    if largest_target_count is None:
        raise _Refused(f"header field loss is 1 (hierarchical softmax) but the model has no {targets} to build "
                       "its tree from")
    if largest_target_count >= _TREE_SENTINEL:
        raise _Refused(f"header field loss is 1 (hierarchical softmax) and one of its {targets} has count "
                       f"{largest_target_count}: fastText's tree building never ends on a count of 1e15 or more")


def _wrong_rows(which: str, rows: int, nwords: int, nlabels: int, args: dict[str, int]) -> str:
    if which == "input":
        return (f"header field bucket is {args['bucket']}, but its input matrix has {rows} rows, not "
                f"nwords {nwords} + bucket {args['bucket']} = {nwords + args['bucket']}")
    targets = f"nlabels {nlabels}" if args["model"] == _SUPERVISED else f"nwords {nwords}"
    return (f"its output matrix has {rows} rows, not 0 or one per target ({targets}, as header field model "
            f"{args['model']} ({_MODELS[args['model']]}) says)")


def _named(names: dict[int, str]) -> str:
    return ", ".join(f"{number} {name}" for number, name in names.items())
