"""Benchmark: import a generated network into a real Neo4j and load a project back.

Each run starts a fresh Neo4j server (scripts/neo4j-test-server), imports the generated
network through graphcrm's Neo4j store in batches (constraints in place) — first everything
but the ties, then the ties, timed apart so that ties per second is the tie phase's own rate
— and then loads one project's neighbourhood back into NetworkX (after one warm-up load).
The baseline, measured in the same run, is the embedded store doing the same import and
load. Figures are medians over the runs.

Usage::

    python benchmarks/bench_neo4j.py --people 100000 --runs 3 \
        --batch-sizes 5000 10000 20000
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def load_server_script():
    path = HERE.parent / "scripts" / "neo4j-test-server"
    loader = importlib.machinery.SourceFileLoader("neo4j_test_server", str(path))
    spec = importlib.util.spec_from_loader("neo4j_test_server", loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["neo4j_test_server"] = module
    loader.exec_module(module)
    return module


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    from generate import generate

    from graphcrm.graph import build_graph
    from graphcrm.ingest import read_dataset
    from graphcrm.records import Dataset
    from graphcrm.stores.embedded import EmbeddedStore
    from graphcrm.stores.neo4j_settings import Neo4jSettings
    from graphcrm.stores.neo4j_store import Neo4jStore

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--heap", default="2g")
    args = parser.parse_args()
    script = load_server_script()

    with tempfile.TemporaryDirectory(prefix="graphcrm-bench-") as tmp:
        folder = Path(tmp) / "net"
        generate(args.people, folder)
        dataset = read_dataset([folder])
        ties = len(dataset.table("relationships"))
        project = dataset.table("projects")[0]["id"]
        print(f"{args.people:,} people, {ties:,} ties, {sum(dataset.counts().values()):,} rows; "
              f"project {project}")

        def load_project(store):
            seconds, graph = timed(lambda: build_graph(store.load(project)))
            return seconds, graph.number_of_nodes()

        ties_only = Dataset(records={"relationships": dataset.table("relationships")},
                            columns={"relationships": dataset.columns["relationships"]})
        base_tables = Dataset(
            records={k: v for k, v in dataset.records.items() if k != "relationships"},
            columns={k: v for k, v in dataset.columns.items() if k != "relationships"},
        )
        rows = sum(dataset.counts().values())

        base_import, base_load = [], []
        for run in range(args.runs):
            with EmbeddedStore(Path(tmp) / f"base{run}.db", create=True) as store:
                base_import.append(timed(lambda store=store: store.import_dataset(dataset))[0])
                base_load.append(load_project(store)[0])
        embedded_import = statistics.median(base_import)
        embedded_load = statistics.median(base_load)

        print(f"{'batch':>7} {'import s':>9} {'rows/s':>8} {'tie phase s':>12} {'ties/s':>8} "
              f"{'load s':>7} {'nodes':>6} {'import vs embedded':>19} {'load vs embedded':>17}")
        for batch in args.batch_sizes:
            totals, tie_phases, loads, nodes = [], [], [], 0
            for _ in range(args.runs):
                server = script.start(heap=args.heap, pagecache="1g")
                try:
                    settings = Neo4jSettings(server.uri, server.username, server.password)
                    with Neo4jStore(settings, batch_size=batch) as store:
                        first = timed(lambda s=store: s.import_dataset(base_tables))[0]
                        tie_phase = timed(lambda s=store: s.import_dataset(ties_only))[0]
                        totals.append(first + tie_phase)
                        tie_phases.append(tie_phase)
                        load_project(store)  # the first query warms the page cache
                        seconds, nodes = load_project(store)
                        loads.append(seconds)
                finally:
                    server.stop()
            total = statistics.median(totals)
            tie_phase = statistics.median(tie_phases)
            load = statistics.median(loads)
            print(f"{batch:>7,} {total:>9.1f} {rows / total:>8,.0f} {tie_phase:>12.1f} "
                  f"{ties / tie_phase:>8,.0f} {load:>7.2f} {nodes:>6,} "
                  f"{total / embedded_import:>18.1f}x {load / embedded_load:>16.1f}x")
        print(f"(median of {args.runs} runs; embedded baseline in the same run: import "
              f"{embedded_import:.1f} s, project load {embedded_load:.2f} s)")


if __name__ == "__main__":
    main()
