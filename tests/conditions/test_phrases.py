"""The head of a prompt (wordgan.conditions.phrases)."""
from __future__ import annotations

import pytest

from wordgan.conditions.phrases import head_of


@pytest.mark.parametrize("phrase, head", [
    ("open-toe summer shoes", "shoes"),
    ("bag to take to the beach", "bag"),
    ("strappy sandals with a heel", "sandals"),  # "a" is an English article, not a Romance link
    ("a pair of ripped jeans", "jeans"),
    ("sac de voyage", "sac"),
    ("robe d'été", "robe"),
    ("scarpe da ginnastica", "scarpe"),
    ("حقيبة ظهر", "حقيبة"),
    ("Kurze Hose", "Hose"),
    ("something to wear on my feet", None),  # a placeholder says nothing of what the thing is
    ("clothes for a cold day", None),
    ("slipper", None),
])
def test_head_of(phrase, head):
    assert head_of(phrase) == head
