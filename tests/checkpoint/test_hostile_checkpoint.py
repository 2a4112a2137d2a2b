"""Issue 10's attack: a checkpoint whose metadata names a hostile pickle beside it. No code may run, and the
error names the file; ``--trust-file`` is the one way to read such a file."""
from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest
from gensim.models import KeyedVectors

from tests.support import SHIPPED, rewrite_checkpoint, with_embedder
from wordgan.errors import UnsafeFileError
from wordgan.evaluation.evaluate import evaluate_run
from wordgan.evaluation.judge.evaluator import shipped_path
from wordgan.model.word_model import WordModel
from wordgan.testing import write_hostile_pickle

KV_SPEC = {"name": "word2vec", "options": {"vectors": "vectors.kv", "format": "kv"}}


@pytest.fixture
def hostile_folder(tmp_path):
    """A downloaded model folder: the shipped tensors in checkpoint.safetensors naming vectors.kv, a pickle
    that creates ``ran`` when read. (A run directory, so `evaluate` takes it too.)"""
    folder = tmp_path / "downloaded"
    rewrite_checkpoint(SHIPPED, folder / "checkpoint.safetensors", with_embedder(KV_SPEC))
    write_hostile_pickle(folder / "vectors.kv", tmp_path / "ran")
    return folder


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """Commands run from another folder, which also holds a vectors.kv: relative paths must not mean it."""
    cwd = tmp_path / "cwd"
    write_hostile_pickle(cwd / "vectors.kv", tmp_path / "ran-from-cwd")
    monkeypatch.chdir(cwd)
    return cwd


@pytest.mark.parametrize(
    "command",
    [
        ["similar", "{model}", "slipper"],
        ["generate", "{model}", "slipper", "-n", "1", "-o", "{out}"],
        ["evaluate", "{run}", "-n", "4", "--quiet"],
    ],
    ids=["similar", "generate", "evaluate"],
)
def test_no_command_runs_the_pickle(cli, hostile_folder, elsewhere, tmp_path, command):
    args = [a.format(model=hostile_folder / "checkpoint.safetensors", run=hostile_folder, out=tmp_path / "out") for a in command]
    result = cli(*args)
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "ran").exists() and not (tmp_path / "ran-from-cwd").exists()
    assert result.output.count("Error: ") == 1 and "Traceback" not in result.output
    error = result.output.split("Error: ", 1)[1]  # (a progress note may precede it on its line)
    assert error.count("\n") == 1 and str(hostile_folder / "vectors.kv") in error and "--trust-file" in error


def test_the_python_api_refuses_it_too(hostile_folder, tmp_path):
    model = WordModel.load(hostile_folder)  # trained words need no embedder: loading is fine
    assert model.generate(["sandals"], n=1).shape == (1, 1, 1, 28, 28)
    with pytest.raises(UnsafeFileError, match="vectors.kv"):
        model.generate(["slipper"], n=1)
    assert not (tmp_path / "ran").exists()


def test_trust_file_reads_the_named_file(cli, tmp_path):
    """Trusted, a real .kv is read: the command then fails only because its vectors are not the model's."""
    folder = tmp_path / "mine"
    rewrite_checkpoint(SHIPPED, folder / "checkpoint.safetensors", with_embedder(KV_SPEC))
    words = ["t-shirt", "trousers", "pullover", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "boots", "slipper"]
    vectors = KeyedVectors(384)
    vectors.add_vectors(words, np.random.default_rng(0).standard_normal((len(words), 384)).astype(np.float32))
    vectors.save(str(folder / "vectors.kv"))

    refused = cli("similar", folder, "slipper")
    assert refused.exit_code == 1 and "is a pickle" in refused.output
    trusted = cli("similar", folder, "slipper", "--trust-file", folder / "vectors.kv")
    assert trusted.exit_code == 1 and "gives other vectors for the label words" in trusted.output


def test_an_absolute_path_to_a_pickle_is_refused_as_well(cli, tmp_path):
    elsewhere = write_hostile_pickle(tmp_path / "somewhere" / "else.kv", tmp_path / "ran")
    spec = {"name": "word2vec", "options": {"vectors": str(elsewhere)}}
    model = rewrite_checkpoint(SHIPPED, tmp_path / "model.safetensors", with_embedder(spec))
    result = cli("similar", model, "slipper")
    assert result.exit_code == 1 and str(elsewhere) in result.output and not (tmp_path / "ran").exists()


def test_a_pickle_inside_a_concat_spec_is_refused(cli, hostile_folder, tmp_path):
    """Built-in embedders that build others (concat) pass the same rules down to their parts."""
    spec = {"name": "concat", "options": {"parts": [{"name": "fasttext", "options": {}}, KV_SPEC]}}
    model = rewrite_checkpoint(SHIPPED, hostile_folder / "concat.safetensors", with_embedder(spec))
    result = cli("similar", model, "slipper")
    assert result.exit_code == 1 and str(hostile_folder / "vectors.kv") in result.output
    assert not (tmp_path / "ran").exists()


def install_plugin(tmp_path, monkeypatch, module: str, entry_point: str, source: str) -> None:
    """A real installed distribution on sys.path, as pip would leave it: ``module``.py holding ``source`` and a
    dist-info declaring ``entry_point`` ("[group]\\nname = module:object")."""
    site = tmp_path / "site"
    info = site / f"{module}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_point + "\n")
    (site / f"{module}.py").write_text(source)
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()


def test_gan_plugins_are_built_under_the_same_rules(tmp_path, monkeypatch):
    """A GAN plugin that unpickles a file its options name (a careless "pretrained" option) is stopped by the
    backstop when the options come from a checkpoint."""
    install_plugin(tmp_path, monkeypatch, "careless_gan", "[wordgan.gans]\ncareless = careless_gan:build", (
        "import pickle\n"
        "from wordgan_dcgan import build as dcgan\n"
        "def build(z_dim, cond_dim, image_shape, pretrained=None):\n"
        "    if pretrained:\n"
        "        pickle.load(open(pretrained, 'rb'))\n"
        "    return dcgan(z_dim, cond_dim, image_shape)\n"
    ))
    folder = tmp_path / "downloaded"
    rewrite_checkpoint(SHIPPED, folder / "model.safetensors", lambda m: m.update(gan="careless", gan_options={"pretrained": str(folder / "weights.pkl")}))
    write_hostile_pickle(folder / "weights.pkl", tmp_path / "ran")
    with pytest.raises(UnsafeFileError, match="builtins.exec"):
        WordModel.load(folder / "model.safetensors")
    assert not (tmp_path / "ran").exists()
    importlib.invalidate_caches()


def test_the_embedders_a_checkpoint_names_as_mapping_evidence_are_built_under_the_same_rules(tmp_path, monkeypatch):
    """config.mapping.evidence names embedder plugins too; one that unpickles a file when built (a careless
    default) is stopped by the backstop when a checkpoint names it, and the user's own code may still build it."""
    pickled = tmp_path / "vectors.pkl"
    install_plugin(tmp_path, monkeypatch, "careless_embedder", "[wordgan.embedders]\ncareless = careless_embedder:Careless", (
        "import pickle\n"
        "import numpy as np\n"
        "from wordgan.interfaces import Embedder\n"
        "class Careless(Embedder):\n"
        "    dim = 4\n"
        "    def __init__(self):\n"
        f"        pickle.load(open({str(pickled)!r}, 'rb'))\n"
        "    def embed_batch(self, texts):\n"
        "        return np.ones((len(texts), 4), dtype=np.float32)\n"
    ))
    write_hostile_pickle(pickled, tmp_path / "ran")
    model_file = rewrite_checkpoint(SHIPPED, tmp_path / "downloaded" / "model.safetensors",
                                    lambda m: m["config"].update(mapping={"evidence": ["careless"], "wordnet_bonus": 0.0}))
    model = WordModel.load(model_file)
    with pytest.raises(UnsafeFileError, match="builtins.exec"):
        model.generate("slipper", 1)
    assert not (tmp_path / "ran").exists()
    importlib.invalidate_caches()


def test_the_dataset_a_checkpoint_names_is_read_under_the_same_rules(tmp_path, monkeypatch):
    """`evaluate` reads the run's dataset with the plugin and options its checkpoint names; a dataset plugin
    that unpickles a file its options name (a careless "cache" option) is stopped by the backstop there too."""
    install_plugin(tmp_path, monkeypatch, "careless_dataset", "[wordgan.datasets]\ncareless = careless_dataset:Careless", (
        "import pickle\n"
        "from wordgan.interfaces import DatasetProvider\n"
        "class Careless(DatasetProvider):\n"
        "    def __init__(self, cache):\n"
        "        self.cache = cache\n"
        "    def load(self, split='train'):\n"
        "        return pickle.load(open(self.cache, 'rb'))\n"
    ))
    folder = tmp_path / "downloaded"
    rewrite_checkpoint(SHIPPED, folder / "checkpoint.safetensors",
                       lambda m: m["config"].update(dataset="careless", dataset_options={"cache": str(folder / "data.pkl")}))
    write_hostile_pickle(folder / "data.pkl", tmp_path / "ran")
    with pytest.raises(UnsafeFileError, match="builtins.exec"):
        evaluate_run(folder, n=4, progress=False, evaluator_path=shipped_path("fashion-mnist"))
    assert not (tmp_path / "ran").exists()
    importlib.invalidate_caches()


@pytest.mark.parametrize("option", ["cache_dir", "data_dir"])
def test_a_folder_the_checkpoint_names_outside_its_own_is_refused_and_nothing_is_created(tmp_path, option):
    """Issue 21: dataset_options.cache_dir in a checkpoint made evaluate and retrieve create folders where the
    checkpoint chose, and start a download there. Now such a folder must lie inside the checkpoint's folder."""
    from tests.support import assert_one_line_error, invoke

    elsewhere = tmp_path / "elsewhere" / "cache"
    folder = tmp_path / "downloaded"
    rewrite_checkpoint(SHIPPED, folder / "model.safetensors", lambda m: m["config"].update(dataset_options={option: str(elsewhere)}))
    for command in (["evaluate", folder / "model.safetensors", "-n", "4", "-o", tmp_path / "eval"],
                    ["retrieve", folder / "model.safetensors", "bag", "-o", tmp_path / "found.png"]):
        assert_one_line_error(invoke(*command), "outside its folder", str(elsewhere), alone=False)
    assert not (tmp_path / "elsewhere").exists()


def test_a_data_dir_the_user_gives_is_trusted(tmp_path):
    """The user's own --data-dir is no checkpoint's choice: evaluate reads Fashion-MNIST from it."""
    from tests.support import invoke

    data = tmp_path / "my-data"
    data.mkdir()
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        (data / name).symlink_to(Path("/usr/share/datasets/fashion-mnist") / name)
    result = invoke("evaluate", SHIPPED, "-n", "4", "--data-dir", data, "-o", tmp_path / "eval")
    assert result.exit_code == 0, result.output
