"""The artwork packages the emoji dataset reads, pinned, and where they are installed."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: Pixel size of the installed PNGs; smaller sizes are made from these.
SOURCE_SIZE = 64


@dataclass(frozen=True)
class Source:
    """One npm package of emoji artwork, pinned by version and by the sha256 of its tarball."""

    style: str  # the name users choose it by: --dataset-option styles=google,twitter
    package: str
    version: str
    sha256: str
    images: str  # licence of the images
    artwork: str  # who drew them

    @property
    def folder(self) -> str:
        """The folder, under the data directory, that holds this source once installed."""
        return f"{self.package}-{self.version}"


SOURCES = {
    "google": Source(
        style="google",
        package="emoji-datasource-google",
        version="16.0.0",
        sha256="fb5fd131b362aab7a55542d2a147a79708cce0a8b1c1bbacd470172708b5c438",
        images="Apache-2.0",
        artwork="Google Noto Color Emoji",
    ),
    "twitter": Source(
        style="twitter",
        package="emoji-datasource-twitter",
        version="16.0.0",
        sha256="f64a530c63bca463bd8317fdc4615ce63a53a0c65018e4ce2d848aaba7a28877",
        images="CC-BY-4.0",
        artwork="Twitter Twemoji",
    ),
    "openmoji": Source(
        style="openmoji",
        package="openmoji",
        version="17.0.0",
        sha256="55ee7d13485dec86e9f38c1f3a645a13382d33ff97c0cd845ee824b0aef45e68",
        images="CC-BY-SA-4.0",
        artwork="OpenMoji",
    ),
}

#: OpenMoji's data/openmoji.json gives each emoji its CLDR short name and keywords, so it is always installed.
NAMES_SOURCE = SOURCES["openmoji"]
#: emoji-datasource's emoji.json gives the categories and subcategories (the same file in google and twitter).
CATEGORIES_SOURCE = SOURCES["google"]
DEFAULT_STYLES = ("google", "twitter", "openmoji")


def default_data_dir() -> Path:
    """``$WORDGAN_DATA/emoji`` if ``WORDGAN_DATA`` is set, else ``$XDG_CACHE_HOME/wordgan/emoji``
    (``~/.cache/wordgan/emoji``): where ``python -m wordgan_emoji install`` puts the sources."""
    if os.environ.get("WORDGAN_DATA"):
        return Path(os.environ["WORDGAN_DATA"]).expanduser() / "emoji"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "wordgan" / "emoji"


def image_folder(data_dir: Path, style: str) -> Path:
    """Where the 64-pixel RGBA PNGs of ``style`` lie once installed (named as the sources name them)."""
    source = SOURCES[style]
    if style == "openmoji":
        return data_dir / source.folder / "png" / str(SOURCE_SIZE)  # rendered from the SVGs at install
    return data_dir / source.folder / "img" / style / str(SOURCE_SIZE)
