"""The Fashion-MNIST loader on the real files, and its errors."""
from __future__ import annotations

import gzip
import hashlib
import shutil

import pytest
import torch

import wordgan
from wordgan.plugins.builtin.datasets import fashion_mnist
from wordgan.plugins.builtin.datasets.download import download
from wordgan.plugins.builtin.datasets.fashion_mnist import FILES, FashionMNIST
from wordgan.errors import DatasetNotFoundError, WordganError
from wordgan.testing import DatasetContract, DatasetProviderContract

REAL_DIR = fashion_mnist.SYSTEM_DIR  # read before any test hides it


class TestFashionMnistContract(DatasetContract):
    @pytest.fixture
    def dataset(self):
        return wordgan.load_dataset("fashion-mnist", "test")


class TestFashionMnistProviderContract(DatasetProviderContract):
    """Fashion-MNIST answers none of the optional methods: their defaults must pass."""

    @pytest.fixture
    def provider(self):
        return FashionMNIST()


def test_real_splits_have_the_known_sizes_and_words():
    train = wordgan.load_dataset("fashion-mnist", "train")
    test = wordgan.load_dataset("fashion-mnist", "test")
    assert train.images.shape == (60000, 1, 28, 28) and test.images.shape == (10000, 1, 28, 28)
    assert torch.bincount(test.labels).tolist() == [1000] * 10
    assert train.words[5] == "sandals" and train.words[7] == "sneakers" and train.words[9] == "boots"


def test_words_can_be_overridden():
    words = "tee,pants,jumper,frock,jacket,sandal,blouse,trainer,handbag,boot"
    assert FashionMNIST(words=words).load("test").words[7] == "trainer"
    with pytest.raises(WordganError, match="ten different"):
        FashionMNIST(words="a,b")


@pytest.fixture
def no_system_copy(tmp_path, monkeypatch):
    """Hide the Debian copy and the download cache, as on a machine without them."""
    monkeypatch.setattr(fashion_mnist, "SYSTEM_DIR", tmp_path / "no-system-copy")
    monkeypatch.delenv("WORDGAN_DATA", raising=False)
    return tmp_path


def test_user_data_dir_with_uncompressed_files(no_system_copy):
    folder = no_system_copy / "mine"
    folder.mkdir()
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        with gzip.open(REAL_DIR / name) as src:
            (folder / name[:-3]).write_bytes(src.read())
    data = FashionMNIST(data_dir=str(folder), download=False, cache_dir=str(no_system_copy / "cache")).load("test")
    assert len(data) == 10000


def test_missing_dataset_says_how_to_get_it(no_system_copy):
    provider = FashionMNIST(download=False, cache_dir=str(no_system_copy / "cache"))
    with pytest.raises(DatasetNotFoundError, match="apt-get install dataset-fashion-mnist"):
        provider.load("test")
    with pytest.raises(DatasetNotFoundError, match="does not exist"):
        FashionMNIST(data_dir=str(no_system_copy / "nowhere")).load("test")


def test_corrupt_file_is_a_clear_error(no_system_copy):
    folder = no_system_copy / "corrupt"
    folder.mkdir()
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes((REAL_DIR / "t10k-labels-idx1-ubyte.gz").read_bytes()[:200])
    shutil.copy(REAL_DIR / "t10k-images-idx3-ubyte.gz", folder)
    with pytest.raises(WordganError, match="t10k-labels"):
        FashionMNIST(data_dir=str(folder), download=False).load("test")


def test_download_keeps_a_file_only_when_its_checksum_matches(tmp_path):
    url = (REAL_DIR / "t10k-labels-idx1-ubyte.gz").as_uri()  # a real urllib download, without a network
    target = tmp_path / "cache" / "t10k-labels-idx1-ubyte.gz"
    with pytest.raises(WordganError, match="SHA-256"):
        download(url, target, "0" * 64)
    assert not target.exists() and list(target.parent.iterdir()) == []
    download(url, target, FILES["t10k-labels-idx1-ubyte.gz"])
    assert hashlib.sha256(target.read_bytes()).hexdigest() == FILES["t10k-labels-idx1-ubyte.gz"]
