"""Broken plugin installations, as real ``*.dist-info`` folders on sys.path: each is reported by name."""
from __future__ import annotations

import importlib
import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from wordgan.plugins import registry
from wordgan.cli import main
from wordgan.errors import PluginLoadError
from tests.support import SHIPPED


def dist_info(root: Path, dist: str, entry_points: str | None, metadata: bool = True, module: str = "", source: str = "") -> Path:
    """A ``*.dist-info`` as pip writes it (METADATA, entry_points.txt) and, if given, the plugin's module."""
    info = root / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    if metadata:
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(textwrap.dedent(entry_points))
    if module:
        (root / f"{module}.py").write_text(textwrap.dedent(source))
    importlib.invalidate_caches()
    return info


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    importlib.invalidate_caches()


def listing() -> dict[tuple[str, str, str], dict]:
    result = CliRunner().invoke(main, ["plugins", "--json", "--no-check"])
    assert result.exit_code == 0, result.output
    return {(row["kind"], row["name"], row["distribution"]): row for row in json.loads(result.output)}


def test_a_plugin_that_calls_sys_exit_on_import_is_a_load_error(site, tmp_path):
    dist_info(site, "exiting-embedder", "[wordgan.embedders]\nexiting = exiting_embedder:Embedder\n",
              module="exiting_embedder", source="import sys\nsys.exit()\n")
    with pytest.raises(PluginLoadError, match=r"'exiting' from exiting-embedder 1.0 failed to load: it called sys.exit\(None\)"):
        registry.load("embedder", "exiting")

    trained = CliRunner().invoke(main, ["train", "--embedder", "exiting", "--out", tmp_path / "run", "--steps", "1", "--quiet"])
    assert trained.exit_code == 1 and "exiting-embedder" in trained.output  # never "success" without training
    assert not (tmp_path / "run" / "checkpoint.safetensors").exists()

    table = CliRunner().invoke(main, ["plugins"])
    assert table.exit_code == 0 and "it called sys.exit(None)" in table.output


def test_a_dist_info_without_metadata_is_listed_as_broken(site):
    info = dist_info(site, "half-installed", "[wordgan.losses]\nhalf = half:Loss\n", metadata=False)
    rows = listing()
    assert rows[("?", "?", str(info))]["status"] == "broken" and "METADATA" in rows[("?", "?", str(info))]["error"]
    assert rows[("embedder", "word2vec", "wordgan-word2vec")]["version"]  # the rest is still listed

    table = CliRunner().invoke(main, ["plugins", "--no-check"])
    assert table.exit_code == 0 and info.name in table.output


def test_a_malformed_entry_points_file_is_reported_by_distribution(site):
    dist_info(site, "sloppy-plugin", "[wordgan.gans]\nthis line has no equals sign\ngood = sloppy:build\n")
    problems = {p.distribution: p.error for p in registry.problems()}
    assert "line 2: 'this line has no equals sign'" in problems["sloppy-plugin"]
    assert listing()[("?", "?", "sloppy-plugin")]["status"] == "broken"
    assert "dcgan" in {info.name for info in registry.discover("gan")}  # other distributions are unaffected


def test_metadata_files_that_are_not_text_are_listed_as_broken(site):
    """A damaged disk or a half-written install: METADATA or entry_points.txt that is not UTF-8."""
    garbled = dist_info(site, "garbled-meta", "[wordgan.gans]\ngarbled = garbled:build\n")
    (garbled / "METADATA").write_bytes(b"\xff\xfe\x00 not text")
    dist_info(site, "garbled-entry-points", None)
    (site / "garbled_entry_points-1.0.dist-info" / "entry_points.txt").write_bytes(b"\xff\xfe[wordgan.gans]\n")
    rows = listing()
    assert "cannot be read (UnicodeDecodeError" in rows[("?", "?", str(garbled))]["error"]
    assert "UnicodeDecodeError" in rows[("?", "?", "garbled-entry-points")]["error"]
    assert rows[("gan", "dcgan", "wordgan-dcgan")]["version"]  # the rest is still listed


def test_a_malformed_entry_points_file_that_breaks_importing_torch_is_one_line(tmp_path):
    """torch reads every package's entry points when it is imported, so one bad line anywhere made every
    command that imports torch a traceback; in a fresh process (here torch is imported already)."""
    import os
    import subprocess
    import sys

    dist_info(tmp_path, "sloppy-plugin", "[wordgan.gans]\nthis line has no equals sign\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    done = subprocess.run([sys.executable, "-m", "wordgan", "generate", str(SHIPPED), "bag", "-n", "1", "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    error = done.stderr.strip().splitlines()[-1]
    assert error.startswith("Error: ") and "sloppy-plugin: its entry_points.txt is malformed (line 2" in error
    assert not (tmp_path / "out").exists()


def test_two_plugins_with_one_name_are_a_conflict_not_ok(site):
    for dist in ("acme-vectors", "other-vectors"):
        dist_info(site, dist, "[wordgan.embedders]\nvectors = shared_vectors:Embedder\n")
    rows = listing()
    for dist, other in (("acme-vectors", "other-vectors"), ("other-vectors", "acme-vectors")):
        row = rows[("embedder", "vectors", dist)]
        assert row["status"] == "conflict" and other in row["error"]
    with pytest.raises(PluginLoadError, match="registered by both acme-vectors and other-vectors"):
        registry.find("embedder", "vectors")


def test_the_same_distribution_twice_on_sys_path_is_listed_once(site, tmp_path, monkeypatch):
    second = tmp_path / "build"
    second.mkdir()
    for root in (site, second):
        dist_info(root, "twice-installed", "[wordgan.losses]\ntwice = twice:Loss\n")
    monkeypatch.syspath_prepend(str(second))
    importlib.invalidate_caches()
    assert [info.distribution for info in registry.discover("loss") if info.name == "twice"] == ["twice-installed"]


def test_a_plugin_that_calls_sys_exit_when_built_is_an_error(site):
    dist_info(site, "quitting-embedder", "[wordgan.embedders]\nquitting = quitting_embedder:Quitting\n",
              module="quitting_embedder", source="import sys\nclass Quitting:\n    def __init__(self):\n        sys.exit(3)\n")
    from wordgan.plugins.build import build_embedder

    with pytest.raises(PluginLoadError, match=r"'quitting' called sys.exit\(3\) while being built"):
        build_embedder("quitting")


def test_metadata_without_a_version_is_listed(site):
    info = dist_info(site, "versionless", "[wordgan.losses]\nversionless = versionless:Loss\n")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: versionless\n")
    assert listing()[("loss", "versionless", "versionless")]["version"] == "unknown"
    assert CliRunner().invoke(main, ["plugins", "--no-check"]).exit_code == 0
