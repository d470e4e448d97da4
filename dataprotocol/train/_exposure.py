"""Canary exposure for causal LMs, the torch side: draw canaries and candidates of one
format, insert the canaries into the training rows, score log-perplexities after
training. The statistics and their audit are in :mod:`dataprotocol.records`
(Carlini et al. 2019, "The Secret Sharer")."""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch

from dataprotocol.errors import InputError

__all__ = ["CanaryFormat", "ExposureCanaries"]


@dataclass(frozen=True)
class CanaryFormat:
    """``prefix`` followed by ``length`` symbols of ``alphabet`` joined by ``separator``:
    "my account number is 3 1 4 1 5 9" (digits spaced so every tokenizer sees one token
    per digit and every secret has the same number of tokens)."""

    prefix: str = "my account number is"
    alphabet: tuple[str, ...] = tuple("0123456789")
    length: int = 6
    separator: str = " "

    def __post_init__(self) -> None:
        if self.length < 1 or len(set(self.alphabet)) < 2:
            raise InputError("a canary format needs length >= 1 and >= 2 symbols",
                             field="canary_format")

    @property
    def space(self) -> int:
        return len(self.alphabet) ** self.length

    def describe(self) -> str:
        return (f"{self.prefix} " + self.separator.join(["{s}"] * self.length)
                + f" (s in {len(self.alphabet)} symbols)")

    def secret(self, rng: random.Random) -> str:
        return self.separator.join(rng.choice(self.alphabet) for _ in range(self.length))


class ExposureCanaries:
    """``n`` canaries inserted ``repeats`` times each, and ``candidates`` fresh secrets.

    Drawn from the OS CSPRNG unless ``seed`` is given (tests), so nobody can predict
    them. Canaries and candidates are distinct, so a candidate is never a canary.
    """

    def __init__(self, n: int, *, repeats: int = 1, candidates: int = 1000,
                 canary_format: CanaryFormat | None = None, seed: int | None = None) -> None:
        fmt = canary_format or CanaryFormat()
        if n < 1 or repeats < 1 or candidates < 1:
            raise InputError("need >= 1 canary, repeat and candidate", field="audit_canaries")
        if n + candidates > fmt.space // 2:
            raise InputError(f"{n} canaries + {candidates} candidates is too many for a "
                             f"format with {fmt.space} secrets", field="canary_candidates")
        rng: random.Random = random.Random(seed) if seed is not None else secrets.SystemRandom()
        drawn: dict[str, None] = {}
        while len(drawn) < n + candidates:
            drawn.setdefault(fmt.secret(rng))
        every = list(drawn)
        self.format = fmt
        self.repeats = repeats
        self.canaries = every[:n]
        self.candidates = every[n:]

    def rows(self, *, instruction: bool) -> list[Any]:
        """Training rows to add: each canary ``repeats`` times (plain text, or a
        (prefix, secret) pair for instruction training)."""
        one = [self._row(s, instruction=instruction) for s in self.canaries]
        return [row for row in one for _ in range(self.repeats)]

    def _row(self, secret: str, *, instruction: bool) -> Any:
        return (self.format.prefix, secret) if instruction else f"{self.format.prefix} {secret}"

    def beaten_by(self, task: Any, model: Any, tokenizer: Any, *, device: torch.device,
                  instruction: bool, max_length: int, batch_size: int = 256) -> list[int]:
        """For each canary: how many candidates have a log-perplexity <= its own (ties
        count against the canary, the conservative side)."""
        canary = self._log_perplexity(task, model, tokenizer, self.canaries, device=device,
                                      instruction=instruction, max_length=max_length,
                                      batch_size=batch_size)
        others = torch.tensor(self._log_perplexity(
            task, model, tokenizer, self.candidates, device=device, instruction=instruction,
            max_length=max_length, batch_size=batch_size))
        return [int((others <= value).sum()) for value in canary]

    def _log_perplexity(self, task: Any, model: Any, tokenizer: Any, secrets_: Sequence[str],
                        *, device: torch.device, instruction: bool, max_length: int,
                        batch_size: int) -> list[float]:
        """-log P(row) in nats, summed over the row's carried tokens."""
        rows = [self._row(s, instruction=instruction) for s in secrets_]
        data = task.encode(tokenizer, rows, None, max_length=max_length)
        was_training = model.training
        model.eval()
        out: list[float] = []
        with torch.no_grad():
            for start in range(0, len(data), batch_size):
                items = [data[i] for i in range(start, min(start + batch_size, len(data)))]
                batch = {k: v.to(device) for k, v in task.collate(items).items()}
                logits, targets = task.outputs(model, batch)
                counted = (targets != -100).sum(1).clamp(min=1)
                out += (task.per_example_loss(logits, targets) * counted).tolist()
        model.train(was_training)
        return out
