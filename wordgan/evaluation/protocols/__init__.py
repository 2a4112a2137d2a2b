"""Evaluation protocols: seen words, novel words from a list, held-out classes, held-out concepts."""
