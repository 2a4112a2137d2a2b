"""Every command and every API entry point, against a careless plugin of every kind that a checkpoint names.

Each careless plugin unpickles a file its options name wherever it can be called: when built, and in every method
(an embedder's embed_batch, a generator's forward pass, a dataset's load, concept_groups and shipped_evaluator). A
checkpoint that names it, with a hostile pickle beside it, must never get that pickle read, whatever the user runs:
the command fails with one line, or finishes without calling the plugin. Issue 21 found two paths (retrieve and the
concept-group evaluation) that built a checkpoint's dataset outside the rules; this walk covers every path, and
fails for a command or top-level export that is neither walked nor listed as naming no checkpoint.
"""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import wordgan
from wordgan.cli import COMMANDS, main
from wordgan.testing import tiny_train_config, write_hostile_pickle

from tests.support import rewrite_checkpoint

pytestmark = pytest.mark.slow  # about 60 model loads

#: The careless plugins' entry points. Each unpickles its ``path`` option when built and when called (an
#: embedder built without options, as mapping evidence is, reads the file $CARELESS_PAYLOAD names).
ENTRY_POINTS = """[wordgan.embedders]
careless-embedder = careless_plugins:Embedder
[wordgan.gans]
careless-gan = careless_plugins:build
[wordgan.losses]
careless-loss = careless_plugins:Loss
[wordgan.datasets]
careless-dataset = careless_plugins:Dataset
careless-concepts = careless_plugins:Concepts
"""
SOURCE = '''
import os
import pickle
import numpy as np
from wordgan.interfaces import DatasetProvider, Embedder, Loss
from wordgan_dcgan import build as dcgan


def read(path):
    with open(path, "rb") as handle:
        return pickle.load(handle)


class Embedder(Embedder):
    dim = 50

    def __init__(self, path=None):
        self.path = path or os.environ["CARELESS_PAYLOAD"]
        read(self.path)

    def embed_batch(self, texts):
        read(self.path)
        return np.ones((len(texts), 50), dtype=np.float32)


def build(z_dim, cond_dim, image_shape, path, **options):
    read(path)
    generator, discriminator = dcgan(z_dim, cond_dim, image_shape, **options)
    forward = generator.forward

    def careless_forward(z, cond):
        read(path)
        return forward(z, cond)

    generator.forward = careless_forward
    return generator, discriminator


class Loss(Loss):
    def __init__(self, path):
        read(path)

    def discriminator_loss(self, real, fake):
        return fake.mean() - real.mean()

    def generator_loss(self, fake):
        return -fake.mean()


class Dataset(DatasetProvider):
    def __init__(self, path):
        self.path = path

    def load(self, split="train"):
        return read(self.path)

    def shipped_evaluator(self):
        return read(self.path)


class Concepts(Dataset):
    def concept_groups(self):
        return read(self.path)
'''


@pytest.fixture(scope="module")
def careless(tmp_path_factory):
    """The careless plugins installed as a real distribution (dist-info on sys.path), for this module's tests."""
    site = tmp_path_factory.mktemp("site")
    info = site / "careless_plugins-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: careless-plugins\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    (site / "careless_plugins.py").write_text(SOURCE)
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(site))
        importlib.invalidate_caches()
        yield
    importlib.invalidate_caches()


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    """A real training checkpoint (optimizer state and all, so --resume is walked too)."""
    from wordgan.training.trainer import train

    return train(tiny_train_config(tmp_path_factory.mktemp("tiny") / "run", steps=2), progress=False)


def hostile(kind: str, tiny_run: Path, folder: Path) -> tuple[Path, Path]:
    """A run folder whose checkpoint names the careless plugin of ``kind`` with a hostile pickle beside it;
    returns (the run folder, the marker file the pickle creates if it is ever read)."""
    payload, marker = folder / "payload.pkl", folder.parent / f"ran-{folder.name}"
    options = {"path": str(payload)}

    def change(metadata: dict) -> None:
        config = metadata["config"]
        if kind == "embedder":
            metadata["embedder"] = {"name": "careless-embedder", "options": options}
            config.update(embedder="careless-embedder", embedder_options=options)
        elif kind == "evidence":
            config.update(mapping={"evidence": ["careless-embedder"], "wordnet_bonus": 0.0}, snap_temperature=0.03)
        elif kind == "gan":
            metadata.update(gan="careless-gan", gan_options={**metadata["gan_options"], **options})
            config.update(gan="careless-gan", gan_options=metadata["gan_options"])
        elif kind == "loss":
            config.update(loss="careless-loss", loss_options=options)
        else:
            config.update(dataset=f"careless-{kind}", dataset_options=options)

    rewrite_checkpoint(tiny_run / "checkpoint.safetensors", folder / "checkpoint.safetensors", change)
    write_hostile_pickle(payload, marker)
    return folder, marker


KINDS = ["embedder", "gan", "loss", "dataset", "concepts"]


def run_command(name: str, run: Path, tmp_path: Path) -> None:
    """``wordgan NAME`` on the hostile run, as a user would type it."""
    invocations = {
        "generate": ["generate", run, "bag", "slipper", "-n", "1", "-o", tmp_path / "out"],
        "similar": ["similar", run, "slipper"],
        "evaluate": ["evaluate", run, "-n", "4", "-o", tmp_path / "eval"],
        "interpolate": ["interpolate", run, "bag", "slipper", "--steps", "2", "-n", "1", "-o", tmp_path / "walk.png"],
        "retrieve": ["retrieve", run, "slipper", "-k", "2", "-n", "2", "-o", tmp_path / "found.png"],
        "export": ["export", run, "-o", tmp_path / "model.safetensors"],
        "vocabulary": ["vocabulary", run],
        "train": ["train", "-o", run, "--resume", "--steps", "3", "-q"],
    }
    if name == "serve":  # what `wordgan serve` does before it listens, then a visitor's request
        from starlette.testclient import TestClient

        from wordgan.cli.loading import load_model
        from wordgan.tools.serve import build_app

        try:
            app = build_app(load_model(str(run), quiet=True))
        except wordgan.WordganError:
            return
        TestClient(app).get("/api/draw", params={"text": "slipper"})
        return
    result = CliRunner().invoke(main, [str(a) for a in invocations[name]])
    assert "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit)), result.output


#: Commands that build no plugin a checkpoint names: what they build, the user's own flags name.
NAMES_NO_CHECKPOINT = {
    "plugins": "lists (and imports) installed plugins; names no checkpoint",
    "compare": "trains and scores what its own flags name",
    "evaluator": "trains on the dataset --dataset names, or reads an evaluator file's own metadata",
}


def test_every_command_is_walked_or_names_no_checkpoint():
    walked = {"generate", "similar", "evaluate", "interpolate", "retrieve", "export", "vocabulary", "train", "serve"}
    assert walked | set(NAMES_NO_CHECKPOINT) == set(COMMANDS), "a new command must be walked here (or listed)"


@pytest.mark.parametrize("kind", [*KINDS, "evidence"])
@pytest.mark.parametrize("command", ["generate", "similar", "evaluate", "interpolate", "retrieve", "export", "vocabulary", "train", "serve"])
def test_no_command_reads_a_pickle_a_careless_plugin_the_checkpoint_names_would_read(careless, tiny_run, tmp_path, monkeypatch, command, kind):
    run, marker = hostile(kind, tiny_run, tmp_path / "downloaded")
    monkeypatch.setenv("CARELESS_PAYLOAD", str(run / "payload.pkl"))
    run_command(command, run, tmp_path)
    assert not marker.exists(), f"wordgan {command} ran code from a pickle the {kind} plugin read"


#: Top-level exports that take no checkpoint (the plugin API, errors, builders of what the caller names).
API_WITHOUT_CHECKPOINT = {
    "CheckpointError", "DatasetNotFoundError", "PluginLoadError", "PluginNotFoundError", "UnknownWordError",
    "WordganError", "DatasetProvider", "Discriminator", "Embedder", "EmbedderSpec", "GanBuilder", "Generator",
    "ImageDataset", "Loss", "build_embedder", "build_gan", "build_loss", "build_dataset", "load_dataset", "TrainConfig", "MODEL_DEFAULT",
}


def api_calls(run: Path, tmp_path: Path) -> dict:
    """Each top-level entry point that takes a model, called as the docs show (docs/python.md)."""
    from wordgan.checkpoint.export import export_generator
    from wordgan.evaluation.evaluate import evaluate_run
    from wordgan.evaluation.protocols.held_out_concepts import evaluate_held_out_concepts
    from wordgan.tools.interpolation import interpolate
    from wordgan.tools.retrieval import search
    from wordgan.training.settings import resumed_config

    def model_methods():
        model = wordgan.load(run)
        for call in (lambda: model.generate(["bag", "slipper"], n=1), lambda: model.similarities("slipper"),
                     lambda: model.snap_weights("slipper", 0.03), lambda: model.nearest_trained("slipper"),
                     lambda: model.embedder.embed("slipper"), lambda: "slipper" in model.embedder,
                     lambda: interpolate(model, "bag", "slipper", steps=2, n=1), lambda: search(model, "slipper", k=1, n=2)):
            try:
                call()
            except wordgan.WordganError:
                pass

    return {
        "load": model_methods,
        "WordModel": model_methods,
        "generate_to_folder": lambda: wordgan.generate_to_folder(wordgan.load(run), ["bag", "slipper"], tmp_path / "out", n=1),
        "train": lambda: wordgan.train(resumed_config(run, steps=3), resume=True, progress=False),
        "evaluate_run": lambda: evaluate_run(run, n=4, progress=False, out=tmp_path / "eval"),
        "evaluate_held_out_concepts": lambda: evaluate_held_out_concepts(run, n=4),
        "export_generator": lambda: export_generator(run, tmp_path / "model.safetensors"),
    }


def test_every_api_export_is_walked_or_takes_no_checkpoint(tmp_path):
    walked = set(api_calls(tmp_path, tmp_path))
    assert set(wordgan.__all__) - API_WITHOUT_CHECKPOINT <= walked, "a new top-level export must be walked here (or listed)"


@pytest.mark.parametrize("kind", [*KINDS, "evidence"])
def test_no_api_entry_point_reads_a_pickle_a_careless_plugin_the_checkpoint_names_would_read(careless, tiny_run, tmp_path, monkeypatch, kind):
    run, marker = hostile(kind, tiny_run, tmp_path / "downloaded")
    monkeypatch.setenv("CARELESS_PAYLOAD", str(run / "payload.pkl"))
    for name, call in api_calls(run, tmp_path).items():
        try:
            call()
        except wordgan.WordganError:
            pass  # refused (UnsafeFileError) or not buildable: either way one error, no code run
        assert not marker.exists(), f"{name} ran code from a pickle the {kind} plugin read"
