"""A trained model: loading it, turning words into conditions, and the one path that draws images."""
