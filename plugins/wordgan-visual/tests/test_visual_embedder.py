"""The visual embedder on a space fitted on real emoji mammals: the contract every embedder keeps, trained
concepts as their prototypes, new words through the ridge (by hand), neighbours in both spaces."""
import json

import numpy as np
import pytest

import wordgan
from wordgan.errors import WordganError
from wordgan.testing import EmbedderContract
from wordgan_visual.space import VisualSpace

from visual_support import needs_artwork

pytestmark = needs_artwork


@pytest.fixture(scope="module")
def minilm():
    return wordgan.build_embedder("sentence-transformers")


class TestVisualContract(EmbedderContract):
    known_words = ("tiger", "dog face", "hedgehog", "running shoes")  # two trained concepts, a held-out one, a phrase
    unknown_word = None  # MiniLM embeds any text
    path_options = ("model",)

    @pytest.fixture
    def embedder(self, mammals_space_file):
        return wordgan.build_embedder("visual", model=str(mammals_space_file))


@pytest.fixture(scope="module")
def visual(mammals_space_file):
    return wordgan.build_embedder("visual", model=str(mammals_space_file))


def test_a_trained_concept_is_its_own_prototype(visual):
    space = visual.space
    for name in ("tiger", "dog face", "  guide   dog "):
        np.testing.assert_array_equal(visual.embed(name), space.prototypes[space.concepts.index(" ".join(name.split()))])


def test_with_no_blend_any_other_text_is_its_minilm_vector_through_the_ridge_by_hand(mammals_space_file, minilm):
    exem = wordgan.build_embedder("visual", model=str(mammals_space_file), blend=0)
    space = exem.space
    for text in ("hedgehog", "Tiger", "a small spiny animal"):  # held out, another case, a phrase
        t = minilm.embed(text).astype(np.float64)
        np.testing.assert_allclose(exem.embed(text), t @ space.weight + space.bias, rtol=1e-4, atol=1e-5)


def test_by_default_a_new_word_is_three_quarters_its_text_neighbours_prototypes(visual, minilm):
    space = visual.space
    t = minilm.embed("hedgehog").astype(np.float64)
    cosines = space.text_vectors @ t / np.linalg.norm(space.text_vectors, axis=1) / np.linalg.norm(t)
    weights = np.exp((cosines - cosines.max()) / 0.03)
    near = (weights / weights.sum()) @ space.prototypes
    ridge = t @ space.weight + space.bias
    expected = 0.25 * np.linalg.norm(near) * ridge / np.linalg.norm(ridge) + 0.75 * near
    np.testing.assert_allclose(visual.embed("hedgehog"), expected, rtol=1e-4, atol=1e-5)


def test_the_spec_records_resolved_options(visual, mammals_space_file):
    assert visual.spec.to_dict() == {"name": "visual", "options": {"model": str(mammals_space_file), "blend": 0.75, "temperature": 0.03}}


def test_a_blend_moves_new_words_toward_the_prototypes_of_their_text_neighbours(mammals_space_file, visual, minilm):
    blended = wordgan.build_embedder("visual", model=str(mammals_space_file), blend=1.0, temperature=0.001)
    assert blended.embed("tiger").tolist() == visual.embed("tiger").tolist()  # trained concepts stay their prototypes
    nearest = blended.neighbours("hedgehog", 1)["text_space"][0][0]  # at a tiny temperature, one concept takes it all
    np.testing.assert_allclose(blended.embed("hedgehog"), visual.embed(nearest), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("options, message", [
    ({"blend": 1.5}, "blend must be a number from 0 to 1, got 1.5"),
    ({"blend": True}, "blend must be a number"),
    ({"temperature": 1e-300}, "temperature must be a number from 0.0001 to 10"),
    ({"model": 3}, "model must name a visual space file, got 3"),
])
def test_bad_options_are_one_line(mammals_space_file, options, message):
    with pytest.raises(WordganError, match=message):
        wordgan.build_embedder("visual", **{"model": str(mammals_space_file), **options})


def test_neighbours_in_both_spaces_by_hand(visual, minilm):
    space = visual.space
    found = visual.neighbours("hedgehog", topn=5)
    assert found["text"] == "hedgehog" and not found["trained"]
    v, t = visual.embed("hedgehog"), minilm.embed("hedgehog")
    by_visual = space.prototypes @ v / np.linalg.norm(space.prototypes, axis=1) / np.linalg.norm(v)
    by_text = space.text_vectors @ t / np.linalg.norm(space.text_vectors, axis=1) / np.linalg.norm(t)
    assert [name for name, _ in found["visual"]] == [space.concepts[i] for i in np.argsort(-by_visual)[:5]]
    assert [name for name, _ in found["text_space"]] == [space.concepts[i] for i in np.argsort(-by_text)[:5]]
    np.testing.assert_allclose([s for _, s in found["visual"]], np.sort(by_visual)[::-1][:5], rtol=1e-4)
    assert visual.most_similar("hedgehog", 5) == found["visual"]


def test_a_concept_is_not_its_own_neighbour(visual):
    found = visual.neighbours("tiger", topn=100)
    assert found["trained"]
    assert all(name != "tiger" for name, _ in found["visual"] + found["text_space"])
    assert len(found["visual"]) == len(visual.space.concepts) - 1  # topn beyond the concepts: all the others


def test_a_text_embedder_holding_a_visual_embedder_is_refused_not_looped(tmp_path, mammals_space_file):
    """A hand-made file whose text embedder is a concat of this very visual space: one line, no recursion."""
    space = VisualSpace.load(mammals_space_file)
    parts = [{"name": "visual", "options": {"model": str(tmp_path / "loop.safetensors")}}, "sentence-transformers"]
    looped = VisualSpace(**{**space.__dict__, "text_embedder": {"name": "concat", "options": {"parts": parts}},
                            "text_vectors": np.zeros((len(space.concepts), 400), np.float32) + 1,
                            "weight": np.zeros((400, space.dim), np.float32)})
    looped.save(tmp_path / "loop.safetensors")
    embedder = wordgan.build_embedder("visual", model=str(tmp_path / "loop.safetensors"))
    assert json.loads(json.dumps(embedder.spec.to_dict()))["name"] == "visual"
    with pytest.raises(WordganError, match="may not itself contain a visual embedder"):
        embedder.embed("hedgehog")
