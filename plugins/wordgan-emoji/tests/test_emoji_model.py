"""The emoji model the plugin ships, by its name: it loads, never trained on the held-out split, and draws them."""
import torch

import wordgan
from wordgan_emoji import EmojiDataset


def test_the_shipped_model_is_found_by_name_and_held_the_split_out():
    model = wordgan.load("emoji", device="cpu")
    held_out = EmojiDataset().held_out_words()
    assert model.image_shape == (3, 32, 32) and len(model.all_words) == 1906
    assert not set(held_out) & set(model.label_words) and set(held_out) <= set(model.all_words)
    images = model.generate(held_out[:2], n=2, seed=0)  # words it never trained on, drawn as its mapping says
    assert images.shape == (2, 2, 3, 32, 32) and images.dtype == torch.uint8
