"""Where a question's time goes: reading the neighbourhood, building, valuing, the analysis.

Each step of ``gaps``, ``informants`` or ``matrix`` on a project of an embedded store, timed in
one process (the cycle collector off, as the CLI runs), ``--runs`` fresh processes, medians.
Run it with another checkout on ``PYTHONPATH`` to compare two commits step by step on the
same machine in the same minutes::

    python benchmarks/bench_phases.py --store /tmp/h100.db --question gaps --runs 3
    PYTHONPATH=/tmp/before python benchmarks/bench_phases.py --store /tmp/h100.db ...
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import statistics
import subprocess
import sys
import time

STEPS = ("read", "build", "value", "analysis")


def one(store: str, question: str, project: str, day: dt.date) -> dict[str, float]:
    """The seconds of each step, in this process."""
    gc.disable()
    from graphcrm.analysis import (
        DEFAULT_MODEL,
        coverage_gaps,
        key_informants,
        stakeholder_matrix,
        value,
    )
    from graphcrm.graph import build_graph
    from graphcrm.stores import open_store

    analyses = {"gaps": coverage_gaps, "informants": key_informants,
                "matrix": stakeholder_matrix}
    took: dict[str, float] = {}
    start = time.perf_counter()
    with open_store(store) as opened:
        # as the questions read it (ties as rows where the store can); older checkouts: load
        read = getattr(opened, "load_for_graph", None)
        parts = read(project) if read else (opened.load(project),)
        if len(parts) > 1 and parts[1] is not None:
            # ties still being read aside: waited for here (a question waits for them once
            # it has looked at the people: graphcrm.records.TieRows.later)
            assert parts[1].rows is not None
    took["read"] = time.perf_counter() - start
    start = time.perf_counter()
    G = build_graph(*parts)
    took["build"] = time.perf_counter() - start
    start = time.perf_counter()
    V = value(G, day, DEFAULT_MODEL)
    assert V.chosen is not None  # valued when first asked for: asked for here
    took["value"] = time.perf_counter() - start
    start = time.perf_counter()
    analyses[question](V, project)
    took["analysis"] = time.perf_counter() - start
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--question", choices=("gaps", "informants", "matrix"),
                        default="gaps")
    parser.add_argument("--project", default="prj0")
    parser.add_argument("--as-of", default=dt.date.today().isoformat())
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    day = dt.date.fromisoformat(args.as_of)
    if args.one:
        print(json.dumps(one(args.store, args.question, args.project, day)))
        return
    runs = [json.loads(subprocess.run(
        [sys.executable, __file__, "--one", "--store", args.store, "--question", args.question,
         "--project", args.project, "--as-of", args.as_of],
        check=True, capture_output=True, text=True).stdout) for _ in range(args.runs)]
    print(f"{args.question} {args.project} on {args.store}, medians of {args.runs}:")
    for step in STEPS:
        print(f"  {step:<9}{statistics.median(r[step] for r in runs):>8.3f} s")


if __name__ == "__main__":
    main()
