"""Retrieval of real images by a generated one: folder and dataset catalogues, and the scores."""
from __future__ import annotations

import pytest
import torch

from wordgan.plugins.build import load_dataset
from wordgan.errors import WordganError
from wordgan.evaluation.judge.evaluator import load_evaluator
from wordgan.files.images import save_png, to_pil
from wordgan.model.word_model import WordModel
from wordgan.tools.retrieval import load_catalogue, retrieval_scores, retrieve


@pytest.fixture(scope="module")
def model(trained_run):
    return WordModel.load(trained_run)


@pytest.fixture(scope="module")
def evaluator():
    return load_evaluator(None, "fashion-mnist")


@pytest.fixture(scope="module")
def real():
    """20 real test images of each class."""
    return load_dataset("fashion-mnist", "test").per_class(20)


def test_a_folder_catalogue_finds_the_drawn_image_itself_first(model, evaluator, real, tmp_path):
    for i in range(0, len(real), 10):  # real images in nested folders
        save_png(to_pil(real.images[i]), tmp_path / real.words[int(real.labels[i])] / "sub" / f"{i}.png")
    drawn = model.draw(model.conditions(["sandals"], None), n=1, seed=3, truncation=None)[0, 0]
    save_png(to_pil(drawn), tmp_path / "the-drawing.png")
    (tmp_path / "notes.txt").write_text("not an image, and not read")
    catalogue = load_catalogue(tmp_path, evaluator)
    assert len(catalogue) == len(real) // 10 + 1 and catalogue.labels is None
    found = retrieve(model, "sandals", catalogue, evaluator, k=3, n=1, seed=3, temperature=None, truncation=None)
    assert catalogue.names[found.indices[0]] == str(tmp_path / "the-drawing.png")
    assert found.scores[0] == pytest.approx(1.0, abs=1e-4) and found.scores == sorted(found.scores, reverse=True)
    rows = found.rows(catalogue)
    assert [row["rank"] for row in rows] == [1, 2, 3] and "label" not in rows[0]
    picture = found.picture(catalogue)
    assert picture.width > 3 * 28 * 2


def test_folder_images_are_fitted_to_the_evaluator(evaluator, tmp_path):
    from PIL import Image

    Image.new("RGB", (90, 60), "red").save(tmp_path / "wide.jpg")
    assert load_catalogue(tmp_path, evaluator).images.shape == (1, 1, 28, 28)


def test_a_dataset_catalogue_names_indexes_and_labels(model, evaluator):
    catalogue = load_catalogue("fashion-mnist", evaluator, "test")
    assert len(catalogue) == 10_000 and catalogue.names[17] == "fashion-mnist test #17"
    found = retrieve(model, "trousers", catalogue, evaluator, k=5, n=4)
    assert [row["label"] for row in found.rows(catalogue)] == [catalogue.words[int(catalogue.labels[i])] for i in found.indices]
    scores = retrieval_scores(model, catalogue, evaluator, {"trousers": ["trousers"], "slipper": ["sandals", "sneakers", "boots"]},
                              ks=(1, 10), n=4)
    for word in scores.values():
        assert 0 <= word["precision@10"] <= word["hit@10"] <= 1 and word["hit@1"] in (0.0, 1.0)


@pytest.mark.parametrize("source, message", [("nowhere/at/all", "is not a folder"), ("no-such-dataset", "no-such-dataset")])
def test_a_missing_catalogue_is_named(evaluator, source, message):
    with pytest.raises(WordganError, match=message):
        load_catalogue(source, evaluator)


def test_unreadable_and_empty_folders_are_named(evaluator, tmp_path):
    with pytest.raises(WordganError, match="holds no images"):
        load_catalogue(tmp_path, evaluator)
    (tmp_path / "broken.png").write_bytes(b"not a png")
    with pytest.raises(WordganError, match="broken.png"):
        load_catalogue(tmp_path, evaluator)


def test_scores_need_labels(model, evaluator, tmp_path):
    save_png(to_pil(torch.zeros(1, 28, 28, dtype=torch.uint8)), tmp_path / "a.png")
    with pytest.raises(WordganError, match="labelled catalogue"):
        retrieval_scores(model, load_catalogue(tmp_path, evaluator), evaluator, {"boots": ["boots"]})
