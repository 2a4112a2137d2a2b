"""What the page's API gives beyond images: a downloaded grid that records how it was drawn, the full seed
range of `wordgan generate`, zoom, file names in any script, and examples drawn from the model itself."""
from __future__ import annotations

import base64
import io
import json
import urllib.parse

import numpy as np
from PIL import Image

from tests.picture_text import spaces_seen
from tests.tools.serve.test_http import get

MAX_SEED = 2**64 - 1


def test_the_grid_records_its_settings_in_text_chunks_its_caption_and_its_name(server):
    status, headers, body = get(server, "/api/grid.png", word="boots", second="sandals", amount=0.25, n=3,
                                seed=MAX_SEED, temperature="raw", truncation="off")
    assert status == 200
    assert headers["content-disposition"] == (
        f'attachment; filename="wordgan-boots_-_sandals_at_0.25-seed{MAX_SEED}-n3-traw-truncoff.png"')
    picture = Image.open(io.BytesIO(body))
    assert picture.text["Title"] == "boots -> sandals at 0.25"
    assert picture.text["Description"] == f"seed {MAX_SEED}, 3 images, temperature raw, truncation off"
    assert picture.text["Source"] == "dcgan on fashion-mnist, sentence-transformers conditions, step 4000"
    assert picture.text["Software"].startswith("wordgan ")
    assert json.loads(picture.text["wordgan"]) == {"word": "boots", "second": "sandals", "amount": 0.25, "n": 3,
                                                   "seed": MAX_SEED, "temperature": None, "truncation": None}
    grey = np.asarray(picture.convert("L"))
    assert spaces_seen(grey[:16]) == 4 and spaces_seen(grey[16:32]) == 7  # both caption lines, spaces kept
    assert picture.width > 3 * 28 * 3  # widened to its caption


def test_the_models_own_settings_are_written_as_numbers(server):
    status, headers, body = get(server, "/api/grid.png", word="slipper", n=1)
    assert Image.open(io.BytesIO(body)).text["Description"] == "seed 0, 1 image, temperature 0.03, truncation 1.5"
    assert headers["content-disposition"].endswith('-seed0-n1-t0.03-trunc1.5.png"')
    answer = json.loads(get(server, "/api/draw", word="slipper", n=1)[2])
    assert answer["settings"] == "seed 0, 1 image, temperature 0.03, truncation 1.5"
    assert (answer["temperature"], answer["truncation"]) == (0.03, 1.5)


def test_a_word_in_another_script_names_the_file_too(server):
    """Headers are Latin-1: the name goes in filename* (RFC 6266), with an ASCII fallback."""
    status, headers, _ = get(server, "/api/grid.png", word="\u9774", n=1)
    assert status == 200
    assert headers["content-disposition"] == (
        "attachment; filename=\"wordgan-_-seed0-n1-t0.03-trunc1.5.png\"; "
        "filename*=UTF-8''" + urllib.parse.quote("wordgan-\u9774-seed0-n1-t0.03-trunc1.5.png", safe=""))


def test_seeds_reach_what_wordgan_generate_takes(server):
    """The page's seeds were 0-999 and the API's 0..2**31-1, while `wordgan generate --seed` takes 0..2**64-1."""
    info = json.loads(get(server, "/api/info")[2])
    assert info["limits"]["seed"] == str(MAX_SEED)  # text: JavaScript's numbers stop being exact at 2**53
    drawn = {seed: json.loads(get(server, "/api/draw", word="bag", n=2, seed=seed)[2]) for seed in (0, 2**53 + 1,
                                                                                                     MAX_SEED - 1, MAX_SEED)}
    assert all(answer["seed"] == seed for seed, answer in drawn.items())
    assert len({answer["images"][0] for answer in drawn.values()}) == 4  # four seeds, four noise vectors
    again = json.loads(get(server, "/api/draw", word="bag", n=2, seed=MAX_SEED)[2])
    assert again["images"] == drawn[MAX_SEED]["images"]


def test_zoom_enlarges_the_grid_only(server):
    small = Image.open(io.BytesIO(get(server, "/api/grid.png", word="coat", n=8, zoom=1)[2]))
    large = Image.open(io.BytesIO(get(server, "/api/grid.png", word="coat", n=8, zoom=6)[2]))
    captions, gaps = 2 * 16, 2 * 2  # two caption lines; a 2 px gap above and below the row of images
    assert (small.height - captions - gaps, large.height - captions - gaps) == (28, 6 * 28)
    assert large.width == 8 * 6 * 28 + 9 * 2  # eight images, nine gaps
    answer = json.loads(get(server, "/api/draw", word="coat", n=1, zoom=6)[2])
    assert Image.open(io.BytesIO(base64.b64decode(answer["images"][0].split(",")[1]))).size == (28, 28)


def test_the_examples_come_from_the_model_and_all_draw(server):
    examples = json.loads(get(server, "/api/info")[2])["examples"]
    assert [(e["kind"], e["text"]) for e in examples] == [
        ("trained", "t-shirt"), ("trained", "sandals"), ("trained", "boots"),  # first, middle and last label words
        ("new", "slipper"), ("new", "kimono"),  # the run's probe words it never trained on ("sweater" it did)
        ("phrase", "tee shirt"),  # a vocabulary-expansion phrase
        ("arithmetic", "boots + sandals"),
    ]
    for example in examples:
        status, _, body = get(server, "/api/draw", word=example["text"], n=1)
        assert status == 200 and json.loads(body)["title"] == example["text"]
