"""One request's answer: its images, the grid, the similarity table and what the word was drawn as."""
from __future__ import annotations

import base64
import io
import json
import re
from dataclasses import dataclass
from typing import Any

import torch
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from wordgan import __version__ as wordgan_version

from wordgan.conditions import arithmetic
from wordgan.conditions.arithmetic import Expression
from wordgan.files.captions import titled
from wordgan.files.images import grid, to_pil
from wordgan.model.word_model import WordModel
from wordgan.tools.interpolation import mix
from wordgan.tools.serve.requests import DrawRequest


@dataclass
class Answer:
    request: DrawRequest
    images: torch.Tensor  # (n, C, H, W) uint8
    described: list[dict[str, Any]]  # per word field: its similarity table and what it was drawn as
    temperature: float | None  # the request's settings as used: "model" resolved to the model's own
    truncation: float | None
    model: str  # which model drew them (:func:`describe_model`)

    @property
    def title(self) -> str:
        if self.request.second is None:
            return str(self.request.word)
        return f"{self.request.word} -> {self.request.second} at {self.request.amount:.2f}"

    @property
    def settings(self) -> str:
        """What else decides the images, as one line: ``seed 0, 8 images, temperature 0.03, truncation 1.5``."""
        temperature = "raw" if self.temperature is None else f"{self.temperature:g}"
        truncation = "off" if self.truncation is None else f"{self.truncation:g}"
        images = "1 image" if self.request.n == 1 else f"{self.request.n} images"
        return f"seed {self.request.seed}, {images}, temperature {temperature}, truncation {truncation}"

    @property
    def file_name(self) -> str:
        """The grid's file name: its title and settings, in letters, digits, dots, dashes and underscores."""
        temperature = "raw" if self.temperature is None else f"{self.temperature:g}"
        truncation = "off" if self.truncation is None else f"{self.truncation:g}"
        title = re.sub(r"[^\w.-]+", "_", self.title).strip("._")[:80] or "grid"
        r = self.request
        return f"wordgan-{title}-seed{r.seed}-n{r.n}-t{temperature}-trunc{truncation}.png"

    def grid(self) -> Image.Image:
        """The images in rows of at most 8, each ``zoom`` times its size, under the title and the settings."""
        images = self.images
        per_row = min(8, len(images))
        rows = -(-len(images) // per_row)
        padded = torch.full((rows * per_row, *images.shape[1:]), 255, dtype=torch.uint8)  # white: background
        padded[: len(images)] = images
        picture = grid(padded.view(rows, per_row, *images.shape[1:]), scale=self.request.zoom)
        return titled(picture, [self.title, self.settings])

    def png(self) -> bytes:
        """:meth:`grid` as a PNG whose text chunks record what drew it: Title, Description (the settings),
        Source (the model), Software, and ``wordgan``, the request as JSON (``--seed`` and the rest)."""
        r = self.request
        request = {
            "word": str(r.word), "second": None if r.second is None else str(r.second),
            "amount": r.amount if r.second is not None else None, "n": r.n, "seed": r.seed,
            "temperature": self.temperature, "truncation": self.truncation,
        }
        chunks = PngInfo()
        for key, text in (("Title", self.title), ("Description", self.settings), ("Source", self.model),
                          ("Software", f"wordgan {wordgan_version}"), ("wordgan", json.dumps(request))):
            chunks.add_itxt(key, text)  # iTXt: UTF-8, so any word survives
        return png_bytes(self.grid(), chunks)

    def to_json(self) -> dict[str, Any]:
        r = self.request
        return {
            "title": self.title,
            "settings": self.settings,
            "n": r.n,
            "seed": r.seed,
            "amount": r.amount if r.second is not None else None,
            "temperature": self.temperature,
            "truncation": self.truncation,
            "images": [png_data_url(to_pil(image)) for image in self.images],
            "words": self.described,
        }


def describe_model(model: WordModel) -> str:
    """One line naming the model: its GAN, dataset, embedder and step."""
    return f"{model.config.gan} on {model.config.dataset}, {model.embedder_spec.name} conditions, step {model.step}"


def answer(model: WordModel, request: DrawRequest) -> Answer:
    """Draw what ``request`` asks for with ``model`` (which it only reads)."""
    texts = [str(request.word)] + ([str(request.second)] if request.second is not None else [])
    if request.second is None:
        condition = arithmetic.conditions(model, texts, request.temperature)  # (1, E)
    else:
        condition = mix(model, texts, request.amount, temperature=request.temperature).unsqueeze(0)  # (1, E)
    images = model.draw(condition, n=request.n, seed=request.seed, truncation=request.truncation)[0]  # (n, C, H, W)
    words = [request.word] + ([request.second] if request.second is not None else [])
    return Answer(request, images, [describe(model, word, request.temperature) for word in words],
                  model.resolve_temperature(request.temperature), model.resolve_truncation(request.truncation),
                  describe_model(model))


def describe(model: WordModel, word: Expression, temperature: float | str | None) -> dict[str, Any]:
    """The similarity of ``word`` to each label word and, for a new word, the label weights it is drawn with."""
    weights = arithmetic.drawn_as(model, word, temperature)
    trained_as = model.trained_class(str(word)) if word.is_single_word else None
    if trained_as == str(word):
        note = "a label word: drawn at its own vector"
    elif weights is None:
        note = "drawn at its own embedding (snapping is off)"
    elif trained_as is not None:
        note = f"trained as an extra word of {trained_as!r}, drawn snapped onto the label words"
    else:
        note = "new to the model: drawn snapped onto the label words it resembles"
    unfamiliar = model.unfamiliar(word.words) if word.is_single_word else []
    return {
        "text": str(word),
        "unfamiliar": unfamiliar[0].message() if unfamiliar else None,
        "similar": [[label, round(sim, 3)] for label, sim in arithmetic.similarities(model, word)],
        "drawn_as": None if weights is None else [[label, round(w, 3)] for label, w in weights if w >= 0.005],
        "note": note,
    }


def png_data_url(image: Image.Image) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes(image)).decode("ascii")


def png_bytes(image: Image.Image, chunks: PngInfo | None = None) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=chunks)
    return buffer.getvalue()
