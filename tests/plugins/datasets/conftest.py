"""Small CIFAR and Quick, Draw! files written in the official formats, a few records each."""
from __future__ import annotations

import io
import tarfile
from pathlib import Path

import numpy as np
import pytest

CIFAR10_NAMES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
CIFAR100_FINE = ["apple", "maple_tree", "oak_tree", "sweet_pepper"]  # the real files list 100; a few do here
CIFAR100_COARSE = ["fruit_and_vegetables", "trees"]


def cifar_records(labels: list[list[int]], seed: int) -> tuple[bytes, np.ndarray]:
    """Records of len(label) label bytes + 3072 image bytes (R, G, B planes of 32x32), and the (N, 3, 32, 32) images."""
    images = np.random.default_rng(seed).integers(0, 256, (len(labels), 3, 32, 32), dtype=np.uint8)
    rows = [bytes(label) + image.tobytes() for label, image in zip(labels, images)]
    return b"".join(rows), images


def write_tar_gz(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def cifar10_archive(tmp_path) -> tuple[Path, dict[str, np.ndarray], dict[str, list[int]]]:
    """tmp/cifar10/cifar-10-binary.tar.gz as the real one is laid out: 5 train batches, a test batch, names.

    Returns the archive, the images of each split in order and their labels."""
    members, images, labels = {}, {"train": [], "test": []}, {"train": [], "test": []}
    batches = [(f"data_batch_{i}.bin", "train") for i in range(1, 6)] + [("test_batch.bin", "test")]
    for seed, (name, split) in enumerate(batches):
        batch_labels = [(2 * seed + j) % 10 for j in range(4)]  # every class in train
        members[f"cifar-10-batches-bin/{name}"], batch_images = cifar_records([[k] for k in batch_labels], seed)
        images[split].append(batch_images)
        labels[split] += batch_labels
    members["cifar-10-batches-bin/batches.meta.txt"] = ("\n".join(CIFAR10_NAMES) + "\n\n").encode()
    members["cifar-10-batches-bin/readme.html"] = b"<html></html>"
    folder = tmp_path / "cifar10"
    folder.mkdir()
    archive = write_tar_gz(folder / "cifar-10-binary.tar.gz", members)
    return archive, {k: np.concatenate(v) for k, v in images.items()}, labels


@pytest.fixture
def cifar100_archive(tmp_path) -> tuple[Path, np.ndarray, list[list[int]]]:
    """tmp/cifar100/cifar-100-binary.tar.gz: train.bin and test.bin with (coarse, fine) label bytes, and both name lists."""
    pairs = [[0, 0], [1, 1], [1, 2], [0, 3], [1, 1]]  # (coarse, fine): apple is fruit, maple and oak are trees
    train, train_images = cifar_records(pairs, 1)
    test, _ = cifar_records(pairs[:4], 2)
    members = {
        "cifar-100-binary/train.bin": train,
        "cifar-100-binary/test.bin": test,
        "cifar-100-binary/fine_label_names.txt": "\n".join(CIFAR100_FINE).encode() + b"\n",
        "cifar-100-binary/coarse_label_names.txt": "\n".join(CIFAR100_COARSE).encode() + b"\n",
    }
    folder = tmp_path / "cifar100"
    folder.mkdir()
    return write_tar_gz(folder / "cifar-100-binary.tar.gz", members), train_images, pairs


@pytest.fixture
def quickdraw_dir(tmp_path) -> tuple[Path, dict[str, np.ndarray]]:
    """tmp/quickdraw with three categories, (N, 784) uint8 each, in both of Google's file namings."""
    rng = np.random.default_rng(0)
    arrays = {"cat": 25, "hot dog": 12, "The Eiffel Tower": 30}
    arrays = {name: rng.integers(0, 256, (n, 784), dtype=np.uint8) for name, n in arrays.items()}
    folder = tmp_path / "quickdraw"
    folder.mkdir()
    np.save(folder / "cat.npy", arrays["cat"])  # the bucket's naming
    np.save(folder / "full_numpy_bitmap_hot dog.npy", arrays["hot dog"])  # the browser download's naming
    np.save(folder / "The Eiffel Tower.npy", arrays["The Eiffel Tower"])
    return folder, arrays


@pytest.fixture
def no_data_env(monkeypatch, tmp_path):
    """No $WORDGAN_DATA and a private cache: only what a test puts in place is found."""
    monkeypatch.delenv("WORDGAN_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return tmp_path


@pytest.fixture(name="cifar_records")
def cifar_records_fixture():
    """:func:`cifar_records`, for tests that write damaged archives."""
    return cifar_records


@pytest.fixture(name="write_tar_gz")
def write_tar_gz_fixture():
    """:func:`write_tar_gz`, for tests that write damaged archives."""
    return write_tar_gz
