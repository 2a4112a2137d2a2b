"""The fit on real emoji mammals: prototypes are the mean features reduced (checked by hand), held-out concepts
are left out, and the feature network reads images as documented."""
import numpy as np
import pytest
import torch

from wordgan.errors import WordganError
from wordgan_emoji import EmojiDataset
from wordgan_visual.features import image_features
from wordgan_visual.fit import fit_visual_space
from wordgan_visual.prototypes import concept_means, fit_reduction
from wordgan_visual.space import VisualSpace

from visual_support import DIM, MAMMALS, needs_artwork

pytestmark = needs_artwork


@pytest.fixture(scope="module")
def mammals():
    dataset = EmojiDataset(**MAMMALS)
    return dataset, dataset.load("train")


def test_prototypes_are_each_concepts_mean_feature_in_the_principal_components_by_hand(mammals_space_file, mammals):
    dataset, data = mammals
    space = VisualSpace.load(mammals_space_file)
    trained = [data.words.index(name) for name in space.concepts]
    keep = torch.isin(data.labels, torch.tensor(trained))
    features = image_features(data.images[keep]).astype(np.float64)  # (N, F)
    labels = data.labels[keep].numpy()
    # By hand: the covariance's top eigenvectors (eigh, not the fit's SVD), each concept's mean image feature,
    # each direction divided by the images' standard deviation along it (whitened, the default).
    centred = features - features.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / (len(features) - 1))
    order = np.argsort(values)[::-1][:DIM]
    means = np.stack([features[labels == i].mean(axis=0) for i in trained])  # (K, F)
    expected = (means - features.mean(axis=0)) @ vectors[:, order] / np.sqrt(values[order])  # (K, E), columns up to sign
    signs = np.sign(np.sum(expected * space.prototypes, axis=0))
    scale = np.abs(expected).max()
    np.testing.assert_allclose(space.prototypes, expected * signs, atol=1e-4 * scale)


def test_a_prototype_is_the_mean_of_its_images_coordinates():
    """The reduction is affine, so reducing the mean feature is averaging the reduced features."""
    rng = np.random.default_rng(0)
    features, labels = rng.normal(size=(40, 12)), np.repeat(np.arange(10), 4)
    reduction = fit_reduction(features, 5, whiten=True)
    by_image = np.stack([reduction(features[labels == k]).mean(axis=0) for k in range(10)])
    np.testing.assert_allclose(reduction(concept_means(features, labels, range(10))), by_image, atol=1e-12)
    np.testing.assert_allclose(reduction(features).std(axis=0, ddof=1), np.ones(5), atol=1e-9)  # whitened


def test_held_out_concepts_are_not_fitted(mammals_space_file, mammals):
    dataset, data = mammals
    space = VisualSpace.load(mammals_space_file)
    held = dataset.held_out_words()
    assert len(held) == 7 and space.fitted["holdout"] == held
    assert list(space.concepts) == [w for w in data.words if w not in held]
    assert space.fitted["images"] == len(space.concepts)  # one drawing a concept in one style
    assert space.text_embedder["name"] == "sentence-transformers" and space.text_vectors.shape == (59, 384)


def test_a_named_holdout_wins_and_a_name_that_is_no_concept_is_one_line():
    space = fit_visual_space("emoji", MAMMALS, dim=4, holdout=["tiger", "lion"])
    assert "tiger" not in space.concepts and "hedgehog" in space.concepts and len(space.concepts) == 64
    with pytest.raises(WordganError, match=r"held-out concepts \['tigger'\] are not label words"):
        fit_visual_space("emoji", MAMMALS, dim=4, holdout=["tigger"])


def test_features_of_a_grey_image_are_those_of_its_three_channel_copy_and_batch_independent(mammals):
    _, data = mammals
    grey = data.images[:3, :1]  # (3, 1, 32, 32)
    together = image_features(grey)
    np.testing.assert_allclose(together, image_features(grey.expand(-1, 3, -1, -1).contiguous()), atol=1e-5)
    np.testing.assert_allclose(together[1:2], image_features(grey[1:2]), rtol=1e-4, atol=1e-5)
    assert together.shape == (3, 112 + 320)  # blocks 10 and 15, the default taps
    with pytest.raises(WordganError, match="uint8"):
        image_features(grey.float())
