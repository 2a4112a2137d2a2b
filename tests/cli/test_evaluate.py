"""``wordgan evaluate`` on a checkpoint file as well as a run directory, without silent overwrites."""
from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from wordgan.cli import main


def test_evaluate_a_checkpoint_file_into_a_folder_beside_it(trained_run, tmp_path):
    model = tmp_path / "model.safetensors"
    shutil.copy(trained_run / "checkpoint.safetensors", model)
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", str(model), "-n", "4", "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "model" / "eval.json").is_file() and (tmp_path / "model" / "report.md").is_file()
    assert f"wrote {tmp_path / 'model' / 'eval.json'}" in result.stdout

    again = runner.invoke(main, ["evaluate", str(model), "-n", "4", "-q"])
    assert again.exit_code == 1 and "eval.json exists; pass --force" in again.output

    as_json = runner.invoke(main, ["evaluate", str(model), "-n", "4", "-q", "--force", "--json", "-o", tmp_path / "elsewhere"])
    assert as_json.exit_code == 0, as_json.output
    results = json.loads(as_json.stdout)
    assert results["settings"]["files"]["results"] == "eval.json" and 0 <= results["seen"]["mean_accuracy"] <= 1
    assert (tmp_path / "elsewhere" / "eval.json").is_file()
