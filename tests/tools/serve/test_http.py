"""The page's HTTP API, as concurrent visitors and careless or hostile ones use it."""
from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from PIL import Image


def get(server: str, path: str, **params) -> tuple[int, dict[str, str], bytes]:
    url = f"{server}{path}?{urllib.parse.urlencode(params)}" if params else f"{server}{path}"
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def decode(data_url: str) -> np.ndarray:
    import base64

    assert data_url.startswith("data:image/png;base64,")
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data_url.split(",", 1)[1]))))


def test_binds_loopback_and_serves_the_page(server):
    assert server.startswith("http://127.0.0.1:")
    status, headers, body = get(server, "/")
    assert status == 200 and b"<script src=\"/page.js\">" in body
    assert "default-src 'none'" in headers["content-security-policy"]
    status, _, body = get(server, "/api/info")
    info = json.loads(body)
    assert info["label_words"][5] == "sandals" and info["temperature"] == 0.03 and info["limits"]["n"] == 32


def test_a_new_word_gets_images_a_similarity_table_and_its_weights(server):
    status, _, body = get(server, "/api/draw", word="slipper", n=3, seed=4)
    assert status == 200
    answer = json.loads(body)
    assert answer["title"] == "slipper" and len(answer["images"]) == 3
    for url in answer["images"]:
        pixels = decode(url)
        assert pixels.shape == (28, 28) and pixels.std() > 10  # a drawing, not a blank square
    (word,) = answer["words"]
    assert [label for label, _ in word["similar"]].count("sandals") == 1 and len(word["similar"]) == 10
    assert abs(sum(weight for _, weight in word["drawn_as"]) - 1) < 0.02
    assert "new to the model" in word["note"]


def test_a_label_word_is_drawn_as_itself_and_a_second_word_is_walked_toward(server):
    answer = json.loads(get(server, "/api/draw", word="boots", second="sandals", amount=0.25, n=2)[2])
    assert answer["title"] == "boots -> sandals at 0.25" and answer["amount"] == 0.25
    assert answer["words"][0]["drawn_as"] is None and answer["words"][0]["note"].startswith("a label word")
    assert answer["words"][1]["text"] == "sandals"
    at_start = json.loads(get(server, "/api/draw", word="boots", second="sandals", amount=0, n=2)[2])
    alone = json.loads(get(server, "/api/draw", word="boots", n=2)[2])
    assert at_start["images"] == alone["images"]  # amount 0 is the first word itself


def test_the_grid_downloads_as_a_png(server):
    status, headers, body = get(server, "/api/grid.png", word="boots - winter + summer", n=10)
    assert status == 200 and headers["content-type"] == "image/png"
    assert headers["content-disposition"] == (
        'attachment; filename="wordgan-boots_-_winter_summer-seed0-n10-t0.03-trunc1.5.png"')
    picture = Image.open(io.BytesIO(body))
    assert picture.width > 8 * 84 and np.asarray(picture.convert("L")).std() > 10  # two rows of 8 and 2


@pytest.mark.parametrize(
    "params, message",
    [
        ({"word": ""}, "the word is empty"),
        ({"word": "   "}, "the word is empty"),
        ({"word": "x" * 61}, "at most 60 are allowed"),
        ({"word": "a + b + c + d + e"}, "at most 4 are allowed"),
        ({"word": "boots -"}, "an operator without a word"),
        ({"word": "boots - boots"}, "cancels out"),
        ({"word": "boots", "n": "0"}, "n must be between 1 and 32"),
        ({"word": "boots", "n": "33"}, "n must be between 1 and 32"),
        ({"word": "boots", "n": "many"}, "n must be a whole number"),
        ({"word": "boots", "seed": "-1"}, "seed must be between 0 and 18446744073709551615, got -1"),
        ({"word": "boots", "seed": str(2**64)}, "seed must be between 0 and 18446744073709551615, got 1844674"),
        ({"word": "boots", "seed": "1_000"}, "seed must be a whole number"),
        ({"word": "boots", "zoom": "9"}, "zoom must be between 1 and 8"),
        ({"word": "boots", "temperature": "hot"}, "temperature must be a positive number"),
        ({"word": "boots", "truncation": "-2"}, "truncation must be a positive number"),
        ({"word": "boots", "second": "sandals", "amount": "1.5"}, "amount must be between 0 and 1"),
        ({"word": "boots", "colour": "red"}, "unknown field(s) colour"),
        ({"word": "boots", "second": "y" * 900}, "characters long; at most"),
    ],
)
def test_bad_input_is_a_clear_one_line_message(server, params, message):
    status, headers, body = get(server, "/api/draw", **params)
    assert status == 400 and headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert message in error and "\n" not in error and "Traceback" not in error
    status, _, body = get(server, "/api/grid.png", **params)
    assert status == 400 and message in body.decode()


def test_concurrent_visitors_each_get_their_own_images(server):
    asks = [{"word": word, "n": 4, "seed": seed} for word in ("sandals", "slipper", "bag", "running shoes") for seed in (0, 1)]
    one_by_one = [json.loads(get(server, "/api/draw", **ask)[2]) for ask in asks]
    with ThreadPoolExecutor(max_workers=len(asks)) as pool:  # every request in flight at once, twice over
        at_once = list(pool.map(lambda ask: json.loads(get(server, "/api/draw", **ask)[2]), asks * 2))
    for ask, alone, together in zip(asks * 2, one_by_one * 2, at_once):
        assert together["title"] == ask["word"] and together["seed"] == ask["seed"]
        assert together["images"] == alone["images"] and together["words"] == alone["words"]
    assert len({answer["images"][0] for answer in one_by_one}) == len(asks)  # and they all differ


def test_a_busy_port_is_one_line_before_anything_loads():
    """Issue 21: `serve` on a busy port failed after 16 s of loading; now it says so before loading the model."""
    import socket

    from tests.support import SHIPPED, assert_one_line_error, invoke

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        result = invoke("serve", SHIPPED, "--port", taken.getsockname()[1])
    assert_one_line_error(result, "cannot listen on 127.0.0.1")
    assert "loading" not in result.stderr  # nothing was loaded first
