"""Walking through embedding space: images along the path from one word's condition to another's.

The noise is fixed and only the condition moves, so each column of the grid differs from its neighbours
by the condition alone (the interpolations of Reed et al. 2016, "Generative Adversarial Text to Image
Synthesis", section 5.4).

The default path is spherical (slerp). Every condition the generator was trained on, and every condition
snapping produces, has root-mean-square 1 (:func:`wordgan.conditions.vectors.normalise`): they all lie on one
sphere. A straight line (lerp) between two such points cuts through the sphere, and its middle is shorter
by cos(angle / 2), e.g. 29% shorter for two orthogonal conditions, so the walk passes through conditions
of a scale the generator never saw. Slerp stays on the sphere and moves at a constant angular speed.
``method="lerp"`` is there for comparison, and for models trained with ``condition_mix``, which mixes
label vectors linearly.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import torch
from PIL import Image

from wordgan.conditions import arithmetic
from wordgan.files.captions import captioned
from wordgan.errors import WordganError
from wordgan.files.images import grid
from wordgan.model.settings import MODEL_DEFAULT
from wordgan.model.word_model import WordModel

METHODS = ("slerp", "lerp")


def lerp(a: torch.Tensor, b: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """(E,), (E,), (T,) -> (T, E): the straight line ``(1 - t) a + t b``."""
    t = t.unsqueeze(1)  # (T, 1)
    return (1 - t) * a + t * b


def slerp(a: torch.Tensor, b: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """(E,), (E,), (T,) -> (T, E): the great-circle arc from ``a`` to ``b``, its length moving from
    ``|a|`` to ``|b|`` linearly (equal for RMS-1 conditions). Falls back to lerp for (anti)parallel
    vectors, where the arc is not defined by the two ends."""
    unit_a, unit_b = a / a.norm(), b / b.norm()
    angle = torch.arccos(torch.dot(unit_a, unit_b).clamp(-1.0, 1.0))
    if angle < 1e-4 or angle > torch.pi - 1e-4:
        return lerp(a, b, t)
    t = t.unsqueeze(1)  # (T, 1)
    direction = (torch.sin((1 - t) * angle) * unit_a + torch.sin(t * angle) * unit_b) / torch.sin(angle)  # (T, E)
    return direction * ((1 - t) * a.norm() + t * b.norm())


def walk(a: torch.Tensor, b: torch.Tensor, steps: int, method: str = "slerp") -> torch.Tensor:
    """(E,), (E,) -> (steps, E): ``steps`` evenly spaced points from ``a`` to ``b``, both included."""
    if method not in METHODS:
        raise WordganError(f"interpolation method must be one of {', '.join(METHODS)}, got {method!r}")
    if steps < 2:
        raise WordganError(f"an interpolation needs at least 2 steps (its two ends), got {steps}")
    path = slerp if method == "slerp" else lerp
    return path(a, b, torch.linspace(0, 1, steps))


@dataclass
class Interpolation:
    start: str
    end: str
    images: torch.Tensor  # (n, steps, C, H, W) uint8: a row per noise vector, a column per step
    t: list[float]  # the position of each column, 0 = start, 1 = end

    def picture(self, scale: int = 2) -> Image.Image:
        """The grid, with the two ends named above its first and last columns."""
        return captioned(grid(self.images, scale=scale), self.start, self.end)


def interpolate(
    model: WordModel,
    start: str,
    end: str,
    steps: int = 8,
    n: int = 4,
    seed: int = 0,
    method: str = "slerp",
    temperature: float | str | None = MODEL_DEFAULT,
    blend: float = 1.0,
    truncation: float | str | None = MODEL_DEFAULT,
) -> Interpolation:
    """Draw the walk from ``start`` to ``end`` (words, phrases or expressions such as
    ``"boots - winter + summer"``): each end is drawn as :func:`wordgan.conditions.arithmetic.condition` draws it,
    ``steps`` points along the path between, ``n`` noise vectors."""
    ends = arithmetic.conditions(model, [start, end], temperature, blend)  # (2, E)
    path = walk(ends[0], ends[1], steps, method)  # (steps, E)
    images = model.draw(path, n=n, seed=seed, truncation=truncation)  # (steps, n, C, H, W)
    return Interpolation(start, end, images.transpose(0, 1).contiguous(), torch.linspace(0, 1, steps).tolist())


def mix(
    model: WordModel,
    texts: Sequence[str],
    amount: float,
    method: str = "slerp",
    temperature: float | str | None = MODEL_DEFAULT,
    blend: float = 1.0,
) -> torch.Tensor:
    """The (E,) condition ``amount`` of the way from the first of two texts to the second (0: the first)."""
    if not 0.0 <= amount <= 1.0:
        raise WordganError(f"the interpolation amount must be between 0 and 1, got {amount}")
    a, b = arithmetic.conditions(model, texts, temperature, blend)
    path = slerp if method == "slerp" else lerp
    return path(a, b, torch.tensor([float(amount)]))[0]
