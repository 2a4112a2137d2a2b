"""The emoji tests read the real installed artwork (scripts/setup.sh installs it); without it they skip."""
import pytest

from wordgan_emoji.install import is_installed
from wordgan_emoji.sources import SOURCES, default_data_dir


@pytest.fixture(scope="session")
def small_options():
    """~90 concepts: a few hundred images over three styles, quick to read."""
    return {"subcategories": "animal-mammal,food-fruit"}


def pytest_collection_modifyitems(config, items):
    missing = [s.package for s in SOURCES.values() if not is_installed(default_data_dir(), s)]
    if missing:
        skip = pytest.mark.skip(reason=f"{', '.join(missing)} not installed: run python -m wordgan_emoji install")
        for item in items:
            if "wordgan-emoji" in str(item.fspath):
                item.add_marker(skip)
