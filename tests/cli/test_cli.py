"""The command line through click's runner, on a tiny real run."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from wordgan.cli import COMMANDS, main


@pytest.fixture
def cli():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0 and "Example" in result.output


def test_train_generate_similar_export(cli, tmp_path):
    out = tmp_path / "run"
    result = cli("train", "--out", out, "--steps", 4, "--limit-per-class", 20, "--batch-size", 32,
                 "--gan-option", "width=8", "--gan-option", "max_width=16", "--probe-words", "slipper,kimono")
    assert result.exit_code == 0, result.output
    assert (out / "checkpoint.safetensors").exists()
    # No silent start-up: the device, then the dataset and embedder loading, are said before the first step.
    assert "training on cpu in fp32" in result.stderr
    assert "loading fashion-mnist and the sentence-transformers embedder ..." in result.stderr

    images = tmp_path / "images"
    result = cli("generate", out, "sandals", "slipper", "long sleeve shirt", "-n", 3, "-o", images)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (images / "sandals").iterdir()) == ["0000.png", "0001.png", "0002.png"]
    assert (images / "long_sleeve_shirt" / "0002.png").exists() and (images / "grid.png").exists()

    result = cli("similar", out, "slipper")  # trained with the defaults: WordNet words, USE + WordNet mapping at 0.03
    assert result.exit_code == 0
    similarities, nearest, weights = result.stdout.strip().splitlines()  # stderr: the embedder status line
    assert similarities.startswith("slipper: ") and similarities.count(",") == 9 and "sandals 0." in similarities
    assert nearest.startswith("  nearest trained words: ") and nearest.count("(") == 5
    assert weights.startswith("  weights at temperature 0.03: ") and weights.count(",") == 9
    assert weights.split(": ", 1)[1].split()[0] in ("sandals", "boots", "sneakers")  # a shoe, not "slipover"

    result = cli("export", out, "-o", tmp_path / "model.safetensors")
    assert result.exit_code == 0 and (tmp_path / "model.safetensors").exists()
    exported = (tmp_path / "model.safetensors").read_bytes()
    result = cli("export", out, "-o", tmp_path / "model.safetensors")  # nothing is replaced without --force
    assert result.exit_code != 0 and "--force" in result.output and (tmp_path / "model.safetensors").read_bytes() == exported
    assert cli("generate", tmp_path / "model.safetensors", "bag", "-n", 1, "-o", tmp_path / "e").exit_code == 0


def test_bad_input_gives_one_line_errors(cli, trained_run, tmp_path):
    result = cli("generate", trained_run, "qxzvqxzv", "-o", tmp_path / "x")
    assert result.exit_code == 1 and "does not know the word 'qxzvqxzv'" in result.output
    result = cli("generate", trained_run, "   ", "-o", tmp_path / "x")
    assert result.exit_code == 1 and "empty prompt" in result.output
    result = cli("train", "--embedder", "nope", "--out", tmp_path / "r", "--steps", 1, "--limit-per-class", 10)
    assert result.exit_code == 1 and "'nope' is not installed" in result.output and "word2vec" in result.output
    result = cli("train", "--data-dir", tmp_path / "no-such-dir", "--out", tmp_path / "r2", "--steps", 1)
    assert result.exit_code == 1 and "does not exist" in result.output
    corrupt = tmp_path / "corrupt.safetensors"
    corrupt.write_bytes(b"\x00" * 64)
    result = cli("generate", corrupt, "bag", "-o", tmp_path / "x")
    assert result.exit_code == 1 and "corrupt" in result.output
    assert "Traceback" not in result.output


def test_resume_refuses_changed_settings(cli, trained_run):
    result = cli("train", "--out", trained_run, "--resume", "--lr-g", "0.1")
    assert result.exit_code == 2 and "only steps, device" in result.output and "lr_g" in result.output


def test_plugins_lists_reference_plugins_with_distributions(cli):
    result = cli("plugins")
    assert result.exit_code == 0
    rows = {tuple(line.split()[:3]) for line in result.output.splitlines()[1:] if line.strip()}
    assert {("embedder", "word2vec", "wordgan-word2vec"), ("gan", "dcgan", "wordgan-dcgan"),
            ("dataset", "fashion-mnist", "wordgan")} <= rows


def test_help_of_every_command_imports_no_torch():
    """`wordgan --help` and each command's --help start quickly: torch is not imported to print them (a
    default built while listing the commands once pulled it in through the mapping of new words)."""
    import subprocess
    import sys

    probe = ("import sys; from click.testing import CliRunner; from wordgan.cli import COMMANDS, main; "
             "codes = [CliRunner().invoke(main, [*name.split(), '--help']).exit_code for name in ['', *COMMANDS]]; "
             "print(codes == [0] * len(codes), 'torch' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"], done.stdout + done.stderr
