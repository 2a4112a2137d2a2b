"""Search real images with generated ones: draw a word, find the catalogue images that look most like it.

This is the use SynthTriplet makes of a text-to-image GAN (search a product catalogue by a generated
picture). Images are compared by the evaluator's features (the layer before its class scores,
:class:`wordgan.evaluation.judge.evaluator.Evaluator`), by cosine similarity. The query is the mean of the unit
feature vectors of ``n`` images drawn for the word: one direction that stands for what the model draws,
less sensitive to one odd sample than any single image.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np
import torch
from PIL import Image, ImageOps, UnidentifiedImageError

from wordgan.conditions import arithmetic
from wordgan.plugins.build import load_dataset
from wordgan.errors import WordganError
from wordgan.evaluation.judge.evaluator import Evaluator
from wordgan.files.images import grid
from wordgan.tools.interpolation import draw
from wordgan.model.word_model import MODEL_DEFAULT, WordModel

#: Image files a catalogue folder may hold (searched recursively).
EXTENSIONS = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff"}


@dataclass
class Catalogue:
    """The real images searched, with what names them.

    ``images``: (N, C, H, W) uint8 at the evaluator's image shape; ``names``: a file path per image (a
    folder) or ``"<dataset> <split> #<index>"`` (a dataset); ``labels`` (N,) and ``words`` (K) only for a
    dataset; ``features``: (N, F) unit-length evaluator features.
    """

    images: torch.Tensor
    names: list[str]
    features: torch.Tensor
    labels: torch.Tensor | None = None
    words: list[str] | None = None
    source: str = ""

    def __len__(self) -> int:
        return self.images.shape[0]


def load_catalogue(
    source: str | Path, evaluator: Evaluator, split: str = "test", dataset_options: Mapping | None = None
) -> Catalogue:
    """A folder of images (searched recursively; each image converted to the evaluator's channels and
    centre-cropped and resized to its size), or, when ``source`` is not a folder, the ``split`` of the
    dataset plugin of that name (e.g. ``fashion-mnist``), whose images must have the evaluator's shape."""
    folder = Path(source).expanduser()
    if folder.is_dir():
        files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in EXTENSIONS and p.is_file())
        if not files:
            raise WordganError(f"the catalogue folder {folder} holds no images ({', '.join(sorted(EXTENSIONS))})")
        images = _read_images(files, evaluator.info.image_shape)
        return Catalogue(images, [str(p) for p in files], _unit_features(evaluator, images), source=str(folder))
    if any(sep in str(source) for sep in ("/", "\\")) or str(source).startswith("."):
        raise WordganError(f"the catalogue {source} is not a folder (nor a dataset name)")
    dataset = load_dataset(str(source), split, **dict(dataset_options or {}))
    names = [f"{source} {split} #{i}" for i in range(len(dataset))]
    return Catalogue(
        dataset.images, names, _unit_features(evaluator, dataset.images), dataset.labels, list(dataset.words),
        source=f"{source} ({split} split)",
    )


@dataclass
class Retrieved:
    query: str
    generated: torch.Tensor  # (n, C, H, W) uint8: the images the query was drawn as
    indices: list[int]  # the k catalogue images found, nearest first
    scores: list[float]  # their cosine similarity to the query

    def picture(self, catalogue: Catalogue, scale: int = 2) -> Image.Image:
        """Two rows: the generated images, then the retrieved ones (the shorter row padded with white)."""
        found = catalogue.images[self.indices]  # (k, C, H, W)
        width = max(len(found), len(self.generated))
        rows = torch.full((2, width, *found.shape[1:]), 255, dtype=torch.uint8)  # white shows as background
        rows[0, : len(self.generated)] = self.generated
        rows[1, : len(found)] = found
        return grid(rows, row_labels=[f"drawn: {self.query}", "found"], scale=scale)

    def rows(self, catalogue: Catalogue) -> list[dict]:
        """One dict per image found: rank, index, name, score and, for a dataset, its label word."""
        found = []
        for rank, (index, score) in enumerate(zip(self.indices, self.scores), start=1):
            row = {"rank": rank, "index": index, "name": catalogue.names[index], "score": round(score, 4)}
            if catalogue.labels is not None:
                row["label"] = catalogue.words[int(catalogue.labels[index])]
            found.append(row)
        return found


def retrieve(
    model: WordModel,
    text: str,
    catalogue: Catalogue,
    evaluator: Evaluator,
    k: int = 8,
    n: int = 16,
    seed: int = 0,
    temperature: float | str | None = MODEL_DEFAULT,
    truncation: float | str | None = MODEL_DEFAULT,
) -> Retrieved:
    """Draw ``n`` images for ``text`` (a word, phrase or expression) and find the ``k`` catalogue images
    nearest to their mean feature direction."""
    generated = draw(model, arithmetic.conditions(model, [text], temperature).view(1, -1), n, seed, truncation)[0]
    indices, scores = nearest(catalogue, evaluator, generated, k)
    return Retrieved(text, generated, indices, scores)


def nearest(catalogue: Catalogue, evaluator: Evaluator, images: torch.Tensor, k: int) -> tuple[list[int], list[float]]:
    """The ``k`` catalogue images nearest to the mean unit feature of ``images`` (M, C, H, W) uint8, nearest
    first, with their cosine similarities."""
    if k < 1:
        raise WordganError(f"k must be at least 1, got {k}")
    query = _unit_features(evaluator, images).mean(dim=0)  # (F,)
    scores = catalogue.features @ (query / query.norm())  # (N,)
    top = scores.topk(min(k, len(catalogue)))
    return top.indices.tolist(), top.values.tolist()


def retrieval_scores(
    model: WordModel,
    catalogue: Catalogue,
    evaluator: Evaluator,
    accepted: Mapping[str, Iterable[str]],
    ks: Sequence[int] = (1, 5, 10, 50, 100),
    n: int = 16,
    seed: int = 0,
    temperature: float | str | None = MODEL_DEFAULT,
    truncation: float | str | None = MODEL_DEFAULT,
) -> dict[str, dict[str, float]]:
    """For each query word and K: ``precision@K``, the share of its top K images whose label is one of the
    word's ``accepted`` label words, and ``hit@K``, 1 if any of them is (its mean over words is Recall@K as
    metric-learning papers define it). Needs a labelled catalogue (a dataset)."""
    if catalogue.labels is None:
        raise WordganError("retrieval scores need a labelled catalogue: a dataset name, not a folder")
    scores = {}
    for word, accepted_words in accepted.items():
        unknown = [w for w in accepted_words if w not in catalogue.words]
        if unknown:
            raise WordganError(f"{word!r} accepts {unknown}, which are not labels of {catalogue.source}: {catalogue.words}")
        wanted = torch.tensor([catalogue.words.index(w) for w in accepted_words])
        found = retrieve(model, word, catalogue, evaluator, max(ks), n, seed, temperature, truncation)
        relevant = torch.isin(catalogue.labels[found.indices], wanted).float()  # (max K,)
        scores[word] = {}
        for k in ks:
            scores[word][f"precision@{k}"] = relevant[:k].mean().item()
            scores[word][f"hit@{k}"] = float(relevant[:k].max().item())
    return scores


def _unit_features(evaluator: Evaluator, images: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) uint8 -> (N, F) evaluator features scaled to unit length."""
    _, features = evaluator.predict(images)
    return torch.nn.functional.normalize(features, dim=1)


def _read_images(files: list[Path], image_shape: Sequence[int]) -> torch.Tensor:
    """Image files -> (N, C, H, W) uint8, converted to C channels (1: gray, 3: RGB) and fitted to H x W."""
    channels, height, width = image_shape
    mode = {1: "L", 3: "RGB"}.get(channels)
    if mode is None:
        raise WordganError(f"catalogue folders can be searched with 1- or 3-channel evaluators, not {channels}")
    out = np.empty((len(files), height, width, channels), dtype=np.uint8)
    failed = []
    for i, path in enumerate(files):
        try:
            with Image.open(path) as image:
                fitted = ImageOps.fit(image.convert(mode), (width, height), Image.BICUBIC)
                out[i] = np.asarray(fitted).reshape(height, width, channels)
        except (OSError, UnidentifiedImageError, ValueError) as exc:
            failed.append(f"{path} ({exc.__class__.__name__})")
    if failed:
        shown = "; ".join(failed[:5]) + (f"; and {len(failed) - 5} more" if len(failed) > 5 else "")
        raise WordganError(f"{len(failed)} catalogue image(s) could not be read: {shown}")
    return torch.from_numpy(out).permute(0, 3, 1, 2).contiguous()  # (N, C, H, W)
