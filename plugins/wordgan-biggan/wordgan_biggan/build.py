"""The ``wordgan.gans`` entry point: a matching BigGAN generator/discriminator pair, from a preset plus options."""
from __future__ import annotations

from typing import Any

from wordgan.errors import WordganError
from wordgan_biggan.discriminator import BigGanDiscriminator
from wordgan_biggan.generator import BigGanGenerator
from wordgan_biggan.layout import attention_resolutions, base_and_blocks


def preset_options(preset: str, size: int) -> dict[str, Any]:
    """The options a preset stands for at this image size; options given explicitly override them.

    ``cpu``: narrow enough for a 10-15 minute Fashion-MNIST run on 2 CPU cores (README), no attention.
    ``gpu``: BigGAN's own widths (ch 64, shared embedding 128) and self-attention at half the image size
    (BigGAN's 64 for 128 px; SAGAN's and StudioGAN's 16 for 32 px).
    """
    presets = {
        "cpu": {"ch": 16, "shared_dim": 32, "attention": None, "g_spectral_norm": True},
        "gpu": {"ch": 64, "shared_dim": 128, "attention": size // 2, "g_spectral_norm": True},
    }
    if preset not in presets:
        raise WordganError(f"biggan has no preset {preset!r}; presets: {', '.join(presets)}")
    return presets[preset]


def build(
    z_dim: int, cond_dim: int, image_shape: tuple[int, int, int], preset: str = "cpu", **options: Any
) -> tuple[BigGanGenerator, BigGanDiscriminator]:
    """G and D for (C, H, W) images, Z-dim noise and E-dim conditions.

    Options (``--gan-option NAME=VALUE``), each defaulting to the preset's value:
    ``ch`` base width (G's last block and D's first have ``ch`` channels), ``shared_dim`` size S of G's word
    code, ``attention`` resolution of the self-attention layer in G and D (null or "off" for none),
    ``g_spectral_norm`` spectral norm in G too (BigGAN does; D always has it).
    """
    channels, height, width_px = image_shape
    if height != width_px or channels not in (1, 3):
        raise WordganError(f"biggan needs square images with 1 or 3 channels, got (C, H, W) = {tuple(image_shape)}")
    _, n_blocks = base_and_blocks(height)
    settings = preset_options(preset, height)
    unknown = sorted(set(options) - set(settings))
    if unknown:
        raise WordganError(f"biggan has no option {', '.join(unknown)}; options: preset, {', '.join(settings)}")
    settings.update(options)
    ch, shared_dim = _positive_int("ch", settings["ch"]), _positive_int("shared_dim", settings["shared_dim"])
    attention = _attention(settings["attention"], height)
    if not isinstance(settings["g_spectral_norm"], bool):
        raise WordganError(f"biggan option g_spectral_norm must be true or false, got {settings['g_spectral_norm']!r}")
    if z_dim < n_blocks + 1:
        raise WordganError(
            f"biggan splits the noise into {n_blocks + 1} chunks at {height} px (one per block and one for the base "
            f"map); z_dim {z_dim} is too small"
        )
    generator = BigGanGenerator(z_dim, cond_dim, image_shape, ch, shared_dim, attention, settings["g_spectral_norm"])
    discriminator = BigGanDiscriminator(cond_dim, image_shape, ch, attention)
    return generator, discriminator


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise WordganError(f"biggan option {name} must be a positive integer, got {value!r}")
    return value


def _attention(value: Any, size: int) -> int | None:
    """None, "off" -> None; else a resolution where both G and D have a block."""
    if value is None or value == "off":
        return None
    allowed = attention_resolutions(size)
    if isinstance(value, bool) or value not in allowed:
        raise WordganError(
            f"biggan option attention must be null, 'off' or one of {allowed} at {size} px, got {value!r}"
        )
    return value
