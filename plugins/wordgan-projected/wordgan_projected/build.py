"""The ``wordgan.gans`` entry point: an existing generator paired with a projected discriminator."""
from __future__ import annotations

import re
from typing import Any

import wordgan
from wordgan import Generator
from wordgan.errors import WordganError
from wordgan_projected.discriminator import ProjectedDiscriminator
from wordgan_projected.efficientnet_lite import TAPS
from wordgan_projected.weights import known_network


def build(
    z_dim: int,
    cond_dim: int,
    image_shape: tuple[int, int, int],
    generator: str = "dcgan",
    generator_options: dict[str, Any] | None = None,
    features: str = "efficientnet-lite0",
    features_sha256: str | None = None,
    resolution: int | None = None,
    levels: int = 3,
    channels: int = 64,
    csm: bool = True,
    head_width: int = 64,
    cmap_dim: int = 64,
    head_norm: str = "batch",
    unconditional: bool = False,
    spread_temperature: float = 0.05,
) -> tuple[Generator, ProjectedDiscriminator]:
    """G from the GAN plugin ``generator`` (built through :func:`wordgan.build_gan` with ``generator_options``)
    and a :class:`ProjectedDiscriminator` for (C, H, W) images and E-dim conditions.

    D's options (``--gan-option NAME=VALUE``): ``features`` the frozen network and ``features_sha256`` the
    sha256 its installed weight file must have (default: the one this plugin was written for);
    ``resolution`` R the network's input size (default: the image size rounded up to a multiple of 16, at
    least 32); ``levels`` how many of its scales are judged (1-4: strides 4, 8, 16, 32); ``channels`` the
    random projection's width at the finest scale (doubling per scale); ``csm`` cross-scale mixing on or off;
    ``head_width`` the heads' conv width; ``cmap_dim`` the size of the condition's embedding in each head;
    ``head_norm`` "batch" (Projected GAN's) or "none"; ``unconditional`` an unconditional term beside the
    projection; ``spread_temperature`` t of the conditional spread channel (0: none). README.md says why each
    default.
    """
    channels_in, height, width_px = image_shape
    if height != width_px or channels_in not in (1, 3) or not 28 <= height <= 256:
        raise WordganError(f"projected needs square images of 28-256 px with 1 or 3 channels, got (C, H, W) = {tuple(image_shape)}")
    if generator == "projected":
        raise WordganError("projected's generator option names the GAN whose generator it uses; it cannot be projected itself")
    weights = known_network(features)
    sha256 = weights.sha256 if features_sha256 is None else features_sha256
    if not isinstance(sha256, str) or not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise WordganError(f"projected option features_sha256 must be 64 lowercase hex digits, got {features_sha256!r}")
    resolution = max(32, -(-height // 16) * 16) if resolution is None else _int_in("resolution", resolution, 32, 512)
    for name, value in (("csm", csm), ("unconditional", unconditional)):
        if not isinstance(value, bool):
            raise WordganError(f"projected option {name} must be true or false, got {value!r}")
    if head_norm not in ("batch", "none"):
        raise WordganError(f"projected option head_norm must be 'batch' or 'none', got {head_norm!r}")
    if isinstance(spread_temperature, bool) or not isinstance(spread_temperature, (int, float)) or not 0 <= spread_temperature <= 10:
        raise WordganError(f"projected option spread_temperature must be a number from 0 (off) to 10, got {spread_temperature!r}")
    if not isinstance(generator_options, (dict, type(None))):
        raise WordganError(f"projected option generator_options must be an object of the generator's options, got {generator_options!r}")
    G, _ = wordgan.build_gan(generator, z_dim, cond_dim, image_shape, **(generator_options or {}))
    D = ProjectedDiscriminator(
        cond_dim,
        image_shape,
        network=features,
        network_sha256=sha256,
        resolution=resolution,
        levels=_int_in("levels", levels, 1, len(TAPS)),
        channels=_int_in("channels", channels, 1, 1024),
        csm=csm,
        head_width=_int_in("head_width", head_width, 1, 1024),
        cmap_dim=_int_in("cmap_dim", cmap_dim, 1, 1024),
        head_norm=head_norm,
        unconditional=unconditional,
        spread_temperature=float(spread_temperature),
    )
    return G, D


def _int_in(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise WordganError(f"projected option {name} must be an integer from {low} to {high}, got {value!r}")
    return value
