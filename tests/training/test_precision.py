"""bf16 and fp16 autocast on the CPU: tiny real runs stay finite; fp16 keeps its loss scales in the checkpoint."""
from __future__ import annotations

import pytest
import torch

from wordgan.checkpoint import store
from wordgan.errors import WordganError
from wordgan.model.word_model import WordModel
from wordgan.training.trainer import train
from wordgan.training.precision import Precision


@pytest.mark.parametrize("precision", ["bf16", "fp16"])
def test_a_run_in_lower_precision_trains_and_generates(make_config, precision):
    run = train(make_config(precision, precision=precision), progress=False)
    for tensor in store.load_tensors(run, prefix="generator.").values():
        assert tensor.dtype in (torch.float32, torch.int64) and torch.isfinite(tensor.float()).all()
    scalers = store.read_metadata(run)["scalers"]
    # Only fp16 scales its losses (bf16 has fp32's range); each optimizer keeps its own scale.
    assert bool(scalers["generator"]) == (precision == "fp16") and bool(scalers["discriminator"]) == (precision == "fp16")
    assert WordModel.load(run).generate(["boots"], n=2).shape[:2] == (1, 2)


def test_wgan_gp_penalty_under_autocast_is_finite(make_config):
    run = train(make_config("gp", loss="wgan-gp", precision="bf16", steps=2), progress=False)
    assert all(torch.isfinite(t.float()).all() for t in store.load_tensors(run, prefix="discriminator.").values())


def test_unknown_precision_is_refused():
    with pytest.raises(WordganError, match="fp8"):
        Precision("fp8", torch.device("cpu"))
