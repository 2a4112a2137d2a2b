"""The models wordgan itself ships, registered by name in its own metadata (``wordgan.models`` entry points)."""
from __future__ import annotations

from pathlib import Path

#: The checkpoint files this package ships.
WEIGHTS = Path(__file__).parent / "weights"


def fashion_mnist() -> Path:
    """The default ``wordgan train`` run on Fashion-MNIST (docs/training.md): MiniLM conditions, DCGAN, 4,000 steps."""
    return WEIGHTS / "fashion-mnist.safetensors"
