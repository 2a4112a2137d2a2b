"""Dataset files a user points wordgan at: real Fashion-MNIST files, damaged on purpose; real images."""
from __future__ import annotations

import gzip
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from wordgan.plugins.builtin.datasets.fashion_mnist import SYSTEM_DIR, FashionMNIST
from wordgan.plugins.builtin.datasets.idx import MAX_BYTES, read_idx
from wordgan.plugins.builtin.datasets.image_folder import ImageFolder
from wordgan.errors import DatasetNotFoundError, WordganError

from tests.support import assert_one_line_error, invoke

TEST_IMAGES, TEST_LABELS = "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"


@pytest.fixture
def fashion_copy(tmp_path):
    """The real Fashion-MNIST test split, copied into a folder of its own."""
    folder = tmp_path / "fashion"
    folder.mkdir()
    for name in (TEST_IMAGES, TEST_LABELS):
        shutil.copy(SYSTEM_DIR / name, folder / name)
    return folder


def _rewrite_labels(folder: Path, position: int, value: int) -> None:
    path = folder / TEST_LABELS
    data = bytearray(gzip.decompress(path.read_bytes()))
    data[8 + position] = value  # 8 header bytes: magic, count
    path.write_bytes(gzip.compress(bytes(data)))


def test_the_copy_loads(fashion_copy):
    data = FashionMNIST(data_dir=str(fashion_copy), download=False).load("test")
    assert data.images.shape == (10_000, 1, 28, 28) and int(data.labels.max()) == 9


def test_a_label_outside_the_classes_names_the_file_and_position(fashion_copy):
    _rewrite_labels(fashion_copy, position=1234, value=10)
    with pytest.raises(WordganError, match=r"t10k-labels-idx1-ubyte.gz: label 10 at position 1234 .*outside the 10 classes"):
        FashionMNIST(data_dir=str(fashion_copy), download=False).load("test")


def test_an_empty_data_dir_is_refused_not_replaced_by_the_system_copy(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DatasetNotFoundError, match=str(empty)):
        FashionMNIST(data_dir=str(empty)).load("test")


def test_a_folder_with_only_the_images_takes_no_labels_from_elsewhere(fashion_copy):
    (fashion_copy / TEST_LABELS).unlink()
    with pytest.raises(DatasetNotFoundError, match=TEST_LABELS):
        FashionMNIST(data_dir=str(fashion_copy)).load("test")


def test_train_with_an_empty_data_dir_is_one_line(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("train", "--dataset", "fashion-mnist", "--data-dir", empty, "--out", tmp_path / "run", "--steps", 1)
    assert_one_line_error(result, str(empty), alone=False)


def test_an_idx_header_that_declares_gigabytes_is_refused_without_reading_them(tmp_path):
    path = tmp_path / "bomb-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(b"\x00\x00\x08\x03" + struct.pack(">III", 100_000, 1_000, 1_000)))
    with pytest.raises(WordganError, match=f"over {MAX_BYTES:,} bytes"):
        read_idx(path)


def test_a_truncated_idx_file_is_one_line(fashion_copy):
    path = fashion_copy / TEST_IMAGES
    path.write_bytes(gzip.compress(gzip.decompress(path.read_bytes())[:5000]))
    with pytest.raises(WordganError, match="truncated"):
        read_idx(path)


def _png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares width x height gray pixels, with a few real rows of data: a small file
    that would decode to width * height bytes (a decompression bomb when that is huge)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit gray
    rows = zlib.compress(b"\x00" * (width + 1) * 4)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def _image_folder(root: Path, bomb: bytes | None = None) -> Path:
    for word in ("hats", "shoes"):
        (root / word).mkdir(parents=True)
        for i in range(3):
            Image.new("RGB", (40, 30), (i * 60, 80, 120)).save(root / word / f"{i}.png")
    if bomb is not None:
        (root / "hats" / "0-bomb.png").write_bytes(bomb)
    return root


def test_a_decompression_bomb_names_the_file_and_the_option(tmp_path):
    root = _image_folder(tmp_path / "data", _png_declaring(60_000, 60_000))  # 3.6 gigapixels in a few KB
    with pytest.raises(WordganError, match=r"0-bomb.png is too large to decode .*max_pixels=N") as caught:
        ImageFolder(data_dir=str(root), test_fraction=0.5).load("train")
    assert "\n" not in str(caught.value)


def test_the_pixel_limit_is_an_option(tmp_path):
    root = _image_folder(tmp_path / "data")
    with pytest.raises(WordganError, match=r"0.png is too large to decode \(40x30 = 1,200 pixels; the limit is 1,000"):
        ImageFolder(data_dir=str(root), max_pixels=1000, test_fraction=0.5).load("train")
    assert len(ImageFolder(data_dir=str(root), max_pixels=1200, test_fraction=0.5).load("train")) == 4
    assert Image.MAX_IMAGE_PIXELS == 89_478_485  # Pillow's process-wide limit, lifted while reading, is restored
    with pytest.raises(WordganError, match="max_pixels"):
        ImageFolder(data_dir=str(root), max_pixels=0)


def test_train_on_a_bomb_is_one_line(tmp_path):
    root = _image_folder(tmp_path / "data", _png_declaring(60_000, 60_000))
    result = invoke("train", "--dataset", "image-folder", "--data-dir", root, "--out", tmp_path / "run", "--steps", 1)
    assert_one_line_error(result, "0-bomb.png", "max_pixels", alone=False)
