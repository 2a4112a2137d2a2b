"""The emoji concepts: each named thing, its subcategory and category, and its image files per style."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from wordgan.errors import DatasetNotFoundError

from wordgan_emoji.install import is_installed
from wordgan_emoji.sources import CATEGORIES_SOURCE, NAMES_SOURCE, SOURCES, image_folder

#: emoji.json's category of skin-tone swatches and hair pieces: modifiers, not things, so not concepts.
MODIFIER_CATEGORY = "Component"


@dataclass(frozen=True)
class Concept:
    """One emoji concept.

    ``name``: its CLDR short name (from OpenMoji's ``annotation``), e.g. "tiger face", "hot air balloon";
    ``subcategory`` and ``category``: as emoji-datasource's ``emoji.json`` gives them ("animal-mammal",
    "Animals & Nature"); ``keywords``: its CLDR keywords; ``unified``: its code points ("1F42F");
    ``images``: style -> PNG file names under that style's image folder, the default drawing first and then
    its skin-tone variants.
    """

    name: str
    subcategory: str
    category: str
    keywords: tuple[str, ...]
    unified: str
    images: dict[str, tuple[str, ...]] = field(hash=False, compare=False)

    def files(self, style: str, skin_tones: bool) -> tuple[str, ...]:
        """The image files of this concept drawn in ``style``: the default drawing, and the skin-tone
        variants too if ``skin_tones``; empty if the style does not draw it."""
        drawn = self.images.get(style, ())
        return drawn if skin_tones else drawn[:1]


def require_installed(data_dir: Path, styles: tuple[str, ...]) -> None:
    """Raise DatasetNotFoundError naming the install command if a needed source is missing."""
    needed = {CATEGORIES_SOURCE.style, NAMES_SOURCE.style, *styles}
    missing = [SOURCES[s] for s in sorted(needed) if not is_installed(data_dir, SOURCES[s])]
    if missing:
        names = ", ".join(f"{s.package}@{s.version}" for s in missing)
        raise DatasetNotFoundError(
            f"the emoji sources {names} are not installed in {data_dir}; run "
            f"`python -m wordgan_emoji --data-dir {data_dir} install` (or scripts/setup.sh)"
        )


def load_concepts(data_dir: Path) -> list[Concept]:
    """Every named emoji concept in emoji.json's order (``sort_order``), with its drawings in every
    installed style. Raises DatasetNotFoundError if the names or categories are not installed."""
    require_installed(data_dir, ())
    emoji = _read_json(data_dir / CATEGORIES_SOURCE.folder / "emoji.json")
    openmoji = {e["hexcode"]: e for e in _read_json(data_dir / NAMES_SOURCE.folder / "data" / "openmoji.json")}
    drawn = {
        style: {p.name for p in image_folder(data_dir, style).glob("*.png")}
        for style, source in SOURCES.items()
        if is_installed(data_dir, source)
    }
    concepts = []
    for entry in sorted(emoji, key=lambda e: e["sort_order"]):
        if entry["category"] == MODIFIER_CATEGORY:
            continue
        cldr = _openmoji_entry(openmoji, entry)
        variants = [entry, *entry.get("skin_variations", {}).values()]
        images = {}
        for style, files in drawn.items():
            names = [_file_name(openmoji, style, v) for v in variants]
            names = [n for n in names if n in files]
            if names and names[0] == _file_name(openmoji, style, entry):  # the default drawing comes first
                images[style] = tuple(names)
        concepts.append(
            Concept(
                name=cldr["annotation"],
                subcategory=entry["subcategory"],
                category=entry["category"],
                keywords=tuple(t.strip() for t in cldr["tags"].split(",") if t.strip()),
                unified=entry["unified"],
                images=images,
            )
        )
    return concepts


def _openmoji_entry(openmoji: dict[str, dict], entry: dict) -> dict:
    """OpenMoji's record of an emoji.json entry: hexcodes match with or without the FE0F selector."""
    for code in (entry["unified"], entry.get("non_qualified"), entry["unified"].replace("-FE0F", "")):
        if code and code in openmoji:
            return openmoji[code]
    raise DatasetNotFoundError(f"openmoji.json has no record of {entry['unified']} ({entry['name']})")


def _file_name(openmoji: dict[str, dict], style: str, entry: dict) -> str:
    """The PNG file name of an emoji.json entry (or skin variation) in ``style``."""
    if style == "openmoji":
        return _openmoji_entry(openmoji, entry)["hexcode"] + ".png"
    return entry["image"] if entry.get(f"has_img_{style}") else ""


def _read_json(path: Path) -> list[dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetNotFoundError(f"cannot read {path} ({exc.__class__.__name__}); reinstall with "
                                   "`python -m wordgan_emoji install`") from exc
