"""Benchmark: what a team store's history costs an import — ownership and conflict checks.

Every import into a shared store reads the history to know who set each value it would
change (conflicts) and who created each record a sync would remove (ownership). This times
one colleague's small import (ten people's titles, with ``--sync`` of her ties) into a store
of generated network whose history holds ``--sets`` earlier change sets by several authors,
each changing ``--per-set`` people's titles — a team's months of weekly imports — against
the same import into a copy of the store whose history holds only the first import (the
baseline, measured in the same run). Each timing is a fresh ``graphcrm`` process, the median
of ``--runs``.

Usage::

    python benchmarks/bench_team.py --people 10000 --sets 50 200 --per-set 50 --runs 5
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
AUTHORS = ("王明", "林晓", "赵磊", "孙佳")


def people_sheet(folder: Path, rows: list[list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "people.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["id", "name", "org_id", "title"], *rows])
    return folder


def main() -> None:
    from bench_history import timed  # a fresh process, timed
    from generate import generate

    from graphcrm.api import GraphCRM

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--sets", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--per-set", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    graphcrm = str(Path(sys.executable).parent / "graphcrm")
    print(f"{'people':>7} {'change sets':>11} {'changes':>8} {'import s':>9} "
          f"{'baseline s':>10} {'ratio':>6}")
    with tempfile.TemporaryDirectory(prefix="graphcrm-bench-") as tmp:
        network = Path(tmp) / "net"
        generate(args.people, network)
        with open(network / "people.csv", newline="", encoding="utf-8") as handle:
            people = [r for r in csv.DictReader(handle)]
        base = Path(tmp) / "base.db"
        GraphCRM(str(base)).import_data([network], author="王明")
        mine = people_sheet(Path(tmp) / "mine", [[p["id"], p["name"], p["org_id"], "新职务"]
                                                 for p in people[-10:]])
        for sets in args.sets:
            store = Path(tmp) / f"team{sets}.db"
            shutil.copy(base, store)
            team = GraphCRM(str(store))
            for n in range(sets):
                start = (n * args.per_set) % (len(people) - args.per_set - 10)
                rows = [[p["id"], p["name"], p["org_id"], f"职务{n}"]
                        for p in people[start:start + args.per_set]]
                team.import_data([people_sheet(Path(tmp) / f"s{sets}-{n}", rows)],
                                 author=AUTHORS[n % len(AUTHORS)], settle="mine")
            found: dict[str, list[float]] = {"team": [], "base": []}
            for _run in range(args.runs):
                for kind, source in (("team", store), ("base", base)):
                    copy = Path(tmp) / f"run-{kind}.db"
                    shutil.copy(source, copy)
                    found[kind].append(timed(graphcrm, "--store", str(copy), "import",
                                             str(mine), "--author", "孙佳", "--mine"))
                    copy.unlink()
            team_s, base_s = (statistics.median(found[k]) for k in ("team", "base"))
            print(f"{args.people:>7,} {sets + 1:>11} {sets * args.per_set:>8,} {team_s:>9.2f} "
                  f"{base_s:>10.2f} {team_s / base_s:>6.2f}")
    print(f"(median of {args.runs} runs, each import a fresh process)")


if __name__ == "__main__":
    main()
