"""Runs never mix and nothing saved is lost: the lock, half runs, resume's own config, stale temp files."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from wordgan.checkpoint import store
from wordgan.cli import main
from wordgan.errors import WordganError
from wordgan.training.trainer import train
from wordgan.training.settings import resumed_config
from wordgan.training.run_dir import RunDir

HOLD_LOCK = """
import sys, time
from wordgan.training.run_dir import RunDir
run = RunDir(sys.argv[1])
run.lock()  # held while run lives
print("locked", flush=True)
time.sleep(60)
"""


def test_a_second_training_into_a_run_in_use_is_refused(tmp_path, make_config):
    out = tmp_path / "busy"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(WordganError, match=rf"in use by another training \(pid {holder.pid}"):
            train(make_config("busy"), progress=False)
        assert not (out / "config.json").exists()
    finally:
        holder.kill()
        holder.wait()
    # The holder died without unlocking: its lock is stale, reported, and taken over.
    note = RunDir(out).lock()
    assert note and f"pid {holder.pid}" in note


def test_a_folder_with_the_metrics_of_an_unsaved_run_is_left_alone(make_config):
    config = make_config("half")
    run = RunDir(config.out)
    run.path.mkdir(parents=True)
    run.config_path.write_text('{"mine": true}\n')
    run.metrics_path.write_text('{"step": 50, "d_loss": 1.0}\n')
    with pytest.raises(WordganError, match="metrics.jsonl of a run that saved no checkpoint"):
        train(config, progress=False)
    assert run.config_path.read_text() == '{"mine": true}\n' and run.metrics_path.exists()


def test_a_config_json_that_is_not_a_runs_is_left_alone(make_config):
    """--out . in a project folder: its own config.json is not a failed run's, and is not replaced."""
    config = make_config("project")
    run = RunDir(config.out)
    run.path.mkdir(parents=True)
    run.config_path.write_text('{"compilerOptions": {"strict": true}}\n')
    with pytest.raises(WordganError, match="is not the config of a wordgan run"):
        train(config, progress=False)
    assert run.config_path.read_text() == '{"compilerOptions": {"strict": true}}\n'
    assert sorted(p.name for p in run.path.iterdir()) == ["config.json"]  # and no .lock left behind (issue 21)


def test_a_run_that_fails_to_start_leaves_no_lock_and_no_folder(make_config, tmp_path):
    with pytest.raises(WordganError, match="cannot hold out"):
        train(make_config("never", holdout=["hats"]), progress=False)
    assert not (tmp_path / "never").exists()


def test_resume_drops_a_partial_last_line_and_a_line_without_a_step(make_config):
    run = train(make_config("cut", steps=4, log_every=2), progress=False)
    metrics = run / "metrics.jsonl"
    metrics.write_text(metrics.read_text() + '{"d_loss": 1.0}\n{"step": 6, "d_lo')  # as a killed write leaves it
    train(resumed_config(run, steps=6), resume=True, progress=False)
    steps = [json.loads(line)["step"] for line in metrics.read_text().splitlines()]
    assert steps == [2, 4, 6]


def test_the_config_json_of_a_run_that_failed_to_start_is_replaced(make_config):
    config = make_config("failed", steps=2)
    run = RunDir(config.out)
    run.path.mkdir(parents=True)
    run.write_config(make_config("failed", steps=99))  # what a start that crashed before its first step leaves
    train(config, progress=False)
    assert json.loads(run.config_path.read_text())["steps"] == 2


def test_resume_uses_the_checkpoint_config_not_config_json(make_config):
    run = train(make_config("tampered", steps=3), progress=False)
    settings = json.loads((run / "config.json").read_text())
    settings["lr_g"], settings["seed"] = 0.5, 99  # another process (or a person) rewrote it
    (run / "config.json").write_text(json.dumps(settings))
    config = resumed_config(run, steps=4)
    assert config.lr_g == 2e-4 and config.seed == 0
    train(config, resume=True, progress=False)
    assert store.read_metadata(run)["config"]["lr_g"] == 2e-4
    assert json.loads((run / "config.json").read_text())["lr_g"] == 2e-4  # repaired from the checkpoint


def test_resume_to_fewer_steps_changes_nothing(make_config):
    run = train(make_config("ahead", steps=4), progress=False)
    before = {p.name: p.stat().st_mtime_ns for p in run.iterdir() if p.is_file()}
    result = CliRunner().invoke(main, ["train", "-o", str(run), "--resume", "--steps", "2"])
    assert result.exit_code == 0, result.output
    assert "already at step 4" in result.output and "at step 4;" in result.output
    assert {p.name: p.stat().st_mtime_ns for p in run.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("flags", [["--steps", "-5"], ["--steps", "0"], ["--batch-size", "0"], ["--ema", "1.5"], ["--diffaugment", "blur"], ["--device", "tpu"]])
def test_nonsense_settings_are_one_line_errors(tmp_path, flags):
    result = CliRunner().invoke(main, ["train", "-o", str(tmp_path / "x"), "--embedder", "word2vec", "--vocabulary", "none", "--limit-per-class", "20", *flags])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1].startswith("Error")
    assert not (tmp_path / "x" / "config.json").exists()


def test_resume_refuses_settings_that_would_change_the_run(make_config):
    run = train(make_config("fixed", steps=2), progress=False)
    result = CliRunner().invoke(main, ["train", "-o", str(run), "--resume", "--steps", "4", "--lr-g", "0.1"])
    assert result.exit_code == 2 and "lr_g" in result.output
    with pytest.raises(WordganError, match="seed"):
        resumed_config(run, 4, seed=3)


def test_half_written_files_of_a_killed_save_are_removed(make_config):
    run = train(make_config("debris", steps=2), progress=False)
    debris = [run / ".checkpoint.safetensors.abc123.part", run / "samples" / ".step_0000004.png.x1.part"]
    for path in debris:
        path.write_bytes(b"half")
    train(resumed_config(run, steps=3), resume=True, progress=False)
    assert not any(path.exists() for path in debris)


def test_a_config_file_with_flags_overriding(tmp_path):
    config = tmp_path / "run.toml"
    config.write_text('embedder = "word2vec"\nvocabulary = "none"\nlimit_per_class = 20\nbatch_size = 32\nsteps = 2\n'
                      'probe_words = ["slipper"]\nsnap_temperature = "raw"\ngan_options = { width = 8, max_width = 16 }\n')
    result = CliRunner().invoke(main, ["train", "--config", str(config), "--steps", "3", "-o", str(tmp_path / "r"), "-q", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1]) == {"run": str(tmp_path / "r"), "step": 3}
    stored = store.read_metadata(tmp_path / "r")["config"]
    assert stored["steps"] == 3 and stored["batch_size"] == 32 and stored["snap_temperature"] is None
    # A run's own config.json repeats it elsewhere.
    again = CliRunner().invoke(main, ["train", "--config", str(tmp_path / "r" / "config.json"), "-o", str(tmp_path / "r2"), "-q"])
    assert again.exit_code == 0, again.output
    assert store.read_metadata(tmp_path / "r2")["config"] == {**stored, "out": str(tmp_path / "r2")}


def test_resume_reads_no_pickle_the_checkpoint_names_unless_trusted(make_config, tmp_path):
    from gensim.models import KeyedVectors

    from wordgan.plugins.build import build_embedder
    from wordgan.errors import UnsafeFileError

    glove = build_embedder("word2vec")
    words = ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots", "slipper"]
    vectors = KeyedVectors(glove.dim)
    vectors.add_vectors(words, glove.encode(words))
    kv = tmp_path / "mine.kv"
    vectors.save(str(kv))  # a gensim pickle: fine to train from (the user named it), not to resume blindly
    run = train(make_config("kv", steps=2, embedder_options={"vectors": str(kv), "format": "kv"}), progress=False)
    with pytest.raises(UnsafeFileError, match="mine.kv"):
        train(resumed_config(run, steps=3), resume=True, progress=False)
    assert store.read_metadata(run)["step"] == 2
    train(resumed_config(run, steps=3), resume=True, progress=False, trusted_files=[kv])
    assert store.read_metadata(run)["step"] == 3


def _rewrite(path, change_metadata=lambda m: None, keep=lambda name: True):
    """The checkpoint at ``path`` with its metadata passed through ``change_metadata`` and only the tensors
    ``keep`` names, as a hand edit or a damaged copy would leave it."""
    from safetensors import safe_open
    from safetensors.torch import load_file, save_file

    with safe_open(str(path), "pt") as handle:
        header = handle.metadata()
    metadata = json.loads(header["wordgan"])
    change_metadata(metadata)
    tensors = {k: v for k, v in load_file(str(path)).items() if keep(k)}
    save_file(tensors, str(path), metadata={**header, "wordgan": json.dumps(metadata)})


@pytest.mark.parametrize(
    "damage, expected",
    [
        ({"change_metadata": lambda m: m.update(step="many")}, "'step' must be an integer, got 'many'"),
        ({"change_metadata": lambda m: m["config"].update(lr_g="fast")}, "'config.lr_g' must be a number"),
        ({"change_metadata": lambda m: m.pop("config")}, "lacks the field 'config'"),
        ({"change_metadata": lambda m: m.update(label_words=5)}, "'label_words' must be a list of strings"),
        ({"change_metadata": lambda m: m.update(optimizers=5)}, "'optimizers' must be"),
        ({"change_metadata": lambda m: m["optimizers"].pop("generator")}, "lacks the training state ['generator']"),
        ({"change_metadata": lambda m: m["optimizers"]["generator"].update(param_groups=[{}, {}])}, "cannot be restored"),
        ({"change_metadata": lambda m: m.update(scalers=[1])}, "'scalers' must be"),
        ({"keep": lambda k: k != "rng.noise"}, "lacks the training state ['rng.noise']"),
        ({"keep": lambda k: not k.startswith("optimizer.generator.")}, "lacks the training state ['optimizer.generator']"),
        ({"keep": lambda k: not k.startswith("discriminator.")}, "cannot be restored: Error(s) in loading state_dict"),
        ({"keep": lambda k: k != "conditions.labels"}, "lacks the tensor 'conditions.labels'"),
    ],
)
def test_resume_of_a_damaged_checkpoint_is_one_line_and_changes_nothing(make_config, damage, expected):
    """--resume reads the checkpoint through the same schema as loading a model (wordgan.checkpoint.metadata)."""
    run = train(make_config("damaged", steps=2), progress=False)
    _rewrite(run / "checkpoint.safetensors", **damage)
    before = (run / "checkpoint.safetensors").read_bytes()
    result = CliRunner().invoke(main, ["train", "-o", str(run), "--resume", "--steps", "4"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    error = result.output.strip().splitlines()[-1]
    assert error.startswith("Error: ") and str(run / "checkpoint.safetensors") in error and expected in error, error
    assert (run / "checkpoint.safetensors").read_bytes() == before
