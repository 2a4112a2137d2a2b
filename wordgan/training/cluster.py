"""One process or many: a thin layer over ``torch.distributed`` for runs launched by ``torchrun``.

``torchrun --nproc-per-node N -m wordgan train ...`` sets RANK, LOCAL_RANK and WORLD_SIZE for each process;
without them this is a single process and every collective is a no-op. Processes talk over NCCL on GPUs and
gloo on CPUs, through PyTorch's own process group: wordgan launches nothing and sends nothing itself.
"""
from __future__ import annotations

import os
from contextlib import nullcontext
from dataclasses import dataclass
from typing import ContextManager

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel

from wordgan.devices import resolve_device
from wordgan.errors import WordganError
from wordgan.training.batch_norm import GlobalBatchNorm


@dataclass
class Cluster:
    rank: int  # this process, 0 .. world - 1
    world: int  # processes in the run
    device: torch.device

    @property
    def main(self) -> bool:
        """Rank 0 alone writes checkpoints, samples and metrics, so N processes make one run."""
        return self.rank == 0

    @property
    def distributed(self) -> bool:
        return self.world > 1

    @classmethod
    def start(cls, device: str | None = "auto") -> "Cluster":
        """Join the process group torchrun set up (if any) and pick this process's device."""
        if "RANK" not in os.environ:
            return cls(rank=0, world=1, device=resolve_device(device))
        rank, world, local_rank = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), int(os.environ["LOCAL_RANK"])
        chosen = resolve_device(device)
        if chosen.type == "cuda":
            # One GPU per process: torchrun's LOCAL_RANK picks it, whatever cuda:N was asked for.
            if local_rank >= torch.cuda.device_count():
                raise WordganError(
                    f"process {rank} has local rank {local_rank} but this node has {torch.cuda.device_count()} GPU(s); "
                    "use --nproc-per-node at most the number of GPUs"
                )
            chosen = torch.device("cuda", local_rank)
            torch.cuda.set_device(chosen)
        elif chosen.type != "cpu":
            raise WordganError(f"distributed training runs on CUDA (NCCL) or CPU (gloo), not {chosen}")
        if not dist.is_initialized():
            dist.init_process_group(
                backend="nccl" if chosen.type == "cuda" else "gloo",
                device_id=chosen if chosen.type == "cuda" else None,
                **_restart_store(rank, world),
            )
        return cls(rank=rank, world=world, device=chosen)

    def stop(self) -> None:
        if self.distributed and dist.is_initialized():
            dist.destroy_process_group()

    def share(self, batch: int) -> slice:
        """This process's rows of a global batch of ``batch``: every process draws the same global batch
        (indices, noise, conditions) and keeps its own slice, so N processes train exactly the run one
        process would, and a run resumes with any number of processes."""
        if batch % self.world:
            raise WordganError(f"the batch size {batch} does not split evenly across {self.world} processes")
        per = batch // self.world
        return slice(self.rank * per, (self.rank + 1) * per)

    def any(self, *flags: bool) -> list[bool]:
        """Each flag, true on every process if it is true on any: a stop request (Ctrl-C, SIGTERM) or a spent
        time budget on one rank stops them all at the same step, so no rank waits forever in a collective."""
        if not self.distributed:
            return list(flags)
        value = torch.tensor([1.0 if flag else 0.0 for flag in flags], device=self.device)
        dist.all_reduce(value, op=dist.ReduceOp.MAX)
        return [bool(v) for v in value.tolist()]

    def mean(self, value: torch.Tensor) -> torch.Tensor:
        """The mean of ``value`` over processes (for logged losses); ``value`` itself with one process."""
        if not self.distributed:
            return value
        value = value.detach().clone()
        dist.all_reduce(value)
        return value / self.world

    def no_sync(self, model: nn.Module) -> ContextManager:
        """Within it, backward passes through ``model`` leave its gradients local (DDP's ``no_sync``): for
        gradients that are thrown away anyway, such as D's during G's step."""
        return model.no_sync() if isinstance(model, DistributedDataParallel) else nullcontext()

    def prepare(self, model: nn.Module) -> nn.Module:
        """``model`` on this device; with several processes its batch norms synced and it wrapped in DDP.

        Returns the module the loop calls; the bare model stays what is saved and averaged (EMA).
        """
        model.to(self.device)
        if not self.distributed:
            return model
        if any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in model.modules()):
            # PyTorch's SyncBatchNorm runs on GPUs only; on CPUs the same global statistics come from
            # GlobalBatchNorm. Either way N processes with batch B normalise like one process with batch N*B.
            if self.device.type == "cuda":
                model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
            else:
                model = GlobalBatchNorm.convert(model)
            model.to(self.device)
        return DistributedDataParallel(model, device_ids=[self.device.index] if self.device.type == "cuda" else None)


def _restart_store(rank: int, world: int) -> dict:
    """The store this attempt's process group meets in: {} (torch's env:// default), or under torchrun's
    shared store (TORCHELASTIC_USE_AGENT_STORE=True, torchrun's default) a prefix of its own per restart.

    torchrun's agent keeps that store across restarts, and torch's default reuses the same keys in it, so a
    restarted rank could read the address its dead predecessor wrote and wait on it for the whole 30-minute
    timeout (seen here: both new workers stuck in ``init_process_group`` after ``--max-restarts`` restarted a
    killed group). TORCHELASTIC_RESTART_COUNT names the attempt, so each meets its own peers only."""
    if os.environ.get("TORCHELASTIC_USE_AGENT_STORE") != "True":
        return {}
    shared = dist.TCPStore(os.environ["MASTER_ADDR"], int(os.environ["MASTER_PORT"]), world, is_master=False)
    attempt = os.environ.get("TORCHELASTIC_RESTART_COUNT", "0")
    return {"store": dist.PrefixStore(f"wordgan/attempt-{attempt}", shared), "rank": rank, "world_size": world}
