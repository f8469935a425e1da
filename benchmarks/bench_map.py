"""Benchmark: writing map pages and laying them out in headless Chromium.

For the sample project (org chart and network views), for org charts of generated networks
of 100, 500 and 2,000 people (everyone drawn, positions computed in Python), and for
force-directed networks of 200, 1,000 and 5,000 people (whole network, not aggregated), it
times building and writing the HTML and measures the file, then opens the page in Debian's
Chromium (driven by Playwright) and reads when it was ready (the page's ``stableAt``,
milliseconds after navigation: the layout settled, or for an org chart the first picture
drawn and framed). Baseline, measured in the same run: the same for a map of one person
(starting the page and vis-network). Medians.

Usage::

    python benchmarks/bench_map.py --orgchart-sizes 100 500 2000 --sizes 200 1000 5000 --runs 3

With ``--slides``, the slide outputs of the same org charts as well (PNG, vector PDF and
editable PPTX: ``bench_slides.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = dt.date(2026, 11, 26)  # the day every map is valued on
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    from generate import generate
    from playwright.sync_api import sync_playwright

    from graphcrm import api
    from graphcrm.analysis import value
    from graphcrm.graph import build_graph
    from graphcrm.ingest import read_dataset
    from graphcrm.map import MapSettings, stakeholder_map
    from graphcrm.map.png import find_chromium
    from graphcrm.resources import sample_dir
    from graphcrm.stores import open_store
    from tests.map.browser import FLAGS, wait_until_stable

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000],
                        help="force-directed networks of these many people")
    parser.add_argument("--orgchart-sizes", type=int, nargs="+", default=[100, 500, 2000],
                        help="org charts of these many people")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slides", action="store_true",
                        help="also time the slide outputs (PNG, vector PDF, PPTX) of the org "
                             "charts (bench_slides.py)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="graphcrm-bench-") as tmp:
        cases = []
        sample = build_graph(read_dataset([sample_dir()]))
        one = sample.subgraph(["p201"]).copy()
        cases.append(("one person (baseline)", one, MapSettings()))
        store = api.demo_store(Path(tmp) / "demo")
        with open_store(store) as opened:  # the project's neighbourhood, as the CLI maps it
            project = build_graph(opened.load("prj-js-ess"))
        cases.append(("sample project, chart", project,
                      MapSettings(project="prj-js-ess", paths=True, layout="orgchart")))
        cases.append(("sample project, net", project,
                      MapSettings(project="prj-js-ess", paths=True)))
        for size in args.orgchart_sizes:
            generate(size, Path(tmp) / f"chart{size}")
            G = build_graph(read_dataset([Path(tmp) / f"chart{size}"]))
            cases.append((f"org chart, {size:,}", G,
                          MapSettings(aggregate_above=10**9, layout="orgchart")))
        for size in args.sizes:
            generate(size, Path(tmp) / f"net{size}")
            G = build_graph(read_dataset([Path(tmp) / f"net{size}"]))
            cases.append((f"network, {size:,}", G, MapSettings(aggregate_above=10**9)))

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=FLAGS)
            print(f"{'map':<24}{'nodes':>7}{'edges':>7}{'write s':>9}{'MiB':>7}"
                  f"{'stable s':>10}{'vs baseline':>13}")
            baseline = None
            for name, G, settings in cases:
                writes, stable = [], []
                for run in range(args.runs):
                    path = Path(tmp) / f"map{run}.html"
                    start = time.perf_counter()
                    result = stakeholder_map(value(G, AS_OF), settings)
                    result.save(path)
                    writes.append(time.perf_counter() - start)
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    page.goto(path.as_uri())
                    stable.append(wait_until_stable(page, timeout=300) / 1000)
                    page.close()
                settled = statistics.median(stable)
                baseline = baseline or settled
                print(f"{name:<24}{result.node_count:>7,}{result.edge_count:>7,}"
                      f"{statistics.median(writes):>9.2f}{path.stat().st_size / 2**20:>7.1f}"
                      f"{settled:>10.2f}{settled / baseline:>12.1f}x")
            browser.close()
    print(f"(median of {args.runs} runs; stable = layout settled, measured in the page)")
    if args.slides:
        from bench_slides import slides

        print()
        slides(args.orgchart_sizes, args.runs)


if __name__ == "__main__":
    main()
