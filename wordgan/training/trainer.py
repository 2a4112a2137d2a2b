"""The training loop, top to bottom: one process or many (torchrun), any device, any precision."""
from __future__ import annotations

import os
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Sequence

import torch
from tqdm import tqdm

from wordgan.files.atomic import write_json
from wordgan.training.condition_sampling import ConditionSampler, augment
from wordgan.training.diffaugment import DiffAugment
from wordgan.conditions.vectors import mix_labels
from wordgan.training.config import TrainConfig
from wordgan.devices import describe_device
from wordgan.files.images import save_grid
from wordgan.conditions.mapping import MappingSettings, WordMapper
from wordgan.checkpoint.gate import Gate
from wordgan.interfaces import Generator
from wordgan.model.drawing import draw
from wordgan.training.batches import STANDING_STATISTICS, BatchSchedule, stream_seed
from wordgan.training.cluster import Cluster
from wordgan.training.ema import EMA
from wordgan.training.interrupt import stop_on_interrupt
from wordgan.training.judging import TrainingJudge
from wordgan.training.metrics import MetricsLog
from wordgan.training.precision import Precision
from wordgan.training.settings import checkpoint_step, resumed_config, with_dataset_defaults
from wordgan.training.run_dir import RunDir
from wordgan.training.setup import Parts, build_parts
from wordgan.training.state import restore_training_checkpoint, save_training_checkpoint


#: Label words drawn in the training sample grids (the first ones of the dataset), and at most as many probe words.
GRID_WORDS = 40
#: With several processes, steps between the all-reduces that agree on stopping (Ctrl-C, a spent time budget).
AGREE_EVERY = 10


def train(config: TrainConfig, resume: bool = False, progress: bool = True, trusted_files: Sequence[str | Path] = ()) -> Path:
    """Train a run into ``config.out`` and return that directory.

    With ``resume``, continue the checkpoint in ``config.out`` exactly where it stopped (``config.steps``
    may be raised to train longer); the parts are then rebuilt from the checkpoint's own config under
    :func:`wordgan.safety.untrusted`, so a pickle it names is read only if it is one of ``trusted_files``.
    The first Ctrl-C or SIGTERM stops at the end of the current step and saves. Launched by ``torchrun``,
    every process runs this same function and rank 0 alone writes. A new run takes its dataset's training
    defaults in the fields the config was not given (:func:`wordgan.training.settings.with_dataset_defaults`).
    """
    if not resume:
        config = with_dataset_defaults(config)  # also checks every plugin it names is installed: fails fast
    cluster = Cluster.start(config.device)
    run = RunDir(config.out)
    say = (lambda text: print(text, file=sys.stderr, flush=True)) if progress and cluster.main else (lambda text: None)
    try:
        if not resume and _restarted_by_torchrun() and run.checkpoint_path.exists():
            # torchrun --max-restarts relaunches the same command after a failure: continue the saved run.
            config, resume = resumed_config(config.out, config.steps, device=config.device, precision=config.precision), True
            say(f"restart {os.environ['TORCHELASTIC_RESTART_COUNT']}: resuming {run.path} from its checkpoint")
        if resume and checkpoint_step(run.checkpoint_path) >= config.steps:
            say(f"{run.path} is already at step {checkpoint_step(run.checkpoint_path)}; nothing to train (raise --steps)")
            return run.path
        if cluster.main:
            for note in filter(None, [run.lock()]):
                say(note)
            for stale in run.remove_temp_files():
                say(f"removed {stale}, a half-written file of an earlier training that was killed")
            if not resume:
                run.check_new()
        # Resuming, every plugin is built from the checkpoint's own config: the whole loop runs behind its gate.
        with Gate(run.checkpoint_path, trusted_files).rules() if resume else nullcontext():
            return _train(config, resume, progress, cluster, run, say)
    finally:
        run.unlock()
        cluster.stop()


def _train(config: TrainConfig, resume: bool, progress: bool, cluster: Cluster, run: RunDir, say) -> Path:
    device = cluster.device
    precision = Precision(config.precision, device)
    diffaugment = DiffAugment(config.diffaugment) if config.diffaugment else None
    say(f"training on {describe_device(device)} in {config.precision}" + (f", {cluster.world} processes" if cluster.distributed else ""))
    say(f"loading {config.dataset} and the {config.embedder} embedder ...")
    log = MetricsLog(run, config, enabled=cluster.main)
    torch.manual_seed(config.seed)
    parts = build_parts(config)
    # Evaluation during training (--eval-every): rank 0 judges, the others go on to the next collective.
    judge = TrainingJudge(config, parts) if config.eval_every and cluster.main else None
    if cluster.main and not resume:
        run.start(config)
    if parts.vocabulary and cluster.main:
        write_json(run.path / "vocabulary.json", parts.vocabulary.to_dict())
    G, D, loss = parts.generator, parts.discriminator, parts.loss  # the bare models: what is saved
    ema = EMA(G, config.ema, config.ema_start) if config.ema else None
    G_step, D_step = cluster.prepare(G), cluster.prepare(D)  # what the loop calls: DDP-wrapped with >1 process
    if ema:
        ema.model.to(device)
    G.train(), D.train()
    opt_g = torch.optim.Adam(G.parameters(), lr=config.lr_g, betas=(config.beta1, config.beta2))
    opt_d = torch.optim.Adam(D.parameters(), lr=config.lr_d, betas=(config.beta1, config.beta2))
    optimizers = {"generator": opt_g, "discriminator": opt_d}
    scaler_g, scaler_d = precision.scaler(), precision.scaler()
    scalers = {"generator": scaler_g, "discriminator": scaler_d}
    # Every random draw of the loop comes from this CPU generator, the same on every process: each draws the
    # global batch and keeps its share, so 1 or N processes, CPU or GPU, train the same run.
    noise = torch.Generator().manual_seed((config.seed + 1) % 2**64)  # seeds go up to 2**64 - 1, as everywhere

    start = 0
    if resume:
        start = restore_training_checkpoint(run.checkpoint_path, parts, optimizers, scalers, noise, ema)
        if cluster.main:
            for note in run.keep_metrics_until(start):
                say(note)
            run.write_config(config)

    # The images stay uint8 on the host (memory-mapped for large sets) and become floats a batch at a time.
    images, labels = parts.data.images, parts.data.labels  # (N, C, H, W) uint8, (N,)
    conditions = parts.label_conditions  # (K, E)
    pick_conditions = ConditionSampler(conditions, parts.extra_conditions, parts.extra_classes, config.vocabulary_share)
    K, B = conditions.shape[0], config.batch_size
    mine = cluster.share(B)  # this process's rows of each global batch
    augmenting = config.condition_noise > 0 or config.condition_mix > 0
    schedule = BatchSchedule(len(labels), B, config.seed)
    pin = device.type == "cuda"
    # The grids show what the finished model will draw by default: probe words snapped, noise truncated.
    # At most GRID_WORDS label words and as many probe words (a dataset of 1,900 concepts would make a
    # 126,000-pixel-tall grid, and its 197 held-out concepts are all probes).
    sample_words = parts.data.words[:GRID_WORDS] + parts.probe_words[:GRID_WORDS]
    probes = drawn_as_the_model_draws(parts, config)[:GRID_WORDS]  # (P, E)
    sample_conditions = torch.cat([conditions[:GRID_WORDS], probes]).to(device)  # (W, E)

    def to_device(rows: torch.Tensor) -> torch.Tensor:
        """The global batch's (B, ...) CPU tensor -> this process's (B / world, ...) share on the device."""
        rows = rows[mine]
        return (rows.pin_memory() if pin else rows).to(device, non_blocking=pin)

    def standing_inputs(step: int):
        """Inputs for the average's batch-norm statistics at ``step``: noise and conditions drawn like a
        training batch, from a generator of their own, so the run's random stream is untouched."""
        generator = torch.Generator().manual_seed(stream_seed(config.seed, STANDING_STATISTICS, step))

        def draw() -> tuple[torch.Tensor, torch.Tensor]:
            classes = torch.randint(0, K, (B,), generator=generator)
            return torch.randn(B, config.z_dim, generator=generator).to(device), pick_conditions(classes, generator).to(device)

        return draw

    def save(step: int, budget_spent: bool = False) -> None:
        if cluster.main:
            if ema:
                ema.refresh_statistics(standing_inputs(step))
            save_training_checkpoint(run.checkpoint_path, config, parts, optimizers, scalers, noise, ema, step, budget_spent)

    losses = torch.zeros(2, device=device)  # running sums of (d_loss, g_loss), summed on the device: no sync per step
    window_steps, window_start = 0, time.perf_counter()
    log.begin()
    best = run.best_score(judge.metric) if judge and resume else None  # to beat, for the best checkpoint
    bar = tqdm(total=config.steps, initial=start, desc="training", unit="step", disable=not (progress and cluster.main), dynamic_ncols=True)
    step = start
    budget_s = config.time_budget * 60 if config.time_budget else float("inf")
    stopping = out_of_time = False
    with stop_on_interrupt() as stop:
        while step < config.steps and not (stopping or out_of_time):
            # D first, so G's update below is judged by the critic that just learnt from this batch.
            for critic_step in range(loss.critic_steps):
                idx = schedule.indices(step * loss.critic_steps + critic_step)  # (B,) global batch
                cond_real = pick_conditions(labels[idx], noise)  # (B, E)
                cond_fake = cond_real
                if augmenting:
                    cond_fake = augment(cond_real, conditions, config.condition_noise, config.condition_mix, noise)
                    # Reals get noise but no mixing: each real image shows one class.
                    cond_real = augment(cond_real, conditions, config.condition_noise, 0.0, noise)
                z = torch.randn(B, config.z_dim, generator=noise)  # (B, Z)
                wrong = None
                if config.matching_aware:
                    # GAN-CLS: a real image with another class's word is also a "fake" for D.
                    shift = torch.randint(1, K, (B,), generator=noise) if K > 1 else torch.zeros(B, dtype=torch.long)
                    wrong = to_device(conditions[(labels[idx] + shift) % K])  # (b, E)
                if diffaugment:
                    seen_real = diffaugment.sample(B, parts.data.image_shape, noise)[mine]
                    seen_fake = diffaugment.sample(B, parts.data.image_shape, noise)[mine]
                real = to_device(images[idx]).float().div_(127.5).sub_(1.0)  # (b, C, H, W) in [-1, 1]
                cond_real, cond_fake, z = to_device(cond_real), to_device(cond_fake), to_device(z)  # (b, E), (b, E), (b, Z)
                last = critic_step == loss.critic_steps - 1
                with precision.autocast():
                    with torch.set_grad_enabled(last):  # only the last fake batch is reused for G's step
                        fake = G_step(z, cond_fake)  # (b, C, H, W)
                    if diffaugment:  # D sees every image augmented, and G's gradients flow through it
                        real, fake = diffaugment(real, seen_real), diffaugment(fake, seen_fake)
                    d_real, d_fake = D_step(real, cond_real), D_step(fake.detach(), cond_fake)  # (b,), (b,)
                    if wrong is not None:
                        d_fake = torch.cat([d_fake, D_step(real, wrong)])  # (2b,)
                    d_loss = loss.discriminator_loss(d_real.float(), d_fake.float())
                # Outside autocast: a gradient penalty differentiates D's output, which needs fp32 to be exact.
                penalty = loss.penalty(D_step, real.float(), fake.detach().float(), cond_fake)
                if penalty is not None:
                    d_loss = d_loss + penalty
                opt_d.zero_grad(set_to_none=True)
                scaler_d.scale(d_loss).backward()
                scaler_d.step(opt_d)
                scaler_d.update()

            # D's gradients from G's loss are not needed, so with several processes they are not all-reduced.
            with cluster.no_sync(D_step), precision.autocast():
                g_loss = loss.generator_loss(D_step(fake, cond_fake).float())
                opt_g.zero_grad(set_to_none=True)
                scaler_g.scale(g_loss).backward()
            scaler_g.step(opt_g)
            scaler_g.update()
            step += 1
            if ema:
                ema.update(G, step)

            losses += torch.stack([d_loss.detach().float(), g_loss.detach().float()])
            window_steps += 1
            # Agreed by every process, so all of them log, save and stop at the same step: free with one process,
            # an all-reduce and a host sync with several, so then only every AGREE_EVERY steps.
            if not cluster.distributed or step % AGREE_EVERY == 0 or step == config.steps:
                stopping, out_of_time = cluster.any(stop.requested, time.perf_counter() - log.started > budget_s)
            last_step = step == config.steps or stopping or out_of_time
            if step % config.log_every == 0 or last_step:
                d_mean, g_mean = (cluster.mean(losses) / window_steps).tolist()  # the one host sync per window
                elapsed = time.perf_counter() - window_start
                record = log.write(step, d_mean, g_mean, window_steps * B * loss.critic_steps / elapsed, {"lr_g": config.lr_g, "lr_d": config.lr_d})
                bar.set_postfix(d=f"{d_mean:.3f}", g=f"{g_mean:.3f}", img_s=f"{record['images_per_s']:.0f}")
                losses.zero_()
                window_steps, window_start = 0, time.perf_counter()
            if cluster.main and (step % config.sample_every == 0 or last_step):
                if ema:
                    ema.refresh_statistics(standing_inputs(step))
                path = write_samples(run.sample_path(step), ema.model if ema else G, sample_conditions, sample_words, config)
                log.image(step, path)
            if step % config.checkpoint_every == 0 or last_step:
                save(step, budget_spent=out_of_time and not stopping)
            if judge and (step % config.eval_every == 0 or last_step):
                if ema:
                    ema.refresh_statistics(standing_inputs(step))
                scores = judge(ema.model if ema else G)
                log.scores(step, scores)
                if best is None or scores[judge.metric] > best:  # kept: the checkpoint of this very step
                    best = scores[judge.metric]
                    if step % config.checkpoint_every and not last_step:
                        save(step)
                    run.keep_best()
            bar.update(1)

    bar.close()
    log.close()
    if stopping:
        raise KeyboardInterrupt(f"stopped at step {step}; checkpoint saved in {run.path}; continue with --resume")
    if out_of_time:
        say(f"time budget of {config.time_budget:g} minutes spent at step {step}")
    return run.path


def drawn_as_the_model_draws(parts: Parts, config: TrainConfig) -> torch.Tensor:
    """The (P, E) conditions of the probe words as the finished model will draw them: snapped onto the label
    words by its mapping (wordgan.conditions.mapping) at its temperature, or raw without one."""
    probes = parts.probe_conditions  # (P, E)
    if config.snap_temperature is None or not len(probes):
        return probes
    K = len(parts.data.words)
    mapper = WordMapper(
        MappingSettings.from_dict(config.mapping),
        parts.data.words,
        parts.data.words + parts.extra_words,
        torch.cat([torch.arange(K), parts.extra_classes]),
        torch.cat([parts.label_conditions, parts.extra_conditions]),
        lambda: parts.embedder,
    )
    weights = mapper.weights(parts.probe_words, probes, config.snap_temperature)  # (P, K)
    return mix_labels(probes, parts.label_conditions, weights)


def write_samples(path: Path, G: Generator, conditions: torch.Tensor, words: list[str], config: TrainConfig) -> Path:
    """A grid with a row per word from (W, E) conditions, drawn as the finished model draws them: the same
    ``samples_per_word`` noise rows (seeded by the run's seed, truncated as it will be) in every row."""
    images = draw(G, conditions, config.samples_per_word, config.seed, config.truncation)  # (W, n, C, H, W)
    return save_grid(images, path, row_labels=words)


def _restarted_by_torchrun() -> bool:
    return int(os.environ.get("TORCHELASTIC_RESTART_COUNT", "0")) > 0
