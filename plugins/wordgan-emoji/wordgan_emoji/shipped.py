"""The emoji model this plugin ships, registered by name (``wordgan generate emoji "hot air balloon"``)."""
from __future__ import annotations

from pathlib import Path

#: The default ``wordgan train --dataset emoji`` (MiniLM conditions, DCGAN, 3,000 steps at 32 px, its fixed
#: held-out split of 197 concepts left out of training), exported (generation only).
MODEL = Path(__file__).parent / "weights" / "emoji-model.safetensors"


def emoji_model() -> Path:
    """The checkpoint of the ``emoji`` model (the ``wordgan.models`` entry point)."""
    return MODEL
