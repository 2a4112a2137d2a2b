"""A conditional minibatch spread: D sees how varied G's images of one word are (after Karras et al. 2018)."""
from __future__ import annotations

import torch


def conditional_spread(h: torch.Tensor, cond: torch.Tensor, temperature: float) -> torch.Tensor:
    """(B, C, H, W) features + (B, E) conditions -> (B, C + 1, H, W): each image gets one more channel, the RMS
    distance of its features to the batch's other images, weighted by how alike their conditions are:
    ``sqrt(sum_j w_ij d_ij^2 / sum_j w_ij)``, ``w_ij = exp((cos(c_i, c_j) - 1) / temperature)`` for j != i, and
    ``d_ij^2`` the mean squared feature difference.

    ProGAN's minibatch standard deviation, the spread of the whole batch (or of groups of 4, StyleGAN2's), mixes
    words, so it stays high when G draws one image per word and did not stop that here (Fashion-MNIST: G's own
    spread across noise 0.025 against 0.53 across words). Weighted towards images of the same or a near word,
    this one is small exactly then. Real images of one word differ, so D learns to call a small spread fake.
    """
    B, C, H, W = h.shape
    f = h.float().flatten(1)  # (B, F)
    squares = f.square().sum(dim=1)  # (B,)
    d2 = (squares.unsqueeze(0) + squares.unsqueeze(1) - 2 * f @ f.T).clamp_min(0) / f.shape[1]  # (B, B)
    unit = torch.nn.functional.normalize(cond.float(), dim=1)
    w = torch.exp((unit @ unit.T - 1) / temperature) * (1 - torch.eye(B, device=h.device))  # (B, B), 0 on the diagonal
    spread = ((w * d2).sum(dim=1) / w.sum(dim=1).clamp_min(1e-12) + 1e-8).sqrt()  # (B,)
    return torch.cat([h, spread.to(h.dtype).view(B, 1, 1, 1).expand(B, 1, H, W)], dim=1)
