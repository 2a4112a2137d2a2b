"""Quick, Draw! from numpy bitmap files written as Google publishes them."""
from __future__ import annotations

import os
import sys

import numpy as np
import pytest
import torch

import wordgan
from wordgan.plugins.builtin.datasets import quickdraw
from wordgan.plugins.builtin.datasets.quickdraw import QuickDraw
from wordgan.errors import DatasetNotFoundError, WordganError
from wordgan.testing import DatasetContract

pytestmark = pytest.mark.usefixtures("no_data_env")


def load(folder, split="train", **options):
    return QuickDraw(data_dir=str(folder), download=False, cache_dir=str(folder.parent / "cache"), **options).load(split)


class TestQuickDrawContract(DatasetContract):
    @pytest.fixture
    def dataset(self, quickdraw_dir):
        folder = quickdraw_dir[0]
        return wordgan.load_dataset("quickdraw", "test", data_dir=str(folder), cache_dir=str(folder.parent / "cache"))


def test_every_tenth_drawing_is_a_test_drawing(quickdraw_dir):
    folder, arrays = quickdraw_dir
    train, test = load(folder, "train"), load(folder, "test")
    assert train.words == test.words == ["The Eiffel Tower", "cat", "hot dog"]  # all present, sorted by name
    for k, word in enumerate(train.words):
        drawings = arrays[word]
        index = np.arange(len(drawings))
        expect_test, expect_train = drawings[index % 10 == 9], drawings[index % 10 != 9]
        assert np.array_equal(test.images[test.labels == k].reshape(-1, 784).numpy(), expect_test)
        assert np.array_equal(train.images[train.labels == k].reshape(-1, 784).numpy(), expect_train)
    assert train.images.shape == (23 + 11 + 27, 1, 28, 28) and test.images.shape == (2 + 1 + 3, 1, 28, 28)


def test_named_categories_in_the_order_given_and_per_class(quickdraw_dir):
    folder, arrays = quickdraw_dir
    data = load(folder, categories="hot dog, cat", per_class=4)
    assert data.words == ["hot dog", "cat"]
    assert data.labels.tolist() == [0] * 4 + [1] * 4
    assert np.array_equal(data.images[:4].reshape(4, 784).numpy(), arrays["hot dog"][:4])
    assert load(folder, categories=["The Eiffel Tower"]).words == ["The Eiffel Tower"]


def _mapped_file(tensor: torch.Tensor) -> str | None:
    """The file whose mapping holds the tensor's first byte, from /proc/self/maps (None if anonymous memory)."""
    address = tensor.data_ptr()
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split(maxsplit=5)
            start, end = (int(x, 16) for x in fields[0].split("-"))
            if start <= address < end:
                return fields[5].strip() if len(fields) == 6 else None
    return None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_images_are_memory_mapped_from_one_file_not_copied(quickdraw_dir):
    folder, _ = quickdraw_dir
    data = load(folder, "train")
    combined = list((folder.parent / "cache" / "combined").glob("train-*.npy"))
    assert len(combined) == 1
    assert _mapped_file(data.images) == str(combined[0])  # file-backed, not a copy in the heap
    assert data.images.dtype == torch.uint8 and data.images.is_contiguous()
    written = combined[0].stat().st_mtime_ns
    again = load(folder, "train")
    assert combined[0].stat().st_mtime_ns == written and _mapped_file(again.images) == str(combined[0])
    # The dataset's own helpers work on it (and give ordinary tensors of just the chosen images).
    subset = data.subset(torch.tensor([0, 59]))
    assert torch.equal(subset.images[1], data.images[59]) and _mapped_file(subset.images) != str(combined[0])
    assert torch.bincount(data.per_class(3).labels).tolist() == [3, 3, 3]
    # Writing into it changes this process's copy only, never the file (copy-on-write mapping).
    data.images[0].fill_(7)
    assert not np.all(np.load(combined[0], mmap_mode="r")[0] == 7)


def test_changed_options_or_files_make_a_new_combined_file(quickdraw_dir):
    folder, arrays = quickdraw_dir
    load(folder, per_class=2)
    load(folder, per_class=3)
    np.save(folder / "cat.npy", arrays["cat"][:20])
    assert len(load(folder, per_class=3)) == 9
    assert len(list((folder.parent / "cache" / "combined").glob("train-*.npy"))) == 3


@pytest.mark.parametrize("damage", ["truncated", "corrupt", "pickled", "wrong shape"])
def test_damaged_files_are_one_line_errors_naming_the_file(quickdraw_dir, damage):
    folder, arrays = quickdraw_dir
    path = folder / "cat.npy"
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:3000])
    elif damage == "corrupt":
        path.write_bytes(b"not a numpy file at all" * 50)
    elif damage == "pickled":
        np.save(path, np.array([{"strokes": []}], dtype=object), allow_pickle=True)
    else:
        np.save(path, arrays["cat"].reshape(-1, 28, 28))
    with pytest.raises(WordganError, match="cat.npy") as caught:
        load(folder, categories="cat")
    assert "\n" not in str(caught.value)


def test_a_category_too_small_for_the_test_split_is_named(quickdraw_dir):
    folder, arrays = quickdraw_dir
    np.save(folder / "tiny.npy", arrays["cat"][:5])
    with pytest.raises(WordganError, match="tiny.npy has 5 drawing"):
        load(folder, "test", categories="tiny")


def test_offline_errors_say_where_to_put_the_files(no_data_env):
    cache = str(no_data_env / "cache")
    with pytest.raises(DatasetNotFoundError) as caught:
        QuickDraw(categories="cat", download=False, cache_dir=cache).load()
    assert all(s in str(caught.value) for s in ("cat.npy", quickdraw.SOURCE, "--data-dir", "WORDGAN_DATA/quickdraw"))
    with pytest.raises(DatasetNotFoundError, match="name categories"):
        QuickDraw(cache_dir=cache).load()
    (no_data_env / "empty").mkdir()
    with pytest.raises(DatasetNotFoundError, match="empty"):
        QuickDraw(data_dir=str(no_data_env / "empty"), cache_dir=cache).load()


@pytest.mark.parametrize("bad", [{"per_class": 0}, {"per_class": "ten"}, {"categories": "cat,,dog"}, {"categories": "../etc"}])
def test_bad_options_are_clear_errors(bad):
    with pytest.raises(WordganError, match="per_class|categor"):
        QuickDraw(**bad)


def test_named_categories_are_downloaded_into_the_cache_and_checked(quickdraw_dir, monkeypatch, tmp_path):
    folder, arrays = quickdraw_dir
    (folder / "broken.npy").write_bytes(b"\x93NUMPY garbage")
    monkeypatch.setattr(quickdraw, "SOURCE", folder.as_uri() + "/")  # real urllib downloads from file://
    cache = tmp_path / "cache-dl"
    data = QuickDraw(categories="cat,The Eiffel Tower", cache_dir=str(cache)).load("test")
    assert data.words == ["cat", "The Eiffel Tower"] and len(data) == 2 + 3
    assert (cache / "cat.npy").is_file() and (cache / "The Eiffel Tower.npy").is_file()
    with pytest.raises(WordganError, match="broken.npy"):
        QuickDraw(categories="broken", cache_dir=str(cache)).load()
    assert not (cache / "broken.npy").exists() and not [p for p in os.listdir(cache) if p.endswith(".part")]
