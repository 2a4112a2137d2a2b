"""Embedders that ship with the core: combinations of other embedder plugins."""
