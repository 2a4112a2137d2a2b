"""wordgan-use: the Universal Sentence Encoder Multilingual v3 as a wordgan embedder."""
from wordgan_use.embedder import UniversalSentenceEncoder

__all__ = ["UniversalSentenceEncoder"]
