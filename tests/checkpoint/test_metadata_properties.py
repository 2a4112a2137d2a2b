"""Property tests: random deletions and type changes of a real checkpoint's metadata fields. Every outcome
is a loaded model that draws, or a WordganError with a one-line message; never another exception."""
from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from wordgan.errors import WordganError
from wordgan.checkpoint.metadata import CheckpointMetadata
from wordgan.model.word_model import WordModel

#: Any JSON value: what a hand-edited or hostile header can hold.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)
#: Values near the edges of what the fields accept, extreme floats among them (1e308 as a mapping bonus drew black
#: images before issue 21).
EDGES = st.sampled_from([
    0, -1, 1, 2, 3, 28, 10**9, 1.5, "", " ", "28", "many", [], {}, [0], [""], None, True,
    1e308, -1e308, 5e-324, 1e-300, float("inf"), float("-inf"), float("nan"),
])


def nested(depth: int) -> Any:
    """A value nested ``depth`` lists deep: deeper than any real field, up to past Python's recursion limit."""
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


#: Deeply nested values (json.loads of the header itself fails past ~1,000; see test_metadata.py for 100,000).
DEEP = st.sampled_from([10, 100, 900]).map(nested)


@pytest.fixture(scope="module")
def real_checkpoint(trained_run) -> tuple[dict[str, Any], dict[str, str], dict]:
    """The metadata, header and tensors of a tiny real trained run (tests/conftest.py's ``trained_run``)."""
    path = trained_run / "checkpoint.safetensors"
    with safe_open(str(path), "pt") as handle:
        header = handle.metadata()
    return json.loads(header["wordgan"]), header, load_file(str(path))


def paths(raw: dict[str, Any]) -> list[tuple]:
    """Every field to mutate: top-level keys, keys one level down, and list items."""
    found = []
    for key, value in raw.items():
        found.append((key,))
        if isinstance(value, dict):
            found += [(key, inner) for inner in value]
        elif isinstance(value, list):
            found += [(key, index) for index in range(min(len(value), 3))]
    return found


@st.composite
def mutated(draw, raw: dict[str, Any]) -> dict[str, Any]:
    """``raw`` with one to three fields deleted or replaced by a value of any type."""
    result = copy.deepcopy(raw)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths(result) or [("label_words",)]))
        parent = result
        for step in path[:-1]:
            parent = parent[step] if isinstance(parent, (dict, list)) else None
        if not isinstance(parent, (dict, list)) or (isinstance(parent, list) and path[-1] >= len(parent)):
            continue
        if isinstance(parent, dict) and path[-1] not in parent:
            continue
        if draw(st.booleans()):
            del parent[path[-1]]
        else:
            # A copy: EDGES hands out the same [0] or {} each time, and a later mutation must not change it.
            parent[path[-1]] = copy.deepcopy(draw(EDGES | JSON | DEEP))
    return result


def assert_one_line(error: WordganError) -> None:
    message = str(error)
    assert message and "\n" not in message, repr(message)


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_parse_gives_metadata_or_a_one_line_error(real_checkpoint, data):
    raw, _, _ = real_checkpoint
    changed = data.draw(mutated(raw))
    try:
        parsed = CheckpointMetadata.parse(changed, "model.safetensors")
    except WordganError as error:
        assert_one_line(error)
        assert "model.safetensors" in str(error)
    else:
        assert len(parsed.image_shape) == 3 and parsed.z_dim > 0 and parsed.step >= 0
        assert all(isinstance(w, str) and w.strip() for w in parsed.label_words)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_loading_gives_a_model_that_draws_or_a_one_line_error(real_checkpoint, data):
    raw, header, tensors = real_checkpoint
    changed = data.draw(mutated(raw))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.safetensors"
        save_file(tensors, str(path), metadata={**header, "wordgan": json.dumps(changed)})
        try:
            model = WordModel.load(path)
            images = model.generate([model.label_words[0]], n=1)
        except WordganError as error:
            assert_one_line(error)
        else:
            assert images.shape[:2] == (1, 1)
