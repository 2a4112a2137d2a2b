"""The image-folder dataset on real Fashion-MNIST images written out as RGB files of another size."""
from __future__ import annotations

import pytest
import torch
from PIL import Image

import wordgan
from wordgan.errors import DatasetNotFoundError, WordganError
from wordgan.testing import DatasetContract
from wordgan.training.trainer import train

WORDS = {5: "sandals", 8: "bag", 1: "running_trousers"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """20 real test images of three classes per word folder, as 40x40 RGB PNGs and JPEGs."""
    root = tmp_path_factory.mktemp("images")
    test = wordgan.load_dataset("fashion-mnist", "test")
    for label, word in WORDS.items():
        (root / word).mkdir()
        for i, index in enumerate(torch.nonzero(test.labels == label).flatten()[:20].tolist()):
            gray = Image.fromarray(test.images[index, 0].numpy()).resize((40, 40))
            rgb = Image.merge("RGB", (gray, gray.point(lambda v: v // 2), gray))
            rgb.save(root / word / f"{i:03d}.{'png' if i % 2 else 'jpg'}")
    return root


class TestImageFolderContract(DatasetContract):
    @pytest.fixture
    def dataset(self, folder):
        return wordgan.load_dataset("image-folder", "train", data_dir=str(folder), size=32)


def test_words_sizes_channels_and_splits(folder):
    train_split = wordgan.load_dataset("image-folder", "train", data_dir=str(folder), size=32)
    test_split = wordgan.load_dataset("image-folder", "test", data_dir=str(folder), size=32)
    assert train_split.words == ["bag", "running trousers", "sandals"]
    assert train_split.images.shape == (54, 3, 32, 32) and test_split.images.shape == (6, 3, 32, 32)
    gray = wordgan.load_dataset("image-folder", "train", data_dir=str(folder), size=28, mode="gray")
    assert gray.images.shape == (54, 1, 28, 28)
    red, green = train_split.images[0, 0].float().mean(), train_split.images[0, 1].float().mean()
    assert green < red  # the colour survived


def test_unreadable_files_are_named(folder, tmp_path):
    bad = tmp_path / "bad"
    (bad / "hats").mkdir(parents=True)
    (bad / "hats" / "broken.png").write_bytes(b"not a png")
    (bad / "hats" / "fine.png").write_bytes((folder / "bag" / "001.png").read_bytes())
    with pytest.raises(WordganError, match=r"1 image\(s\) could not be read: .*broken.png"):
        wordgan.load_dataset("image-folder", "train", data_dir=str(bad), test_fraction=0.5)


def test_missing_or_empty_folders_are_clear_errors(tmp_path):
    with pytest.raises(DatasetNotFoundError, match="does not exist"):
        wordgan.load_dataset("image-folder", data_dir=str(tmp_path / "nope"))
    with pytest.raises(DatasetNotFoundError, match="no sub-folders"):
        wordgan.load_dataset("image-folder", data_dir=str(tmp_path))
    with pytest.raises(WordganError, match="--data-dir"):
        wordgan.load_dataset("image-folder")


def test_trains_on_rgb_images(folder, make_config):
    config = make_config(dataset="image-folder", dataset_options={"data_dir": str(folder), "size": 32},
                         limit_per_class=None, batch_size=16, steps=2, probe_words=["slipper"])
    run = train(config, progress=False)
    from wordgan.model.word_model import WordModel

    images = WordModel.load(run).generate(["sandals", "slipper"], n=2)
    assert images.shape == (2, 2, 3, 32, 32)
