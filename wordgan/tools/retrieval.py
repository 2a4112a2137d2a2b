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

import torch
from PIL import Image

from wordgan.conditions import arithmetic
from wordgan.errors import WordganError
from wordgan.evaluation.judge.evaluator import Evaluator, load_evaluator
from wordgan.files.image_files import EXTENSIONS, image_files, read_images
from wordgan.files.images import grid
from wordgan.interfaces import DatasetProvider
from wordgan.plugins.build import build_dataset, load_split
from wordgan.model.settings import MODEL_DEFAULT
from wordgan.model.word_model import WordModel

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
    source: str | Path, evaluator: Evaluator, split: str = "test", dataset: DatasetProvider | None = None,
    dataset_options: Mapping | None = None,
) -> Catalogue:
    """A folder of images (searched recursively; each image converted to the evaluator's channels and
    centre-cropped and resized to its size, refused if its header declares a decompression bomb), or, when
    ``source`` is not a folder, the ``split`` of the dataset plugin of that name (e.g. ``fashion-mnist``), whose
    images must have the evaluator's shape: ``dataset`` as built (a checkpoint's own dataset comes through its
    gate), else built from ``source`` with ``dataset_options``."""
    folder = Path(source).expanduser()
    if folder.is_dir():
        files = image_files(folder)
        if not files:
            raise WordganError(f"the catalogue folder {folder} holds no images ({', '.join(sorted(EXTENSIONS))})")
        images = read_images(files, evaluator.info.image_shape, what="catalogue image")
        return Catalogue(images, [str(p) for p in files], _unit_features(evaluator, images), source=str(folder))
    if any(sep in str(source) for sep in ("/", "\\")) or str(source).startswith("."):
        raise WordganError(f"the catalogue {source} is not a folder (nor a dataset name)")
    provider = dataset if dataset is not None else build_dataset(str(source), **dict(dataset_options or {}))
    data = load_split(provider, split, str(source))
    names = [f"{source} {split} #{i}" for i in range(len(data))]
    return Catalogue(
        data.images, names, _unit_features(evaluator, data.images), data.labels, list(data.words),
        source=f"{source} ({split} split)",
    )


def search(
    model: WordModel, text: str, catalogue: str | Path | None = None, split: str = "test",
    dataset_options: Mapping | None = None, data_dir: str | Path | None = None, evaluator_path: str | Path | None = None,
    k: int = 8, n: int = 16, seed: int = 0, temperature: float | str | None = MODEL_DEFAULT,
    truncation: float | str | None = MODEL_DEFAULT,
) -> tuple["Retrieved", Catalogue]:
    """``wordgan retrieve``: draw ``text`` and find the ``k`` nearest images of ``catalogue`` (a folder or a
    dataset name; default: the model's own dataset, with its options under ``dataset_options`` and its files in
    ``data_dir`` if given, built through the model's gate since the checkpoint names it), compared by the
    evaluator at ``evaluator_path`` (default: the one shipped for the model's dataset)."""
    model.settings(temperature, 1.0, truncation)  # bad settings: one line before the catalogue is read
    own = catalogue is None
    name = model.config.dataset if own else catalogue
    given = {**dict(dataset_options or {}), **({"data_dir": str(data_dir)} if data_dir else {})}
    options = {**model.config.dataset_options, **given} if own else given
    # The checkpoint names its dataset plugin and options: built through its gate, and only when needed.
    gate = model.gate.trusting(data_dir)
    checkpoint_dataset = gate.dataset(model.config.dataset, options if own else model.config.dataset_options) if own or evaluator_path is None else None
    evaluator = load_evaluator(evaluator_path, model.config.dataset, checkpoint_dataset)
    searched = load_catalogue(name, evaluator, split, checkpoint_dataset if own else None, options)
    return retrieve(model, text, searched, evaluator, k, n, seed, temperature, truncation), searched


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
    generated = model.draw(arithmetic.conditions(model, [text], temperature).view(1, -1), n, seed, truncation)[0]
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
