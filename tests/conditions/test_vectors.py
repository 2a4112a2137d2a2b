"""Condition normalisation, and snapping onto the label words."""
import pytest
import torch

from wordgan.conditions.mapping import MappingSettings, WordMapper
from wordgan.conditions.vectors import mix_labels, normalise
from wordgan.errors import WordganError


def test_normalise_gives_rms_one_rows():
    out = normalise(torch.tensor([[3.0, 4.0], [0.1, 0.0]]))
    assert torch.allclose(out.pow(2).mean(dim=1), torch.ones(2))


def snapping(labels: torch.Tensor) -> WordMapper:
    """The mapping of a model saved without mapping settings (wordgan 0.2's snapping) over ``labels``."""
    K = len(labels)
    return WordMapper(MappingSettings(), [f"w{k}" for k in range(K)], [f"w{k}" for k in range(K)], torch.arange(K), labels, lambda: None)


def test_snapping_at_low_temperature_lands_on_the_nearest_label():
    labels = normalise(torch.eye(3))
    cond = normalise(torch.tensor([[0.9, 0.3, 0.0]]))
    weights = snapping(labels).weights(None, cond, 0.01)  # (1, K)
    assert weights.argmax().item() == 0 and weights[0, 0] > 0.99
    assert torch.allclose(mix_labels(cond, labels, weights), labels[:1], atol=1e-3)


def test_snapping_weights_are_a_softmax_of_cosines_and_blend_zero_is_identity():
    labels = normalise(torch.eye(3))
    cond = normalise(torch.tensor([[0.9, 0.3, 0.0]]))
    cosines = torch.tensor([[0.9, 0.3, 0.0]]) / (0.9**2 + 0.3**2) ** 0.5  # by hand: the labels are the axes
    torch.testing.assert_close(snapping(labels).weights(None, cond, 100.0), torch.softmax(cosines / 100.0, dim=1))
    weights = snapping(labels).weights(None, cond, 0.1)
    assert torch.allclose(mix_labels(cond, labels, weights, blend=0.0), cond, atol=1e-6)
    with pytest.raises(WordganError):
        snapping(labels).weights(None, cond, 0.0)
