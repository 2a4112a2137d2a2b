"""The registry finds plugins from real distribution metadata and reports broken ones by name."""
from __future__ import annotations

import importlib
import json
import textwrap

import pytest
from click.testing import CliRunner

from wordgan.plugins import registry
from wordgan.cli import main
from wordgan.errors import PluginLoadError, PluginNotFoundError


def install_fake_distribution(root, dist: str, version: str, module: str, source: str, entry_points: str) -> None:
    """Write a real ``*.dist-info`` and module into ``root``, as pip would for a tiny plugin."""
    info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(textwrap.dedent(entry_points))
    (root / f"{module}.py").write_text(textwrap.dedent(source))


@pytest.fixture
def plugin_dir(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    importlib.invalidate_caches()


def test_built_in_and_reference_plugins_come_through_the_same_door():
    found = {(info.kind, info.name): info.distribution for info in registry.discover()}
    assert found[("dataset", "fashion-mnist")] == "wordgan"
    assert found[("loss", "bce")] == "wordgan"
    assert found[("embedder", "word2vec")] == "wordgan-word2vec"
    assert found[("gan", "dcgan")] == "wordgan-dcgan"


def test_third_party_plugin_is_discovered_without_import_and_loaded_on_use(plugin_dir):
    install_fake_distribution(
        plugin_dir, "acme-loss", "1.2.3", "acme_loss",
        """
        import wordgan.plugins.builtin.losses.bce
        LOADED = True
        class AcmeLoss(wordgan.plugins.builtin.losses.bce.NonSaturatingBCE):
            pass
        """,
        "[wordgan.losses]\nacme = acme_loss:AcmeLoss\n",
    )
    importlib.invalidate_caches()
    infos = [info for info in registry.discover("loss") if info.name == "acme"]
    assert [(i.distribution, i.version, i.value) for i in infos] == [("acme-loss", "1.2.3", "acme_loss:AcmeLoss")]
    import sys

    assert "acme_loss" not in sys.modules  # discovery read metadata only
    assert registry.load("loss", "acme").__name__ == "AcmeLoss"


def test_broken_plugin_is_reported_by_name_and_listing_goes_on(plugin_dir):
    install_fake_distribution(
        plugin_dir, "broken-embedder", "0.0.1", "broken_embedder",
        "raise ImportError('needs libfoo')\n",
        "[wordgan.embedders]\nbroken = broken_embedder:Broken\n",
    )
    importlib.invalidate_caches()
    with pytest.raises(PluginLoadError, match=r"'broken' from broken-embedder 0.0.1 failed to load.*libfoo"):
        registry.load("embedder", "broken")

    result = CliRunner().invoke(main, ["plugins", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert rows["broken"]["status"] == "error" and "libfoo" in rows["broken"]["error"]
    assert rows["word2vec"]["status"] == "ok" and rows["word2vec"]["distribution"] == "wordgan-word2vec"

    table = CliRunner().invoke(main, ["plugins"])
    assert table.exit_code == 0 and "broken-embedder" in table.output and "libfoo" in table.output


def test_unknown_name_lists_what_is_installed():
    with pytest.raises(PluginNotFoundError, match=r"'nope' is not installed.*word2vec"):
        registry.find("embedder", "nope")


def test_unknown_kind_is_an_error():
    with pytest.raises(PluginNotFoundError, match="kinds"):
        registry.discover("colour")
