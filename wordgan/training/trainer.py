"""The training loop, top to bottom."""
from __future__ import annotations

import time
from pathlib import Path

import torch
from tqdm import tqdm

from wordgan.atomic import write_json
from wordgan.conditioning import ConditionSampler, augment, sample_noise, snap_to_labels
from wordgan.config import TrainConfig
from wordgan.images import save_grid, to_uint8
from wordgan.training.batches import BatchSchedule
from wordgan.training.interrupt import stop_on_interrupt
from wordgan.training.run_dir import RunDir
from wordgan.interfaces import Generator
from wordgan.training.setup import build_parts
from wordgan.training.state import restore_training_checkpoint, save_training_checkpoint


def train(config: TrainConfig, resume: bool = False, progress: bool = True) -> Path:
    """Train a run into ``config.out`` and return that directory.

    With ``resume``, continue the checkpoint in ``config.out`` exactly where it stopped (``config.steps``
    may be raised to train longer). The first Ctrl-C stops at the end of the current step and saves.
    """
    run = RunDir(config.out)
    if resume:
        run.write_config(config)
    else:
        run.start(config)

    torch.manual_seed(config.seed)
    parts = build_parts(config)
    if parts.vocabulary:
        write_json(run.path / "vocabulary.json", parts.vocabulary.to_dict())
    G, D, loss = parts.generator, parts.discriminator, parts.loss
    G.train(), D.train()
    opt_g = torch.optim.Adam(G.parameters(), lr=config.lr_g, betas=(config.beta1, config.beta2))
    opt_d = torch.optim.Adam(D.parameters(), lr=config.lr_d, betas=(config.beta1, config.beta2))
    optimizers = {"generator": opt_g, "discriminator": opt_d}
    noise = torch.Generator().manual_seed(config.seed + 1)

    start = 0
    if resume:
        start = restore_training_checkpoint(run.checkpoint_path, parts, optimizers, noise)
        run.keep_metrics_until(start)

    # The whole training set as floats in [-1, 1], once: no per-item work in the loop.
    images = parts.data.images.float().div_(127.5).sub_(1.0)  # (N, C, H, W)
    labels = parts.data.labels  # (N,)
    conditions = parts.label_conditions  # (K, E)
    pick_conditions = ConditionSampler(conditions, parts.extra_conditions, parts.extra_classes, config.vocabulary_share)
    K, B = conditions.shape[0], config.batch_size
    augmenting = config.condition_noise > 0 or config.condition_mix > 0
    schedule = BatchSchedule(len(labels), B, config.seed)
    # The grids show what the finished model will draw by default: probe words snapped, noise truncated.
    sample_words = parts.data.words + parts.probe_words
    probes = parts.probe_conditions  # (P, E)
    if config.snap_temperature is not None and len(probes):
        probes, _ = snap_to_labels(probes, conditions, config.snap_temperature, 1.0, parts.extra_conditions, parts.extra_classes)
    sample_conditions = torch.cat([conditions, probes])  # (W, E)
    grid_noise = sample_noise(config.samples_per_word, config.z_dim, config.seed, config.truncation)  # (n, Z)

    def save(step: int) -> None:
        save_training_checkpoint(run.checkpoint_path, config, parts, optimizers, noise, step)

    window = {"d_loss": 0.0, "g_loss": 0.0, "n": 0}
    window_start, run_start = time.perf_counter(), time.perf_counter()
    bar = tqdm(total=config.steps, initial=start, desc="training", unit="step", disable=not progress, dynamic_ncols=True)
    step = start
    with stop_on_interrupt() as stop:
        while step < config.steps and not stop.requested:
            # D first, so G's update below is judged by the critic that just learnt from this batch.
            for critic_step in range(loss.critic_steps):
                idx = schedule.indices(step * loss.critic_steps + critic_step)
                real, cond_real = images[idx], pick_conditions(labels[idx], noise)  # (B, C, H, W), (B, E)
                cond_fake = cond_real
                if augmenting:
                    cond_fake = augment(cond_real, conditions, config.condition_noise, config.condition_mix, noise)
                    # Reals get noise but no mixing: each real image shows one class.
                    cond_real = augment(cond_real, conditions, config.condition_noise, 0.0, noise)
                z = torch.randn(B, config.z_dim, generator=noise)  # (B, Z)
                last = critic_step == loss.critic_steps - 1
                with torch.set_grad_enabled(last):  # only the last fake batch is reused for G's step
                    fake = G(z, cond_fake)
                d_real, d_fake = D(real, cond_real), D(fake.detach(), cond_fake)  # (B,), (B,)
                if config.matching_aware:
                    # GAN-CLS: a real image with another class's word is also a "fake" for D.
                    shift = torch.randint(1, K, (B,), generator=noise) if K > 1 else torch.zeros(B, dtype=torch.long)
                    wrong = conditions[(labels[idx] + shift) % K]  # (B, E)
                    d_fake = torch.cat([d_fake, D(real, wrong)])  # (2B,)
                d_loss = loss.discriminator_loss(d_real, d_fake)
                penalty = loss.penalty(D, real, fake.detach(), cond_fake)
                if penalty is not None:
                    d_loss = d_loss + penalty
                opt_d.zero_grad(set_to_none=True)
                d_loss.backward()
                opt_d.step()

            g_loss = loss.generator_loss(D(fake, cond_fake))
            opt_g.zero_grad(set_to_none=True)
            g_loss.backward()
            opt_g.step()
            step += 1

            window["d_loss"] += d_loss.item()
            window["g_loss"] += g_loss.item()
            window["n"] += 1
            if step % config.log_every == 0 or step == config.steps:
                elapsed = time.perf_counter() - window_start
                record = {
                    "step": step,
                    "d_loss": window["d_loss"] / window["n"],
                    "g_loss": window["g_loss"] / window["n"],
                    "images_per_s": window["n"] * B * loss.critic_steps / elapsed,
                    "elapsed_s": time.perf_counter() - run_start,
                }
                run.log(record)
                bar.set_postfix(d=f"{record['d_loss']:.3f}", g=f"{record['g_loss']:.3f}", img_s=f"{record['images_per_s']:.0f}")
                window = {"d_loss": 0.0, "g_loss": 0.0, "n": 0}
                window_start = time.perf_counter()
            if step % config.sample_every == 0 or step == config.steps:
                write_samples(run.sample_path(step), G, sample_conditions, sample_words, grid_noise)
            if step % config.checkpoint_every == 0 or step == config.steps:
                save(step)
            bar.update(1)

        if stop.requested:
            save(step)
            bar.close()
            raise KeyboardInterrupt(f"stopped at step {step}; checkpoint saved in {run.path}; continue with --resume")
    bar.close()
    return run.path


@torch.inference_mode()
def write_samples(path: Path, G: Generator, conditions: torch.Tensor, words: list[str], noise: torch.Tensor) -> None:
    """A grid with a row per word from (W, E) conditions, the same (n, Z) noise in every row."""
    n = noise.shape[0]
    G.eval()
    images = G(noise.repeat(len(words), 1), conditions.repeat_interleave(n, dim=0))  # (W * n, C, H, W)
    G.train()
    save_grid(to_uint8(images).view(len(words), n, *images.shape[1:]), path, row_labels=words)
