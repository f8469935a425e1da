"""Benchmark: each analysis on generated networks, for one project, loading timed apart.

For each size the network is generated and imported into an embedded store once. Then, for
one project, each step is timed over several runs (median): loading the project's
neighbourhood into NetworkX, and each analysis on it (``path`` to the project's first
decision maker, ``gaps``, ``informants``, ``health``, ``matrix``). Last, each CLI command is
timed end to end (process start to output) on the embedded store, including ``path`` from
all of our people and ``health`` over every project, which load a region of the store rather
than a project's neighbourhood. Baselines measured in the
same run: the load for the analyses, and ``graphcrm --help`` (starting Python and graphcrm)
for the CLI commands.

Usage::

    python benchmarks/bench_analyses.py --sizes 10000 100000 --runs 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = "prj0"  # the generator's first project
sys.path.insert(0, str(HERE))


def median_time(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from generate import generate

    from graphcrm import api
    from graphcrm.analysis import (
        contact_plan,
        coverage_gaps,
        influence_paths,
        key_informants,
        stakeholder_matrix,
        value,
    )
    from graphcrm.graph import build_graph
    from graphcrm.stores.embedded import EmbeddedStore

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    graphcrm = str(Path(sys.executable).parent / "graphcrm")

    with tempfile.TemporaryDirectory(prefix="graphcrm-bench-") as tmp:
        for size in args.sizes:
            folder, store_path = Path(tmp) / f"net{size}", Path(tmp) / f"net{size}.db"
            generate(size, folder)
            api.open(store_path).import_data([folder])

            with EmbeddedStore(store_path) as store:
                def load(store=store):
                    return build_graph(store.load(PROJECT))

                G = load()
                V = value(G, dt.date.today())
                target = next(n for n in sorted(G) if "decision_maker" in
                              G.nodes[n]["projects"].get(PROJECT, {}).get("roles", []))
                steps = {
                    "load": load,
                    "value": lambda G=G: value(G, dt.date.today()),
                    "path": lambda V=V, target=target: influence_paths(V, target,
                                                                       project=PROJECT),
                    "gaps": lambda V=V: coverage_gaps(V, PROJECT),
                    "informants": lambda V=V: key_informants(V, PROJECT),
                    "health": lambda V=V: contact_plan(V, PROJECT),
                    "matrix": lambda V=V: stakeholder_matrix(V, PROJECT),
                }
                timings = {name: median_time(step, args.runs) for name, step in steps.items()}
            print(f"\n{size:,} people ({G.number_of_nodes():,} in {PROJECT}'s neighbourhood, "
                  f"{G.number_of_edges():,} ties); median of {args.runs} runs")
            print(f"  {'step':<12}{'seconds':>9}{'vs load':>9}")
            for name, seconds in timings.items():
                print(f"  {name:<12}{seconds:>9.3f}{seconds / timings['load']:>8.1f}x")

            def cli(*command: str, store_path: Path = store_path) -> None:
                subprocess.run([graphcrm, "--store", str(store_path), *command],
                               check=True, capture_output=True)

            baseline = median_time(lambda: cli("--help"), args.runs)
            commands = {
                "path": ("path", target, "--project", PROJECT),
                "path (all of us)": ("path", target),
                "health (all)": ("health",),
                "gaps": ("gaps", PROJECT),
                "informants": ("informants", PROJECT),
                "health": ("health", "--project", PROJECT),
                "matrix": ("matrix", PROJECT),
            }
            print(f"  end to end (CLI, embedded store); baseline graphcrm --help "
                  f"{baseline:.2f} s")
            for name, command in commands.items():
                seconds = median_time(lambda command=command: cli(*command), args.runs)
                print(f"  {'graphcrm ' + name:<26}{seconds:>7.2f} s{seconds / baseline:>7.1f}x")


if __name__ == "__main__":
    main()
