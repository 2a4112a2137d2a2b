"""What a plugin author tests a plugin with (requires pytest): contract suites, hostile files, a tiny run.

Subclass the suite for your plugin's kind in your own tests and provide the fixture it names::

    from wordgan.testing import EmbedderContract

    class TestMyEmbedder(EmbedderContract):
        known_words = ("shoe", "bag")

        @pytest.fixture
        def embedder(self, my_embedder):  # a module- or session-scoped fixture if building is slow
            return my_embedder

Every reference plugin in wordgan's own repository runs these suites too.
"""
from wordgan.testing.contracts import (
    DatasetContract,
    DatasetProviderContract,
    EmbedderContract,
    GanContract,
    LossContract,
)
from wordgan.testing.hostile import write_hostile_pickle
from wordgan.testing.tiny import tiny_train_config

__all__ = [
    "DatasetContract",
    "DatasetProviderContract",
    "EmbedderContract",
    "GanContract",
    "LossContract",
    "tiny_train_config",
    "write_hostile_pickle",
]
