"""The pretrained network is a fixed function of the image: frozen, in eval mode, never saved, moved with D."""
import torch

import wordgan
from wordgan_projected.efficientnet_lite import EfficientNetLiteFeatures


def _built(tiny, shape=(3, 32, 32)):
    G, D = wordgan.build_gan("projected", 8, 6, shape, **tiny)
    D(torch.rand(2, *shape) * 2 - 1, torch.randn(2, 6))  # the first forward reads the weights
    return G, D


def test_network_takes_no_gradient_and_is_not_a_parameter(tiny):
    G, D = _built(tiny)
    network = D.network(torch.device("cpu"))
    assert isinstance(network, EfficientNetLiteFeatures)
    assert all(not p.requires_grad for p in network.parameters())
    own = {id(p) for p in D.parameters()}
    assert not any(id(p) in own for p in network.parameters())
    cond = torch.randn(4, 6)
    D(G(torch.randn(4, 8), cond), cond).mean().backward()
    assert all(p.grad is None for p in network.parameters())


def test_network_stays_in_eval_mode_after_train(tiny):
    _, D = _built(tiny)
    D.train()
    assert D.training and all(head.training for head in D.heads)
    assert not any(m.training for m in D.network(torch.device("cpu")).modules())


def test_network_is_not_in_the_state_dict(tiny):
    _, D = _built(tiny)
    keys = D.state_dict().keys()
    network_size = sum(p.numel() for p in D.network(torch.device("cpu")).parameters())
    assert network_size > 500_000  # 0.69 M: the blocks up to the third tap
    assert sum(t.numel() for t in D.state_dict().values()) < network_size / 10
    assert all(k.split(".")[0] in ("projection", "heads") for k in keys)
    # The random projection is saved: a resumed run must see the features through the same projection.
    assert any(k.startswith("projection.ccm.0.weight") for k in keys)


def test_projection_is_fixed_random_buffers(tiny):
    _, D = _built(tiny)
    assert not any(name.startswith("projection") for name, _ in D.named_parameters())
    assert any(name.startswith("projection") for name, _ in D.named_buffers())


def test_network_moves_and_converts_with_d(tiny):
    _, D = _built(tiny)
    D.to(torch.float64)
    network = D.network(torch.device("cpu"))
    assert all(p.dtype == torch.float64 for p in network.parameters())
    assert D(torch.rand(2, 3, 32, 32, dtype=torch.float64), torch.randn(2, 6, dtype=torch.float64)).dtype == torch.float64


def test_gradients_reach_g_through_the_network(tiny):
    G, D = _built(tiny)
    cond = torch.randn(4, 6)
    images = G(torch.randn(4, 8), cond)
    images.retain_grad()
    D(images, cond).mean().backward()
    assert images.grad.abs().sum() > 0
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for name, p in G.named_parameters() if "weight" in name)


def test_building_on_meta_reads_no_weights(tiny):
    with torch.device("meta"):
        G, D = wordgan.build_gan("projected", 8, 6, (3, 64, 64), **tiny)
    assert D._network is None
    assert all(t.is_meta for t in [*G.state_dict().values(), *D.state_dict().values()])


def test_d_names_its_network_and_sha256(tiny):
    _, D = wordgan.build_gan("projected", 8, 6, (3, 32, 32), **tiny)
    assert D.feature_network == {
        "name": "efficientnet-lite0",
        "sha256": "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db",
    }
