"""The sentence-transformers embedder on the real all-MiniLM-L6-v2 weights, with the network cut off."""
import json
import socket
import sys

import numpy as np
import pytest
import torch
from safetensors.torch import save_file

import wordgan
from wordgan.errors import UnsafeFileError, WordganError
from wordgan.safety import untrusted
from wordgan.testing import EmbedderContract, write_hostile_pickle
from wordgan_sentence_transformers import SentenceTransformerEmbedder, bundled_model_path

WORDS = "shirts trousers pullover dress coat sandals shirt sneakers bag boots".split()


@pytest.fixture(scope="module")
def embedder():
    """The default embedder, built once (importing sentence-transformers takes seconds) with sockets refused."""
    connect = socket.socket.connect

    def refuse(sock, address):
        raise AssertionError(f"the default model tried to reach the network: {address}")

    socket.socket.connect = refuse
    try:
        return wordgan.build_embedder("sentence-transformers")
    finally:
        socket.socket.connect = connect


class TestSentenceTransformersContract(EmbedderContract):
    known_words = ("sandals", "running shoes", "long sleeve shirt")
    unknown_word = None  # a transformer embeds any string
    # A model folder whose weights exist only as a pickle, at its top and in a module's sub-folder.
    pickle_options = (
        ("pickled/pytorch_model.bin", {"model": "pickled"}),
        ("dense/2_Dense/pytorch_model.bin", {"model": "dense"}),
    )

    @pytest.fixture
    def embedder(self, embedder):
        return embedder


def test_dimension_comes_from_the_model(embedder):
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.dim == 384
    assert embedder.spec.to_dict() == {"name": "sentence-transformers", "options": {}}


def test_output_is_normalised(embedder):
    vectors = embedder.encode(["running shoes", "long sleeve shirt", "black leather boots", "bag"])
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_running_shoes_are_closer_to_sneakers_than_to_a_bag(embedder):
    sneakers, bag = embedder.similarity("running shoes", ["sneakers", "bag"])
    assert sneakers > bag + 0.1


def test_batch_matches_one_at_a_time(embedder):
    batch = embedder.encode(WORDS)
    single = np.stack([embedder.embed(word) for word in WORDS])
    np.testing.assert_allclose(batch, single, atol=1e-5)


def test_unseen_words_are_embedded(embedder):
    assert embedder.knows("sandalz") and embedder.knows("kimono")


def test_model_by_path_gives_the_same_vectors(embedder):
    by_path = SentenceTransformerEmbedder(model=str(bundled_model_path()))
    np.testing.assert_allclose(by_path.encode(WORDS), embedder.encode(WORDS), atol=1e-5)


@pytest.mark.parametrize("batch_size", ["x", 0, -3, True, 2.5])
def test_a_bad_batch_size_is_refused_when_built_not_at_the_first_encode(batch_size):
    with pytest.raises(WordganError, match=f"option batch_size must be a positive whole number, got {batch_size!r}"):
        wordgan.build_embedder("sentence-transformers", batch_size=batch_size)


def test_a_folder_without_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(WordganError, match="could not load the SentenceTransformer model"):
        SentenceTransformerEmbedder(model=str(tmp_path))


def copy_of_minilm(folder, change_modules=None):
    """A model folder as someone would share it: the bundled MiniLM's files (linked), modules.json editable."""
    folder.mkdir(parents=True)
    for item in bundled_model_path().iterdir():
        if item.name != "modules.json":
            (folder / item.name).symlink_to(item)
    modules = json.loads((bundled_model_path() / "modules.json").read_text())
    (folder / "modules.json").write_text(json.dumps(change_modules(modules) if change_modules else modules))
    return folder


def test_a_checkpoints_relative_model_folder_means_the_checkpoints_folder(embedder, tmp_path, monkeypatch):
    copy_of_minilm(tmp_path / "downloaded" / "minilm")
    monkeypatch.chdir(tmp_path)  # a "minilm" here would be the wrong one
    with untrusted(tmp_path / "downloaded" / "model.safetensors"):
        rebuilt = wordgan.build_embedder("sentence-transformers", model="minilm")
        np.testing.assert_allclose(rebuilt.encode(WORDS), embedder.encode(WORDS), atol=1e-5)


def test_a_model_folder_never_runs_its_own_code(tmp_path):
    """modules.json may name any importable class; outside sentence_transformers that is remote code."""
    marker = tmp_path / "ran"
    (tmp_path / "evil_module.py").write_text(f"open({str(marker)!r}, 'w').close()\nclass Evil: pass\n")
    sys.path.insert(0, str(tmp_path))
    try:
        copy_of_minilm(tmp_path / "downloaded" / "model", lambda m: [dict(m[0], type="evil_module.Evil"), *m[1:]])
        with pytest.raises(WordganError, match="could not load the SentenceTransformer model") as refused:
            with untrusted(tmp_path / "downloaded" / "model.safetensors"):
                wordgan.build_embedder("sentence-transformers", model="model")
    finally:
        sys.path.remove(str(tmp_path))
    assert not marker.exists()
    assert "\n" not in str(refused.value)  # sentence-transformers' message spans lines; the CLI prints one


def test_a_config_json_naming_its_own_code_never_runs_it(tmp_path):
    """transformers' auto_map: config.json may name modelling code in the folder (trust_remote_code stays False)."""
    marker = tmp_path / "ran"
    folder = tmp_path / "downloaded" / "model"
    folder.mkdir(parents=True)
    for item in bundled_model_path().iterdir():
        if item.name != "config.json":
            (folder / item.name).symlink_to(item)
    config = json.loads((bundled_model_path() / "config.json").read_text())
    config["auto_map"] = {"AutoConfig": "evil_code.EvilConfig", "AutoModel": "evil_code.EvilModel"}
    (folder / "config.json").write_text(json.dumps(config))
    (folder / "evil_code.py").write_text(f"open({str(marker)!r}, 'w').close()\nfrom transformers import BertConfig as EvilConfig, BertModel as EvilModel\n")
    with untrusted(tmp_path / "downloaded" / "model.safetensors"):
        assert wordgan.build_embedder("sentence-transformers", model="model").dim == 384  # the library's BertModel
    assert not marker.exists()


def test_another_safetensors_file_does_not_excuse_pickled_weights(tmp_path):
    """transformers looks for model.safetensors; with only decoy.safetensors beside it, pytorch_model.bin
    would be read with torch.load."""
    folder = tmp_path / "downloaded" / "model"
    folder.mkdir(parents=True)
    for item in bundled_model_path().iterdir():
        if item.name != "model.safetensors":
            (folder / item.name).symlink_to(item)
    write_hostile_pickle(folder / "pytorch_model.bin", tmp_path / "ran")
    save_file({"x": torch.zeros(1)}, str(folder / "decoy.safetensors"))
    with pytest.raises(UnsafeFileError, match="pytorch_model.bin"):
        with untrusted(tmp_path / "downloaded" / "model.safetensors"):
            wordgan.build_embedder("sentence-transformers", model="model")
    assert not (tmp_path / "ran").exists()


def test_a_hub_name_a_checkpoint_gives_is_never_downloaded(tmp_path, monkeypatch):
    def refuse(sock, address):
        raise AssertionError(f"tried to reach the network: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    with pytest.raises(WordganError, match="does not download what a checkpoint names"):
        with untrusted(tmp_path / "model.safetensors"):
            wordgan.build_embedder("sentence-transformers", model="someone/not-a-real-model-xyz")


def test_pickled_weights_beside_safetensors_are_not_refused(tmp_path):
    """Only a folder whose weights exist only as pickles is refused: with model.safetensors present it is read."""
    folder = copy_of_minilm(tmp_path / "downloaded" / "model")
    (folder / "training_args.bin").write_bytes(b"not read")
    with untrusted(tmp_path / "downloaded" / "model.safetensors"):
        assert wordgan.build_embedder("sentence-transformers", model="model").dim == 384
