"""Benchmark: week two on generated networks — a synced re-import and ``changes --since``.

For each size the network is generated and imported into a fresh embedded store, and a
snapshot is taken. Week two's files are the same network with a few changes, as a bid team
makes them: ten stakeholders change stance, one changes role, ten ties are deleted. Timed end
to end (a fresh ``graphcrm`` process each, median of ``--runs``, each on a copy of the week-one
store):

- ``import --dry-run --sync`` (the change plan) and ``import --sync`` of week two;
- ``changes --since week-1 --project prj0`` after it.

Baselines measured in the same run: the first import of the network into an empty store,
and ``graphcrm gaps prj0`` (the question ``changes`` asks of both states).

Usage::

    python benchmarks/bench_history.py --sizes 10000 100000 --runs 3
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def week_two(folder: Path, target: Path) -> None:
    """Copy the generated network with a bid team's week of changes."""
    shutil.copytree(folder, target)
    with open(folder / "stakeholders.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    stance = rows[0].index("stance")
    changed = 0
    for row in rows[1:]:
        if row[0] == "prj0" and row[2] != "bid_team" and changed < 10:
            row[stance] = "opponent" if row[stance] != "opponent" else "neutral"
            changed += 1
    for row in rows[1:]:
        if row[0] == "prj0" and row[2] == "evaluator":
            row[2] = "decision_maker"
            break
    with open(target / "stakeholders.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    with open(folder / "relationships.csv", newline="", encoding="utf-8") as handle:
        ties = list(csv.reader(handle))
    with open(target / "relationships.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(ties[:1] + ties[11:])


def timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    from generate import generate

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    graphcrm = str(Path(sys.executable).parent / "graphcrm")
    print(f"{'people':>8} {'first import s':>14} {'gaps s':>7} {'plan s':>7} {'sync s':>7} "
          f"{'changes s':>9} {'sync/first':>10} {'changes/gaps':>12}")
    with tempfile.TemporaryDirectory(prefix="graphcrm-bench-") as tmp:
        for size in args.sizes:
            week1, week2 = Path(tmp) / f"net{size}", Path(tmp) / f"week2-{size}"
            generate(size, week1)
            week_two(week1, week2)
            results: dict[str, list[float]] = {k: [] for k in
                                               ("first", "gaps", "plan", "sync", "changes")}
            for run in range(args.runs):
                store = Path(tmp) / f"s{size}-{run}.db"
                results["first"].append(timed(graphcrm, "--store", str(store), "import",
                                              str(week1)))
                subprocess.run([graphcrm, "--store", str(store), "snapshot", "week-1"],
                               check=True, capture_output=True)
                results["gaps"].append(timed(graphcrm, "--store", str(store), "gaps", "prj0"))
                results["plan"].append(timed(graphcrm, "--store", str(store), "import",
                                             str(week2), "--sync", "--dry-run"))
                results["sync"].append(timed(graphcrm, "--store", str(store), "import",
                                             str(week2), "--sync"))
                results["changes"].append(timed(graphcrm, "--store", str(store), "changes",
                                                "--since", "week-1", "--project", "prj0"))
                for leftover in Path(tmp).glob(f"s{size}-{run}.db*"):
                    leftover.unlink()
            m = {k: statistics.median(v) for k, v in results.items()}
            print(f"{size:>8,} {m['first']:>14.2f} {m['gaps']:>7.2f} {m['plan']:>7.2f} "
                  f"{m['sync']:>7.2f} {m['changes']:>9.2f} {m['sync'] / m['first']:>10.2f} "
                  f"{m['changes'] / m['gaps']:>12.1f}")
    print(f"(median of {args.runs} runs, each command a fresh process)")


if __name__ == "__main__":
    main()
