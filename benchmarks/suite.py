"""The whole benchmark suite at one size: every command end to end beside the naive pipeline.

For each question — ``path`` (from all of us, and from the project's bid team), ``gaps``,
``informants``, ``matrix``, ``health``, ``map P``, ``--help`` and ``import`` — graphcrm runs
in fresh processes on the embedded store (the CLI, process start to exit), and so does the
naive NetworkX pipeline for the same question (``naive.py``: the whole network into
NetworkX, the textbook call), alternately, ``--runs`` times each. The table gives the median
wall time and peak memory (the process's maximum resident set, from ``wait4``) of each, and
the ratio naive / graphcrm (above 1: graphcrm is faster). A run that takes longer than
``--timeout`` is stopped and counted as that long (shown as ``>``), and not repeated.
``--network DIR`` reuses a generated network (give ``--people`` to label it).

With ``--neo4j`` the network is also imported into a fresh Neo4j server (the CLI, once, end
to end; ties per second of the whole import) and ``path`` (with and without project) and
``gaps`` are timed on it (one warm-up query first; the Neo4j JVM's memory is not the
client's and is not shown).

Results are also written as JSON (``--json``); ``--compare OLD.json`` prints each figure
beside the one from an earlier run.

Usage::

    python benchmarks/suite.py --people 100000 --tail 1.5 --across 0.5 --runs 5 \\
        --json /tmp/suite.json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def measure(command: list[str], timeout: float, env: dict[str, str] | None = None
            ) -> tuple[float, float, bool]:
    """Wall seconds, peak MiB and whether it finished, for one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})})
    finished = True
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            finished = False
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if finished and process.returncode != 0:
        error = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{error}")
    if process.stderr:
        process.stderr.close()
    return seconds, usage.ru_maxrss / 1024, finished


def summary(samples: list[tuple[float, float, bool]]) -> dict[str, object]:
    return {"seconds": statistics.median(s for s, _, _ in samples),
            "peak_mib": max(m for _, m, _ in samples),
            "finished": all(f for *_, f in samples), "runs": len(samples),
            "all_seconds": [round(s, 3) for s, _, _ in samples]}


def neo4j_rows(args: argparse.Namespace, folder: Path, target: str, graphcrm: str
               ) -> dict[str, dict[str, object]]:
    """Import ``folder`` into a fresh Neo4j once (CLI, end to end) and time ``path`` with and
    without project and ``gaps`` on it; the embedded store's figures are the baseline."""
    from bench_neo4j import load_server_script

    script = load_server_script()
    with open(folder / "relationships.csv", encoding="utf-8") as handle:
        ties = sum(1 for _ in handle) - 1
    server = script.start(heap=args.heap, pagecache=args.pagecache, timeout=600)
    rows: dict[str, dict[str, object]] = {}
    try:
        env = server.env()

        def ours(*command: str) -> list[str]:
            return [graphcrm, "--store", server.uri, *command]

        imported = measure(ours("import", str(folder), *_limits(folder)), 3 * 3600, env)
        rows["neo4j: import"] = {"graphcrm": summary([imported]),
                                 "ties_per_second": round(ties / imported[0])}
        P = args.project
        for question, command in {
            "neo4j: path T": ours("path", target),
            "neo4j: path T --project P": ours("path", target, "--project", P),
            "neo4j: gaps P": ours("gaps", P),
        }.items():
            measure(command, args.timeout, env)  # the first query warms the page cache
            rows[question] = {"graphcrm": summary(
                [measure(command, args.timeout, env) for _ in range(args.runs)])}
    finally:
        server.stop()
    return rows


def _limits(folder: Path) -> list[str]:
    """Import options that admit a generated network of any size (the defaults refuse more
    than a million rows in one table, or a file over 256 MiB)."""
    with open(folder / "relationships.csv", encoding="utf-8") as handle:
        rows = sum(1 for _ in handle)
    megabytes = max(p.stat().st_size for p in folder.glob("*.csv")) // 2**20
    return ["--max-rows", str(max(1_000_000, rows)),
            "--max-file-mb", str(max(256, 2 * megabytes))]


def first_decision_maker(folder: Path, project: str) -> str:
    with open(folder / "stakeholders.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["project_id"] == project and row["role"] == "decision_maker":
                return row["person_id"]
    raise SystemExit(f"no decision maker in {project}")


def main() -> None:
    from generate import generate

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--tail", type=float, default=1.5)
    parser.add_argument("--across", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive-runs", type=int, help="runs of the naive pipeline "
                        "(default: --runs)")
    parser.add_argument("--import-runs", type=int, default=3)
    parser.add_argument("--project", default="prj0")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--network", type=Path, help="an existing generated network folder")
    parser.add_argument("--store", type=Path, help="an existing embedded store of --network "
                        "to ask the questions of (no import unless asked for; at 1,000,000 "
                        "people the import takes 5 minutes)")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--compare", type=Path, help="an earlier run's JSON to compare with")
    parser.add_argument("--only", nargs="+", help="only these questions")
    parser.add_argument("--neo4j", action="store_true",
                        help="also import into a fresh Neo4j (scripts/neo4j-test-server) and "
                        "time import, path and gaps on it")
    parser.add_argument("--heap", default="4g", help="the Neo4j server's heap")
    parser.add_argument("--pagecache", default="2g", help="the Neo4j server's page cache")
    args = parser.parse_args()
    python, graphcrm = sys.executable, str(Path(sys.executable).parent / "graphcrm")
    naive = [python, str(HERE / "naive.py")]

    with tempfile.TemporaryDirectory(prefix="graphcrm-suite-") as tmp:
        folder = args.network
        if folder is None:
            folder = Path(tmp) / "network"
            generate(args.people, folder, tail=args.tail, across=args.across)
        imported = Path(tmp) / "store.db"  # where the suite imports the network
        store = args.store or imported
        target = first_decision_maker(folder, args.project)
        P = args.project

        def ours(*command: str) -> list[str]:
            return [graphcrm, "--store", str(store), *command]

        def fresh_import() -> list[str]:
            for leftover in Path(tmp).glob("store.db*"):
                leftover.unlink()
            return [graphcrm, "--store", str(imported), "import", str(folder),
                    *_limits(folder)]

        questions = {
            "path T": (ours("path", target), [*naive, "path", "--target", target]),
            "path T --project P": (ours("path", target, "--project", P),
                                   [*naive, "path-project", "--target", target]),
            "gaps P": (ours("gaps", P), [*naive, "gaps"]),
            "informants P": (ours("informants", P), [*naive, "informants"]),
            "matrix P": (ours("matrix", P), [*naive, "matrix"]),
            "health --project P": (ours("health", "--project", P), [*naive, "health"]),
            "map P": (ours("map", P, "-o", f"{tmp}/map.html"),
                      [*naive, "map", "--out", f"{tmp}/naive.html"]),
            "--help": ([graphcrm, "--help"], [*naive, "help"]),
        }
        for question, pair in questions.items():
            questions[question] = (pair[0], [*pair[1], "--network", str(folder), "--project", P]
                                   if question != "--help" else
                                   [*pair[1], "--network", str(folder)])
        wanted = args.only or ["import", *questions]
        results: dict[str, dict[str, object]] = {}

        # import first: the store every question then reads is the last one imported
        if "import" in wanted or (args.store is None and any(q in wanted for q in questions)):
            runs = max(1, args.import_runs if "import" in wanted else 1)
            mine, theirs = [], []
            for _ in range(runs):
                mine.append(measure(fresh_import(), args.timeout))
                if "import" in wanted:
                    theirs.append(measure([*naive, "import", "--network", str(folder)],
                                          args.timeout))
            if "import" in wanted:
                results["import"] = {"graphcrm": summary(mine), "naive": summary(theirs)}
        for question, (command, reference) in questions.items():
            if question not in wanted:
                continue
            mine, theirs = [], []
            naive_runs = args.naive_runs or args.runs
            for run in range(args.runs):
                mine.append(measure(command, args.timeout))
                # a naive run that timed out is not repeated
                if run < naive_runs and (not theirs or theirs[-1][2]):
                    theirs.append(measure(reference, args.timeout))
            results[question] = {"graphcrm": summary(mine), "naive": summary(theirs)}

        if args.neo4j:
            results.update(neo4j_rows(args, folder, target, graphcrm))

    meta = {"people": args.people, "tail": args.tail, "across": args.across,
            "network": str(args.network) if args.network else "generated",
            "project": args.project, "target": target, "runs": args.runs,
            "naive_runs": args.naive_runs or args.runs, "timeout": args.timeout,
            "import_runs": args.import_runs, "python": platform.python_version(),
            "cpus": os.cpu_count(), "at": time.strftime("%Y-%m-%d %H:%M:%S")}
    earlier = json.loads(args.compare.read_text())["results"] if args.compare else {}
    print(f"{args.people:,} people (tail {args.tail}, across {args.across}); medians of "
          f"{args.runs} fresh processes ({args.naive_runs or args.runs} naive, "
          f"{args.import_runs} for import; > : stopped at {args.timeout:.0f} s)")
    head = f"{'command':<27}{'graphcrm s':>11}{'MiB':>7}{'naive s':>10}{'MiB':>7}{'ratio':>8}"
    print(head + ("   before s" if earlier else ""))
    for question, row in results.items():
        mine, theirs = row["graphcrm"], row.get("naive")
        line = f"{question:<27}{mine['seconds']:>11.2f}{mine['peak_mib']:>7.0f}"
        if theirs:
            more = "" if theirs["finished"] else ">"
            ratio = theirs["seconds"] / mine["seconds"]
            line += (f"{more + format(theirs['seconds'], '.2f'):>10}"
                     f"{theirs['peak_mib']:>7.0f}{more + format(ratio, '.1f') + 'x':>8}")
        elif "ties_per_second" in row:
            line += f"{row['ties_per_second']:>17,} ties/s"
        else:
            line += f"{'':>25}"
        if question in earlier:
            line += f"{earlier[question]['graphcrm']['seconds']:>11.2f}"
        print(line)
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=1),
                             encoding="utf-8")
        print(f"saved {args.json}")


if __name__ == "__main__":
    main()
