"""Where a run's numbers go: metrics.jsonl every --log-every steps, TensorBoard event files, Weights & Biases
(offline, as W&B itself writes it; no network)."""
from __future__ import annotations

import json

import pytest

from wordgan.errors import WordganError
from wordgan.testing import tiny_train_config
from wordgan.training.trainer import train
from wordgan.training.settings import resumed_config


def test_metrics_get_a_line_every_log_every_steps(tmp_path):
    run = train(tiny_train_config(tmp_path / "run", steps=6, log_every=2), progress=False)
    lines = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    assert [line["step"] for line in lines] == [2, 4, 6]
    assert all({"d_loss", "g_loss", "images_per_s", "elapsed_s", "lr_g", "lr_d"} <= set(line) for line in lines)


def test_tensorboard_gets_the_scalars_and_the_sample_grids(tmp_path):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    run = train(tiny_train_config(tmp_path / "run", steps=6, log_every=2, sample_every=3, tensorboard=True), progress=False)
    events = EventAccumulator(str(run / "tensorboard"), size_guidance={"images": 0, "scalars": 0}).Reload()
    assert {"train/d_loss", "train/g_loss", "train/images_per_s", "train/lr_g", "train/lr_d"} <= set(events.Tags()["scalars"])
    assert [e.step for e in events.Scalars("train/g_loss")] == [2, 4, 6]
    assert [e.step for e in events.Images("samples")] == [3, 6]


def test_wandb_offline_logs_into_the_run_and_a_resume_continues_the_same_wandb_run(tmp_path, monkeypatch):
    pytest.importorskip("wandb")
    monkeypatch.setenv("WANDB_MODE", "offline")
    monkeypatch.setenv("WANDB_SILENT", "true")
    run = train(tiny_train_config(tmp_path / "run", steps=4, log_every=2, wandb="wordgan-tests"), progress=False)
    run_id = (run / "wandb" / "run-id").read_text().strip()
    assert [p.name for p in (run / "wandb").glob("offline-run-*")] and any((run / "wandb").glob(f"offline-run-*-{run_id}/run-{run_id}.wandb"))
    train(resumed_config(run, steps=6), resume=True, progress=False)
    assert (run / "wandb" / "run-id").read_text().strip() == run_id  # the same W&B run, continued


def test_wandb_without_an_api_key_is_one_line_and_writes_nothing(tmp_path, monkeypatch):
    pytest.importorskip("wandb")
    monkeypatch.delenv("WANDB_MODE", raising=False)
    monkeypatch.delenv("WANDB_API_KEY", raising=False)
    monkeypatch.setenv("WANDB_CONFIG_DIR", str(tmp_path / "no-login"))  # no ~/.netrc login is read either
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    with pytest.raises(WordganError, match="W&B refused to start: .*WANDB_MODE=offline"):
        train(tiny_train_config(tmp_path / "run", wandb="wordgan-tests"), progress=False)
    assert not (tmp_path / "run" / "config.json").exists() and not (tmp_path / "run" / "wandb" / "run-id").exists()


def test_eval_every_judges_into_metrics_and_keeps_the_best_checkpoint(make_config):
    """--eval-every (issue 21): scores as `wordgan evaluate` computes them, every N steps, and the best checkpoint."""
    from wordgan.model.word_model import WordModel

    run = train(make_config("judged", steps=4, eval_every=2, checkpoint_every=4), progress=False)
    evaluations = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines() if '"eval"' in line]
    assert [e["step"] for e in evaluations] == [2, 4]
    for e in evaluations:
        assert 0 <= e["eval"]["seen_accuracy"] <= 1 and e["eval"]["frechet"] >= 0 and 0 <= e["eval"]["zero_shot"] <= 1
    best = max(evaluations, key=lambda e: e["eval"]["seen_accuracy"])  # the first of equals is kept
    assert WordModel.load(run / "best.safetensors").step == best["step"]
