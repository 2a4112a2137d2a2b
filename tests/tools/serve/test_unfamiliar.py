"""The web page's answer says when a word is far from everything the model draws."""
from __future__ import annotations

import json

from tests.tools.serve.test_http import get


def test_the_answer_warns_of_gibberish_and_not_of_a_real_word(server):
    gibberish = json.loads(get(server, "/api/draw", word="qxzvqxzv", n=1)[2])["words"][0]
    assert "'qxzvqxzv' is far from everything this model draws" in gibberish["unfamiliar"]
    real = json.loads(get(server, "/api/draw", word="slipper", n=1)[2])["words"][0]
    assert real["unfamiliar"] is None
