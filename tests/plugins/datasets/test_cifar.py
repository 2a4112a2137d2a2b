"""CIFAR-10 and CIFAR-100 from archives written in the official binary format."""
from __future__ import annotations

import dataclasses
import tarfile

import pytest
import torch

import wordgan
from wordgan.plugins.builtin.datasets import cifar
from wordgan.plugins.builtin.datasets.cifar import Cifar10, Cifar100
from wordgan.plugins.builtin.datasets.download import sha256_of
from wordgan.errors import DatasetNotFoundError, WordganError
from wordgan.testing import DatasetContract

pytestmark = pytest.mark.usefixtures("no_data_env")


class TestCifar10Contract(DatasetContract):
    @pytest.fixture
    def dataset(self, cifar10_archive):
        return wordgan.load_dataset("cifar-10", "train", data_dir=str(cifar10_archive[0].parent), download=False)


class TestCifar100Contract(DatasetContract):
    @pytest.fixture
    def dataset(self, cifar100_archive):
        return wordgan.load_dataset("cifar-100", "train", data_dir=str(cifar100_archive[0].parent), download=False)


def test_cifar10_reads_every_batch_in_order_with_rgb_planes(cifar10_archive):
    archive, images, labels = cifar10_archive
    for split, count in (("train", 20), ("test", 4)):
        data = Cifar10(data_dir=str(archive.parent), download=False).load(split)
        assert data.images.shape == (count, 3, 32, 32) and data.images.dtype == torch.uint8
        assert torch.equal(data.images, torch.from_numpy(images[split]))  # R plane, then G, then B
        assert data.labels.tolist() == labels[split]
    assert data.words == ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


def test_cifar100_label_words_come_from_the_archive_with_spaces(cifar100_archive):
    archive, images, pairs = cifar100_archive
    fine = Cifar100(data_dir=str(archive.parent), download=False).load("train")
    assert fine.words == ["apple", "maple tree", "oak tree", "sweet pepper"]
    assert fine.labels.tolist() == [fine_label for _, fine_label in pairs]
    assert [fine.words[k] for k in fine.labels] == ["apple", "maple tree", "oak tree", "sweet pepper", "maple tree"]
    assert torch.equal(fine.images, torch.from_numpy(images))
    coarse = Cifar100(data_dir=str(archive.parent), download=False, labels="coarse").load("train")
    assert coarse.words == ["fruit and vegetables", "trees"]
    assert coarse.labels.tolist() == [coarse_label for coarse_label, _ in pairs]
    assert len(Cifar100(data_dir=str(archive.parent), download=False).load("test")) == 4
    with pytest.raises(WordganError, match="'fine' or 'coarse'"):
        Cifar100(labels="superclass")


def test_an_extracted_archive_works_as_well(cifar10_archive, tmp_path):
    archive, images, _ = cifar10_archive
    with tarfile.open(archive) as handle:
        for member in handle:
            (tmp_path / "extracted" / member.name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / "extracted" / member.name).write_bytes(handle.extractfile(member).read())
    for folder in (tmp_path / "extracted", tmp_path / "extracted" / "cifar-10-batches-bin"):
        data = Cifar10(data_dir=str(folder), download=False).load("train")
        assert torch.equal(data.images, torch.from_numpy(images["train"]))


def test_corrupt_and_truncated_archives_are_one_line_errors_naming_the_file(cifar10_archive):
    archive, _, _ = cifar10_archive
    whole = archive.read_bytes()
    for damaged in (b"\x1f\x8b" + bytes(range(256)) * 40, whole[: len(whole) // 2]):  # corrupt, then truncated
        archive.write_bytes(damaged)
        with pytest.raises(WordganError, match="cifar-10-binary.tar.gz") as caught:
            Cifar10(data_dir=str(archive.parent), download=False).load("train")
        assert "\n" not in str(caught.value)


def test_a_truncated_batch_or_a_stray_label_is_named(tmp_path, cifar_records, write_tar_gz):
    records, _ = cifar_records([[1], [2]], 0)
    names = "\n".join(["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]).encode()
    members = {f"cifar-10-batches-bin/{n}": records for n in ("test_batch.bin",)}
    members["cifar-10-batches-bin/batches.meta.txt"] = names
    (tmp_path / "cut").mkdir()
    write_tar_gz(tmp_path / "cut" / "cifar-10-binary.tar.gz", {**members, "cifar-10-batches-bin/test_batch.bin": records[:-5]})
    with pytest.raises(WordganError, match="test_batch.bin is truncated"):
        Cifar10(data_dir=str(tmp_path / "cut"), download=False).load("test")
    stray, _ = cifar_records([[1], [10]], 0)
    (tmp_path / "stray").mkdir()
    write_tar_gz(tmp_path / "stray" / "cifar-10-binary.tar.gz", {**members, "cifar-10-batches-bin/test_batch.bin": stray})
    with pytest.raises(WordganError, match="label 10"):
        Cifar10(data_dir=str(tmp_path / "stray"), download=False).load("test")


def test_the_python_pickle_archive_is_not_read(tmp_path, write_tar_gz):
    (tmp_path / "py").mkdir()
    # Named as the binary archive, but holding the pickled Python batches: refused without unpickling.
    write_tar_gz(tmp_path / "py" / "cifar-10-binary.tar.gz", {"cifar-10-batches-py/test_batch": b"\x80\x04K\x01."})
    with pytest.raises(WordganError, match="binary version"):
        Cifar10(data_dir=str(tmp_path / "py"), download=False).load("test")


def test_offline_error_says_where_to_put_the_archive(no_data_env):
    with pytest.raises(DatasetNotFoundError) as caught:
        Cifar10(download=False).load("test")
    message = str(caught.value)
    for needed in ("cifar-10-binary.tar.gz", cifar.PAGE, "--data-dir", "WORDGAN_DATA/cifar-10"):
        assert needed in message
    assert "\n" not in message


def test_lookup_order_data_dir_then_wordgan_data(cifar100_archive, monkeypatch, tmp_path):
    archive, _, _ = cifar100_archive
    monkeypatch.setenv("WORDGAN_DATA", str(tmp_path))
    (tmp_path / "cifar-100").mkdir()
    archive.rename(tmp_path / "cifar-100" / archive.name)  # $WORDGAN_DATA/cifar-100/
    assert len(Cifar100(download=False).load("train")) == 5
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetNotFoundError, match="empty has no cifar-100-binary.tar.gz"):
        Cifar100(data_dir=str(tmp_path / "empty")).load("train")  # a named folder is never substituted


def test_download_keeps_the_archive_only_when_its_sha256_matches(cifar10_archive, monkeypatch, tmp_path):
    archive, images, _ = cifar10_archive
    wrong = dataclasses.replace(cifar.CIFAR10, url=archive.as_uri(), sha256="0" * 64)
    monkeypatch.setattr(Cifar10, "layout", wrong)  # a real urllib download from a file:// address
    cache = tmp_path / "cache"
    with pytest.raises(WordganError, match="SHA-256"):
        Cifar10(cache_dir=str(cache)).load("test")
    assert not (cache / archive.name).exists()
    monkeypatch.setattr(Cifar10, "layout", dataclasses.replace(wrong, sha256=sha256_of(archive)))
    assert torch.equal(Cifar10(cache_dir=str(cache)).load("test").images, torch.from_numpy(images["test"]))
    assert (cache / archive.name).is_file()


def test_published_checksums_are_pinned():
    assert cifar.CIFAR10.sha256 == "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd"
    assert cifar.CIFAR100.sha256 == "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec"
    assert all(layout.url.startswith("https://www.cs.toronto.edu/~kriz/") for layout in (cifar.CIFAR10, cifar.CIFAR100))
