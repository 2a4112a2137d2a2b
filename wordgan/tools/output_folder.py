"""Write a model's images for some words to a folder: one PNG per image, a grid and a manifest.

An output folder holds one call's images. Each call writes everything into a hidden staging folder inside
``out`` first and moves it into place only when all of it is written, so a failure (a full disk, Ctrl-C)
leaves the previous contents as they were. A folder that holds an earlier call's output is refused unless
``force`` is given (``--force``); then what that call wrote (the folders its ``manifest.json`` lists, its
grid and manifest) is replaced as a whole, so images from two seeds or two counts never sit side by side.
Anything else in the folder is left alone, and a file or folder in the way that no manifest lists is
refused, with or without ``force``, rather than overwritten.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import torch
from tqdm import tqdm

from wordgan import __version__
from wordgan.files.atomic import write_json
from wordgan.errors import WordganError
from wordgan.files.images import grid, save_png, to_pil
from wordgan.model.limits import check_words_and_counts
from wordgan.model.settings import MODEL_DEFAULT, DrawSettings
from wordgan.model.word_model import WordModel

MANIFEST = "manifest.json"
GRID = "grid.png"
#: The grid shows the first GRID_COLUMNS images of the first GRID_ROWS words, so it stays a viewable size.
GRID_COLUMNS = 16
GRID_ROWS = 100
#: Folder names are cut to this many characters and bytes (file systems allow 255 bytes), plus a hash, so a
#: 10,000-letter word still gets a folder.
FOLDER_CHARS = 64
FOLDER_BYTES = 160
_STAGING_PREFIX = ".generate-"


@dataclass
class WordImages:
    word: str
    folder: Path
    count: int
    #: For a word drawn snapped onto the label words: (label word, weight), highest first; else None.
    drawn_as: list[tuple[str, float]] | None


@dataclass
class Generated:
    out: Path
    grid: Path
    manifest: Path
    words: list[WordImages]


def folder_names(words: Sequence[str]) -> list[str]:
    """A distinct, safe folder name for each word ("long sleeve shirt" -> "long_sleeve_shirt").

    Words that reduce to the same name ("bag" and "bag.", "Bag" on a case-insensitive disk), names cut to
    FOLDER_CHARS, words with no letters of their own (emoji -> "word") and the names of the grid and the
    manifest get a short hash of the word: "bag-3f2a9c1e".
    """
    taken = {GRID.casefold(), MANIFEST.casefold()}
    names = []
    for word in words:
        full = re.sub(r"[^\w.-]+", "_", " ".join(word.split())).strip("._-")
        name = _cut(full)
        salt = 0
        while name.casefold() in taken or name != full:
            name = f"{_cut(full)}-{_digest(word, salt)}"
            full, salt = name, salt + 1
        taken.add(name.casefold())
        names.append(name)
    return names


def generate_to_folder(
    model: WordModel,
    words: Sequence[str],
    out: str | Path,
    n: int = 16,
    seed: int = 0,
    temperature: float | str | None = MODEL_DEFAULT,
    blend: float = 1.0,
    truncation: float | str | None = MODEL_DEFAULT,
    source: str | None = None,
    progress: bool = False,
    force: bool = False,
) -> Generated:
    """``out/<folder>/0000.png ...`` for each word, ``out/grid.png`` with a row per word and
    ``out/manifest.json`` saying what the folder holds (``source``: where the model came from, for the
    manifest; ``progress``: a progress bar on stderr; ``force``: replace an earlier call's output in ``out``).
    Repeated words are drawn once. Memory does not grow with ``n`` or the number of words."""
    words = list(dict.fromkeys(check_words_and_counts(words, n, seed)))
    out = Path(out)
    names = folder_names(words)
    settings = model.settings(temperature, blend, truncation)
    entries = [
        WordImages(word, out / name, n, _drawn_as(model, word, settings.temperature) if settings.temperature is not None else None)
        for word, name in zip(words, names)
    ]
    try:
        created = not out.exists()
        try:
            previous = check_output_folder(out, force)
            _refuse_what_is_in_the_way(out, [*names, GRID, MANIFEST], previous)
            _remove_stale_staging(out)
            staging = Path(tempfile.mkdtemp(dir=out, prefix=f"{_STAGING_PREFIX}{os.getpid()}-", suffix=".part"))
            try:
                rows = _write_images(model, words, names, staging, n, seed, settings, progress)
                save_png(grid(rows, words[: len(rows)]), staging / GRID)
                write_json(staging / MANIFEST, _manifest(model, entries, n, seed, settings, source, len(rows)))
                _replace(out, staging, previous, [*names, GRID, MANIFEST])
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        except BaseException:
            if created and out.is_dir() and not any(out.iterdir()):
                out.rmdir()  # a call that failed (a full disk, an unknown word, Ctrl-C) leaves no empty folder behind
            raise
    except OSError as exc:
        raise _write_error(exc, out) from exc
    return Generated(out=out, grid=out / GRID, manifest=out / MANIFEST, words=entries)


def _write_images(
    model: WordModel, words: list[str], names: list[str], staging: Path, n: int, seed: int,
    settings: DrawSettings, progress: bool,
) -> torch.Tensor:
    """Write every image as it is drawn; keep only the grid's share: (R, min(n, GRID_COLUMNS), C, H, W)."""
    rows = torch.empty(min(len(words), GRID_ROWS), min(n, GRID_COLUMNS), *model.image_shape, dtype=torch.uint8)
    for name in names:
        (staging / name).mkdir()
    # Only big requests get a bar: a few images are written before one would show.
    with tqdm(total=len(words) * n, desc="drawing", unit="image", leave=False, disable=not progress or len(words) * n < 2000) as bar:
        for word_index, start, images in model.draw_words(words, n, seed, settings):
            folder = staging / names[word_index]
            for offset, image in enumerate(images):
                to_pil(image).save(folder / f"{start + offset:04d}.png", format="PNG")
            if word_index < len(rows) and start < rows.shape[1]:
                kept = images[: rows.shape[1] - start]
                rows[word_index, start : start + len(kept)] = kept
            bar.update(len(images))
    return rows


def _drawn_as(model: WordModel, word: str, temperature: float) -> list[tuple[str, float]] | None:
    """The class weights a word is drawn with when snapped; None for label words, which never are."""
    if " ".join(word.split()) in model.label_words:
        return None
    return model.snap_weights(word, temperature)


def _manifest(
    model: WordModel, entries: list[WordImages], n: int, seed: int, settings: DrawSettings, source: str | None, grid_rows: int,
) -> dict[str, Any]:
    return {
        "format": "wordgan-generate",
        "wordgan_version": __version__,
        "model": {"source": source, "gan": model.info.gan, "embedder": model.embedder_spec.name, "step": model.step},
        "seed": seed,
        "n": n,
        "settings": settings.describe(),
        "grid": {"file": GRID, "words": grid_rows, "images_per_word": min(n, GRID_COLUMNS)},
        "words": [
            {
                "word": entry.word,
                "folder": entry.folder.name,
                "images": entry.count,
                "trained_as": model.trained_class(entry.word),
                "drawn_as": None if entry.drawn_as is None else {label: round(w, 4) for label, w in entry.drawn_as},
            }
            for entry in entries
        ],
    }


def check_output_folder(out: str | Path, force: bool) -> set[str]:
    """The names an earlier call wrote into ``out`` (empty if none); refused without ``force``. Cheap: the CLI
    asks before it spends seconds loading a model."""
    out = Path(out)
    try:
        if out.exists() and not out.is_dir():
            raise WordganError(f"{out} is a file; -o needs a folder")
        previous = _previous_output(out)
    except OSError as exc:  # a name too long for the file system, a folder we may not read
        raise _write_error(exc, out) from exc
    if previous and not force:
        raise WordganError(
            f"{out} holds the images of an earlier `wordgan generate` (see its manifest.json); pass --force "
            "to replace them, or choose another -o"
        )
    return previous


def _previous_output(out: Path) -> set[str]:
    """The names a previous call wrote into ``out``, from its manifest; empty if there is none."""
    path = out / MANIFEST
    if not path.exists():
        return set()
    try:
        manifest = json.loads(path.read_text())
        folders = {entry["folder"] for entry in manifest["words"]}
        if manifest.get("format") != "wordgan-generate" or not all(_is_plain_name(f) for f in folders):
            raise ValueError("not a wordgan-generate manifest")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise WordganError(f"{path} is not a manifest that wordgan generate wrote ({exc}); choose another -o") from None
    return folders | {GRID, MANIFEST}


def _refuse_what_is_in_the_way(out: Path, names: list[str], previous: set[str]) -> None:
    if out.exists() and not out.is_dir():
        raise WordganError(f"{out} is a file; -o needs a folder")
    for name in names:
        if (out / name).exists() and name not in previous:
            raise WordganError(
                f"{out / name} is in the way and was not written by an earlier `wordgan generate` into {out} "
                "(no manifest lists it); choose another -o or move it away"
            )
    out.mkdir(parents=True, exist_ok=True)


def _remove_stale_staging(out: Path) -> None:
    """Staging folders of calls that were killed mid-way (their process is gone)."""
    for folder in out.glob(f"{_STAGING_PREFIX}*.part"):
        pid = folder.name[len(_STAGING_PREFIX):].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _replace(out: Path, staging: Path, previous: set[str], names: list[str]) -> None:
    """Swap the previous call's output for the staged one: renames only, the manifest last."""
    retired = staging / ".previous"
    retired.mkdir()
    for name in sorted(previous):
        if (out / name).exists() or (out / name).is_symlink():
            os.replace(out / name, retired / name)
    for name in names:
        os.replace(staging / name, out / name)


def _write_error(exc: OSError, out: Path) -> WordganError:
    where = exc.filename or out
    if exc.errno == errno.ENOSPC:
        return WordganError(f"no space left on the device while writing into {out}; it still holds what it held before")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return WordganError(f"cannot write to {where} ({exc.strerror}); choose a folder you can write to with -o")
    return WordganError(f"could not write {where} ({exc.strerror or exc}); nothing in it was replaced")


def _cut(name: str) -> str:
    """At most FOLDER_CHARS characters and FOLDER_BYTES bytes of UTF-8 (letters of some scripts take 4)."""
    name = name[:FOLDER_CHARS]
    while len(name.encode("utf-8")) > FOLDER_BYTES:
        name = name[:-1]
    return name.rstrip("._-") or "word"


def _is_plain_name(name: Any) -> bool:
    return isinstance(name, str) and name not in ("", ".", "..") and "/" not in name and "\\" not in name and "\0" not in name


def _digest(word: str, salt: int) -> str:
    data = word.encode("utf-8", "surrogatepass") + (b"\0%d" % salt if salt else b"")
    return hashlib.sha256(data).hexdigest()[:8]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
