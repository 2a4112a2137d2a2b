"""A wordgan embedder for SentenceTransformer models: prompts are embedded as phrases, not averaged words."""
from wordgan_sentence_transformers.bundled import bundled_model_path
from wordgan_sentence_transformers.embedder import SentenceTransformerEmbedder

__all__ = ["SentenceTransformerEmbedder", "bundled_model_path"]
