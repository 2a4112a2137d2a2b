"""The built-in ``concat`` embedder, on real GloVe and fastText vectors."""
import numpy as np
import pytest

import wordgan
from wordgan.plugins.build import build_embedder_from_spec
from wordgan.errors import UnknownWordError, WordganError
from wordgan.testing import EmbedderContract

PARTS = ["word2vec", {"name": "fasttext", "options": {}}]


@pytest.fixture(scope="module")
def concat():
    return wordgan.build_embedder("concat", parts=PARTS)


class TestConcatContract(EmbedderContract):
    @pytest.fixture
    def embedder(self, concat):
        return concat


def test_cosine_is_the_mean_of_the_parts_cosines(concat):
    glove, fasttext = concat.parts
    assert concat.dim == glove.dim + fasttext.dim
    words = ["boots", "sandals"]
    both = concat.similarity(words[0], words[1:])[0]
    parts = [part.similarity(words[0], words[1:])[0] for part in concat.parts]
    assert both == pytest.approx(np.mean(parts), abs=1e-5)


def test_a_word_is_known_only_if_every_part_knows_it(concat):
    assert concat.parts[1].knows("qxzvqxzv")  # fastText embeds any string by its subwords
    with pytest.raises(UnknownWordError, match="qxzvqxzv"):
        concat.encode(["qxzvqxzv"])


def test_the_spec_rebuilds_the_same_embedder(concat):
    rebuilt = build_embedder_from_spec(concat.spec)
    assert [p["name"] for p in concat.spec.options["parts"]] == ["word2vec", "fasttext"]
    np.testing.assert_allclose(rebuilt.encode(["coat"]), concat.encode(["coat"]), atol=1e-6)


@pytest.mark.parametrize("parts", [["word2vec"], "word2vec", [42, "fasttext"], [{"name": "concat"}, "word2vec"]])
def test_bad_parts_are_clear_errors(parts):
    with pytest.raises(WordganError, match="concat"):
        wordgan.build_embedder("concat", parts=parts)
