"""Where the default model, shipped in this package, lies."""
from __future__ import annotations

from pathlib import Path

#: A small skip-gram model (E = 32) trained on Debian's WordNet by the command in the README.
DEFAULT_MODEL = Path(__file__).resolve().parent / "data" / "wordnet-en-32d.bin"
