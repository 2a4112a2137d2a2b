"""The examples in `--help` run as written, and an example that shows its output shows what it prints.

Only the examples that are cheap and need nothing but the repository are run: those of commands that take
the shipped checkpoint or no model at all. An example naming a run (`runs/...`, RUN, MODEL) or a file that
another example writes is left out.
"""
from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from wordgan.cli import main
from tests.support import REPO

#: Commands whose examples take seconds (the others train, or evaluate 41 words x 500 images).
CHEAP = ["similar", "interpolate", "retrieve", "plugins", "evaluator info", "vocabulary"]
PLACEHOLDERS = ("RUN", "MODEL", "runs/")


def examples(name: str) -> list[tuple[list[str], list[str]]]:
    """The ``wordgan ...`` lines of a command's Example block as (arguments, the lines shown after it)."""
    text = CliRunner().invoke(main, [*name.split(), "--help"]).output
    block = text.split("Example:", 1)[1].split("\n\n", 1)[0].splitlines()
    found: list[tuple[list[str], list[str]]] = []
    for line in (line.strip() for line in block if line.strip()):
        if line.startswith("wordgan "):
            found.append((shlex.split(line.split("  #")[0])[1:], []))
        elif found:
            found[-1][1].append(line)
    return found


def missing_input(args: list[str]) -> bool:
    """Whether the example reads a model or word file that is not here (one another example writes)."""
    return any(
        Path(arg).suffix in (".safetensors", ".json") and not Path(arg).exists() and args[i - 1] not in ("-o", "--out")
        for i, arg in enumerate(args)
    )


@pytest.mark.parametrize("name", CHEAP)
def test_cheap_help_examples_run_and_print_what_they_show(name, tmp_path, monkeypatch):
    (tmp_path / "checkpoints").symlink_to(REPO / "checkpoints")  # the examples' paths are relative to the repository
    monkeypatch.chdir(tmp_path)
    ran = 0
    for args, shown in examples(name):
        if any(arg.startswith(PLACEHOLDERS) for arg in args) or missing_input(args):
            continue
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, f"{' '.join(args)}: {result.output}"
        for expected, printed in zip(shown, result.stdout.splitlines()):
            assert printed.startswith(expected.removesuffix("...").rstrip()), f"{' '.join(args)} printed {printed!r}, help shows {expected!r}"
        ran += 1
    assert ran, f"no example of {name} ran"
