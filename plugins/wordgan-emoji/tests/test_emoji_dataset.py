"""The emoji dataset on the real installed sources: names, subcategories and options."""
import json

import pytest
import torch

import wordgan
from wordgan.errors import DatasetNotFoundError, WordganError
from wordgan.testing import DatasetContract, DatasetProviderContract
from wordgan_emoji import EmojiDataset
from wordgan_emoji.sources import SOURCES, default_data_dir


class TestEmojiContract(DatasetContract):
    @pytest.fixture
    def dataset(self, small_options):
        return wordgan.load_dataset("emoji", "train", **small_options)  # through the entry point, as wordgan loads it


class TestEmojiProviderContract(DatasetProviderContract):
    @pytest.fixture
    def provider(self, everything):  # every concept: the options the shipped judge is for
        return everything


@pytest.fixture(scope="module")
def small(small_options):
    return EmojiDataset(**small_options)


@pytest.fixture(scope="module")
def everything():
    return EmojiDataset()


def test_every_named_emoji_is_a_concept_named_as_cldr_names_it(everything):
    """Each emoji.json entry but the skin-tone and hair components, named by OpenMoji's CLDR annotation,
    with emoji.json's subcategory and category."""
    data = default_data_dir()
    emoji = json.loads((data / SOURCES["google"].folder / "emoji.json").read_text())
    openmoji = {e["hexcode"]: e for e in json.loads((data / SOURCES["openmoji"].folder / "data/openmoji.json").read_text())}
    things = [e for e in emoji if e["category"] != "Component"]
    assert len(everything.concepts) == len(things) == 1906
    by_code = {c.unified: c for c in everything.concepts}
    for entry in things:
        concept = by_code[entry["unified"]]
        record = openmoji.get(entry["unified"]) or openmoji[entry["unified"].replace("-FE0F", "")]
        assert (concept.name, concept.subcategory, concept.category) == (
            record["annotation"], entry["subcategory"], entry["category"])
    assert len({c.subcategory for c in everything.concepts}) == 98
    assert len(set(everything.words)) == len(everything.words)


def test_names_are_phrases_as_the_sources_give_them(everything):
    concepts = {c.name: c for c in everything.concepts}
    assert concepts["tiger face"].subcategory == "animal-mammal"
    assert concepts["tiger face"].category == "Animals & Nature"
    assert "tiger" in concepts["tiger face"].keywords
    assert concepts["high-heeled shoe"].subcategory == "clothing"
    assert concepts["thumbs up"].subcategory == "hand-fingers-closed"
    assert concepts["flag: Germany"].subcategory == "country-flag"
    assert everything.words[0] == "grinning face"  # emoji order


def test_small_selection_has_three_drawings_per_concept(small):
    data = small.load("train")
    assert set(small.concepts[0].images) == {"google", "twitter", "openmoji"}
    assert {c.subcategory for c in small.concepts} == {"animal-mammal", "food-fruit"}
    assert data.images.shape == (3 * len(small.words), 3, 32, 32)  # 32 px by default
    assert torch.bincount(data.labels).tolist() == [3] * len(small.words)


def test_styles_are_different_drawings_of_the_same_concepts(small_options):
    google = EmojiDataset(styles="google", **small_options).load()
    twitter = EmojiDataset(styles=["twitter"], **small_options).load()
    assert google.words == twitter.words and len(google) == len(twitter) == len(google.words)
    differ = (google.images.float() - twitter.images.float()).abs().mean(dim=(1, 2, 3))  # (K,)
    assert (differ > 5).all()


def test_size_32_is_the_64_pixel_drawing_shrunk(small_options):
    big = EmojiDataset(styles="google", size=64, **small_options).load()
    small = EmojiDataset(styles="google", size=32, **small_options).load()
    assert small.images.shape[1:] == (3, 32, 32)
    pooled = torch.nn.functional.avg_pool2d(big.images.float(), 2)
    assert (pooled - small.images.float()).abs().mean() < 6


def test_background_fills_the_transparent_pixels(small_options):
    black = EmojiDataset(styles="twitter", background="black", size=64, **small_options).load()
    white = EmojiDataset(styles="twitter", background="white", size=64, **small_options).load()
    # A corner is empty in nearly every drawing (Twemoji's unicorn reaches one).
    assert black.images[:, :, 0, 0].eq(0).all(dim=1).float().mean() > 0.95
    assert white.images[:, :, 0, 0].eq(255).all(dim=1).float().mean() > 0.95
    same = black.images == white.images  # opaque pixels do not change
    assert same.float().mean() > 0.3


def test_skin_tones_are_off_by_default_and_add_variants_of_the_same_concept():
    hands = {"subcategories": "hand-fingers-closed", "styles": "google"}
    plain = EmojiDataset(**hands).load()
    toned = EmojiDataset(skin_tones=True, **hands).load()
    thumbs = plain.words.index("thumbs up")
    assert plain.words == toned.words
    assert int((plain.labels == thumbs).sum()) == 1 and int((toned.labels == thumbs).sum()) == 6


def test_test_style_splits_by_drawing_style(small_options):
    dataset = EmojiDataset(test_style="openmoji", **small_options)
    train, test = dataset.load("train"), dataset.load("test")
    assert train.words == test.words
    assert len(train) == 2 * len(train.words) and len(test) == len(test.words)
    openmoji_only = EmojiDataset(styles="openmoji", **small_options).load()
    assert torch.equal(test.images, openmoji_only.images)


def test_without_test_style_both_splits_hold_every_image(small):
    assert torch.equal(small.load("train").images, small.load("test").images)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"styles": "apple"}, "styles must be some of"),
        ({"size": 48}, "size must be 32 or 64"),
        ({"background": "grey"}, "background must be"),
        ({"skin_tones": "yes"}, "skin_tones must be true or false"),
        ({"subcategories": "animal-dragon-unicorn"}, "do not exist"),
        ({"styles": "google", "test_style": "google"}, "test_style must be one of"),
    ],
)
def test_bad_options_name_the_culprit(options, message):
    with pytest.raises(WordganError, match=message):
        EmojiDataset(**options)


def test_missing_sources_name_the_install_command(tmp_path):
    with pytest.raises(DatasetNotFoundError, match="python -m wordgan_emoji --data-dir .* install"):
        EmojiDataset(data_dir=str(tmp_path))


def test_unknown_split_is_refused(small):
    with pytest.raises(WordganError, match="splits 'train' and 'test'"):
        small.load("validation")
