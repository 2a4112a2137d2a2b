"""Folders that cannot be written: read-only, full. One line, and nothing already saved is lost.

The full disk is a real one: a 1 MiB tmpfs, which needs root (CI containers run as root); elsewhere the
test is skipped. Read-only is a read-only tmpfs as root, a folder without write permission otherwise.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support import assert_one_line_error, manifest, pngs


def _mount_tmpfs(target: Path, options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A real 1 MiB file system."""
    target = tmp_path / "small"
    if not _mount_tmpfs(target, "size=1m"):
        pytest.skip("mounting a small tmpfs needs root")
    yield target
    subprocess.run(["umount", str(target)], check=True)


@pytest.fixture
def read_only(tmp_path):
    target = tmp_path / "read-only"
    if _mount_tmpfs(target, "ro,size=64k"):
        yield target
        subprocess.run(["umount", str(target)], check=True)
    else:
        target.chmod(0o555)
        yield target
        target.chmod(0o755)


def test_a_full_disk_is_one_line_and_keeps_the_previous_output(generate, small_disk):
    out = small_disk / "out"
    assert generate("bag", "coat", "-n", 4, "--seed", 1, "-o", out).exit_code == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    result = generate("bag", "-n", 20000, "--seed", 2, "-o", out, "--force")  # ~6 MB of PNGs into 1 MiB
    assert_one_line_error(result, "no space left", str(out))
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # the earlier call's images, grid and manifest are all still there, unchanged
    assert manifest(out)["seed"] == 1 and pngs(out / "coat") == [f"{i:04d}.png" for i in range(4)]
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # staging removed


def test_a_read_only_folder_is_one_line(generate, read_only):
    result = generate("bag", "-n", 1, "-o", read_only / "out")
    assert_one_line_error(result, "cannot write", str(read_only))


def test_read_only_output_inside(generate, read_only):
    result = generate("bag", "-n", 1, "-o", read_only)
    assert_one_line_error(result, "cannot write")


def test_a_full_disk_while_training_is_one_line_and_leaves_no_half_checkpoint(make_config, small_disk):
    """safetensors reports a full disk as its own SafetensorError, not an OSError: it was a traceback."""
    from wordgan.errors import UnwritableError
    from wordgan.training.trainer import train

    run = small_disk / "run"
    with pytest.raises(UnwritableError, match="checkpoint.safetensors: .*No space left on device") as caught:
        train(make_config(out=str(run)), progress=False)  # a tiny run's checkpoint is ~4 MB
    assert "\n" not in str(caught.value)
    assert not (run / "checkpoint.safetensors").exists() and not list(run.glob(".*.part"))


def test_training_into_a_read_only_folder_is_one_line(make_config, read_only):
    from wordgan.errors import WordganError
    from wordgan.training.trainer import train

    with pytest.raises(WordganError, match=f"cannot write into the run directory {read_only / 'run'}") as caught:
        train(make_config(out=str(read_only / "run")), progress=False)
    assert "\n" not in str(caught.value)


@pytest.fixture
def read_only_run(tmp_path, make_config):
    """A trained run on a file system that is then made read-only (a shared model folder, a full quota)."""
    from wordgan.training.trainer import train

    target = tmp_path / "frozen"
    if not _mount_tmpfs(target, "size=32m"):
        pytest.skip("remounting a tmpfs read-only needs root")
    run = train(make_config(out=str(target / "run"), steps=2), progress=False)
    subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
    yield run
    subprocess.run(["umount", str(target)], check=True)


def test_resuming_a_read_only_run_is_one_line_and_it_still_generates(read_only_run, tmp_path):
    from tests.support import invoke

    before = {p: p.read_bytes() for p in read_only_run.rglob("*") if p.is_file()}
    result = invoke("train", "-o", read_only_run, "--resume", "--steps", 4)
    assert_one_line_error(result, "cannot write into the run directory", str(read_only_run), alone=False)
    assert {p: p.read_bytes() for p in read_only_run.rglob("*") if p.is_file()} == before
    drawn = invoke("generate", read_only_run, "bag", "-n", 1, "-o", tmp_path / "out")
    assert drawn.exit_code == 0, drawn.output
