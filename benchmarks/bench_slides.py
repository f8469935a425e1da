"""Benchmark: the slide outputs of an org chart — PNG, PDF and PowerPoint — by chart size.

For org charts of generated networks of 100, 500 and 2,000 people (everyone drawn; positions
computed in Python), it times, from the map's data: the 16:9 PNG at twice the resolution
(headless Chromium), the vector PDF (the print page through Chromium, its text mapped back
from radicals), and the editable PPTX (python-pptx); and the size of each file. Baseline,
measured in the same run: the same outputs of a one-person chart (starting Chromium, loading
python-pptx). Medians of ``--runs``.

Usage::

    python benchmarks/bench_slides.py --sizes 100 500 2000 --runs 3
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
AS_OF = dt.date(2026, 11, 26)
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    slides(args.sizes, args.runs)


def slides(chart_sizes: list[int], runs: int) -> None:
    """Time the slide outputs of org charts of ``chart_sizes`` people, ``runs`` times each
    (also ``bench_map.py --slides``)."""
    from generate import generate

    from graphcrm.analysis import value
    from graphcrm.graph import build_graph
    from graphcrm.ingest import read_dataset
    from graphcrm.map import MapSettings, stakeholder_map
    from graphcrm.resources import sample_dir

    settings = MapSettings(aggregate_above=10**9, layout="orgchart")
    with tempfile.TemporaryDirectory(prefix="graphcrm-slides-") as tmp:
        cases = [("one person (baseline)",
                  build_graph(read_dataset([sample_dir()])).subgraph(["p201"]).copy())]
        for size in chart_sizes:
            generate(size, Path(tmp) / f"chart{size}")
            cases.append((f"org chart, {size:,}",
                          build_graph(read_dataset([Path(tmp) / f"chart{size}"]))))
        print(f"{'chart':<24}{'cards':>7}{'png s':>8}{'pdf s':>8}{'pptx s':>8}"
              f"{'png MiB':>9}{'pdf MiB':>9}{'pptx MiB':>10}{'png/base':>10}{'pdf/base':>10}"
              f"{'pptx/base':>11}")
        base: dict[str, float] = {}
        for name, G in cases:
            chart = stakeholder_map(value(G, AS_OF), settings)
            times: dict[str, list[float]] = {"png": [], "pdf": [], "pptx": []}
            sizes: dict[str, float] = {}
            for _ in range(runs):
                for kind in times:
                    path = Path(tmp) / f"slide.{kind}"
                    start = time.perf_counter()
                    if kind == "pdf":
                        chart.pdf(path, "16:9")
                    else:
                        getattr(chart, kind)(path)
                    times[kind].append(time.perf_counter() - start)
                    sizes[kind] = path.stat().st_size / 2**20
            median = {k: statistics.median(v) for k, v in times.items()}
            base = base or median
            print(f"{name:<24}{chart.node_count:>7,}{median['png']:>8.2f}{median['pdf']:>8.2f}"
                  f"{median['pptx']:>8.2f}{sizes['png']:>9.2f}{sizes['pdf']:>9.2f}"
                  f"{sizes['pptx']:>10.2f}{median['png'] / base['png']:>9.1f}x"
                  f"{median['pdf'] / base['pdf']:>9.1f}x{median['pptx'] / base['pptx']:>10.1f}x")
    print(f"(median of {runs} runs)")


if __name__ == "__main__":
    main()
