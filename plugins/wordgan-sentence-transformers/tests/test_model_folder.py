"""Model folders a checkpoint may name, made from the bundled all-MiniLM-L6-v2: a safetensors index that maps
weights to a pickle, broken weights and indexes, and a genuine sharded folder that must still load."""
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from safetensors import safe_open
from safetensors.torch import load_file, save_file

import wordgan
from wordgan.cli import main
from wordgan.errors import UnsafeFileError, WordganError
from wordgan.safety import untrusted
from wordgan.testing import write_hostile_pickle
from wordgan_sentence_transformers import SentenceTransformerEmbedder, bundled_model_path

INDEX = "model.safetensors.index.json"
SHIPPED = Path(__file__).resolve().parents[3] / "checkpoints" / "sentence-transformers-dcgan-fashion-mnist.safetensors"
WORDS = ["sandals", "long sleeve shirt", "bag"]


def minilm_without_weights(folder):
    """The bundled model's files (linked) but its model.safetensors, which each test replaces."""
    folder.mkdir(parents=True)
    for item in bundled_model_path().iterdir():
        if item.name != "model.safetensors":
            (folder / item.name).symlink_to(item)
    return folder


def write_index(folder, weight_map):
    (folder / INDEX).write_text(json.dumps({"metadata": {}, "weight_map": weight_map}))


def build_for_checkpoint(tmp_path, model="model", **options):
    with untrusted(tmp_path / "downloaded" / "model.safetensors"):
        return wordgan.build_embedder("sentence-transformers", model=model, **options)


@pytest.mark.parametrize("target", ["pytorch_model.bin", "weights.dat"])
def test_an_index_that_maps_weights_to_a_pickle_is_refused(tmp_path, target):
    """transformers follows the index and reads a file that is not .safetensors with torch.load; only torch's
    weights_only unpickler stood in the way, which wordgan's audit hook does not see."""
    folder = minilm_without_weights(tmp_path / "downloaded" / "model")
    write_hostile_pickle(folder / target, tmp_path / "ran")
    write_index(folder, {"embeddings.word_embeddings.weight": target})
    with pytest.raises(UnsafeFileError) as refused:
        build_for_checkpoint(tmp_path)
    assert str(refused.value).startswith(f"{folder / target} (weights that {INDEX} maps to, ")
    assert f"--trust-file {folder / target}" in str(refused.value)
    assert not (tmp_path / "ran").exists()


def test_an_index_does_not_excuse_pickles_that_a_module_reads(tmp_path):
    """sentence-transformers' own modules (Dense, ...) never read an index: without model.safetensors they
    read pytorch_model.bin."""
    folder = minilm_without_weights(tmp_path / "downloaded" / "model")
    (folder / "model.safetensors").symlink_to(bundled_model_path() / "model.safetensors")
    dense = folder / "2_Dense"
    dense.mkdir()
    write_index(dense, {})  # an index of nothing, beside the pickle the module would read
    write_hostile_pickle(dense / "pytorch_model.bin", tmp_path / "ran")
    with pytest.raises(UnsafeFileError, match="2_Dense/pytorch_model.bin .PyTorch weights."):
        build_for_checkpoint(tmp_path)
    assert not (tmp_path / "ran").exists()


def test_a_sharded_safetensors_model_still_loads(tmp_path):
    """The index's job, kept: weights split over two .safetensors files load as the single file does."""
    folder = minilm_without_weights(tmp_path / "downloaded" / "model")
    tensors = load_file(str(bundled_model_path() / "model.safetensors"))
    names = sorted(tensors)
    shards = {"model-00001-of-00002.safetensors": names[: len(names) // 2],
              "model-00002-of-00002.safetensors": names[len(names) // 2:]}
    for shard, shard_names in shards.items():
        save_file({name: tensors[name] for name in shard_names}, str(folder / shard), metadata={"format": "pt"})
    write_index(folder, {name: shard for shard, shard_names in shards.items() for name in shard_names})
    sharded = build_for_checkpoint(tmp_path)
    np.testing.assert_allclose(sharded.encode(WORDS), wordgan.build_embedder("sentence-transformers").encode(WORDS),
                               atol=1e-5)


@pytest.mark.parametrize(
    "index, expected",
    [
        ({"metadata": {"total_size": 1}}, "is not a safetensors index: it has no weight_map"),
        ([1, 2], "is not a safetensors index: it has no weight_map"),
        ({"weight_map": {"x": 5}}, "is not a safetensors index: it has no weight_map"),
        ("{not json", "is not a safetensors index (JSONDecodeError: "),
    ],
    ids=["no-weight-map", "a-list", "not-file-names", "not-json"],
)
def test_a_broken_index_is_one_line_naming_it(tmp_path, index, expected):
    folder = minilm_without_weights(tmp_path / "model")
    (folder / INDEX).write_text(index if isinstance(index, str) else json.dumps(index))
    with pytest.raises(WordganError) as refused:
        SentenceTransformerEmbedder(model=str(folder))  # the user's own folder: an error all the same
    assert str(refused.value).startswith(f"{folder / INDEX} {expected}") and "\n" not in str(refused.value)


@pytest.mark.parametrize("where", ["model.safetensors", "model-00001-of-00001.safetensors"])
def test_garbage_weights_are_one_line_naming_the_file(tmp_path, where):
    folder = minilm_without_weights(tmp_path / "model")
    (folder / where).write_bytes(b"\xff" * 100)  # was safetensors' SafetensorError traceback from transformers
    if where != "model.safetensors":
        write_index(folder, {"embeddings.word_embeddings.weight": where})
    with pytest.raises(WordganError) as refused:
        SentenceTransformerEmbedder(model=str(folder))
    assert str(refused.value) == (f"{folder / where} is not a readable safetensors file: "
                                  "Error while deserializing header: header too large")


def test_similar_refuses_the_index_in_one_line(tmp_path, monkeypatch):
    """Through the command a user runs, on the shipped checkpoint rewritten to name such a folder."""
    folder = minilm_without_weights(tmp_path / "downloaded" / "model")
    write_hostile_pickle(folder / "pytorch_model.bin", tmp_path / "ran")
    write_index(folder, {"embeddings.word_embeddings.weight": "pytorch_model.bin"})
    with safe_open(str(SHIPPED), "pt") as handle:
        header = handle.metadata()
    metadata = json.loads(header["wordgan"])
    metadata["embedder"] = {"name": "sentence-transformers", "options": {"model": "model"}}
    header["wordgan"] = json.dumps(metadata)
    checkpoint = tmp_path / "downloaded" / "model.safetensors"
    save_file(load_file(str(SHIPPED)), str(checkpoint), metadata=header)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["similar", str(checkpoint), "slipper", "-q"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {folder / 'pytorch_model.bin'} (weights that {INDEX} maps "
        f"to, which transformers reads with torch.load) is a pickle, which runs code when read, and it is named by "
        f"the checkpoint {checkpoint}; if you trust that file, pass --trust-file {folder / 'pytorch_model.bin'}"]
    assert not (tmp_path / "ran").exists()

