#!/usr/bin/env python3
"""Policy decisions with many grants loaded: dataprotocol's PolicyEngine vs Cedar.

Goal (issue 2): with 5,000 grants loaded -- verified once at load, looked up by index,
never scanned -- a decision's p50 <= 20 us, and the deny path <= 2x the allow path.
Cedar (``cedarpy``, if installed) makes the same decisions from one permit policy per
grant, as a reference: Cedar evaluates every policy for every request.

    .venv/bin/python benchmarks/bench_policy.py [--grants 5000] [--requests 20000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dataprotocol.keys import generate_keypair  # noqa: E402
from dataprotocol.policy import DatasetCard, PolicyEngine, Request, decide, issue_grant  # noqa: E402

NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
TOPICS = ["research", "health-research", "disease:cancer", "methods-research"]


def build(n_grants: int, n_datasets: int, seed: int) -> tuple[PolicyEngine, dict[str, DatasetCard], list[Any], float]:
    """Sign ``n_grants`` grants; return the loaded engine, the cards, (key, dataset, topic, doc) specs."""
    rng = random.Random(seed)
    steward = generate_keypair("steward")
    principals = [generate_keypair(f"p{i}") for i in range(max(1, n_grants // n_datasets))]
    cards = {f"ds{i}": DatasetCard.from_dict({
        "dataset_id": f"ds{i}", "version": "1", "title": f"Dataset {i}", "license": "CC-BY-4.0",
        "attribution": {"creator": "Bench", "source": "https://example.org"}, "purposes": ["research"],
        "contains_pii": False, "budget": {"epsilon": 8, "delta": 1e-6},
        "publisher": steward.public_document()}) for i in range(n_datasets)}
    docs, specs = [], []
    for i in range(n_grants):
        p, ds = principals[i % len(principals)], f"ds{(i // len(principals)) % n_datasets}"
        topic = rng.choice(TOPICS)
        docs.append(issue_grant(steward, grantee=p.public, dataset_id=ds, dataset_version="1",
                                actions=["read", "train"], purposes=[topic], not_before=NOW - timedelta(days=1),
                                not_after=NOW + timedelta(days=365), conditions={"max_epsilon": 1.0}))
        specs.append((p.key_id, ds, topic, docs[-1]))
    start = time.perf_counter()
    engine = PolicyEngine(docs, issuers=[steward.public])
    load_s = time.perf_counter() - start
    assert not engine.rejected and len(engine.grants) == n_grants
    return engine, cards, specs, load_s


def requests(cards: dict[str, DatasetCard], specs: list[Any], n: int, seed: int) -> dict[str, list[Request]]:
    rng = random.Random(seed)
    narrow = {"research": "nlp-research", "health-research": "disease:lung-cancer",
              "disease:cancer": "disease:lung-cancer", "methods-research": "nlp-research"}
    out: dict[str, list[Request]] = {"allow": [], "deny (no grant)": [], "deny (grant fails)": []}
    for _ in range(n):
        key, ds, topic, _ = rng.choice(specs)
        card = cards[ds]
        out["allow"].append(Request(card, key, "train", narrow[topic], at=NOW))
        out["deny (no grant)"].append(Request(card, "dp1:" + "0" * 32, "train", "research", at=NOW))
        out["deny (grant fails)"].append(Request(card, key, "publish-model", "population-research",
                                                 at=NOW + timedelta(days=400)))
    return out


def measure(fn: Callable[[Request], Any], reqs: list[Request]) -> dict[str, float]:
    for r in reqs[:200]:
        fn(r)  # warm caches
    clock = time.perf_counter_ns
    samples = []
    t0 = clock()
    for r in reqs:
        s = clock()
        fn(r)
        samples.append(clock() - s)
    total = (clock() - t0) / 1e9
    samples.sort()
    return {"p50_us": samples[len(samples) // 2] / 1e3, "p99_us": samples[int(len(samples) * 0.99)] / 1e3,
            "mean_us": statistics.fmean(samples) / 1e3, "per_s": len(reqs) / total}


_CEDAR_ONE_POLICY = """
permit(principal, action, resource) when {
  context has grant &&
  context.grant.grantee == context.principal_id && context.grant.dataset == context.dataset_id &&
  context.grant.actions.contains(context.action_name) &&
  context.now >= context.grant.not_before && context.now < context.grant.not_after &&
  context.purpose_ancestors.containsAny(context.grant.purposes) && !context.commercial
};
"""


def _cedar_time(fn: Callable[[dict[str, Any]], Any], batch: list[dict[str, Any]], expected: bool) -> dict[str, float]:
    samples = []
    start = time.perf_counter_ns()
    for req in batch:
        s = time.perf_counter_ns()
        result = fn(req)
        samples.append(time.perf_counter_ns() - s)
        assert result.allowed is expected, result
    total = (time.perf_counter_ns() - start) / 1e9
    samples.sort()
    return {"p50_us": samples[len(samples) // 2] / 1e3, "p99_us": samples[int(len(samples) * 0.99)] / 1e3,
            "per_s": len(batch) / total}


def cedar_reference(engine: PolicyEngine, specs: list[Any], reqs: dict[str, list[Request]],
                    n: int) -> dict[str, dict[str, dict[str, float]]] | None:
    """Two Cedar models of the same decisions (license rules left out: Cedar knows none).

    * ``per-grant``: one permit policy per grant -- Cedar evaluates all of them per request;
    * ``one policy``: the application looks the grant up (as our index does) and passes it
      in the context; Cedar evaluates a single policy.
    """
    try:
        import cedarpy
    except ImportError:
        return None
    from dataprotocol.policy import default_vocabulary

    vocab = default_vocabulary()
    lo, hi = int((NOW - timedelta(days=1)).timestamp()), int((NOW + timedelta(days=365)).timestamp())
    per_grant = cedarpy.PolicySet.from_str("\n".join(
        f'permit(principal == User::"{k}", action in [Action::"read", Action::"train"], '
        f'resource == Dataset::"{ds}") when {{ context.now >= {lo} && context.now < {hi} '
        f'&& context.purpose_ancestors.contains("{topic}") && !context.commercial }};'
        for k, ds, topic, _ in specs))
    one = cedarpy.PolicySet.from_str(_CEDAR_ONE_POLICY)
    out: dict[str, dict[str, dict[str, float]]] = {"per-grant": {}, "one policy": {}}
    for name, rs in reqs.items():
        batch, batch_one = [], []
        for r in rs[:n]:
            context = {"now": int((r.at or NOW).timestamp()), "commercial": False,
                       "purpose_ancestors": sorted(vocab._ancestors[vocab.parse(r.purpose).topic]),
                       "principal_id": r.principal, "dataset_id": r.dataset.dataset_id, "action_name": r.action}
            req = {"principal": f'User::"{r.principal}"', "action": f'Action::"{r.action}"',
                   "resource": f'Dataset::"{r.dataset.dataset_id}"', "context": context}
            batch.append(req)
            found = engine.grants_for(r.principal, r.dataset.dataset_id)
            if found:
                g = found[0]
                context = dict(context, grant={
                    "grantee": g.grantee_key_id, "dataset": g.dataset_id, "actions": list(g.actions),
                    "purposes": list(g.purposes), "not_before": int(g.not_before.timestamp()),
                    "not_after": int(g.not_after.timestamp())})
            batch_one.append(dict(req, context=context))
        expected = name == "allow"
        out["per-grant"][name] = _cedar_time(lambda q: cedarpy.is_authorized(q, per_grant, []), batch, expected)
        out["one policy"][name] = _cedar_time(lambda q: cedarpy.is_authorized(q, one, []), batch_one, expected)
    return out


def report(ours: dict[str, dict[str, float]], cedar: dict[str, dict[str, dict[str, float]]] | None) -> None:
    header = f"{'path':<20}{'dataprotocol p50':>17}{'p99':>9}{'decisions/s':>13}"
    for variant in cedar or {}:
        header += f"{'cedar ' + variant + ' p50':>26}{'p99':>11}"
    print("\n" + header)
    for name, m in ours.items():
        line = f"{name:<20}{m['p50_us']:>14.1f} us{m['p99_us']:>6.1f} us{m['per_s']:>13,.0f}"
        for variant in cedar or {}:
            c = cedar[variant][name]  # type: ignore[index]
            line += f"{c['p50_us']:>23.1f} us{c['p99_us']:>8.0f} us"
        print(line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--grants", type=int, default=5000, help="grants loaded (default 5000)")
    ap.add_argument("--datasets", type=int, default=50, help="distinct datasets (default 50)")
    ap.add_argument("--requests", type=int, default=20000, help="requests per path (default 20000)")
    ap.add_argument("--cedar-requests", type=int, default=300, help="requests per path through Cedar")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    engine, cards, specs, load_s = build(args.grants, args.datasets, args.seed)
    reqs = requests(cards, specs, args.requests, args.seed)
    print(f"{args.grants} grants over {args.datasets} datasets, verified and indexed in {load_s:.2f} s "
          f"({args.grants / load_s:,.0f} grants/s)")
    ours = {}
    for name, rs in reqs.items():
        decisions = [engine.decide(r, log=False).allowed for r in rs[:50]]
        assert all(decisions) if name == "allow" else not any(decisions), name
        ours[name] = measure(lambda r: engine.decide(r, log=False), rs)
    # baseline: the one-shot recipe, which verifies the presented grant's signature each time
    by_key = {(k, ds): doc for k, ds, _, doc in specs}
    one_shot = measure(lambda r: decide(r, grants=[by_key[(r.principal, r.dataset.dataset_id)]]),
                       reqs["allow"][: args.cedar_requests])
    cedar = cedar_reference(engine, specs, reqs, args.cedar_requests)
    report(ours, cedar)
    allow = ours["allow"]["p50_us"]
    worst_deny = max(ours["deny (no grant)"]["p50_us"], ours["deny (grant fails)"]["p50_us"])
    print(f"\ngoal p50 <= 20 us: allow {allow:.1f} us -> {'OK' if allow <= 20 else 'MISSED'}")
    print(f"goal deny <= 2x allow: worst deny / allow = {worst_deny / allow:.2f} -> "
          f"{'OK' if worst_deny <= 2 * allow else 'MISSED'}")
    print(f"one-shot decide() (verifies the grant signature per call), allow: p50 {one_shot['p50_us']:.1f} us, "
          f"{one_shot['per_s']:,.0f}/s -> the indexed engine is {one_shot['p50_us'] / allow:.0f}x faster")
    if cedar:
        for variant, paths in cedar.items():
            print(f"Cedar ({variant}) / dataprotocol, allow p50: {paths['allow']['p50_us'] / allow:.0f}x")
    else:
        print("cedarpy not installed: no Cedar reference")
    return 0


if __name__ == "__main__":
    sys.exit(main())
