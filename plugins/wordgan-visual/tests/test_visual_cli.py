"""The plugin's commands, and the visual embedder through wordgan's own: a tiny real training on emoji mammals,
then `wordgan generate` and `wordgan-visual-similar` on the run (its embedder rebuilt through the checkpoint)."""
import json
import shutil

import pytest
from click.testing import CliRunner

from wordgan.cli import main as wordgan_cli
from wordgan_visual.cli import fit, similar

from visual_support import MAMMALS, needs_artwork

pytestmark = needs_artwork

DATASET = [arg for key, value in MAMMALS.items() for arg in ("--dataset-option", f"{key}={value}")]


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory, mammals_space_file):
    """Two steps of `wordgan train --dataset emoji --embedder visual` on the mammals, the fitted space beside it."""
    folder = tmp_path_factory.mktemp("run")
    space = shutil.copy(mammals_space_file, folder / "visual-mammals.safetensors")
    args = ["train", "--dataset", "emoji", *DATASET, "--embedder", "visual", "--embedder-option", f"model={space}",
            "--steps", "2", "--batch-size", "8", "--gan-option", "width=8", "--gan-option", "max_width=16", "--quiet",
            "-o", str(folder / "run")]
    result = CliRunner().invoke(wordgan_cli, args)
    assert result.exit_code == 0, result.output
    return folder / "run"


def test_fit_writes_a_space_and_refuses_to_overwrite_it(tmp_path):
    out = tmp_path / "space.safetensors"
    args = ["--dataset", "emoji", *DATASET, "--dim", "8", "--taps", "15", "--resolution", "64", "--no-whiten", "-q", "-o", str(out), "--json"]
    result = CliRunner().invoke(fit, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"out": str(out), "embedder": "visual", "embedder_option": f"model={out}",
                                         "concepts": 59, "dim": 8}
    again = CliRunner().invoke(fit, args)
    assert again.exit_code == 2 and "exists; pass --force" in again.output
    bad = CliRunner().invoke(fit, ["--dataset", "emoji", *DATASET, "--taps", "ten", "-o", str(tmp_path / "x.safetensors")])
    assert bad.exit_code == 2 and "block numbers" in bad.output


def test_similar_shows_both_spaces_for_a_file(mammals_space_file):
    result = CliRunner().invoke(similar, [str(mammals_space_file), "hedgehog", "tiger", "-k", "3"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "hedgehog (mapped from its sentence-transformers vector)"
    assert lines[1].startswith("  visual space: ") and lines[1].count(",") == 2
    assert lines[2].startswith("  text space (sentence-transformers): ")
    assert lines[3] == "tiger (a trained concept: its prototype)"
    found = json.loads(CliRunner().invoke(similar, [str(mammals_space_file), "hedgehog", "--json"]).output)
    assert found[0]["text"] == "hedgehog" and len(found[0]["visual"]) == 8 and len(found[0]["text_space"]) == 8


def test_a_run_trained_with_the_visual_embedder_generates_and_shows_both_spaces(tiny_run, tmp_path):
    config = json.loads((tiny_run / "config.json").read_text())
    assert config["embedder"] == "visual" and "hedgehog" in config["holdout"]
    drawn = CliRunner().invoke(wordgan_cli, ["generate", str(tiny_run), "hedgehog", "tiger", "-n", "2", "--device", "cpu",
                                             "-o", str(tmp_path / "out")])
    assert drawn.exit_code == 0, drawn.output
    assert (tmp_path / "out" / "hedgehog" / "0001.png").is_file()
    shown = CliRunner().invoke(similar, [str(tiny_run), "hedgehog", "-q"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("hedgehog (mapped from its sentence-transformers vector)\n  visual space: ")


def test_similar_refuses_a_model_of_another_embedder(tmp_path):
    result = CliRunner().invoke(similar, ["fashion-mnist", "slipper", "-q"])
    assert result.exit_code == 1 and "trained with the 'sentence-transformers' embedder, not 'visual'" in result.output


def test_a_replaced_space_file_is_caught_by_the_checkpoint(tiny_run, tmp_path):
    """The checkpoint stores the label words' vectors; a different fit under the same name no longer matches them."""
    from wordgan_visual.fit import fit_visual_space

    space = json.loads((tiny_run / "config.json").read_text())["embedder_options"]["model"]
    original = tmp_path / "original.safetensors"
    shutil.copy(space, original)
    try:
        fit_visual_space("emoji", MAMMALS, dim=16, whiten=False).save(space)  # the fixture's is whitened
        result = CliRunner().invoke(wordgan_cli, ["generate", str(tiny_run), "hedgehog", "-n", "1", "--device", "cpu",
                                                  "-o", str(tmp_path / "out")])
        assert result.exit_code == 1 and "gives other vectors for the label words" in result.output, result.output
    finally:
        shutil.copy(original, space)
