"""wordgan.safety on real files: which reads the backstop refuses, which it lets through, and the path rules."""
from __future__ import annotations

import io
import pickle
import threading

import numpy as np
import pytest
import torch
from gensim.models import KeyedVectors
from safetensors.torch import load_file, save_file

from wordgan.errors import UnsafeFileError, WordganError
from wordgan.safety import reading_pickle, refuse_pickle, resolve_path, untrusted, untrusted_origin
from wordgan.testing import write_hostile_pickle


@pytest.fixture
def model_folder(tmp_path):
    folder = tmp_path / "downloaded"
    folder.mkdir()
    return folder


def test_relative_paths_mean_the_checkpoint_folder_inside_and_the_current_folder_outside(model_folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_path("vectors.bin") == tmp_path / "vectors.bin"
    with untrusted(model_folder / "model.safetensors") as origin:
        assert origin == model_folder / "model.safetensors" and untrusted_origin() == origin
        assert resolve_path("vectors.bin") == model_folder / "vectors.bin"
        assert resolve_path("sub/../v.txt") == model_folder / "v.txt"
        assert resolve_path(tmp_path / "abs.bin") == tmp_path / "abs.bin"
    with untrusted(model_folder):  # a run directory as the origin
        assert resolve_path("vectors.bin") == model_folder / "vectors.bin"
    assert untrusted_origin() is None


def test_refuse_pickle_names_the_file_the_checkpoint_and_the_flag(model_folder):
    refuse_pickle(model_folder / "v.kv", "gensim vectors")  # outside: the caller's own files
    with untrusted(model_folder / "model.safetensors"):
        with pytest.raises(UnsafeFileError) as refused:
            refuse_pickle(model_folder / "v.kv", "gensim vectors")
    message = str(refused.value)
    assert "\n" not in message and isinstance(refused.value, WordganError)
    assert str(model_folder / "v.kv") in message and "model.safetensors" in message
    assert f"--trust-file {model_folder / 'v.kv'}" in message


def test_trusted_files_and_folders_may_be_read(model_folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (model_folder / "sub").mkdir()
    with untrusted(model_folder / "model.safetensors", trusted_files=["downloaded/v.kv"]):
        refuse_pickle(model_folder / "v.kv", "vectors")
        with pytest.raises(UnsafeFileError):
            refuse_pickle(model_folder / "other.kv", "vectors")
    with untrusted(model_folder / "model.safetensors", trusted_files=[model_folder / "sub"]):
        refuse_pickle(model_folder / "sub" / "w.pt", "weights")


def _gensim(path):
    vectors = KeyedVectors(3)
    vectors.add_vectors(["a", "b"], np.ones((2, 3), np.float32))
    vectors.save(str(path))
    return lambda: KeyedVectors.load(str(path))


def _torch_full(path):
    torch.save({"w": torch.ones(2)}, path)
    return lambda: torch.load(path, weights_only=False)


def _plain_pickle(path):
    path.write_bytes(pickle.dumps(np.arange(3)))
    return lambda: pickle.loads(path.read_bytes())


def _python_unpickler(path):
    path.write_bytes(pickle.dumps(np.arange(3)))
    return lambda: pickle._Unpickler(io.BytesIO(path.read_bytes())).load()  # the pure-Python unpickler too


@pytest.mark.parametrize("make", [_gensim, _torch_full, _plain_pickle, _python_unpickler])
def test_the_backstop_refuses_every_unpickling_of_objects(model_folder, make):
    read = make(model_folder / "file")
    read()  # outside the context nothing changes
    with pytest.raises(UnsafeFileError, match=f"last file opened: {model_folder / 'file'}"):
        with untrusted(model_folder / "model.safetensors"):
            read()


def test_the_backstop_stops_a_hostile_pickle_before_it_runs(model_folder, tmp_path):
    hostile = write_hostile_pickle(model_folder / "weights.pt", tmp_path / "ran")
    with pytest.raises(UnsafeFileError, match="builtins.exec"):
        with untrusted(model_folder / "model.safetensors"):
            torch.load(hostile, weights_only=False)
    assert not (tmp_path / "ran").exists()


def test_safe_formats_pass_the_backstop(model_folder):
    torch.save({"w": torch.arange(3.0)}, model_folder / "w.pt")
    save_file({"w": torch.arange(3.0)}, str(model_folder / "w.safetensors"))
    (model_folder / "plain.pkl").write_bytes(pickle.dumps({"words": ["a", "b"], "n": 2, "x": 1.5}))
    with untrusted(model_folder / "model.safetensors"):
        assert torch.load(model_folder / "w.pt", weights_only=True)["w"].tolist() == [0, 1, 2]
        assert load_file(str(model_folder / "w.safetensors"))["w"].tolist() == [0, 1, 2]
        assert pickle.loads((model_folder / "plain.pkl").read_bytes())["n"] == 2  # data only: no code can run
        np.load(_npy(model_folder), allow_pickle=False)


def _npy(folder):
    np.save(folder / "v.npy", np.ones(3))
    return folder / "v.npy"


def test_reading_pickle_lets_a_trusted_file_past_the_backstop(model_folder):
    read = _gensim(model_folder / "v.kv")
    with untrusted(model_folder / "model.safetensors", trusted_files=[model_folder / "v.kv"]):
        with reading_pickle(model_folder / "v.kv", "gensim vectors"):
            assert len(read()) == 2
    with pytest.raises(UnsafeFileError):
        with untrusted(model_folder / "model.safetensors", trusted_files=[model_folder / "v.kv"]):
            read()  # trusted, but read without reading_pickle: the backstop cannot tell which file it is


def test_a_refusal_the_plugin_swallows_is_raised_when_the_context_ends(model_folder):
    read = _gensim(model_folder / "v.kv")
    with pytest.raises(UnsafeFileError, match="gensim.models.keyedvectors.KeyedVectors"):
        with untrusted(model_folder / "model.safetensors"):
            try:
                read()
            except Exception:
                pass  # a plugin with a broad except
    with pytest.raises(UnsafeFileError) as refused:
        with untrusted(model_folder / "model.safetensors"):
            try:
                read()
            except Exception as exc:
                raise WordganError(f"could not read the vectors: {exc}") from exc
    assert "could not read" not in str(refused.value)


def test_contexts_are_per_thread(model_folder):
    """A web server may load a checkpoint in one thread while another reads the user's own pickle."""
    read = _gensim(model_folder / "v.kv")
    inside, done = threading.Event(), threading.Event()
    outcome = {}

    def load_a_checkpoint():
        try:
            with untrusted(model_folder / "model.safetensors"):
                inside.set()
                done.wait(10)
                read()
        except UnsafeFileError:
            outcome["refused"] = True

    worker = threading.Thread(target=load_a_checkpoint)
    worker.start()
    inside.wait(10)
    assert untrusted_origin() is None and len(read()) == 2  # this thread is not inside the context
    done.set()
    worker.join()
    assert outcome == {"refused": True}
