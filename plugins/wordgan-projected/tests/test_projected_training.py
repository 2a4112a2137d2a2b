"""A tiny real training stays finite; its checkpoint holds D's heads but not the pretrained network, and draws."""
import json

import torch
from safetensors import safe_open

from wordgan import WordModel, train
from wordgan.testing import tiny_train_config

from conftest import TINY


def test_tiny_training_is_finite_and_its_checkpoint_generates(tmp_path):
    config = tiny_train_config(tmp_path, gan="projected", gan_options=TINY, loss="hinge", diffaugment="color,translation,cutout")
    run = train(config, progress=False)
    records = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    losses = torch.tensor([[r["d_loss"], r["g_loss"]] for r in records if "d_loss" in r])
    assert len(losses) and torch.isfinite(losses).all()
    with safe_open(str(run / "checkpoint.safetensors"), "pt") as handle:
        d_keys = [k for k in handle.keys() if k.startswith("discriminator.")]
    assert d_keys and all(k.split(".")[1] in ("projection", "heads") for k in d_keys)
    model = WordModel.load(run)
    assert model.metadata["gan"] == "projected"
    images = model.generate(["boots", "slipper"], n=3)
    assert images.shape == (2, 3, 1, 28, 28) and images.float().std() > 0


def test_tiny_bf16_training_is_finite(tmp_path):
    config = tiny_train_config(tmp_path, gan="projected", gan_options=TINY, loss="hinge", precision="bf16", steps=4)
    run = train(config, progress=False)
    records = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    assert all(torch.isfinite(torch.tensor([r["d_loss"], r["g_loss"]])).all() for r in records if "d_loss" in r)
