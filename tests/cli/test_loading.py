"""A command loads what the first new word would wait for up front, with a status line for each slow part."""
from __future__ import annotations


from wordgan.conditions import mapping
from wordgan.cli.loading import load_model
from tests.support import SHIPPED



def refuse(*args, **kwargs):
    raise AssertionError("built after load_model returned")


def test_serve_builds_the_embedder_and_the_mapping_of_new_words_before_the_first_visitor(capsys, monkeypatch):
    model = load_model(str(SHIPPED), "cpu", words=None)  # what `wordgan serve` does
    status = capsys.readouterr().err
    assert "loading the sentence-transformers embedder ... done in" in status
    assert "loading the mapping of new words (use + WordNet) ... done in" in status
    monkeypatch.setattr(mapping, "build_embedder", refuse)
    monkeypatch.setattr(mapping, "WordNet", refuse)
    assert model.snap_weights("moccasins", 0.03)[0][0] in ("sandals", "sneakers", "boots")  # nothing left to build


def test_raw_words_and_trained_words_do_not_wait_for_the_mapping(capsys):
    load_model(str(SHIPPED), "cpu", words=["kimono"], temperature=None)  # --temperature raw
    status = capsys.readouterr().err
    assert "embedder ... done" in status and "mapping" not in status
    load_model(str(SHIPPED), "cpu", words=["boots", "sandals"])
    assert capsys.readouterr().err == ""

