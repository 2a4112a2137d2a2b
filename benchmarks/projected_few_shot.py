"""Training terms for few images per concept (issue 22, point 2), prototyped in a loop of their own.

The loop is the trainer's (wordgan/training/trainer.py: D first on real and fake, then G; DiffAugment before D;
EMA of G; one process, no resume), written out here so that one term can be added to G's step without
touching the trainer. It writes an ordinary run folder (config.json, metrics.jsonl, checkpoint.safetensors),
so ``wordgan evaluate RUN`` judges it like any run.

The term (``--imle WEIGHT``): implicit maximum likelihood (Li & Malik 2018), so that every real drawing has a
nearby generated one. Each step, for ``--imle-batch`` N of the batch's real images x_i with their conditions
c_i, G draws ``--imle-samples`` K images G(z_ik, c_i) without gradient; the nearest to x_i by ``distance``
gives z_i*; G's loss gains ``WEIGHT * mean_i distance(G(z_i*, c_i), x_i)``, with
``distance(a, b) = mean |a - b| + mean over the frozen network's maps of mean (phi(a) - phi(b))^2``, phi the
projected discriminator's frozen EfficientNet maps, each divided by its RMS over the real batch. With
``--gan dcgan`` (or another GAN plugin) D is that GAN's, trained with wordgan's default loss and betas, and
phi comes from a projected D built for the distance alone.

Word pairs (``--pairs``): the batch is B/2 concepts with two of each concept's images (two styles of an emoji),
both with the same condition, and G draws each condition twice. With 3 images per concept a batch of 64 among
1,709 concepts almost never holds one word twice, so D's conditional spread channel (wordgan_projected.spread)
has nothing to compare G's images of one word with; paired, it compares two styles of a real concept with two
noises of a drawn one.

GAN-INT (Reed et al. 2016: G also trained on conditions between two words) is the trainer's own
``condition_mix`` (a share of the fake batch conditioned on a random convex mixture with another label's
vector), passed as ``--condition-mix``.

    PYTHONPATH=. OMP_NUM_THREADS=1 python benchmarks/projected_few_shot.py --out runs/few-shot/imle \
        --minutes 15 --imle 1.0 [--condition-mix 0.25] [--gan-option levels=2 ...]
    wordgan evaluate runs/few-shot/imle -n 100

Measured (docs/many-concepts.md, "What few images per concept need"): on emoji in 15 minutes on one core, IMLE
raised the projected D's held-out subcategory accuracy from 0.125 to 0.188 and its recall from 0.007 to 0.027.
"""
from __future__ import annotations

import argparse
import json
import time

import torch

from wordgan.plugins.build import build_dataset, build_gan
from wordgan.training.condition_sampling import ConditionSampler, augment
from wordgan.training.config import TrainConfig
from wordgan.training.diffaugment import DiffAugment
from wordgan.training.ema import EMA
from wordgan.training.precision import Precision
from wordgan.training.run_dir import RunDir
from wordgan.training.setup import build_parts
from wordgan.training.state import save_training_checkpoint


def distance(a: torch.Tensor, b: torch.Tensor, D, scales: list[torch.Tensor]) -> torch.Tensor:
    """(N, C, H, W) images a, b -> (N,) pixel L1 plus feature MSE on D's frozen maps, each map / its ``scale``."""
    pixels = (a - b).abs().flatten(1).mean(dim=1)  # (N,)
    fa, fb = D.features(D.network_input(a)), D.features(D.network_input(b))
    features = sum(((x - y) / s).square().flatten(1).mean(dim=1) for x, y, s in zip(fa, fb, scales))  # (N,)
    return pixels + features / len(scales)


def imle_loss(G, D, real: torch.Tensor, cond: torch.Tensor, samples: int, z_dim: int, noise: torch.Generator) -> torch.Tensor:
    """The IMLE term for N real images (N, C, H, W) with their (N, E) conditions: a scalar."""
    N = real.shape[0]
    with torch.no_grad():
        scales = [f.float().square().mean().sqrt().clamp_min(1e-6) for f in D.features(D.network_input(real))]
        z = torch.randn(N * samples, z_dim, generator=noise)  # (N * K, Z)
        drawn = G(z, cond.repeat_interleave(samples, dim=0))  # (N * K, C, H, W)
        d = distance(drawn.float(), real.float().repeat_interleave(samples, dim=0), D, scales).view(N, samples)  # (N, K)
        nearest = z.view(N, samples, z_dim)[torch.arange(N), d.argmin(dim=1)]  # (N, Z)
    return distance(G(nearest, cond).float(), real.float(), D, scales).mean()


def other_image(i: int, members: torch.Tensor, noise: torch.Generator) -> torch.Tensor:
    """Another image index of image ``i``'s concept (``members``: its images), or ``i`` if it has no other."""
    others = members[members != i]
    return others[torch.randint(0, len(others), (1,), generator=noise)[0]] if len(others) else torch.tensor(i)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--minutes", type=float, required=True, help="wall-clock training budget")
    parser.add_argument("--dataset", default="emoji")
    parser.add_argument("--gan", default="projected", help="projected, or another GAN plugin (dcgan): the IMLE term's distance then uses a projected D's frozen network")
    parser.add_argument("--gan-option", action="append", default=[], metavar="KEY=JSON")
    parser.add_argument("--imle", type=float, default=0.0, help="weight of the IMLE term (0: off)")
    parser.add_argument("--imle-samples", type=int, default=8)
    parser.add_argument("--imle-batch", type=int, default=16)
    parser.add_argument("--pairs", action="store_true", help="B/2 concepts, two images of each")
    parser.add_argument("--condition-mix", type=float, default=0.0)
    parser.add_argument("--precision", default="bf16")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    gan_options = {key: json.loads(value) for key, _, value in (o.partition("=") for o in args.gan_option)}
    settings = dict(build_dataset(args.dataset).training_defaults())
    settings.update(dataset=args.dataset, gan=args.gan, gan_options=gan_options, precision=args.precision,
                    condition_mix=args.condition_mix, seed=args.seed, steps=10**6, out=args.out)
    if args.gan == "projected":  # what made the projected D learn (docs/gans.md); the DCGAN keeps wordgan's defaults
        settings.update(loss="hinge", beta1=0.0, beta2=0.99)
    config = TrainConfig.from_settings(settings)
    run = RunDir(config.out)
    run.check_new()
    torch.manual_seed(config.seed)
    parts = build_parts(config)
    run.start(config)
    G, D, loss = parts.generator, parts.discriminator, parts.loss
    # The IMLE distance's frozen network: the projected D's own, or for another GAN a projected D built only for it.
    imle_features = D if args.gan == "projected" else build_gan("projected", config.z_dim, parts.label_conditions.shape[1], parts.data.image_shape)[1]
    ema = EMA(G, config.ema, config.ema_start)
    G.train(), D.train()
    opt_g = torch.optim.Adam(G.parameters(), lr=config.lr_g, betas=(config.beta1, config.beta2))
    opt_d = torch.optim.Adam(D.parameters(), lr=config.lr_d, betas=(config.beta1, config.beta2))
    precision = Precision(config.precision, torch.device("cpu"))
    diffaugment = DiffAugment(config.diffaugment) if config.diffaugment else None
    noise = torch.Generator().manual_seed(config.seed + 1)
    images, labels, conditions = parts.data.images, parts.data.labels, parts.label_conditions
    pick = ConditionSampler(conditions, parts.extra_conditions, parts.extra_classes, config.vocabulary_share)
    B = config.batch_size
    members = [torch.nonzero(labels == k).flatten() for k in range(len(conditions))]  # each class's image indexes

    step, started = 0, time.perf_counter()
    with open(run.path / "metrics.jsonl", "a") as log:
        while time.perf_counter() - started < args.minutes * 60:
            if args.pairs:
                first = torch.randint(0, len(labels), (B // 2,), generator=noise)  # (B/2,)
                partner = torch.stack([other_image(i, members[k], noise) for i, k in zip(first.tolist(), labels[first].tolist())])
                idx = torch.cat([first, partner])  # (B,): image i and image i + B/2 show the same concept
                cond_real = pick(labels[first], noise).repeat(2, 1)  # (B, E), the same word for both
            else:
                idx = torch.randint(0, len(labels), (B,), generator=noise)
                cond_real = pick(labels[idx], noise)  # (B, E)
            cond_fake = augment(cond_real, conditions, 0.0, config.condition_mix, noise) if config.condition_mix else cond_real
            z = torch.randn(B, config.z_dim, generator=noise)
            real = images[idx].float().div(127.5).sub(1.0)  # (B, C, H, W)
            with precision.autocast():
                fake = G(z, cond_fake)
                if diffaugment:
                    real_seen = diffaugment(real, diffaugment.sample(B, parts.data.image_shape, noise))
                    fake_seen = diffaugment(fake, diffaugment.sample(B, parts.data.image_shape, noise))
                else:
                    real_seen, fake_seen = real, fake
                d_loss = loss.discriminator_loss(D(real_seen, cond_real).float(), D(fake_seen.detach(), cond_fake).float())
            opt_d.zero_grad(set_to_none=True)
            d_loss.backward()
            opt_d.step()
            with precision.autocast():
                g_loss = loss.generator_loss(D(fake_seen, cond_fake).float())
                term = imle_loss(G, imle_features, real[: args.imle_batch], cond_real[: args.imle_batch], args.imle_samples, config.z_dim, noise) if args.imle else None
            opt_g.zero_grad(set_to_none=True)
            (g_loss + args.imle * term if term is not None else g_loss).backward()
            opt_g.step()
            step += 1
            ema.update(G, step)
            if step % 25 == 0:
                record = {"step": step, "d_loss": d_loss.item(), "g_loss": g_loss.item(), "elapsed_s": time.perf_counter() - started}
                if term is not None:
                    record["imle"] = term.item()
                log.write(json.dumps(record) + "\n")
                log.flush()

    def standing_inputs():
        classes = torch.randint(0, len(conditions), (B,), generator=noise)
        return torch.randn(B, config.z_dim, generator=noise), pick(classes, noise)

    ema.refresh_statistics(standing_inputs)
    config = TrainConfig.from_settings({**settings, "steps": step})
    save_training_checkpoint(run.checkpoint_path, config, parts, {"generator": opt_g, "discriminator": opt_d}, {}, noise, ema, step, True)
    run.write_config(config)
    print(f"{step} steps in {args.minutes:g} minutes ({step * B / (args.minutes * 60):.0f} images/s); wordgan evaluate {run.path}")


if __name__ == "__main__":
    main()
