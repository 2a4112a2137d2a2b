"""fastText ``.bin`` files whose header fields lie, made from the shipped model by patching its bytes.

fastText's C++ loader uses every size it reads: the files below crashed the process (segmentation fault,
division by zero) or never returned before the embedder checked them. Each is built in a subprocess, so a
regression that crashes fails the test instead of ending the run.
"""
from __future__ import annotations

import json
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from wordgan.errors import WordganError
from wordgan_fasttext import DEFAULT_MODEL, FastTextEmbedder

SHIPPED_CHECKPOINT = (Path(__file__).resolve().parents[3] / "checkpoints"
                      / "sentence-transformers-dcgan-fashion-mnist.safetensors")
ARG_NAMES = ("dim", "ws", "epoch", "minCount", "neg", "wordNgrams", "loss", "model", "bucket", "minn", "maxn",
             "lrUpdateRate")
DICTIONARY_NAMES = ("size", "nwords", "nlabels", "ntokens", "pruneidx_size")
#: Builds the embedder from the file named by argv[1] and embeds the words after it; a WordganError is the
#: one line wordgan's CLI prints, exit status 1.
PROBE = """
import sys
from wordgan.errors import WordganError
from wordgan_fasttext import FastTextEmbedder
try:
    FastTextEmbedder(model=sys.argv[1]).encode(sys.argv[2:])
except WordganError as exc:
    sys.exit(f"Error: {exc}")
"""


@dataclass
class ModelBytes:
    """A fastText 0.9 ``.bin`` cut where its fields are: header arguments, dictionary header, dictionary
    entries [word, count, type], and the rest (quantization flag and both matrices) as bytes."""

    magic: bytes
    args: dict[str, int | float]
    dictionary: dict[str, int]
    entries: list[list] = field(default_factory=list)
    rest: bytes = b""

    @classmethod
    def shipped(cls) -> "ModelBytes":
        data = DEFAULT_MODEL.read_bytes()
        args = struct.unpack_from("<12id", data, 8)
        model = cls(data[:8], dict(zip(ARG_NAMES + ("t",), args)),
                    dict(zip(DICTIONARY_NAMES, struct.unpack_from("<iiiqq", data, 64))))
        offset = 64 + 28
        for _ in range(model.dictionary["size"]):
            end = data.index(b"\0", offset)
            model.entries.append([data[offset:end], *struct.unpack_from("<qb", data, end + 1)])
            offset = end + 10
        model.rest = data[offset:]
        return model

    def to_bytes(self) -> bytes:
        out = [self.magic, struct.pack("<12id", *self.args.values()),
               struct.pack("<iiiqq", *self.dictionary.values())]
        out += [word + b"\0" + struct.pack("<qb", count, kind) for word, count, kind in self.entries]
        return b"".join(out) + self.rest

    def keep_input_rows(self, rows: int) -> None:
        """Cut the input matrix to its first ``rows`` rows and drop the output rows (as ``--compact`` does)."""
        dim = self.args["dim"]
        first_rows = self.rest[17:17 + 4 * rows * dim]  # after the quantization flag and (rows, columns)
        self.rest = b"\0" + struct.pack("<qq", rows, dim) + first_rows + b"\0" + struct.pack("<qq", 0, dim)


def with_args(**values: int) -> Callable[[ModelBytes], None]:
    return lambda model: model.args.update(values)


def labels_without_rows(model: ModelBytes) -> None:
    """The layout of a supervised model without n-grams: a row per word, none for its labels. Every entry after
    the first becomes a label."""
    model.dictionary.update(nwords=1, nlabels=len(model.entries) - 1)
    for entry in model.entries[1:]:
        entry[2] = 1
    model.args.update(bucket=0, maxn=0)
    model.keep_input_rows(1)


def empty_dictionary(model: ModelBytes) -> None:
    model.dictionary.update(size=0, nwords=0)
    model.entries = []


def hierarchical_softmax_with_a_huge_count(model: ModelBytes) -> None:
    model.args["loss"] = 1
    model.entries[1][1] = 2 * 10**15


# case: (how the shipped model is changed, what fastText 0.9.2 did with it, what the error names)
NATIVE_FAILURES = {
    "bucket-2**31-1": (with_args(bucket=2**31 - 1), "segmentation fault", "header field bucket is 2147483647"),
    "bucket-negative": (with_args(bucket=-5), "segmentation fault", "header field bucket is -5"),
    "bucket-0-with-ngrams": (with_args(bucket=0), "SIGFPE", "header field bucket is 0 while maxn is 6"),
    "size-0": (empty_dictionary, "SIGFPE", "header field size is 0"),
    "hs-huge-count": (hierarchical_softmax_with_a_huge_count, "never returned", "header field loss is 1"),
    "loss-unknown": (with_args(loss=9), "RuntimeError traceback", "header field loss is 9"),
}


def write(tmp_path: Path, change: Callable[[ModelBytes], None]) -> Path:
    model = ModelBytes.shipped()
    change(model)
    path = tmp_path / "crafted.bin"
    path.write_bytes(model.to_bytes())
    return path


def run_probe(path: Path, *words: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROBE, str(path), *words], capture_output=True, text=True,
                          timeout=60)  # it takes about 3 s; the hierarchical-softmax case hung for ever


def test_the_parser_here_round_trips_the_shipped_model() -> None:
    assert ModelBytes.shipped().to_bytes() == DEFAULT_MODEL.read_bytes()


@pytest.mark.parametrize("case", NATIVE_FAILURES)
def test_a_header_field_that_crashed_fasttext_is_one_line_naming_file_and_field(tmp_path: Path, case: str) -> None:
    change, _, expected = NATIVE_FAILURES[case]
    path = write(tmp_path, change)
    result = run_probe(path, "sandalz", "the")
    assert result.returncode == 1, result.stderr[-2000:]  # -11 / -8: the crash is back; a timeout: the hang
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr and expected in result.stderr


def test_a_label_is_never_looked_up_as_a_word(tmp_path: Path) -> None:
    """fastText reads a label's row when asked for it as a word; a supervised model without n-grams has none
    (segmentation fault). Genuine models have this layout, so it is allowed and the label is refused instead."""
    path = write(tmp_path, labels_without_rows)
    result = run_probe(path, "headstream")  # the shipped dictionary's last entry, made a label
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr.strip() == "Error: fasttext (crafted.bin) does not know the word 'headstream'; it is one of the model's labels"


def test_similar_names_the_file_and_the_field(tmp_path: Path) -> None:
    """The issue's reproduction: `wordgan similar` on a checkpoint that names a .bin whose bucket is 2**31-1."""
    folder = tmp_path / "downloaded"
    folder.mkdir()
    bin_path = write(folder, with_args(bucket=2**31 - 1))
    with safe_open(str(SHIPPED_CHECKPOINT), "pt") as handle:
        header = handle.metadata()
    metadata = json.loads(header["wordgan"])
    metadata["embedder"] = {"name": "fasttext", "options": {"model": bin_path.name, "lowercase": True}}
    header["wordgan"] = json.dumps(metadata)
    checkpoint = folder / "model.safetensors"
    save_file(load_file(str(SHIPPED_CHECKPOINT)), str(checkpoint), metadata=header)
    result = subprocess.run([sys.executable, "-m", "wordgan", "similar", str(checkpoint), "sandalz", "-q"],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr.count("\n") == 1
    assert f"{checkpoint} names what cannot be built: {bin_path} is not a well-formed fastText .bin model: " \
           "header field bucket is 2147483647" in result.stderr


def one_word_twice(model: ModelBytes) -> None:
    model.entries[5][0] = model.entries[1][0]


def a_word_typed_as_a_label(model: ModelBytes) -> None:
    model.entries[3][2] = 1


def output_rows_of_neither_kind(model: ModelBytes) -> None:
    dim = model.args["dim"]
    model.rest = model.rest[:-16] + struct.pack("<qq", 2, dim) + bytes(8 * dim)


@pytest.mark.parametrize(
    "change, expected",
    [
        (with_args(bucket=10), "header field bucket is 10, but its input matrix has 51249 rows, not nwords 31249"),
        (lambda model: model.dictionary.update(nwords=5), "header fields nwords 5 and nlabels 0 do not add up"),
        (lambda model: model.dictionary.update(size=2**31 - 1), "header field size is 2147483647"),
        (a_word_typed_as_a_label, "its dictionary entry 3 has type 1, but header field nwords says"),
        (one_word_twice, "its dictionary holds b'the' twice"),
        (with_args(model=9), "header field model is 9"),
        (output_rows_of_neither_kind, "its output matrix has 2 rows, not 0 or one per target (nwords 31249"),
    ],
    ids=["bucket-small", "nwords", "size-huge", "entry-type", "duplicate", "model-unknown", "output-rows"],
)
def test_sizes_that_disagree_are_refused_by_field(tmp_path: Path, change, expected) -> None:
    """Inconsistencies that fastText reads without crashing on these words, but that break what the rows are."""
    path = write(tmp_path, change)
    with pytest.raises(WordganError, match="header field|dictionary|output matrix") as refused:
        FastTextEmbedder(model=str(path))
    assert str(refused.value).startswith(f"{path} is not a well-formed fastText .bin model: ")
    assert expected in str(refused.value)


#: Trains the layouts the shipped model does not have: a supervised model with labels (and word n-grams,
#: hierarchical softmax) and a CBOW one with hierarchical softmax. In a fresh process: fastText's training
#: sometimes diverges in a process that has loaded another model (test_fasttext_training.py).
TRAIN_GENUINE = """
import sys
from pathlib import Path
import fasttext
text = [line for line in Path("/usr/share/common-licenses/GPL-3").read_text().lower().splitlines() if line.strip()]
out = Path(sys.argv[1])
(out / "words.txt").write_text("\\n".join(text) + "\\n")
(out / "labelled.txt").write_text("\\n".join(f"__label__{len(line) % 3} {line}" for line in text) + "\\n")
common = dict(epoch=5, dim=8, thread=1, verbose=0, minCount=2, bucket=100000)
fasttext.train_supervised(input=str(out / "labelled.txt"), loss="hs", wordNgrams=2, **common).save_model(
    str(out / "supervised-hs.bin"))
fasttext.train_unsupervised(input=str(out / "words.txt"), model="cbow", loss="hs", **common).save_model(
    str(out / "cbow-hs.bin"))
"""


@pytest.mark.skipif(not Path("/usr/share/common-licenses/GPL-3").exists(), reason="needs Debian's GPL-3 text")
def test_models_fasttext_writes_pass_the_rules(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", TRAIN_GENUINE, str(tmp_path)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    supervised = FastTextEmbedder(model=str(tmp_path / "supervised-hs.bin"))
    assert sorted(supervised.model.get_labels()) == ["__label__0", "__label__1", "__label__2"]
    assert supervised.encode(["license", "program"]).shape == (2, 8)
    assert FastTextEmbedder(model=str(tmp_path / "cbow-hs.bin")).encode(["license", "licenze"]).shape == (2, 8)
