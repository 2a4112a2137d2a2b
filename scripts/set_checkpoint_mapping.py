"""Rewrite the mapping of new words stored in a checkpoint, and nothing else (issue 20).

Only the ``config.mapping`` field inside the ``wordgan`` entry of the safetensors header's ``__metadata__``
changes; every tensor byte is copied unchanged (tensor offsets count from the end of the header), and the
file is replaced atomically (a temporary file beside it, then a rename), so an interrupted run leaves the
old checkpoint. The new header is checked as the loader checks it before the file is replaced.

    python scripts/set_checkpoint_mapping.py checkpoints/sentence-transformers-dcgan-fashion-mnist.safetensors
    python scripts/set_checkpoint_mapping.py MODEL.safetensors --mapping '{"evidence": ["use"], "wordnet_bonus": 0.2}'
    python scripts/set_checkpoint_mapping.py MODEL.safetensors --out COPY.safetensors   # leave MODEL as it is
"""
from __future__ import annotations

import argparse
import json
import shutil
import struct
from pathlib import Path

from wordgan.checkpoint.metadata import CheckpointMetadata
from wordgan.conditions.mapping import DEFAULT_MAPPING, MappingSettings
from wordgan.files.atomic import replacing

HEADER_SIZE = struct.Struct("<Q")  # safetensors: the header's length in bytes, little-endian, then the header


def read_header(path: Path) -> tuple[dict, int]:
    """(the JSON header, the offset where tensor data starts)."""
    with open(path, "rb") as file:
        (size,) = HEADER_SIZE.unpack(file.read(HEADER_SIZE.size))
        return json.loads(file.read(size)), HEADER_SIZE.size + size


def with_mapping(header: dict, mapping: dict) -> dict:
    """``header`` with ``config.mapping`` of its wordgan metadata replaced (a new dict; nothing else changes)."""
    metadata = dict(header["__metadata__"])
    wordgan = json.loads(metadata["wordgan"])
    wordgan["config"] = {**wordgan["config"], "mapping": mapping}
    metadata["wordgan"] = json.dumps(wordgan)
    return {**header, "__metadata__": metadata}


def encode_header(header: dict) -> bytes:
    """The header as safetensors writes it: JSON padded with spaces to a multiple of 8 bytes, after its length."""
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return HEADER_SIZE.pack(len(text)) + text


def set_mapping(path: Path, mapping: MappingSettings, out: Path) -> None:
    header, data_start = read_header(path)
    new = encode_header(with_mapping(header, mapping.to_dict()))
    with replacing(out) as temp:
        with open(path, "rb") as source, open(temp, "wb") as target:
            target.write(new)
            source.seek(data_start)
            shutil.copyfileobj(source, target, 1 << 20)
        CheckpointMetadata.read(temp)  # the loader's own checks, before the file takes the old one's place


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--mapping", help="the mapping as JSON [default: DEFAULT_MAPPING, what new models store]")
    parser.add_argument("--out", type=Path, help="write here instead of replacing CHECKPOINT")
    args = parser.parse_args()
    mapping = MappingSettings.from_dict(json.loads(args.mapping)) if args.mapping else DEFAULT_MAPPING
    out = args.out or args.checkpoint.resolve()  # through a link to the file it names: the link stays a link
    set_mapping(args.checkpoint, mapping, out)
    print(f"{out}: mapping {json.dumps(mapping.to_dict())}")


if __name__ == "__main__":
    main()
