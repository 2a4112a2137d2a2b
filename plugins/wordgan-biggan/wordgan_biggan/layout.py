"""Which blocks, at which widths and resolutions, make a G and a D for an image size.

One rule for every size, BigGAN's 64 and 128 px architectures generalised: G starts from a 4x4 (or 7x7, for
sizes like 28) map and each up-block doubles the resolution and halves the width, ending at ``ch`` channels;
D mirrors it, doubling its width at each down-block from ``ch``, plus one block at the base resolution.
Widths are capped at 16 * ch, as in BigGAN.
"""
from __future__ import annotations

from dataclasses import dataclass

from wordgan.errors import WordganError

MAX_MULTIPLIER = 16


@dataclass(frozen=True)
class BlockPlan:
    """One residual block: input and output channels and the resolution of its output."""

    c_in: int
    c_out: int
    resolution: int
    resample: bool  # up-sample (G) or down-sample (D) by 2


def base_and_blocks(size: int) -> tuple[int, int]:
    """(base, n): ``size == base * 2**n`` with base 4 or 7 and n >= 1, e.g. 28 -> (7, 2), 128 -> (4, 5)."""
    for base in (4, 7):
        n = 0
        while base * 2**n < size:
            n += 1
        if base * 2**n == size and n >= 1:
            return base, n
    raise WordganError(f"biggan supports image sizes 4 or 7 times a power of two (28, 32, 64, 128, ...), not {size}")


def multiplier(k: int) -> int:
    """Width multiplier k blocks away from the image: 1, 2, 4, 8, 16, 16, ..."""
    return min(2**k, MAX_MULTIPLIER)


def generator_blocks(size: int, ch: int) -> list[BlockPlan]:
    """G's up-blocks from the base map to the image, e.g. 28 px: 4ch@7 -> 2ch@14 -> ch@28."""
    base, n = base_and_blocks(size)
    return [BlockPlan(ch * multiplier(n - i), ch * multiplier(n - i - 1), base * 2 ** (i + 1), True) for i in range(n)]


def discriminator_blocks(size: int, channels: int, ch: int) -> list[BlockPlan]:
    """D's blocks from the image: n down-blocks, then one at the base resolution, e.g. 28 px:
    C@28 -> ch@14 -> 2ch@7 -> 4ch@7."""
    base, n = base_and_blocks(size)
    blocks, c_in = [], channels
    for i in range(n + 1):
        resample = i < n
        c_out = ch * multiplier(i)
        blocks.append(BlockPlan(c_in, c_out, size // 2 ** (i + 1) if resample else base, resample))
        c_in = c_out
    return blocks


def attention_resolutions(size: int) -> list[int]:
    """Resolutions where both G and D have a block output, so one ``attention`` value places both layers."""
    g = {block.resolution for block in generator_blocks(size, 1)}
    d = {block.resolution for block in discriminator_blocks(size, 1, 1)}
    return sorted(g & d)
