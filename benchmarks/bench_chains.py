"""Benchmark: the k best chains to one person from all of our people, the search alone.

On an embedded store (``--store``, e.g. the 100,000-person network with super-connectors of
benchmarks/README), for ``--target`` (the suite's: the first decision maker of ``prj0`` in
the generated network's stakeholders.csv), the
region ``graphcrm path TARGET`` reads is loaded and valued once; then, medians of
``--runs``:

* graphcrm's hop-bounded search (:meth:`graphcrm.analysis.compact.Compact.k_best_chains`:
  a level-by-level bound over the reach graph's arrays, then a best-first search back from
  the target; the arrays made once, before the runs);
* the search it replaced, measured in the same run as the baseline: Yen's algorithm
  (:func:`networkx.shortest_simple_paths`) on the chain region with a virtual start joined
  to our people, chains over the hop limit dropped afterwards;

for k = 3 and 10 and 4 hops, as ``path`` asks by default (the competitors' staff left out)
and with ``--include-competitors`` (their hubs let through). Both find the same chains'
costs (checked here, and by the property test in ``tests/analysis/test_fast_paths.py``).

Usage::

    python benchmarks/bench_chains.py --store /tmp/h100.db --target p76261 --runs 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
AS_OF = dt.date(2026, 12, 1)


def main() -> None:
    import networkx as nx

    from graphcrm import api
    from graphcrm.analysis.network import competitor_staff, region_graph
    from graphcrm.api import _ours, _people
    from graphcrm.graph import build_graph
    from graphcrm.regions import path_region
    from graphcrm.stores import open_store

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hops", type=int, default=4)
    args = parser.parse_args()
    bid = api.open(args.store)
    with open_store(args.store) as opened:
        target = args.target
        index = _people(opened, [target])
        starts = _ours(index, None)
        region = path_region(opened, starts, target, args.hops)
        V = bid._value(build_graph(opened.load(people=region)), AS_OF)
    H, C = V.reach, V.compact
    print(f"target {target}: {len(starts):,} of ours, region of {H.number_of_nodes():,} "
          f"people and {H.number_of_edges():,} arcs; {args.hops} hops; median of "
          f"{args.runs} runs")

    skip: set[str] = set()

    def yen(k: int) -> list[float]:
        keep = C.people_in(C.chain_region(starts, target, args.hops, excluded=skip))
        search = region_graph(H, keep, not_into=set(starts))
        search.add_edges_from(("\x00start", s, {"cost": 0.0}) for s in starts if s in keep)
        found: list[list[str]] = []
        for p in itertools.islice(nx.shortest_simple_paths(search, "\x00start", target,
                                                            weight="cost"), 500):
            if len(p) - 2 <= args.hops:  # as graphcrm did: the first k short enough
                found.append(p[1:])
                if len(found) == k:
                    break
        return [sum(H[a][b]["cost"] for a, b in itertools.pairwise(p)) for p in found]

    def ours(k: int) -> list[float]:
        return [c for c, _ in C.k_best_chains(starts, target, k, args.hops, excluded=skip)]

    print(f"{'question':<26}{'k':>3}{'graphcrm s':>12}{'Yen s':>10}{'Yen / graphcrm':>16}"
          "  same costs")
    for (label, left_out), k in itertools.product(
            (("default", competitor_staff(V.people, keep=starts)),
             ("--include-competitors", set())), (3, 10)):
        skip.clear()
        skip.update(left_out)
        times: dict[str, list[float]] = {"ours": [], "yen": []}
        answers = {}
        for _ in range(args.runs):
            for name, search in (("ours", ours), ("yen", yen)):
                start = time.perf_counter()
                answers[name] = search(k)
                times[name].append(time.perf_counter() - start)
        mine, theirs = statistics.median(times["ours"]), statistics.median(times["yen"])
        same = len(answers["ours"]) == len(answers["yen"]) and all(
            abs(a - b) < 1e-9 for a, b in zip(answers["ours"], answers["yen"], strict=True))
        print(f"{label:<26}{k:>3}{mine:>12.3f}{theirs:>10.3f}{theirs / mine:>15.1f}x  {same}")


if __name__ == "__main__":
    main()
