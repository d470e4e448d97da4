"""Multi-process DP-SGD under ``torchrun``: Opacus' DPDDP and distributed Poisson sampling.

``torchrun --nproc-per-node N -m dataprotocol train ...`` (or ``dataprotocol train
--nproc N``, which launches torchrun) starts N processes; each reads the whole package
and trains a replica on its shard of every Poisson batch:

* sampling: each example joins a logical batch independently with probability q
  (Opacus' ``DistributedUniformWithReplacementSampler``: the examples are split among
  the ranks, every rank draws Bernoulli(q) for its own), so the global batch is exactly
  the single-process Poisson batch and the accountant's q, sigma, steps are unchanged
  (Abadi et al. 2016; the amplification analyses assume Poisson sampling). Every rank
  uses its own random stream: shared draws would correlate examples' inclusion;
* clipping: each rank clips its examples' gradients; ``DistributedDPOptimizer`` adds the
  Gaussian noise on rank 0 only (once per logical batch, as one process would) and
  all-reduces the noisy sums, so every replica applies the same update;
* ``DPDDP`` broadcasts rank 0's initial weights (the classification head is random).

Only rank 0 talks to the ledger and writes the model card; the other ranks learn the run
id (or the refusal) from it. Every rank checks that all agree on sigma, q, steps and
epsilon, and that the trained parameters are bit-identical (a SHA-256 per replica).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dataprotocol.errors import DataProtocolError

__all__ = ["World", "current_world", "init_world", "DistributedError", "launch_distributed"]


class DistributedError(DataProtocolError):
    """The ranks of a distributed run disagree (plan, accounting or parameters)."""


@dataclass(frozen=True)
class World:
    """This process' place in the run: ``size == 1`` means not distributed."""

    rank: int = 0
    size: int = 1
    local_rank: int = 0

    @property
    def distributed(self) -> bool:
        return self.size > 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    def broadcast(self, value: Any) -> Any:
        """Rank 0's ``value``, on every rank."""
        if not self.distributed:
            return value
        import torch.distributed as dist

        box = [value if self.is_main else None]
        dist.broadcast_object_list(box, src=0)
        return box[0]

    def agree(self, value: Any, *, what: str) -> Any:
        """``value`` after checking that every rank holds the same; DistributedError if not."""
        if not self.distributed:
            return value
        import torch.distributed as dist

        gathered: list[Any] = [None] * self.size
        dist.all_gather_object(gathered, value)
        differing = [rank for rank, other in enumerate(gathered) if other != gathered[0]]
        if differing:
            raise DistributedError(f"ranks {differing} disagree with rank 0 on {what}")
        return gathered[0]


def current_world() -> World:
    """The initialised process group's world (size 1 when there is none)."""
    import torch.distributed as dist

    if not (dist.is_available() and dist.is_initialized()):
        return World()
    return World(rank=dist.get_rank(), size=dist.get_world_size(),
                 local_rank=int(os.environ.get("LOCAL_RANK", "0")))


def init_world(device: str = "auto") -> World:
    """Join the process group torchrun describes (``WORLD_SIZE`` > 1), once.

    gloo on CPU, NCCL when the run uses CUDA (each rank on its ``LOCAL_RANK`` device).
    Without torchrun's variables this is a no-op and the run is single-process.
    """
    if int(os.environ.get("WORLD_SIZE", "1")) <= 1:
        return World()
    import torch
    import torch.distributed as dist

    if not dist.is_initialized():
        cuda = device != "cpu" and torch.cuda.is_available()
        if cuda:
            torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
        dist.init_process_group(backend="nccl" if cuda else "gloo")
    return current_world()


def launch_distributed(argv: list[str], *, nproc: int) -> int | None:
    """Run ``dataprotocol ARGV`` on ``nproc`` local processes under torchrun; its exit
    code. ``None``: nothing to launch (one process, or already under a torchrun of
    ``nproc``), train in this process. Several machines: run ``torchrun --nnodes ...
    -m dataprotocol train ...`` on each instead.
    """
    from dataprotocol.errors import InputError

    if nproc < 1:
        raise InputError("--nproc must be >= 1", field="nproc")
    if nproc == 1:
        return None
    if "WORLD_SIZE" in os.environ:
        if int(os.environ["WORLD_SIZE"]) != nproc:
            raise InputError(f"--nproc {nproc} under a torchrun of WORLD_SIZE="
                             f"{os.environ['WORLD_SIZE']}", field="nproc")
        return None
    args, skip = [], False
    for arg in argv:  # drop --nproc N / --nproc=N: the children train, they do not launch
        if skip:
            skip = False
        elif arg == "--nproc":
            skip = True
        elif not arg.startswith("--nproc="):
            args.append(arg)
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone",
           f"--nproc-per-node={nproc}", "-m", "dataprotocol", *args]
    return subprocess.run(cmd, check=False).returncode


def distributed_batches(*, total_size: int, sample_rate: float, steps: int,
                        generator: Any) -> Any:
    """The batch sampler of one rank: its share of each global Poisson batch.

    Unlike Opacus' sampler, an empty local batch is yielded too (a noise-only step
    locally): every rank must take every step, or the gradient all-reduce deadlocks.
    Which rank holds which examples does not matter to privacy (each example's
    inclusion is its own Bernoulli(q) draw), so the split is the fixed permutation of
    shuffle seed 0 on every rank.
    """
    from opacus.utils.uniform_sampler import DistributedUniformWithReplacementSampler

    class _EveryStep(DistributedUniformWithReplacementSampler):
        def __iter__(self) -> Iterator[list[int]]:
            import torch

            order = torch.randperm(self.total_size, generator=torch.Generator().manual_seed(
                self.shuffle_seed + self.epoch)) if self.shuffle else torch.arange(
                self.total_size)
            mine = order[self.rank:self.total_size:self.num_replicas]
            for _ in range(self.num_batches):
                mask = torch.rand(self.num_samples, generator=self.generator) < self.sample_rate
                yield mine[mask.nonzero(as_tuple=False).reshape(-1)].tolist()

    return _EveryStep(total_size=total_size, sample_rate=sample_rate, steps=steps,
                      shuffle_seed=0, generator=generator)


def parameter_digest(model: Any) -> str:
    """SHA-256 over every parameter's bytes, in ``named_parameters`` order."""
    digest = hashlib.sha256()
    for name, param in model.named_parameters():
        digest.update(name.encode())
        digest.update(param.detach().cpu().contiguous().view(-1).view(dtype=_u8()).numpy()
                      .tobytes())
    return digest.hexdigest()


def _u8() -> Any:
    import torch

    return torch.uint8
