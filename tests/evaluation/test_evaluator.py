import json

import numpy as np
import pytest
import torch
from click.testing import CliRunner
from PIL import Image
from safetensors.torch import save_file

from wordgan import load_dataset
from wordgan.cli import main
from wordgan.errors import CheckpointError, WordganError
from wordgan.evaluation.judge.evaluator import Evaluator, load_evaluator, shipped_path
from wordgan.evaluation.judge.training import measure_accuracy, train_evaluator


@pytest.fixture(scope="module")
def shipped():
    return load_evaluator()


@pytest.fixture(scope="module")
def test_split():
    return load_dataset("fashion-mnist", "test")


def test_shipped_weights_are_small_and_say_how_they_were_made(shipped):
    assert shipped_path("fashion-mnist").stat().st_size < 1_000_000
    info = shipped.info
    assert info.dataset == "fashion-mnist"
    assert info.words == ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots"]
    assert info.image_shape == (1, 28, 28)
    assert info.command.startswith("wordgan evaluator train --dataset fashion-mnist")
    assert info.test_accuracy >= 0.92


def test_shipped_weights_reach_their_recorded_accuracy(shipped, test_split):
    accuracy, per_class = measure_accuracy(shipped, test_split)
    assert accuracy == pytest.approx(shipped.info.test_accuracy, abs=0.002)
    assert per_class == pytest.approx(shipped.info.per_class_accuracy, abs=0.005)


def test_predict_shapes(shipped, test_split):
    logits, features = shipped.predict(test_split.images[:5])
    assert logits.shape == (5, 10)
    assert features.shape == (5, 128)
    assert shipped.classify(test_split.images[:5]).shape == (5,)


def test_save_and_load_round_trip(shipped, test_split, tmp_path):
    path = shipped.save(tmp_path / "sub" / "copy.safetensors")
    copy = Evaluator.load(path)
    assert copy.info == shipped.info
    images = test_split.images[:50]
    assert torch.equal(copy.classify(images), shipped.classify(images))
    assert list(tmp_path.joinpath("sub").iterdir()) == [path]  # no temporary file left behind


def test_refuses_files_that_are_not_evaluators(tmp_path):
    other = tmp_path / "other.safetensors"
    save_file({"w": torch.zeros(2)}, str(other))
    with pytest.raises(CheckpointError, match="not a wordgan evaluator"):
        Evaluator.load(other)
    garbage = tmp_path / "garbage.safetensors"
    garbage.write_bytes(b"not safetensors at all")
    with pytest.raises(CheckpointError):
        Evaluator.load(garbage)


def test_wrong_image_shape_is_a_clear_error(shipped):
    with pytest.raises(WordganError, match="shape"):
        shipped.predict(torch.zeros(2, 3, 32, 32, dtype=torch.uint8))


def test_no_shipped_evaluator_for_other_datasets():
    with pytest.raises(WordganError, match="wordgan evaluator train --dataset my-photos"):
        load_evaluator(dataset="my-photos")


def test_cli_trains_a_quick_evaluator_and_shows_it(tmp_path):
    out = tmp_path / "quick.safetensors"
    runner = CliRunner()
    result = runner.invoke(main, ["evaluator", "train", "--epochs", "1", "--limit-per-class", "10", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "test accuracy" in result.output
    shown = json.loads(runner.invoke(main, ["evaluator", "info", str(out)]).output)
    assert shown["command"].endswith("--limit-per-class 10")
    assert shown["settings"]["train_images"] == 100
    assert 0.0 <= shown["test_accuracy"] <= 1.0


def test_trains_on_any_dataset_plugin(tmp_path):
    # An image folder of RGB squares, one colour per word, each with a little noise.
    rng = np.random.default_rng(0)
    for word, colour in {"red": (200, 30, 30), "green": (30, 200, 30), "blue": (30, 30, 200)}.items():
        (tmp_path / "photos" / word).mkdir(parents=True)
        for i in range(20):
            pixels = np.clip(np.array(colour) + rng.normal(0, 20, (16, 16, 3)), 0, 255).astype(np.uint8)
            Image.fromarray(pixels).save(tmp_path / "photos" / word / f"{i:02d}.png")
    options = {"data_dir": str(tmp_path / "photos"), "size": 16}
    trained = train_evaluator("image-folder", options, epochs=3, batch_size=8, lr=0.01)
    assert trained.info.words == ["blue", "green", "red"]
    assert trained.info.image_shape == (3, 16, 16)
    assert trained.info.command.startswith("wordgan evaluator train --dataset image-folder --dataset-option data_dir=")
    assert trained.info.test_accuracy == 1.0
    loaded = Evaluator.load(trained.save(tmp_path / "photos.safetensors"))
    assert loaded.predict(torch.zeros(2, 3, 16, 16, dtype=torch.uint8))[1].shape == (2, 128)


@pytest.mark.parametrize("augment", ["strong", "none"])
def test_wider_evaluators_with_other_augmentations_train_save_and_load(tmp_path, augment):
    from wordgan.evaluation.judge.training import _strong

    trained = train_evaluator("fashion-mnist", epochs=1, limit_per_class=10, augment=augment, width=8, label_smoothing=0.1)
    assert trained.info.width == 8 and trained.info.settings["augment"] == augment
    assert "--width 8" in trained.info.command and "--label-smoothing 0.1" in trained.info.command
    loaded = Evaluator.load(trained.save(tmp_path / "narrow.safetensors"))
    assert loaded.net.width == 8 and loaded.net.body[0][0].out_channels == 8
    images = torch.rand(16, 1, 28, 28) * 2 - 1
    moved = _strong(images, torch.Generator().manual_seed(0))
    assert moved.shape == images.shape and moved.min() >= -1 and moved.max() <= 1 and not torch.equal(moved, images)
    assert torch.equal(moved, _strong(images, torch.Generator().manual_seed(0)))  # the same seed, the same views


def test_unknown_augmentation_is_refused():
    with pytest.raises(WordganError, match="unknown evaluator augmentation 'flip'"):
        train_evaluator("fashion-mnist", augment="flip")
