"""G's batch norms are standard modules, so DDP's SyncBatchNorm conversion and checkpoints both work."""
import torch
from torch import nn

from wordgan_biggan import build


def test_every_batch_norm_converts_to_sync_batch_norm_with_the_same_state():
    generator, _ = build(16, 12, (3, 32, 32), ch=4)
    norms = [m for m in generator.modules() if isinstance(m, nn.BatchNorm2d)]
    assert len(norms) == 2 * 3 + 1  # two conditional ones per block and the output one
    assert sum(not m.affine for m in norms) == 6  # the conditional ones take their affine part from the code
    keys = set(generator.state_dict())
    converted = nn.SyncBatchNorm.convert_sync_batchnorm(generator)
    assert not any(type(m) is nn.BatchNorm2d for m in converted.modules())
    assert sum(isinstance(m, nn.SyncBatchNorm) for m in converted.modules()) == 7
    assert set(converted.state_dict()) == keys  # a checkpoint saved under DDP loads in a plain G


def test_eval_mode_uses_running_statistics():
    torch.manual_seed(0)
    generator, _ = build(16, 12, (1, 28, 28), ch=4)
    z, cond = torch.randn(8, 16), torch.randn(8, 12)
    generator.train()
    generator(z, cond)
    generator.eval()
    # In eval mode an image does not depend on the rest of its batch.
    assert torch.allclose(generator(z, cond)[:2], generator(z[:2], cond[:2]), atol=1e-5)
