"""Install this example for real, the way a user would, into a temporary folder on ``sys.path``."""
from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder pip installed ``wordgan-onehot`` into, first on ``sys.path`` for the whole session.

    ``--no-build-isolation`` builds with the setuptools already installed (no network); ``--no-deps``, because
    wordgan and numpy are already there. importlib.metadata reads ``sys.path`` on every call, so the
    registry finds the new dist-info and its entry point.
    """
    # Built from a copy: setuptools writes build/ into the folder it builds, and the checkout should stay clean.
    source = tmp_path_factory.mktemp("src") / "wordgan-onehot"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", "tests"))
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(source)],
        check=True,
    )
    sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    yield target
    sys.path.remove(str(target))
    for name in [module for module in sys.modules if module.split(".")[0] == "wordgan_onehot"]:
        del sys.modules[name]
