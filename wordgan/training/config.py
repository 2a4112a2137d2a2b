"""The training configuration: one dataclass that :mod:`wordgan.training.settings` assembles and the checkpoint
stores. A field's ``metadata`` says whether a resumed run may change it."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from wordgan.errors import WordganError

DEFAULT_PROBE_WORDS = ("slipper", "sweater", "kimono")

#: Field metadata of the settings a resumed run may change: they decide neither the batches drawn nor the models.
RESUMABLE = {"resumable": True}


@dataclass
class TrainConfig:
    """Everything that decides a training run. Defaults are the README's settings."""

    # all-MiniLM-L6-v2: its nearest trained words are right for new words far more often than GloVe's
    # (docs/zero-shot.md), and that decides what a new word is drawn as.
    embedder: str = "sentence-transformers"
    embedder_options: dict[str, Any] = field(default_factory=dict)
    gan: str = "dcgan"
    gan_options: dict[str, Any] = field(default_factory=dict)
    loss: str = "bce"
    loss_options: dict[str, Any] = field(default_factory=dict)
    dataset: str = "fashion-mnist"
    dataset_options: dict[str, Any] = field(default_factory=dict)

    steps: int = field(default=4000, metadata=RESUMABLE)  # G updates; ~7 min at ~600 images/s on 2 CPU cores (docs/training.md)
    batch_size: int = 64
    z_dim: int = 64
    lr_g: float = 2e-4
    lr_d: float = 2e-4  # separate from lr_g so TTUR (Heusel et al. 2017) is one flag away
    beta1: float = 0.5  # DCGAN's momentum: 0.9 makes GAN training oscillate
    beta2: float = 0.999
    seed: int = 0

    # Reed et al. 2016 (GAN-CLS): D also sees real images with a wrong word and must reject them.
    matching_aware: bool = False

    # Conditioning augmentation (docs/zero-shot.md): noise around each label vector for real and fake pairs,
    # and for this share of G's batch a random mixture of two label vectors.
    condition_noise: float = 0.0
    condition_mix: float = 0.0

    # Vocabulary expansion (docs/zero-shot.md): "wordnet", or a JSON file {label word: [extra words]}. Each
    # image is conditioned on one of its class's extra words for this share of a batch, on its label word
    # for the rest.
    vocabulary: str | None = "wordnet"
    vocabulary_share: float = 0.5

    # How the trained model draws words it was not trained on, unless told otherwise: snapped toward the
    # trained words at this temperature (docs/zero-shot.md), or None for the raw embedding.
    snap_temperature: float | None = 0.03
    # What a new word is snapped onto (wordgan.conditions.mapping): weighted evidence from the model's own
    # embedder, the multilingual USE and WordNet, best on the tuning word lists (docs/zero-shot.md). Stored with
    # the model, so it draws as it did when saved: wordgan 0.3 configs keep {"evidence": ["use"],
    # "wordnet_bonus": 0.2}, and a config without this field (wordgan 0.2) maps by its own embedder alone.
    mapping: dict[str, Any] | None = field(default_factory=lambda: default_mapping())
    # And the noise it draws with, unless told otherwise: truncated at +-this (BigGAN's truncation trick),
    # or None for plain N(0, 1) noise.
    truncation: float | None = 1.5

    # Exponential moving average of G's weights (Yazici et al. 2019), or None for none; generation uses the
    # average when there is one. Before ema_start G updates the average simply copies G. 0.99 (a half-life of
    # ~70 steps) raised the DCGAN's seen accuracy from 0.81 to 0.95 on a 5-minute budget (docs/gans.md).
    ema: float | None = 0.99
    ema_start: int = 0
    # DiffAugment (Zhao et al. 2020) for every image D sees, real and generated: a comma-separated subset of
    # "color,translation,cutout", or None.
    diffaugment: str | None = None

    # Where and how the run computes. A run may be resumed on another device, with another precision or
    # with another number of processes: these do not change which batches it draws.
    device: str = field(default="auto", metadata=RESUMABLE)  # auto = CUDA, then MPS, then CPU
    # Minutes of training loop after which the run stops, saves and counts as finished even before `steps`
    # (per invocation: a resumed run gets the budget again). For comparisons at the same wall-clock budget.
    time_budget: float | None = field(default=None, metadata=RESUMABLE)
    precision: str = field(default="fp32", metadata=RESUMABLE)  # or bf16, fp16 (autocast; fp16 adds loss scaling)

    holdout: list[str] = field(default_factory=list)  # label words left out of training (zero-shot protocol)
    limit_per_class: int | None = None  # first N images of each class only: tiny runs for tests
    probe_words: list[str] = field(default_factory=lambda: list(DEFAULT_PROBE_WORDS))

    sample_every: int = 500
    checkpoint_every: int = 1000
    # Evaluation during training every this many steps (wordgan.training.judging), or None; the checkpoint that
    # scores best is kept as best.safetensors beside the last. Judging does not touch the run's random streams.
    eval_every: int | None = field(default=None, metadata=RESUMABLE)
    log_every: int = field(default=50, metadata=RESUMABLE)
    tensorboard: bool = field(default=False, metadata=RESUMABLE)  # also write TensorBoard event files into the run's tensorboard/ folder
    wandb: str | None = field(default=None, metadata=RESUMABLE)  # also log to W&B (WANDB_MODE=offline: into the run's wandb/)
    samples_per_word: int = 8
    out: str = "runs/sentence-transformers-dcgan-fashion-mnist"

    def __new__(cls, *args: Any, **kwargs: Any) -> "TrainConfig":
        """Records which fields the caller gave (:attr:`given`): a dataset's training defaults fill only the
        others (:func:`wordgan.training.settings.with_dataset_defaults`), from Python as from the command line."""
        config = super().__new__(cls)
        names = [f.name for f in dataclasses.fields(cls)]
        config.given = frozenset(names[: len(args)]) | frozenset(kwargs)
        return config

    def __post_init__(self) -> None:
        for name in ("steps", "batch_size", "z_dim", "sample_every", "checkpoint_every", "log_every", "samples_per_word"):
            if getattr(self, name) < 1:
                raise WordganError(f"{name} must be at least 1, got {getattr(self, name)}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not 0 <= self.seed <= 2**64 - 1:
            raise WordganError(f"seed must be a whole number from 0 to 2**64 - 1, got {self.seed!r}")
        if self.condition_noise < 0 or not 0 <= self.condition_mix <= 1:
            raise WordganError("condition_noise must be >= 0 and condition_mix in [0, 1]")
        if self.snap_temperature is not None and not self.snap_temperature > 0:
            raise WordganError(f"snap_temperature must be positive or None, got {self.snap_temperature}")
        if self.truncation is not None and not self.truncation > 0:
            raise WordganError(f"truncation must be positive or None, got {self.truncation}")
        if not 0 <= self.vocabulary_share <= 1:
            raise WordganError(f"vocabulary_share must be in [0, 1], got {self.vocabulary_share}")
        if self.ema is not None and not 0 < self.ema < 1:
            raise WordganError(f"ema must be a decay in (0, 1) such as 0.999, or None, got {self.ema}")
        if self.ema_start < 0:
            raise WordganError(f"ema_start must be >= 0, got {self.ema_start}")
        if self.eval_every is not None and (isinstance(self.eval_every, bool) or not isinstance(self.eval_every, int) or self.eval_every < 1):
            raise WordganError(f"eval_every must be a number of steps (at least 1) or None, got {self.eval_every!r}")
        if self.time_budget is not None and not self.time_budget > 0:
            raise WordganError(f"time_budget must be a positive number of minutes or None, got {self.time_budget}")
        if self.precision not in ("fp32", "bf16", "fp16"):
            raise WordganError(f"precision must be fp32, bf16 or fp16, got {self.precision!r}")
        if self.limit_per_class is not None and self.limit_per_class < 1:
            raise WordganError(f"limit_per_class must be at least 1, got {self.limit_per_class}")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def resumable(cls) -> tuple[str, ...]:
        """The settings a resumed run may change (the fields marked :data:`RESUMABLE`)."""
        return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("resumable"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TrainConfig":
        """A config saved by a run (its checkpoint or config.json): settings added to wordgan since take the
        value that reproduces how the run draws, not today's default."""
        if "mapping" not in data:  # saved before mappings existed: keep drawing new words as it did then
            data = {**data, "mapping": None}
        return cls.from_settings(data)

    @classmethod
    def from_settings(cls, data: dict[str, Any]) -> "TrainConfig":
        """Settings a user gives (flags, a --config file): the ones left out take today's defaults."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise WordganError(f"unknown training settings {sorted(unknown)}; known: {sorted(known)}")
        return cls(**data)


def default_mapping() -> dict[str, Any]:
    """The ``mapping`` a new config stores: :data:`wordgan.conditions.mapping.DEFAULT_MAPPING`."""
    from wordgan.conditions.mapping import DEFAULT_MAPPING  # imported on use: the mapping module imports the plugins

    return DEFAULT_MAPPING.to_dict()
