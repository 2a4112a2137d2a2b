"""The installer's own checks, on a tarball laid out as the npm packages are (no network)."""
import io
import tarfile

import pytest

from wordgan.errors import WordganError
from wordgan_emoji.install import _check_sha256, _extract, is_installed
from wordgan_emoji.sources import SOURCES, default_data_dir


def _tarball(path, names):
    with tarfile.open(path, "w:gz") as archive:
        for name in names:
            info = tarfile.TarInfo(name)
            info.size = len(name.encode())
            archive.addfile(info, io.BytesIO(name.encode()))
    return path


def test_only_what_the_dataset_reads_is_kept_and_nothing_escapes(tmp_path):
    names = ["package/emoji.json", "package/LICENSE", "package/img/google/64/1f42f.png",
             "package/img/google/32/1f42f.png", "package/img/apple/64/1f42f.png", "package/CHANGES.md",
             "package/../escape.txt", "other/emoji.json"]
    target = tmp_path / "google"
    _extract(_tarball(tmp_path / "google.tgz", names), SOURCES["google"], target)
    kept = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert kept == ["LICENSE", "emoji.json", "img/google/64/1f42f.png"]
    assert not (tmp_path / "escape.txt").exists()


def test_a_tarball_with_another_checksum_is_refused(tmp_path):
    tarball = _tarball(tmp_path / "x.tgz", ["package/emoji.json"])
    with pytest.raises(WordganError, match="not the pinned"):
        _check_sha256(tarball, SOURCES["twitter"])


def test_installed_means_a_marker_with_the_pinned_checksum(tmp_path):
    assert not is_installed(tmp_path, SOURCES["google"])
    (tmp_path / SOURCES["google"].folder).mkdir()
    (tmp_path / SOURCES["google"].folder / "INSTALLED.json").write_text('{"sha256": "0000"}')
    assert not is_installed(tmp_path, SOURCES["google"])
    assert is_installed(default_data_dir(), SOURCES["google"])  # what scripts/setup.sh installed
