"""generate's --words-file, its refusal of a file's path given as a word, and the far-from-everything
warning of generate and similar, on the shipped model."""
from __future__ import annotations

import json

from tests.support import SHIPPED, assert_one_line_error, invoke


def test_a_files_path_given_as_a_word_is_refused_with_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "words.txt").write_text("boots\n")
    result = invoke("generate", SHIPPED, "words.txt", "-n", "1", "-o", tmp_path / "out")
    assert_one_line_error(result, "'words.txt' is a file, not a word", "--words-file words.txt")
    assert not (tmp_path / "out").exists()


def test_words_file_draws_each_line_and_the_command_lines_words(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("boots\n\n  running shoes  \n", encoding="utf-8")
    result = invoke("generate", SHIPPED, "sandals", "--words-file", words, "-n", "1", "-o", tmp_path / "out", "-q", "--device", "cpu")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [entry["word"] for entry in manifest["words"]] == ["sandals", "boots", "running shoes"]


def test_an_empty_or_binary_words_file_is_one_line(tmp_path):
    (tmp_path / "empty.txt").write_text("\n \n")
    assert_one_line_error(invoke("generate", SHIPPED, "--words-file", tmp_path / "empty.txt"), "holds no words")
    (tmp_path / "bytes.txt").write_bytes(b"boots\n\xff\xfe\n")
    assert_one_line_error(invoke("generate", SHIPPED, "--words-file", tmp_path / "bytes.txt"), "is not UTF-8 text")
    assert_one_line_error(invoke("generate", SHIPPED), "no words to draw")


def test_gibberish_is_drawn_with_a_warning_and_a_real_word_without(tmp_path):
    result = invoke("generate", SHIPPED, "qxzvqxzv", "slipper", "-n", "1", "-o", tmp_path / "out", "-q", "--device", "cpu", "--json")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "'qxzvqxzv' is far from everything this model draws" in warnings[0]
    assert [u["word"] for u in json.loads(result.stdout)["unfamiliar"]] == ["qxzvqxzv"]
    similar = invoke("similar", SHIPPED, "slipper", "qxzvqxzv", "-q", "--device", "cpu", "--json")
    assert [r["unfamiliar"] is not None for r in json.loads(similar.stdout)] == [False, True]
    assert similar.stderr.count("warning:") == 1
