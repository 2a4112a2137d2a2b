"""The ``fasttext`` embedder: word vectors built from character n-grams, so misspelt and rare words get one too."""
from __future__ import annotations

from typing import Any, Sequence

import fasttext
import numpy as np

from wordgan.errors import UnknownWordError, WordganError
from wordgan.interfaces import Embedder
from wordgan.safety import resolve_path
from wordgan_fasttext.default_model import DEFAULT_MODEL
from wordgan_fasttext.model_file import check_model_file
from wordgan_fasttext.text import tokens


class FastTextEmbedder(Embedder):
    """Any fastText ``.bin`` model (Bojanowski et al. 2017): (N,) texts -> (N, E) float32 unit vectors.

    A word's vector is the mean of its own vector (if the model has one) and its character n-grams' vectors,
    so "sandalz" lands near "sandals". A text is cut into words by :func:`wordgan_fasttext.text.tokens` ("T-shirt"
    -> t, shirt); its vector is the mean of its words' unit vectors, scaled to unit length (what fastText's
    ``get_sentence_vector`` does). Unit length keeps the condition's scale the same for every prompt.

    Options (JSON-serialisable, stored in the checkpoint's embedder spec):

    - ``model``: path to a fastText ``.bin`` (not ``.vec``: that has no n-grams). ``None`` is the small English
      model shipped in this package (E = 32, see its README).
    - ``lowercase``: lowercase prompts first (default true: the default model was trained on lowercase text).

    Raises :class:`~wordgan.errors.UnknownWordError` only for a text with no letters, or a word the model cannot
    build (a model trained without n-grams, ``maxn=0``, and the word not in its vocabulary).
    """

    def __init__(self, model: str | None = None, lowercase: bool = True):
        # Absolute, so a checkpoint that stores the options rebuilds this from any working directory; a
        # relative path in a checkpoint's options means the checkpoint's folder (wordgan.safety). A .bin is
        # fastText's own binary format, read by its C++ code: no pickle.
        if model is not None and not isinstance(model, str):
            raise WordganError(f"fasttext option model must be a path to a .bin file, got {model!r}")
        if not isinstance(lowercase, bool):
            raise WordganError(f"fasttext option lowercase must be true or false, got {lowercase!r}")
        path = DEFAULT_MODEL if model is None else resolve_path(model)
        if not path.is_file():
            raise WordganError(f"fastText model not found: {path}")
        check_model_file(path)  # fastText's loader hangs on a truncated file and trusts every size it reads
        try:
            self.model = fasttext.load_model(str(path))
        except ValueError as exc:  # fastText's error for a file that is not a .bin model
            raise WordganError(f"{path} is not a fastText .bin model: {exc}") from exc
        # The dictionary's first entries are its words (check_model_file), the rest a supervised model's labels
        self._word_count = len(self.model.get_words(on_unicode_error="replace"))
        self.source = path.name
        self.lowercase = lowercase
        self.dim = self.model.get_dimension()
        self.options: dict[str, Any] = {"lowercase": lowercase}
        if model is not None:
            self.options = {"model": str(path), "lowercase": lowercase}

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """(N,) texts -> (N, E) float32 unit vectors."""
        return np.stack([self._embed_text(text) for text in texts])

    def most_similar(self, text: str, topn: int = 10) -> list[tuple[str, float]]:
        """The ``topn`` words of the model's vocabulary nearest to ``text`` (a word or a phrase, misspelt ones
        too) by cosine, leaving out the words of ``text`` itself, highest first, as gensim's ``most_similar``."""
        if isinstance(topn, bool) or not isinstance(topn, int) or topn < 1:
            raise WordganError(f"topn must be a positive whole number, got {topn!r}")
        query = self.embed(text)  # (E,) unit length
        words, vectors = self._vocabulary_vectors()
        similarities = vectors @ query  # (V,)
        own = set(tokens(" ".join(text.split()), lowercase=self.lowercase))
        nearest = []
        for row in np.argsort(-similarities):
            if words[row] not in own:
                nearest.append((words[row], float(similarities[row])))
                if len(nearest) == topn:
                    break
        return nearest

    def _vocabulary_vectors(self) -> tuple[list[str], np.ndarray]:
        """The model's V words and their (V, E) unit vectors, computed on first use (V is ~20,000 for the
        shipped model: about 0.1 s)."""
        if getattr(self, "_vocabulary", None) is None:
            # A word that is not UTF-8 comes back with U+FFFD in it: another string, perhaps a label's; skip it
            words = [word for word in self.model.get_words(on_unicode_error="replace")
                     if word != "</s>" and 0 <= self.model.get_word_id(word) < self._word_count]
            vectors = np.stack([self.model.get_word_vector(word) for word in words])  # (V, E)
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            self._vocabulary = (words, vectors.astype(np.float32))
        return self._vocabulary

    def _embed_text(self, text: str) -> np.ndarray:
        words = tokens(text, lowercase=self.lowercase)
        if not words:
            raise UnknownWordError(text, f"fasttext ({self.source})", hint="a prompt needs at least one letter")
        labels = [word for word in words if self.model.get_word_id(word) >= self._word_count]
        if labels:  # fastText reads a label's row, which a supervised model without n-grams does not have
            raise UnknownWordError(labels[0], f"fasttext ({self.source})", hint="it is one of the model's labels")
        vectors = np.stack([self.model.get_word_vector(word) for word in words])  # (W, E)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)  # (W, 1)
        if not norms.all():  # fastText returns zeros for a word it has neither a vector nor n-grams for
            unknown = words[int(np.argmin(norms))]
            raise UnknownWordError(unknown, f"fasttext ({self.source})", hint="this model has no subword n-grams")
        mean = (vectors / norms).mean(axis=0)  # (E,)
        return mean / max(float(np.linalg.norm(mean)), 1e-12)
