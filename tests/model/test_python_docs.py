"""Every code block of docs/python.md runs, in order, and prints what the page says it prints."""
from __future__ import annotations

import contextlib
import io
import re
from tests.support import REPO

PAGE = REPO / "docs" / "python.md"


def blocks(text: str) -> list[tuple[str, str]]:
    """The page's fenced blocks as (language, code), in order."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w+)\n(.*?)^```$", text, flags=re.S | re.M)]


def test_every_example_runs_and_prints_what_the_page_shows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = blocks(PAGE.read_text())
    assert [lang for lang, _ in page].count("python") >= 6
    namespace: dict = {}
    printed = None
    for number, (lang, code) in enumerate(page):
        if lang == "python":
            captured = io.StringIO()
            with contextlib.redirect_stdout(captured):
                exec(compile(code, f"{PAGE.name} block {number}", "exec"), namespace)
            printed = captured.getvalue()
        elif lang == "output":
            assert printed == code, f"block {number} of {PAGE.name}: printed\n{printed}\nthe page shows\n{code}"
            printed = None
    workdir = namespace["workdir"]
    assert (workdir / "bag.png").is_file() and (workdir / "out" / "manifest.json").is_file()  # what they save
    assert list(tmp_path.iterdir()) == []  # nothing written into the folder the examples ran in (issue 21)
