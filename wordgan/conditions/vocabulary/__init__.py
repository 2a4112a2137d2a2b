"""Extra condition words per class (vocabulary expansion) and the WordNet reader behind them."""
from wordgan.conditions.vocabulary.expansion import Vocabulary, build_vocabulary, file_vocabulary, wordnet_vocabulary
from wordgan.conditions.vocabulary.wordnet import WordNet, base_forms

__all__ = ["Vocabulary", "WordNet", "base_forms", "build_vocabulary", "file_vocabulary", "wordnet_vocabulary"]
