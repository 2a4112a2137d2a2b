"""Device names: auto picks what exists, anything else is checked up front with a one-line error."""
from __future__ import annotations

import pytest
import torch

from wordgan.devices import describe_device, resolve_device
from wordgan.errors import WordganError
from wordgan.training.cluster import Cluster
from tests.support import SHIPPED


def test_auto_and_cpu():
    expected = "cuda" if torch.cuda.is_available() else "mps" if torch.backends.mps.is_available() else "cpu"
    assert resolve_device("auto").type == expected and resolve_device(None).type == expected
    assert resolve_device("cpu") == resolve_device(" CPU ") == resolve_device(torch.device("cpu")) == torch.device("cpu")
    assert describe_device(torch.device("cpu")) == "cpu"


@pytest.mark.parametrize("name, message", [("gpu", "unknown device 'gpu'"), ("cuda:x", "unknown device"), ("xla", "not supported")])
def test_bad_names_are_clear_errors(name, message):
    with pytest.raises(WordganError, match=message):
        resolve_device(name)


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
@pytest.mark.parametrize("name", ["cuda", "cuda:1"])
def test_missing_cuda_is_a_clear_error(name):
    with pytest.raises(WordganError, match="CUDA is not available.*--device cpu"):
        resolve_device(name)


@pytest.mark.skipif(torch.backends.mps.is_available(), reason="this machine has MPS")
def test_missing_mps_is_a_clear_error():
    with pytest.raises(WordganError, match="MPS"):
        resolve_device("mps")


def test_one_process_splits_nothing():
    cluster = Cluster.start("cpu")
    assert (cluster.rank, cluster.world, cluster.main, cluster.distributed) == (0, 1, True, False)
    assert cluster.share(64) == slice(0, 64) and cluster.any(True, False) == [True, False]
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2))
    assert cluster.prepare(model) is model  # no DDP, no converted batch norm with one process


def test_a_global_batch_splits_evenly_or_not_at_all():
    two = Cluster(rank=1, world=2, device=torch.device("cpu"))
    assert two.share(64) == slice(32, 64)
    with pytest.raises(WordganError, match="does not split evenly across 2 processes"):
        two.share(63)


@pytest.mark.parametrize("flags, said", [([], True), (["--device", "cpu"], False), (["-q"], False)])
def test_commands_say_which_device_auto_took(tmp_path, flags, said):
    """`--device auto` (the default) says on stderr which device it took, as `train` does; a named device or
    --quiet says nothing."""
    from click.testing import CliRunner

    from wordgan.cli import main
    result = CliRunner().invoke(main, ["generate", str(SHIPPED), "bag", "-n", "1", "-o", str(tmp_path / "out"), *flags])
    assert result.exit_code == 0, result.output
    line = f"device: {describe_device(resolve_device('auto'))} (auto)"
    assert (line in result.stderr) == said, result.stderr
