"""The evaluator: a trained classifier, with what made it, saved as safetensors (never pickle)."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError, safe_open
from safetensors.torch import save_file

from wordgan.files.atomic import replacing
from wordgan.plugins.build import build_dataset
from wordgan.errors import CheckpointError, WordganError
from wordgan.evaluation.judge.network import EvaluatorNet
from wordgan.interfaces import DatasetProvider

#: Where the evaluators shipped with wordgan live, one ``<dataset>.safetensors`` each.
SHIPPED_DIR = Path(__file__).parent / "weights"

#: The safetensors metadata key holding :class:`EvaluatorInfo` as JSON.
METADATA_KEY = "wordgan_evaluator"
FORMAT_VERSION = 1


@dataclass
class EvaluatorInfo:
    """What an evaluator was trained on and how well it does; stored beside its weights."""

    dataset: str
    words: list[str]  # K class words, in the dataset's class order
    image_shape: tuple[int, int, int]  # (C, H, W)
    dataset_options: dict[str, Any] = field(default_factory=dict)
    feature_dim: int = 128
    width: int = 16  # channels of the network's first block (EvaluatorNet)
    test_accuracy: float | None = None
    per_class_accuracy: dict[str, float] = field(default_factory=dict)
    command: str = ""  # the command line that trained it, so anyone can rebuild it
    settings: dict[str, Any] = field(default_factory=dict)  # epochs, batch size, learning rate, seed, ...

    def to_dict(self) -> dict[str, Any]:
        return {"format_version": FORMAT_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "EvaluatorInfo":
        data = dict(data)
        version = data.pop("format_version", None)
        if version != FORMAT_VERSION:
            raise CheckpointError(f"evaluator format version {version} is not supported (expected {FORMAT_VERSION})")
        data["image_shape"] = tuple(data["image_shape"])
        return cls(**data)


class Evaluator:
    """A classifier of a dataset's images: class predictions and a feature vector per image.

    Takes images as the datasets and generators give them: (N, C, H, W) uint8.
    """

    def __init__(self, net: EvaluatorNet, info: EvaluatorInfo):
        self.net = net
        self.info = info

    @property
    def words(self) -> list[str]:
        return self.info.words

    @torch.no_grad()
    def predict(self, images: torch.Tensor, batch_size: int = 1000) -> tuple[torch.Tensor, torch.Tensor]:
        """(N, C, H, W) uint8 -> logits (N, K) and features (N, F), float32."""
        self._check(images)
        self.net.eval()
        device = next(self.net.parameters()).device
        logits, features = [], []
        for start in range(0, images.shape[0], batch_size):
            batch_logits, batch_features = self.net(to_unit_range(images[start : start + batch_size].to(device)))
            logits.append(batch_logits.cpu())
            features.append(batch_features.cpu())
        if not logits:
            return torch.zeros(0, len(self.words)), torch.zeros(0, self.info.feature_dim)
        return torch.cat(logits), torch.cat(features)

    def classify(self, images: torch.Tensor) -> torch.Tensor:
        """(N, C, H, W) uint8 -> (N,) int64 class indexes into :attr:`words`."""
        return self.predict(images)[0].argmax(dim=1)

    def save(self, path: str | os.PathLike) -> Path:
        """Write weights and info to ``path`` atomically (a temporary file, then ``os.replace``)."""
        path = Path(path)
        tensors = {name: tensor.detach().contiguous() for name, tensor in self.net.state_dict().items()}
        metadata = {METADATA_KEY: json.dumps(self.info.to_dict())}
        with replacing(path) as temp:
            save_file(tensors, str(temp), metadata=metadata)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Evaluator":
        """Read an evaluator saved by :meth:`save` (safetensors only; nothing is unpickled)."""
        path = Path(path)
        if not path.is_file():
            raise CheckpointError(f"evaluator weights {path} do not exist")
        try:
            with safe_open(str(path), framework="pt") as handle:
                metadata = handle.metadata() or {}
                tensors = {name: handle.get_tensor(name) for name in handle.keys()}
        except (SafetensorError, OSError) as exc:
            raise CheckpointError(f"{path} is not a readable safetensors file: {exc}") from exc
        if METADATA_KEY not in metadata:
            raise CheckpointError(f"{path} is not a wordgan evaluator (no {METADATA_KEY!r} metadata)")
        try:
            info = EvaluatorInfo.from_dict(json.loads(metadata[METADATA_KEY]))
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            raise CheckpointError(f"{path} has corrupt evaluator metadata ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})") from exc
        net = EvaluatorNet(info.image_shape[0], len(info.words), info.feature_dim, info.width)
        try:
            net.load_state_dict(tensors)
        except RuntimeError as exc:
            raise CheckpointError(f"{path} does not match the evaluator network: {exc}") from exc
        return cls(net, info)

    def _check(self, images: torch.Tensor) -> None:
        if images.dtype != torch.uint8 or images.dim() != 4:
            raise WordganError(f"the evaluator takes (N, C, H, W) uint8 images, got {tuple(images.shape)} {images.dtype}")
        if tuple(images.shape[1:]) != tuple(self.info.image_shape):
            raise WordganError(
                f"the evaluator was trained on {self.info.dataset} images of shape {tuple(self.info.image_shape)}, "
                f"got {tuple(images.shape[1:])}; train one for these images with `wordgan evaluator train`"
            )


def to_unit_range(images: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) uint8 in [0, 255] -> float32 in [-1, 1], the range generators produce."""
    return images.float() / 127.5 - 1.0


def shipped_path(dataset: str) -> Path:
    return SHIPPED_DIR / f"{dataset}.safetensors"


def load_evaluator(path: str | os.PathLike | None = None, dataset: str = "fashion-mnist", provider: DatasetProvider | None = None) -> Evaluator:
    """The evaluator at ``path``; without one, the one wordgan ships for ``dataset``, else the one its plugin
    ships (:meth:`DatasetProvider.shipped_evaluator`, e.g. emoji's): ``provider`` as built (a checkpoint's dataset
    comes through its gate), else the plugin ``dataset`` built with no options."""
    if path is not None:
        return Evaluator.load(path)
    shipped = shipped_path(dataset)
    if not shipped.is_file():
        try:
            shipped = (provider if provider is not None else build_dataset(dataset)).shipped_evaluator()
        except WordganError:  # not installed, or options it refuses: the error below says what to do
            shipped = None
    if shipped is None or not Path(shipped).is_file():
        raise WordganError(
            f"wordgan ships no evaluator for the dataset {dataset!r}"
            + (" with these options" if provider is not None else "")
            + f"; train one with `wordgan evaluator train --dataset {dataset} -o evaluator.safetensors` and pass "
            "--evaluator evaluator.safetensors"
        )
    return Evaluator.load(shipped)
