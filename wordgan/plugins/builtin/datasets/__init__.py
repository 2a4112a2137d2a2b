"""Datasets that ship with wordgan, registered as plugins in wordgan's own metadata."""
