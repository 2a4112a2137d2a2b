"""Parsing of repeated ``--x-option KEY=VALUE`` flags into plugin options."""
from __future__ import annotations

import json
from typing import Any

import click


def parse_options(pairs: tuple[str, ...]) -> dict[str, Any]:
    """("width=32", "spectral_norm=true", "vectors=/x.bin") -> {"width": 32, "spectral_norm": True, ...}.

    A value is read as JSON when it parses (numbers, true/false, lists), else kept as a string.
    """
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected KEY=VALUE, got {pair!r}")
        try:
            options[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            options[key.strip()] = value
    return options


def split_words(text: str | None) -> list[str]:
    """"slipper, sweater,kimono" -> ["slipper", "sweater", "kimono"]."""
    return [w.strip() for w in (text or "").split(",") if w.strip()]
