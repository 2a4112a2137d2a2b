"""``wordgan serve``: a web page to type words into and see what a model draws."""
from wordgan.serve.app import build_app
from wordgan.serve.requests import Limits

__all__ = ["Limits", "build_app"]
