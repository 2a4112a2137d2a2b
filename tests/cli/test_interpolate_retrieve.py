"""``wordgan interpolate`` and ``wordgan retrieve`` through click's runner, on a tiny real run."""
from __future__ import annotations

import json
import shlex

import pytest
from click.testing import CliRunner
from PIL import Image

from wordgan.cli import main
from tests.support import REPO


@pytest.fixture
def cli():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


def test_interpolate_writes_a_grid_and_never_overwrites_silently(cli, trained_run, tmp_path):
    out = tmp_path / "walk.png"
    result = cli("interpolate", trained_run, "sandals", "boots - winter + summer", "--steps", 5, "-n", 2, "-o", out, "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["t"] == [0.0, 0.25, 0.5, 0.75, 1.0] and shown["method"] == "slerp" and shown["out"] == str(out)
    width, height = Image.open(out).size
    assert width > 5 * 28 * 2 and height > 2 * 28 * 2
    result = cli("interpolate", trained_run, "sandals", "boots", "-o", out)
    assert result.exit_code == 2 and "exists; pass --force" in result.output
    assert cli("interpolate", trained_run, "sandals", "boots", "-o", out, "--force", "--quiet").exit_code == 0


def test_interpolate_bad_expression_is_one_line(cli, trained_run, tmp_path):
    result = cli("interpolate", trained_run, "sandals", "boots -", "-o", tmp_path / "x.png")
    assert result.exit_code == 1 and "Error: 'boots -' has an operator without a word" in result.output
    assert "Traceback" not in result.output


def test_retrieve_from_a_dataset_and_a_folder(cli, trained_run, tmp_path):
    out = tmp_path / "found.png"
    result = cli("retrieve", trained_run, "trousers", "-k", 4, "-n", 4, "-o", out, "--quiet")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 5 and lines[0].startswith("1. fashion-mnist test #") and out.exists()
    assert lines[-1] == f"wrote {out}"  # what it wrote, on stdout as every command says it

    folder = tmp_path / "shop"
    folder.mkdir()
    for name in ("a", "b"):
        Image.open(out).crop((100, 0, 156, 56)).save(folder / f"{name}.png")
    result = cli("retrieve", trained_run, "trousers", "--catalogue", folder, "-k", 5, "-o", out, "--force", "--json", "-q")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["found"]
    assert sorted(row["name"] for row in found) == [str(folder / "a.png"), str(folder / "b.png")]  # k > the catalogue


def test_retrieve_names_a_missing_catalogue(cli, trained_run, tmp_path):
    result = cli("retrieve", trained_run, "boots", "--catalogue", tmp_path / "nothing-here", "-o", tmp_path / "x.png")
    assert result.exit_code == 1 and "is not a folder" in result.output


@pytest.mark.parametrize("command", [["interpolate", "sandals", "boots"], ["retrieve", "sandals"]])
@pytest.mark.parametrize("seed", ["-1", str(2**64)])
def test_a_seed_out_of_range_is_a_usage_error(cli, trained_run, tmp_path, command, seed):
    result = cli(command[0], trained_run, *command[1:], "--seed", seed, "-o", tmp_path / "x.png")
    assert result.exit_code == 2 and "Invalid value for '--seed'" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.png").exists()


def test_the_example_of_docs_retrieval_prints_what_the_page_shows(tmp_path, monkeypatch):
    block = (REPO / "docs" / "retrieval.md").read_text().split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    command, shown = block[0], block[1:]
    assert command.startswith("$ wordgan retrieve fashion-mnist ")
    (tmp_path / "checkpoints").symlink_to(REPO / "checkpoints")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, shlex.split(command)[2:])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == shown
