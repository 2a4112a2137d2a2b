import os

import pytest

from wordgan.files.atomic import replacing, write_json


def test_writes_whole_files_with_the_usual_permissions(tmp_path):
    path = write_json(tmp_path / "deep" / "x.json", {"a": 1})
    assert path.read_text() == '{\n  "a": 1\n}\n'
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
    assert [p.name for p in path.parent.iterdir()] == ["x.json"]


def test_a_failed_write_leaves_the_old_file(tmp_path):
    path = write_json(tmp_path / "x.json", {"old": True})
    with pytest.raises(RuntimeError):
        with replacing(path) as temp:
            temp.write_text("half")
            raise RuntimeError("interrupted")
    assert path.read_text() == '{\n  "old": true\n}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_a_write_that_fails_is_one_line_and_keeps_the_old_file(tmp_path):
    from wordgan.files.atomic import write_text
    from wordgan.errors import UnwritableError

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UnwritableError, match="cannot write .*a-file/x.json"):
        write_text(blocker / "x.json", "{}")
    assert not list(tmp_path.glob('.*.part'))
