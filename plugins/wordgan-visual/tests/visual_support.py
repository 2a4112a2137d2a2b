"""What the visual plugin's tests share besides fixtures (a module name of its own: every plugin's tests folder
has a conftest.py, so ``from conftest import`` would find whichever came first on sys.path)."""
import pytest

from wordgan_emoji.install import is_installed
from wordgan_emoji.sources import SOURCES, default_data_dir

#: One subcategory, one style: 66 images (7 concepts held out by the dataset's split), a fit of a few seconds.
MAMMALS = {"subcategories": "animal-mammal", "styles": "google"}
#: Small enough for 59 trained images (a principal-component space needs fewer dimensions than images).
DIM = 16


def artwork_installed() -> bool:
    return is_installed(default_data_dir(), SOURCES["google"])


needs_artwork = pytest.mark.skipif(not artwork_installed(), reason="emoji artwork not installed: run python -m wordgan_emoji install")
