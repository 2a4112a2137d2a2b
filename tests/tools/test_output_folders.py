"""Output folders: one folder per word, never shared; a rerun replaces the previous call's images; a manifest."""
from __future__ import annotations

import os
import subprocess
import sys

from PIL import Image

from tests.support import assert_one_line_error, manifest, pngs
from wordgan.tools.output_folder import folder_names


def test_words_that_reduce_to_one_name_get_their_own_folders(generate_shipped, tmp_path):
    out = tmp_path / "out"
    result = generate_shipped("bag", "bag.", "Bag", "shoe \U0001F45F", "\U0001F45F", "\U0001F452", "-n", 2, "-o", out)
    assert result.exit_code == 0, result.output
    entries = manifest(out)["words"]
    folders = [entry["folder"] for entry in entries]
    assert [entry["word"] for entry in entries] == ["bag", "bag.", "Bag", "shoe \U0001F45F", "\U0001F45F", "\U0001F452"]
    assert len({f.casefold() for f in folders}) == 6, folders  # distinct even on a case-insensitive disk
    assert folders[0] == "bag" and folders[1].startswith("bag-") and folders[4].startswith("word-")
    for folder in folders:
        assert pngs(out / folder) == ["0000.png", "0001.png"]
    for folder in folders:
        assert f"in {out / folder}" in result.output  # what is printed is what is on disk


def test_names_of_the_grid_and_manifest_are_words_like_any_other(generate_shipped, tmp_path):
    out = tmp_path / "out"
    result = generate_shipped("grid.png", "manifest.json", "shoe", "-n", 1, "-o", out)
    assert result.exit_code == 0, result.output
    assert Image.open(out / "grid.png").format == "PNG"
    folders = {entry["word"]: entry["folder"] for entry in manifest(out)["words"]}
    assert folders["grid.png"] != "grid.png" and folders["manifest.json"] != "manifest.json"
    assert all((out / folder / "0000.png").is_file() for folder in folders.values())


def test_a_word_of_ten_thousand_letters_gets_a_short_folder(generate, tmp_path):
    word = ("shoe " * 2000).strip()  # 9,999 characters; GloVe knows it (the mean of "shoe"s)
    out = tmp_path / "out"
    result = generate(word, "-n", 1, "-o", out)
    assert result.exit_code == 0, result.output
    (entry,) = manifest(out)["words"]
    assert entry["word"] == word and len(entry["folder"]) <= 64 + 9
    assert len(result.output) < 1000  # printed cut short too


def test_a_word_with_a_newline_is_one_row_label(generate, tmp_path):
    out = tmp_path / "out"
    result = generate("long\nsleeve", "shoe\r\n", "-n", 1, "-o", out)
    assert result.exit_code == 0, result.output
    assert [e["word"] for e in manifest(out)["words"]] == ["long\nsleeve", "shoe\r\n"]
    assert "long\\nsleeve: 1 images" in result.output  # each word printed on one line, its newline shown as \n


def test_a_rerun_without_force_is_refused(generate, tmp_path):
    out = tmp_path / "out"
    assert generate("bag", "-n", 3, "--seed", 1, "-o", out).exit_code == 0
    assert_one_line_error(generate("bag", "-n", 2, "--seed", 2, "-o", out), "--force", "earlier")
    assert pngs(out / "bag") == ["0000.png", "0001.png", "0002.png"] and manifest(out)["seed"] == 1


def test_a_rerun_with_force_replaces_the_previous_images(generate, tmp_path):
    out = tmp_path / "out"
    assert generate("bag", "coat", "-n", 5, "--seed", 1, "-o", out).exit_code == 0
    result = generate("bag", "-n", 2, "--seed", 2, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert pngs(out / "bag") == ["0000.png", "0001.png"]  # no 0002-0004 left from seed 1
    assert not (out / "coat").exists()  # the previous call's other words are gone too
    assert (manifest(out)["seed"], manifest(out)["n"]) == (2, 2)
    assert sorted(p.name for p in out.iterdir()) == ["bag", "grid.png", "manifest.json"]


def test_a_rerun_leaves_files_it_did_not_write_alone(generate, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert generate("bag", "-n", 1, "-o", out).exit_code == 0
    assert generate("coat", "-n", 1, "-o", out, "--force").exit_code == 0
    assert (out / "notes.txt").read_text() == "mine"


def test_a_folder_in_the_way_is_refused_not_overwritten(generate, tmp_path):
    out = tmp_path / "out"
    (out / "bag").mkdir(parents=True)
    (out / "bag" / "0000.png").write_bytes(b"someone else's picture")
    error = assert_one_line_error(generate("bag", "-n", 1, "-o", out, "--force"), str(out / "bag"), "in the way")
    assert "manifest" in error
    assert (out / "bag" / "0000.png").read_bytes() == b"someone else's picture"
    assert sorted(p.name for p in out.iterdir()) == ["bag"]  # no grid, manifest or staging debris


def test_a_grid_that_no_manifest_lists_is_refused(generate, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "grid.png").write_bytes(b"mine")
    assert_one_line_error(generate("bag", "-n", 1, "-o", out), "grid.png")
    assert (out / "grid.png").read_bytes() == b"mine"


def test_a_foreign_manifest_is_refused(generate, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"words": [{"folder": "../../etc"}]}')
    assert_one_line_error(generate("bag", "-n", 1, "-o", out), "manifest.json", "not a manifest")


def test_an_out_name_too_long_for_the_file_system_is_one_line(generate, tmp_path):
    assert_one_line_error(generate("bag", "-n", 1, "-o", tmp_path / ("x" * 300)), "File name too long")
    assert list(tmp_path.iterdir()) == []


def test_out_that_is_a_file_is_refused(generate, tmp_path):
    out = tmp_path / "file"
    out.write_text("x")
    assert_one_line_error(generate("bag", "-n", 1, "-o", out))
    assert out.read_text() == "x"


def test_repeated_words_are_drawn_once(generate, tmp_path):
    out = tmp_path / "out"
    assert generate("bag", "bag", "-n", 1, "-o", out).exit_code == 0
    assert [e["folder"] for e in manifest(out)["words"]] == ["bag"]


def test_manifest_says_what_the_folder_holds(trained_run, tmp_path):
    from tests.support import invoke

    out = tmp_path / "out"
    result = invoke("generate", trained_run, "sandals", "slipper", "-n", 3, "--seed", 9, "--temperature", "0.05",
                    "--truncation", "1.5", "-o", out)
    assert result.exit_code == 0, result.output
    data = manifest(out)
    assert (data["seed"], data["n"]) == (9, 3)
    assert data["settings"] == {"temperature": 0.05, "blend": 1.0, "truncation": 1.5}
    assert data["model"]["source"] == str(trained_run) and data["model"]["step"] == 6
    sandals, slipper = data["words"]
    assert sandals == {"word": "sandals", "folder": "sandals", "images": 3, "trained_as": "sandals", "drawn_as": None}
    weights = slipper["drawn_as"]
    assert slipper["trained_as"] is None and len(weights) == 10 and abs(sum(weights.values()) - 1) < 1e-3
    assert list(weights.values()) == sorted(weights.values(), reverse=True)
    top = ", ".join(f"{label} {w:.2f}" for label, w in list(weights.items())[:3])
    assert f"  slipper -> {top}\n" in result.output  # "slipper -> sandals 0.71, sneakers 0.22, boots 0.07"


def test_stale_staging_of_a_killed_call_is_removed(generate, tmp_path):
    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = out / f".generate-{int(dead.stdout)}-x1.part"
    (stale / "bag").mkdir(parents=True)
    mine = out / f".generate-{os.getpid()}-x2.part"  # a live process's staging is not touched
    mine.mkdir()
    assert generate("bag", "-n", 1, "-o", out).exit_code == 0
    assert not stale.exists() and mine.exists()


def test_folder_names_are_distinct_and_stable():
    words = ["bag", "bag.", "BAG", "_bag_", "x" * 300, "x" * 300 + "y", "", "\U0001F45F", "grid.png", "\U00020000" * 64,
             "\udc80bag"]  # a 4-byte letter; an undecodable byte from the command line
    names = folder_names(words)
    assert len({n.casefold() for n in names}) == len(words)
    assert names == folder_names(words)  # the same words give the same names on every call
    assert all(0 < len(n) <= 64 + 9 and not n.startswith(".") and "/" not in n for n in names)
    assert all(len(n.encode("utf-8")) <= 160 + 9 for n in names)  # file systems allow 255 bytes


def test_interpolate_captions_a_word_with_a_newline_on_one_line(trained_run, tmp_path):
    from tests.support import invoke

    result = invoke("interpolate", trained_run, ("shoe " * 2000).strip(), "long\nsleeve", "-o", tmp_path / "walk.png")
    assert result.exit_code == 0, result.output
    line = result.stdout.replace(str(tmp_path / "walk.png"), "walk.png")  # the temporary folder's length aside
    assert len(line) < 200 and line.count("\n") == 1  # printed on one short line too
    assert Image.open(tmp_path / "walk.png").format == "PNG"


def test_similar_prints_each_word_on_one_line(trained_run):
    from tests.support import invoke

    result = invoke("similar", trained_run, "long\nsleeve", ("shoe " * 2000).strip())
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first.startswith("long\\nsleeve: ") and len(second) < 200 and second.count("\u2026") == 1


def test_export_refuses_other_suffixes_and_overwriting(trained_run, tmp_path):
    from tests.support import invoke

    assert_one_line_error(invoke("export", trained_run, "-o", tmp_path / "model.pt"), "model.safetensors")
    target = tmp_path / "model.safetensors"
    target.write_bytes(b"keep me")
    assert_one_line_error(invoke("export", trained_run, "-o", target), "--force")
    assert target.read_bytes() == b"keep me"
    assert invoke("export", trained_run, "-o", target, "--force").exit_code == 0
    assert target.stat().st_size > 1000


def test_json_quiet_and_device(generate, tmp_path):
    import json

    out = tmp_path / "out"
    result = generate("bag", "kimono", "-n", 2, "-o", out, "--json", "--quiet", "--device", "cpu")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # --quiet: no status line for the embedder
    printed = json.loads(result.stdout)
    assert printed["manifest"] == str(out / "manifest.json")
    assert [(w["word"], w["folder"], w["images"]) for w in printed["words"]] == [("bag", str(out / "bag"), 2), ("kimono", str(out / "kimono"), 2)]
    loud = generate("kimono", "-n", 1, "-o", tmp_path / "loud")
    assert "loading the word2vec embedder ... done in" in loud.stderr
    assert_one_line_error(generate("bag", "--device", "tpu", "-o", tmp_path / "x"), "device")
