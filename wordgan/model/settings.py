"""How a model draws: one settings object for the snapping of new words and the noise, checked in one place."""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from wordgan.errors import WordganError

#: ``temperature=MODEL_DEFAULT`` draws new words as the model's config says (``snap_temperature``), and
#: ``truncation=MODEL_DEFAULT`` draws noise so (``truncation``).
MODEL_DEFAULT = "model"

#: The smallest snapping temperature: below it the softmax of cosine scores (in [-1, 1], plus bonuses) would
#: divide by a number so small that every weight is NaN or exactly one class (1e-300 gave all-black images).
#: 1e-4 already puts all weight on the best class whenever two classes differ by 0.01.
MIN_TEMPERATURE = 1e-4


@dataclass(frozen=True)
class DrawSettings:
    """How new words are snapped and what noise is drawn.

    ``temperature``: new words are snapped onto the label words at this softmax temperature (None: drawn at
    their raw embedding); ``blend``: 1 draws only the snapped vector, 0 only the raw one; ``truncation``: the
    noise is truncated at +-this (None: plain N(0, 1)). ``MODEL_DEFAULT`` in either means the model's own
    setting, which :meth:`resolved` fills in.
    """

    temperature: float | str | None = MODEL_DEFAULT
    blend: float = 1.0
    truncation: float | str | None = MODEL_DEFAULT

    def resolved(self, config: Any) -> "DrawSettings":
        """The settings with ``MODEL_DEFAULT`` replaced by the model's own (``config.snap_temperature``,
        ``config.truncation``), checked; one line naming the setting for a bad value."""
        temperature = config.snap_temperature if self.temperature == MODEL_DEFAULT else self.temperature
        truncation = config.truncation if self.truncation == MODEL_DEFAULT else self.truncation
        _check_positive("temperature", temperature, MIN_TEMPERATURE)
        _check_positive("truncation", truncation, 0.0)
        blend = self.blend
        if isinstance(blend, bool) or not (isinstance(blend, (int, float)) and 0 <= blend <= 1):
            raise WordganError(f"blend must be a number from 0 (the raw embedding) to 1 (only the snapped vector), got {blend!r}")
        return dataclasses.replace(self, temperature=temperature, truncation=truncation, blend=float(blend))

    def describe(self) -> dict[str, Any]:
        """As JSON (a manifest, a PNG's text chunks): numbers, or None for off."""
        return {"temperature": self.temperature, "blend": self.blend, "truncation": self.truncation}


def _check_positive(name: str, value: Any, low: float) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not value > 0:
        raise WordganError(f"{name} must be a positive number or None (off), got {value!r}")
    if value < low:
        raise WordganError(f"{name} {value!r} is too small to compute: the smallest is {low:g}")
