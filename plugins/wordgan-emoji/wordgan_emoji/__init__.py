"""wordgan-emoji: the ``emoji`` dataset, ~1,900 named concepts drawn by Google Noto, Twemoji and OpenMoji."""
from wordgan_emoji.catalogue import Concept
from wordgan_emoji.dataset import EmojiDataset
from wordgan_emoji.split import held_out_words

__all__ = ["Concept", "EmojiDataset", "held_out_words"]
