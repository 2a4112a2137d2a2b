"""The visual space file: what is written is what is read, and anything else is one line naming the file."""
import json

import numpy as np
import pytest
from safetensors.numpy import save_file

from wordgan.errors import WordganError
from wordgan_visual.space import FORMAT, VisualSpace

SPEC = {"name": "sentence-transformers", "options": {}}


def tiny_space(**changes) -> VisualSpace:
    rng = np.random.default_rng(0)
    fields = dict(
        concepts=("cat", "dog", "hot dog"),
        prototypes=rng.normal(size=(3, 4)).astype(np.float32),
        text_vectors=rng.normal(size=(3, 5)).astype(np.float32),
        weight=rng.normal(size=(5, 4)).astype(np.float32),
        bias=rng.normal(size=4).astype(np.float32),
        text_embedder=SPEC,
        fitted={"dataset": "emoji", "holdout": ["tiger"]},
    )
    return VisualSpace(**{**fields, **changes})


def test_the_file_round_trips(tmp_path):
    space = tiny_space()
    loaded = VisualSpace.load(space.save(tmp_path / "space.safetensors"))
    assert loaded.concepts == space.concepts and loaded.text_embedder == SPEC and loaded.fitted == space.fitted
    for name in ("prototypes", "text_vectors", "weight", "bias"):
        np.testing.assert_array_equal(getattr(loaded, name), getattr(space, name))
    text = np.random.default_rng(1).normal(size=(2, 5))
    np.testing.assert_allclose(loaded.map_text(text), text @ space.weight + space.bias, rtol=1e-5, atol=1e-6)


def test_a_blend_of_one_is_the_softmax_of_text_cosines_over_the_prototypes_by_hand():
    space = tiny_space()
    t = space.text_vectors[1] + 0.1  # (D,)
    cosines = np.array([t @ v / np.linalg.norm(t) / np.linalg.norm(v) for v in space.text_vectors])
    weights = np.exp(cosines / 0.5) / np.exp(cosines / 0.5).sum()
    np.testing.assert_allclose(space.map_text(t[None], blend=1.0, temperature=0.5)[0], weights @ space.prototypes, rtol=1e-5)
    half = space.map_text(t[None], blend=0.5, temperature=0.5)[0]
    ridge = t @ space.weight + space.bias
    near = weights @ space.prototypes
    np.testing.assert_allclose(half, 0.5 * np.linalg.norm(near) * ridge / np.linalg.norm(ridge) + 0.5 * near, rtol=1e-5)


def write(path, tensors, metadata):
    save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, str(path), metadata=metadata)
    return path


def good_parts(space: VisualSpace):
    tensors = {name: getattr(space, name) for name in ("prototypes", "text_vectors", "weight", "bias")}
    metadata = {"format": FORMAT, "concepts": json.dumps(list(space.concepts)), "text_embedder": json.dumps(SPEC),
                "fitted": "{}"}
    return tensors, metadata


@pytest.mark.parametrize("change, message", [
    (lambda t, m: m.update(format="something else"), "is not a visual space file"),
    (lambda t, m: t.pop("bias"), "holds tensors"),
    (lambda t, m: t.update(prototypes=np.full((3, 4), np.nan, np.float32)), "prototypes holds NaN"),
    (lambda t, m: t.update(weight=np.ones((5, 3), np.float32)), r"weight is float32 \(5, 3\), expected float32 \(5, 4\)"),
    (lambda t, m: t.update(bias=np.ones(4, np.float16)), "bias is float16"),
    (lambda t, m: m.update(concepts='["cat", "cat", "dog"]'), "appears twice"),
    (lambda t, m: m.update(concepts='["cat", "dog"]'), "3 non-empty names"),
    (lambda t, m: m.update(concepts="[" * 100000), "not readable JSON"),
    (lambda t, m: m.update(text_embedder='{"name": "visual", "options": {}}'), "may not be the visual embedder"),
    (lambda t, m: m.update(text_embedder='["use"]'), "must be a JSON dict"),
    (lambda t, m: m.pop("fitted"), "has no 'fitted'"),
])
def test_a_broken_file_is_one_line_naming_it(tmp_path, change, message):
    tensors, metadata = good_parts(tiny_space())
    change(tensors, metadata)
    path = write(tmp_path / "broken.safetensors", tensors, metadata)
    with pytest.raises(WordganError, match=message) as caught:
        VisualSpace.load(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_garbage_and_missing_files_are_one_line(tmp_path):
    garbage = tmp_path / "garbage.safetensors"
    garbage.write_bytes(b"\x00" * 100)
    with pytest.raises(WordganError, match="not a readable safetensors file"):
        VisualSpace.load(garbage)
    with pytest.raises(WordganError, match="no visual space file .*wordgan-visual-fit"):
        VisualSpace.load(tmp_path / "missing.safetensors")
