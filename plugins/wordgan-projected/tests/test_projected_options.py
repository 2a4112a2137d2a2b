"""Bad options are one line naming the option; the generator is the named GAN plugin's, with its options."""
import pytest

import wordgan
from wordgan.errors import WordganError


@pytest.mark.parametrize("options, culprit", [
    ({"levels": 5}, "levels"),
    ({"levels": 0}, "levels"),
    ({"resolution": 16}, "resolution"),
    ({"channels": "wide"}, "channels"),
    ({"csm": "yes"}, "csm"),
    ({"unconditional": 1}, "unconditional"),
    ({"head_norm": "group"}, "head_norm"),
    ({"spread_temperature": -1}, "spread_temperature"),
    ({"spread_temperature": "warm"}, "spread_temperature"),
    ({"head_width": True}, "head_width"),
    ({"features_sha256": "abc"}, "features_sha256"),
    ({"features": "resnet50"}, "resnet50"),
    ({"generator": "projected"}, "projected"),
    ({"generator_options": [1]}, "generator_options"),
    ({"generator": "no-such-gan"}, "no-such-gan"),
])
def test_bad_options_name_the_culprit(options, culprit):
    with pytest.raises(WordganError, match=culprit) as caught:
        wordgan.build_gan("projected", 8, 6, (1, 28, 28), **options)
    assert "\n" not in str(caught.value)


def test_images_it_cannot_judge_are_refused():
    with pytest.raises(WordganError, match=r"\(2, 28, 28\)"):
        wordgan.build_gan("projected", 8, 6, (2, 28, 28))


@pytest.mark.parametrize("name, options", [("dcgan", {"width": 8, "max_width": 16}), ("biggan", {"ch": 2, "shared_dim": 4})])
def test_generator_is_the_named_plugins(name, options):
    G, _ = wordgan.build_gan("projected", 8, 6, (1, 28, 28), generator=name, generator_options=options)
    alone, _ = wordgan.build_gan(name, 8, 6, (1, 28, 28), **options)
    assert type(G) is type(alone)
    assert {k: v.shape for k, v in G.state_dict().items()} == {k: v.shape for k, v in alone.state_dict().items()}
