"""How many stride-2 stages take a base map of 4x4 or 7x7 to the image size."""
from __future__ import annotations

from wordgan.errors import WordganError


def stages_for(size: int) -> tuple[int, int]:
    """(base, n): ``size == base * 2**n`` with base 4 or 7 and n >= 1, e.g. 28 -> (7, 2), 64 -> (4, 4)."""
    for base in (7, 4):
        n = 0
        while base * 2**n < size:
            n += 1
        if base * 2**n == size and n >= 1:
            return base, n
    raise WordganError(f"dcgan supports image sizes 4 or 7 times a power of two (28, 32, 64, ...), not {size}")


def widths(n: int, width: int, max_width: int) -> list[int]:
    """Channels after each of n stages counted from the image side: width, 2*width, ... capped."""
    return [min(width * 2**i, max_width) for i in range(n)]
