"""`wordgan similar` on a checkpoint whose label words were chosen to forge output: a newline that starts a line
of the attacker's, an ANSI colour sequence, a bidirectional override. Label words print as visible escapes."""
from __future__ import annotations

import pytest
from safetensors.torch import load_file

import wordgan
from wordgan.checkpoint.store import CONDITIONS
from wordgan.conditions.vectors import condition_vectors
from tests.support import SHIPPED, invoke, rewrite_checkpoint

FORGED = {
    "t-shirt": "t-shirt\nboots 0.99 (a forged line)",
    "trousers": "\x1b[31mtrousers\x1b[0m",
    "bag": "bag\u202e99.0",
}


@pytest.fixture(scope="module")
def forged(tmp_path_factory):
    """The shipped model with three label words renamed, and their stored vectors recomputed by the embedder, as
    an attacker would (the loader checks that they match)."""
    def rename(metadata):
        for field in ("label_words", "all_words", "extra_labels"):
            metadata[field] = [FORGED.get(word, word) for word in metadata[field]]

    tensors = load_file(str(SHIPPED))
    labels = [FORGED.get(word, word) for word in wordgan.load(SHIPPED).label_words]
    tensors[CONDITIONS + "labels"] = condition_vectors(wordgan.build_embedder("sentence-transformers"), labels)
    return rewrite_checkpoint(SHIPPED, tmp_path_factory.mktemp("forged") / "model.safetensors", rename, tensors)


def test_label_words_cannot_forge_lines_or_colour_the_terminal(forged):
    result = invoke("similar", forged, "slipper", "tee shirt", "-q")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output and "\r" not in result.output
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines if not line.startswith("  ")] == ["slipper", "tee shirt"]
    assert "t-shirt\\nboots 0.99 (a forged line) 0." in lines[0]
    assert "\\x1b[31mtrousers\\x1b[0m 0." in lines[0] and "bag\\u202e99.0 0." in lines[0]
    weights = next(line for line in lines if line.startswith("  weights at temperature"))
    assert "t-shirt\\nboots 0.99 (a forged line) 0.00" in weights
    nearest = next(line for line in lines if line.startswith("  nearest trained words:"))
    assert "(\\x1b[31mtrousers\\x1b[0m)" in nearest  # a trained word's class is a label word too
    assert "trained as an extra word of 't-shirt\\nboots 0.99 (a forged line)'" in result.output

