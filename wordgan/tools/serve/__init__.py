"""``wordgan serve``: a web page to type words into and see what a model draws."""
from wordgan.tools.serve.app import build_app
from wordgan.tools.serve.requests import Limits

__all__ = ["Limits", "build_app"]
