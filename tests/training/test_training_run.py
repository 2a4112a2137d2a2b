"""Short real trainings: run files, reproducibility, exact resume, checkpoint safety."""
from __future__ import annotations

import json
import math
import signal
import subprocess
import sys
import time

import pytest
import torch

from wordgan.checkpoint import store
from wordgan.errors import CheckpointError, WordganError
from wordgan.model.word_model import WordModel
from wordgan.training.trainer import train
from wordgan.training.settings import resumed_config


def generator_weights(run) -> dict[str, torch.Tensor]:
    return store.load_tensors(run, prefix="generator.")


def test_a_run_writes_config_metrics_samples_and_checkpoint(trained_run):
    assert json.loads((trained_run / "config.json").read_text())["steps"] == 6
    metrics = [json.loads(line) for line in (trained_run / "metrics.jsonl").read_text().splitlines()]
    assert [m["step"] for m in metrics] == [2, 4, 6]
    assert all(m["images_per_s"] > 0 and m["d_loss"] == m["d_loss"] for m in metrics)
    assert sorted(p.name for p in (trained_run / "samples").iterdir()) == ["step_0000003.png", "step_0000006.png"]
    meta = store.read_metadata(trained_run)
    assert meta["label_words"][5] == "sandals" and meta["embedder"]["name"] == "word2vec"
    assert meta["image_shape"] == [1, 28, 28] and meta["step"] == 6


def test_checkpoint_reloads_and_generates_the_same_images_for_the_same_seed(trained_run):
    first = WordModel.load(trained_run).generate(["sandals", "slipper"], n=3, seed=7)
    second = WordModel.load(trained_run).generate(["sandals", "slipper"], n=3, seed=7)
    other = WordModel.load(trained_run).generate(["sandals", "slipper"], n=3, seed=8)
    assert first.shape == (2, 3, 1, 28, 28) and first.dtype == torch.uint8
    assert torch.equal(first, second) and not torch.equal(first, other)


def test_same_seed_gives_the_same_run(make_config):
    a = train(make_config("a", steps=3), progress=False)
    b = train(make_config("b", steps=3), progress=False)
    wa, wb = generator_weights(a), generator_weights(b)
    assert all(torch.equal(wa[k], wb[k]) for k in wa)


def test_resume_continues_exactly(make_config):
    straight = train(make_config("straight", steps=6), progress=False)
    train(make_config("split", steps=3), progress=False)
    resumed = train(resumed_config(make_config("split").out, steps=6), resume=True, progress=False)
    a, b = generator_weights(straight), generator_weights(resumed)
    assert all(torch.equal(a[k], b[k]) for k in a)
    steps = [json.loads(line)["step"] for line in (resumed / "metrics.jsonl").read_text().splitlines()]
    assert steps == [2, 3, 4, 6]  # the split run's last step is logged once, not repeated


def test_holdout_removes_the_class_and_keeps_its_word_for_probing(make_config):
    run = train(make_config(holdout=["sneakers"], steps=2), progress=False)
    meta = store.read_metadata(run)
    assert "sneakers" not in meta["label_words"] and len(meta["label_words"]) == 9
    assert meta["all_words"][7] == "sneakers"
    model = WordModel.load(run)
    assert model.generate(["sneakers"], n=2).shape == (1, 2, 1, 28, 28)


def test_matching_aware_training_gives_d_a_loss_of_its_own(make_config):
    """GAN-CLS: with the same seed and batches, D learns something else when real images with a wrong word are
    rejected too; G's first fake batch is the same, so the difference starts in D's loss."""
    plain = train(make_config("plain", steps=1, log_every=1), progress=False)
    aware = train(make_config("aware", steps=1, log_every=1, matching_aware=True), progress=False)
    assert store.read_metadata(aware)["config"]["matching_aware"] is True
    d_plain, d_aware = (store.load_tensors(run, prefix=store.DISCRIMINATOR) for run in (plain, aware))
    assert any(not torch.equal(d_plain[k], d_aware[k]) for k in d_plain)
    loss = lambda run: json.loads((run / "metrics.jsonl").read_text().splitlines()[0])["d_loss"]  # noqa: E731
    assert loss(aware) != loss(plain) and all(map(math.isfinite, (loss(aware), loss(plain))))


def test_an_existing_run_is_never_overwritten(trained_run, make_config):
    before = (trained_run / "checkpoint.safetensors").read_bytes()
    with pytest.raises(WordganError, match="--resume"):
        train(make_config(out=str(trained_run)), progress=False)
    assert (trained_run / "checkpoint.safetensors").read_bytes() == before


def test_corrupt_or_foreign_checkpoints_are_clear_errors(trained_run, tmp_path):
    truncated = tmp_path / "truncated.safetensors"
    truncated.write_bytes((trained_run / "checkpoint.safetensors").read_bytes()[:5000])
    with pytest.raises(CheckpointError, match="corrupt|truncated"):
        WordModel.load(truncated)
    garbage = tmp_path / "garbage.safetensors"
    garbage.write_bytes(b"not a checkpoint at all")
    with pytest.raises(CheckpointError):
        WordModel.load(garbage)
    foreign = tmp_path / "foreign.safetensors"
    from safetensors.torch import save_file

    save_file({"x": torch.zeros(2)}, str(foreign))
    with pytest.raises(CheckpointError, match="not a wordgan checkpoint"):
        WordModel.load(foreign)
    with pytest.raises(CheckpointError, match="no checkpoint"):
        WordModel.load(tmp_path / "missing")


def test_exported_checkpoint_generates_like_the_run_and_cannot_resume(trained_run, tmp_path):
    from wordgan.checkpoint.export import export_generator

    exported = export_generator(trained_run / "checkpoint.safetensors", tmp_path / "model.safetensors")
    assert exported.stat().st_size < (trained_run / "checkpoint.safetensors").stat().st_size / 2
    assert torch.equal(WordModel.load(exported).generate(["bag"], n=2), WordModel.load(trained_run).generate(["bag"], n=2))


@pytest.mark.slow  # a training in a subprocess
@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_saves_a_checkpoint_that_resumes(tmp_path, signal_number):
    out = tmp_path / "interrupted"
    command = [
        sys.executable, "-m", "wordgan", "train", "--out", str(out), "--steps", "100000", "--quiet",
        "--embedder", "word2vec", "--vocabulary", "none", "--ema", "off", "--log-every", "5",
        "--limit-per-class", "20", "--batch-size", "32", "--gan-option", "width=8", "--gan-option", "max_width=16",
        "--sample-every", "100000", "--checkpoint-every", "100000",
    ]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not (out / "metrics.jsonl").exists() and time.time() < deadline:  # 5 steps trained: mid-run
        time.sleep(0.2)
    process.send_signal(signal_number)  # SIGTERM: what schedulers and torchrun send before they kill
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "checkpoint saved" in stderr
    step = store.read_metadata(out)["step"]
    assert step >= 5
    resumed = train(resumed_config(out, steps=step + 2), resume=True, progress=False)
    assert store.read_metadata(resumed)["step"] == step + 2
