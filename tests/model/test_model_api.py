"""wordgan.load, WordModel.generate, repr and devices, on the shipped checkpoint and a tiny real run."""
from __future__ import annotations


import numpy as np
import pytest
import torch
from PIL import Image

import wordgan
from wordgan.errors import WordganError
from tests.support import SHIPPED



@pytest.fixture(scope="module")
def shipped():
    return wordgan.load(SHIPPED, device="cpu")


def test_load_gives_a_word_model_with_a_readable_repr(shipped):
    assert isinstance(shipped, wordgan.WordModel)
    text = repr(shipped)
    for part in ("gan='dcgan'", "embedder='sentence-transformers'", "words=10 labels + 265 extra",
                 "image_shape=(1, 28, 28)", "step=4000", "device='cpu'"):
        assert part in text, text


def test_load_takes_a_run_directory(trained_run):
    model = wordgan.load(trained_run, device="cpu")
    assert model.step == 6 and "words=10 labels," in repr(model)  # no vocabulary expansion: no "extra"


def test_a_string_is_one_word_never_its_letters(shipped):
    one = shipped.generate("sandals", n=3, seed=5)
    assert one.shape == (3, 1, 28, 28) and one.dtype == torch.uint8
    assert torch.equal(one, shipped.generate(["sandals"], n=3, seed=5)[0])
    phrase = shipped.generate("long sleeve shirt", n=2, seed=5)
    assert torch.equal(phrase, shipped.generate(["long sleeve shirt"], n=2, seed=5)[0])


def test_a_list_gives_a_row_per_word_from_the_same_noise(shipped):
    rows = shipped.generate(["sandals", "bag"], n=4, seed=1)
    assert rows.shape == (2, 4, 1, 28, 28)
    assert torch.equal(rows[1], shipped.generate("bag", n=4, seed=1))
    assert not torch.equal(rows, shipped.generate(["sandals", "bag"], n=4, seed=2))


def test_pil_output(shipped):
    single = shipped.generate("bag", n=2, output="pil")
    assert len(single) == 2 and all(isinstance(p, Image.Image) and p.size == (28, 28) for p in single)
    nested = shipped.generate(["bag", "coat"], n=3, output="pil")
    assert [len(row) for row in nested] == [3, 3]
    tensor = shipped.generate("bag", n=2)
    assert (torch.from_numpy(np.array(single[1])) == tensor[1, 0]).all()


def test_to_moves_and_returns_the_model(shipped):
    assert shipped.to("cpu") is shipped and shipped.device == torch.device("cpu")
    with pytest.raises(WordganError, match="unknown device"):
        shipped.to("gpu7")
    if not torch.cuda.is_available():
        with pytest.raises(WordganError, match="CUDA is not available"):
            wordgan.load(SHIPPED, device="cuda")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_a_model_on_the_gpu_draws_what_it_draws_on_the_cpu():
    cpu = wordgan.load(SHIPPED, device="cpu").generate(["sandals", "slipper"], n=8, seed=3)
    gpu_model = wordgan.load(SHIPPED, device="cuda")
    assert gpu_model.device.type == "cuda" and gpu_model.embedder is not None
    gpu = gpu_model.generate(["sandals", "slipper"], n=8, seed=3)
    assert gpu.device.type == "cpu" and (gpu.int() - cpu.int()).abs().float().mean() < 1.0  # same noise, float noise only


def test_train_is_exported_and_trains(tmp_path):
    from wordgan.testing import tiny_train_config

    config = tiny_train_config(tmp_path / "run")
    assert isinstance(config, wordgan.TrainConfig)
    run = wordgan.train(config, progress=False)
    assert wordgan.load(run, device="cpu").step == config.steps


def test_every_export_resolves_and_import_needs_no_torch():
    import subprocess
    import sys

    for name in wordgan.__all__:
        assert getattr(wordgan, name) is not None, name
    for name in ("load", "train", "TrainConfig", "WordModel", "generate_to_folder", "WordganError"):
        assert name in wordgan.__all__
    code = "import sys, wordgan; assert 'torch' not in sys.modules; print(wordgan.load.__module__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "wordgan.model.word_model", done.stderr
