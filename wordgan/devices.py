"""Where tensors live: one place that turns ``--device`` into a ``torch.device`` or a one-line error."""
from __future__ import annotations

import torch

from wordgan.errors import WordganError

#: What ``--device`` accepts besides ``cuda:N``.
DEVICE_NAMES = ("auto", "cpu", "cuda", "mps")


def resolve_device(name: str | torch.device | None = "auto") -> torch.device:
    """``"auto"`` (or None) -> CUDA if available, else MPS, else CPU; ``"cpu"``, ``"cuda"``, ``"cuda:N"``,
    ``"mps"`` -> that device, checked to exist, so a typo or a missing GPU is a clear error up front rather
    than a failure deep inside the first forward pass."""
    if isinstance(name, torch.device):
        name = str(name)
    text = (name or "auto").strip().lower()
    if text == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda", torch.cuda.current_device())
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(text)
    except RuntimeError:
        raise WordganError(f"unknown device {name!r}; use one of {', '.join(DEVICE_NAMES)} or cuda:N") from None
    if device.type == "cpu":
        return torch.device("cpu")
    if device.type == "cuda":
        if not torch.cuda.is_available():
            built = "with" if torch.backends.cuda.is_built() else "without"
            raise WordganError(f"device {name!r}: CUDA is not available (this torch {torch.__version__} was built {built} CUDA and sees no GPU); use --device cpu")
        count = torch.cuda.device_count()
        index = device.index if device.index is not None else torch.cuda.current_device()
        if index >= count:
            raise WordganError(f"device {name!r}: there are {count} CUDA device(s), numbered 0 to {count - 1}")
        return torch.device("cuda", index)
    if device.type == "mps":
        if not _mps_available():
            raise WordganError(f"device {name!r}: Apple's MPS backend is not available here; use --device cpu")
        return torch.device("mps")
    raise WordganError(f"device {name!r} is not supported; use one of {', '.join(DEVICE_NAMES)} or cuda:N")


def describe_device(device: torch.device) -> str:
    """A human name for ``device``: ``"cpu"``, ``"cuda:0 (NVIDIA H100 80GB HBM3)"``, ``"mps"``."""
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        return f"cuda:{index} ({torch.cuda.get_device_name(index)})"
    return str(device)


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())
