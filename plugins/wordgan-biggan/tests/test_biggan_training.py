"""A tiny real training with the hinge loss stays finite, and its checkpoint loads back and draws."""
import json

import pytest
import torch

from wordgan.model.word_model import WordModel
from wordgan.testing import tiny_train_config
from wordgan.training.trainer import train


@pytest.mark.parametrize("attention", [None, 14])
def test_tiny_training_is_finite_and_its_checkpoint_generates(tmp_path, attention):
    options = {"ch": 4, "shared_dim": 8, "attention": attention}
    run = train(tiny_train_config(tmp_path, gan="biggan", gan_options=options, loss="hinge"), progress=False)
    records = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    assert records and all(torch.isfinite(torch.tensor([r["d_loss"], r["g_loss"]])).all() for r in records)
    model = WordModel.load(run)
    assert model.metadata["gan"] == "biggan" and model.metadata["gan_options"] == options
    images = model.generate(["boots", "slipper"], n=3)
    assert images.shape == (2, 3, 1, 28, 28) and images.dtype == torch.uint8
    assert images.float().std() > 0
