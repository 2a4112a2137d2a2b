"""The one path that draws images: (M, E) conditions, n noise rows from a seed -> uint8 images.

Every image wordgan shows comes through here: ``generate`` and the Python API, ``interpolate``, ``retrieve``,
the web page, evaluation and the trainer's sample grids. Image i of every condition is drawn from the same noise
row i (so a grid's columns are comparable), whatever the batching, on whatever device G is.
"""
from __future__ import annotations

import contextlib
from typing import Iterator

import torch
from torch import nn

from wordgan.files.images import to_uint8
from wordgan.model.noise import noise_chunks

#: Images per forward pass of G: bounds the activations' memory (a DCGAN pass of 1,024 images peaked ~270 MB
#: higher than passes of 16, measured with 2,000 words).
IMAGES_PER_PASS = 256


@torch.inference_mode()
def draw_batches(
    generator: nn.Module, conditions: torch.Tensor, n: int, seed: int, truncation: float | None
) -> Iterator[tuple[int, int, torch.Tensor]]:
    """``(index, first_image, images)`` for (M, E) ``conditions``: images (k, C, H, W) uint8 on the CPU, the
    images ``first_image .. first_image + k - 1`` of condition ``index``; memory depends neither on ``n`` nor on
    M. Noise: :func:`wordgan.model.noise.noise_chunks` (``truncation`` None: plain N(0, 1)), always drawn on the
    CPU, so a seed gives the same images on every device."""
    device = next(generator.parameters()).device
    conditions = conditions.to(device)
    with _evaluating(generator):
        start = 0
        for z in noise_chunks(n, generator.z_dim, seed, truncation):  # (m, Z), the same rows for every condition
            z, m = z.to(device), len(z)
            rows = min(m, IMAGES_PER_PASS)  # noise rows per forward pass ...
            group = max(1, IMAGES_PER_PASS // m)  # ... and conditions per pass: several when n is small
            for i in range(0, len(conditions), group):
                cond = conditions[i : i + group]  # (g, E)
                for r in range(0, m, rows):
                    part = z[r : r + rows]  # (k, Z)
                    images = generator(part.repeat(len(cond), 1), cond.repeat_interleave(len(part), dim=0))  # (g * k, C, H, W)
                    for j, own in enumerate(to_uint8(images.float()).cpu().split(len(part))):  # (k, C, H, W) each
                        yield i + j, start + r, own
            start += m


def draw(generator: nn.Module, conditions: torch.Tensor, n: int, seed: int, truncation: float | None) -> torch.Tensor:
    """(M, E) conditions -> (M, n, C, H, W) uint8: :func:`draw_batches` gathered."""
    images = torch.empty(len(conditions), n, *generator.image_shape, dtype=torch.uint8)
    for index, start, batch in draw_batches(generator, conditions, n, seed, truncation):
        images[index, start : start + len(batch)] = batch
    return images


@contextlib.contextmanager
def _evaluating(generator: nn.Module) -> Iterator[None]:
    """G in eval mode while it draws (batch norm from its running statistics), as it was afterwards: the
    trainer draws its sample grids from the G it is training."""
    was_training = generator.training
    generator.eval()
    try:
        yield
    finally:
        generator.train(was_training)
