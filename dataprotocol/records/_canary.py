"""One-run empirical privacy audit (Steinke, Nasr & Jagielski, NeurIPS 2023).

"Privacy auditing with one (1) training run": ``m`` canaries are each inserted into the
training set independently with probability 1/2. After training, the auditor scores
every canary (higher = "looks like a member", e.g. minus its loss), guesses the
``k+`` highest-scoring ones to be members and the ``k-`` lowest to be non-members, and
abstains on the rest. If training is (epsilon, delta)-DP, the number of correct guesses
among the ``r = k+ + k-`` guesses is (nearly) dominated by Binomial(r, e^eps/(1+e^eps))
(their Theorem 5.2 / Proposition 5.7); the largest epsilon that this tail rejects at
95% confidence is an *empirical lower bound* on the true epsilon.

Two facts a reader of the number must keep in mind:

* it is a **lower** bound: a small value does not show the model leaks little, it only
  fails to show it leaks more (a one-run black-box audit is far from tight);
* ``r`` guesses, even all correct, cannot certify more than about
  ``ln(r / ln(1/0.05)) = ln(r / ln 20)`` -- see :func:`max_certifiable_epsilon`.

If the lower bound ever exceeds the theoretical epsilon, the accounting or the trainer
is broken: :meth:`CanaryAudit.evaluate` raises :class:`~dataprotocol.errors.AuditFailed`.
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Sequence
from typing import Any

import numpy as np

from dataprotocol.errors import AuditFailed, InputError

__all__ = [
    "CanaryAudit",
    "AUDIT_METHOD",
    "p_value",
    "epsilon_lower_bound",
    "max_certifiable_epsilon",
    "guess_counts",
]

AUDIT_METHOD = "steinke-nasr-jagielski-2023"
#: 95% confidence: the p-value threshold of the one-sided test
_ALPHA = 0.05
#: random words for canaries: rare, so the model has no prior for them
_SYLLABLES = ("zor", "qua", "vex", "plim", "drog", "ulk", "snar", "kib", "wuz", "trop",
              "glon", "yff", "brask", "omph", "jix", "krel")


def p_value(*, m: int, r: int, v: int, epsilon: float, delta: float) -> float:
    """P[>= v correct of r guesses] for any (epsilon, delta)-DP training (the null).

    Steinke, Nasr & Jagielski 2023, Algorithm 2 / Theorem 5.2: the pure-DP tail
    P[Binomial(r, q) >= v], q = e^eps / (1 + e^eps), plus the delta correction
    ``2 m delta * max_i P[v > Binomial(r, q) >= v - i] / i``.
    """
    if not 0 <= v <= r <= m:
        raise InputError(f"need 0 <= correct ({v}) <= guesses ({r}) <= canaries ({m})")
    if epsilon < 0 or not 0 <= delta <= 1:
        raise InputError("need epsilon >= 0 and 0 <= delta <= 1")
    from scipy import stats  # lazy: ~0.5 s, and most audits record no canaries
    q = 1.0 / (1.0 + math.exp(-epsilon))
    tail = float(stats.binom.sf(v - 1, r, q))
    if v == 0 or delta == 0:
        return min(1.0, tail)
    # below[i-1] = P[v > Binomial(r, q) >= v - i], i = 1..v (vectorised: one scipy call)
    below = np.cumsum(stats.binom.pmf(np.arange(v - 1, -1, -1), r, q))
    worst_ratio = float(np.max(below / np.arange(1, v + 1)))
    return min(1.0, tail + worst_ratio * delta * 2 * m)


def epsilon_lower_bound(*, m: int, r: int, v: int, delta: float, alpha: float = _ALPHA) -> float:
    """Largest epsilon whose null hypothesis ``v`` correct guesses rejects at level ``alpha``.

    ``p_value`` grows with epsilon (a larger epsilon explains more correct guesses), so
    bisect for the boundary between rejected and not rejected. Returns 0.0
    when even epsilon = 0 is not rejected (the audit certifies nothing).
    """
    if p_value(m=m, r=r, v=v, epsilon=0.0, delta=delta) >= alpha:
        return 0.0
    low, high = 0.0, 1.0
    while p_value(m=m, r=r, v=v, epsilon=high, delta=delta) < alpha:
        low, high = high, high * 2
        if high > 1e3:  # only reachable with delta = 0 and absurd r; keep finite
            return low
    for _ in range(30):  # 1e-9 relative to the bracket: far below any tolerance
        mid = (low + high) / 2
        if p_value(m=m, r=r, v=v, epsilon=mid, delta=delta) < alpha:
            low = mid
        else:
            high = mid
    return low


def max_certifiable_epsilon(r: int, *, alpha: float = _ALPHA) -> float:
    """Roughly the most ``r`` guesses can ever certify: ln(r / ln(1/alpha)).

    With all r guesses correct the pure-DP p-value is q^r; q^r <= alpha gives
    e^-eps ~ ln(1/alpha) / r for large r.
    """
    if r <= 0:
        return 0.0
    return max(0.0, math.log(r / math.log(1 / alpha)))


def guess_counts(scores: Sequence[float], included: Sequence[bool], *, k_pos: int,
                 k_neg: int) -> tuple[int, int]:
    """(guesses, correct): top ``k_pos`` scores guessed members, bottom ``k_neg`` not.

    Ties are broken by index so the result is deterministic.
    """
    order = sorted(range(len(scores)), key=lambda i: (scores[i], i))
    k_pos, k_neg = min(k_pos, len(order)), min(k_neg, len(order) - min(k_pos, len(order)))
    members = order[len(order) - k_pos:] if k_pos else []
    non_members = order[:k_neg]
    correct = sum(1 for i in members if included[i]) + sum(1 for i in non_members if not included[i])
    return k_pos + k_neg, correct


class CanaryAudit:
    """``n`` random canaries, each inserted with probability 1/2.

    Canaries are random sentences of made-up words (or of ``words``, for a model whose
    vocabulary would turn made-up words into unknown tokens) with random labels, so the
    model has no prior for them and only training on one can make it fit its label.
    ``seed`` makes the draw reproducible (tests, re-audits); without it the canaries
    and their membership come from the OS CSPRNG, so nobody -- the trainer included --
    can predict which ones were inserted.
    """

    def __init__(self, n: int, *, num_labels: int, seed: int | None = None,
                 words: Sequence[str] | None = None) -> None:
        if n < 2:
            raise InputError("need at least 2 canaries", field="canaries", expected=">= 2")
        if num_labels < 2:
            raise InputError("need at least 2 labels", field="num_labels", expected=">= 2")
        if words is not None and len(set(words)) < 2:
            raise InputError("need at least 2 distinct canary words", field="words")
        rng: random.Random = random.Random(seed) if seed is not None else secrets.SystemRandom()
        self.n = n
        self.num_labels = num_labels
        self._words = sorted(set(words)) if words is not None else None
        self.texts: list[str] = [self._text(rng) for _ in range(n)]
        self.labels: list[int] = [rng.randrange(num_labels) for _ in range(n)]
        self.included: list[bool] = [rng.random() < 0.5 for _ in range(n)]

    def _text(self, rng: random.Random) -> str:
        if self._words is not None:  # a small vocabulary: random sentences of its words
            return " ".join(rng.choice(self._words) for _ in range(rng.randint(6, 10)))
        words = ("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
                 for _ in range(rng.randint(5, 9)))
        return " ".join(words)

    def inserted(self) -> tuple[list[str], list[int]]:
        """The canaries to add to the training set: (texts, labels) of the included ones."""
        pairs = [(t, y) for t, y, inc in zip(self.texts, self.labels, self.included) if inc]
        return [t for t, _ in pairs], [y for _, y in pairs]

    def _candidate_ks(self, k: int | None) -> list[int]:
        if k is not None:
            if not 1 <= 2 * k <= self.n:
                raise InputError(f"k={k} guesses per side need 2k <= {self.n} canaries",
                                 field="k")
            return [k]
        # A few fixed guess counts, Bonferroni-corrected below: choosing the best k after
        # seeing the scores would otherwise void the 95% confidence.
        return sorted({max(1, round(self.n * f / 2)) for f in (0.1, 0.25, 0.5, 1.0)})

    def evaluate(self, scores: Sequence[float], *, delta: float, theoretical_epsilon: float,
                 k: int | None = None) -> dict[str, Any]:
        """The ``empirical_audit`` block of privacy.json; raises AuditFailed if bound > theory.

        ``scores[i]``: higher = more likely a member (e.g. minus canary i's loss).
        ``k``: guesses per side (``k`` members + ``k`` non-members); ``None`` tries a few
        fixed values with a Bonferroni correction.
        """
        if len(scores) != self.n:
            raise InputError(f"got {len(scores)} scores for {self.n} canaries", field="scores")
        ks = self._candidate_ks(k)
        alpha = _ALPHA / len(ks)
        best: tuple[float, int, int] | None = None
        for kk in ks:
            r, v = guess_counts(scores, self.included, k_pos=kk, k_neg=kk)
            bound = epsilon_lower_bound(m=self.n, r=r, v=v, delta=delta, alpha=alpha)
            if best is None or bound > best[0]:
                best = (bound, r, v)
        assert best is not None
        bound, r, v = best
        block = {
            "method": AUDIT_METHOD,
            "canaries": self.n,
            "inserted": sum(self.included),
            "guesses": r,
            "correct": v,
            "confidence": 1 - _ALPHA,
            "alpha": alpha,
            "delta": delta,
            "epsilon_lower_bound": bound,
            "max_certifiable_epsilon": max_certifiable_epsilon(r, alpha=alpha),
            "theoretical_epsilon": theoretical_epsilon,
        }
        check_lower_bound(block, theoretical_epsilon=theoretical_epsilon)
        return block


def check_lower_bound(block: dict[str, Any], *, theoretical_epsilon: float) -> None:
    """Raise AuditFailed when an empirical lower bound exceeds the theoretical epsilon."""
    bound = float(block["epsilon_lower_bound"])
    if bound > theoretical_epsilon * (1 + 1e-9):
        raise AuditFailed(
            "empirical privacy audit contradicts the accounting",
            [f"lower bound {bound:.4f} > theoretical epsilon {theoretical_epsilon:.4f} "
             "(the trainer or the accountant is broken)"],
        )
