"""Benchmark: import generated networks into a fresh embedded store.

For each size, the network is generated once (``generate.py``); then every run imports it
into a new store in a child process of its own, which reports its wall time for reading and
validating, for writing, and its peak memory (max RSS). The baseline, measured in the same
run and process set-up, is reading the same CSV files with the ``csv`` module and nothing
else; the import is reported as a ratio to it, because the machines are shared and noisy.

Usage::

    python benchmarks/bench_import.py --sizes 10000 100000 --runs 3
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child_baseline(folder: Path) -> dict:
    start = time.perf_counter()
    rows = 0
    for path in sorted(folder.glob("*.csv")):
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows += sum(1 for _ in csv.reader(handle)) - 1
    return {"seconds": time.perf_counter() - start, "rows": rows, "peak_mib": _peak_mib()}


def child_import(folder: Path, store: Path) -> dict:
    from graphcrm.ingest import read_dataset
    from graphcrm.stores.embedded import EmbeddedStore

    start = time.perf_counter()
    dataset = read_dataset([folder])
    validated = time.perf_counter()
    with EmbeddedStore(store, create=True) as opened:
        summary = opened.import_dataset(dataset)
    done = time.perf_counter()
    return {
        "seconds": done - start,
        "read_validate": validated - start,
        "write": done - validated,
        "rows": sum(t.rows for t in summary.tables),
        "ties": next(t.rows for t in summary.tables if t.table == "relationships"),
        "peak_mib": _peak_mib(),
    }


def _run_child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        paths = [Path(p) for p in rest]
        result = child_baseline(*paths) if kind == "baseline" else child_import(*paths)
        print(json.dumps(result))
        return

    sys.path.insert(0, str(HERE))
    from generate import generate

    print(f"{'people':>8} {'rows':>9} {'import s':>9} {'read+val s':>10} {'write s':>8} "
          f"{'rows/s':>9} {'ties/s':>9} {'peak MiB':>9} {'baseline s':>10} {'ratio':>6}")
    with tempfile.TemporaryDirectory(prefix="graphcrm-bench-") as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"net{size}"
            generate(size, folder)
            baselines, imports = [], []
            for run in range(args.runs):
                baselines.append(_run_child("baseline", str(folder)))
                store = Path(tmp) / f"store{size}-{run}.db"
                imports.append(_run_child("import", str(folder), str(store)))
                for leftover in Path(tmp).glob(f"store{size}-{run}.db*"):
                    leftover.unlink()

            def median(runs: list[dict], key: str) -> float:
                return statistics.median(r[key] for r in runs)

            seconds = median(imports, "seconds")
            base = median(baselines, "seconds")
            rows = imports[0]["rows"]
            read_validate = median(imports, "read_validate")
            print(f"{size:>8,} {rows:>9,} {seconds:>9.2f} {read_validate:>10.2f} "
                  f"{median(imports, 'write'):>8.2f} {rows / seconds:>9,.0f} "
                  f"{imports[0]['ties'] / seconds:>9,.0f} {median(imports, 'peak_mib'):>9,.0f} "
                  f"{base:>10.2f} {seconds / base:>6.1f}")
    print(f"(median of {args.runs} runs; ratio = import time / baseline csv read time)")


if __name__ == "__main__":
    main()
