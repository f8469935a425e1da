"""The naive NetworkX pipeline: what someone would write without graphcrm, for each question.

Whole network into NetworkX (pandas reads the CSV files, ``nx.Graph`` of every tie weighted
by ``-log p`` of its strength), then the textbook call for the question:

===============  ==============================================================================
question         textbook call
===============  ==============================================================================
``path``         ``nx.shortest_simple_paths`` from a virtual start joined to all of our people
                 (or the project's bid team) to the target, the first three (k=3)
``gaps``         ``nx.multi_source_dijkstra`` from the bid team, and for each decision-making
                 stakeholder ``local_node_connectivity`` from the bid team (joined to one
                 source) within the whole graph
``informants``   ``nx.betweenness_centrality_subset`` (bid team → decision makers),
                 ``nx.constraint`` and ``nx.effective_size`` for everyone within two ties of
                 a decision-making stakeholder
``matrix``       the gaps computation, then the stakeholders' quadrants
``health``       ``nx.multi_source_dijkstra`` from the bid team, last contact per stakeholder
``map``          ``nx.ego_graph`` of radius 2 around the stakeholders, written with pyvis
``--help``       ``import pandas, networkx`` (what the naive tool starts with)
``import``       reading every CSV file with pandas into one ``nx.MultiDiGraph``
===============  ==============================================================================

Usage::

    python benchmarks/naive.py gaps --network /tmp/hubs100k --project prj0
"""

from __future__ import annotations

import argparse
import math
import sys
from itertools import islice
from pathlib import Path

PROBABILITY = {1: 0.2, 2: 0.4, 3: 0.6, 4: 0.8, 5: 0.95}
DECISION = {"decision_maker", "evaluator", "procurement", "influencer"}


def load(folder: Path):
    import networkx as nx
    import pandas as pd

    ties = pd.read_csv(folder / "relationships.csv", dtype=str, keep_default_na=False)
    people = pd.read_csv(folder / "people.csv", dtype=str, keep_default_na=False)
    G = nx.Graph()
    G.add_nodes_from(people["id"])
    strength = ties["strength"].replace("", "3").astype(int)
    for a, b, s in zip(ties["source"], ties["target"], strength, strict=True):
        G.add_edge(a, b, cost=-math.log(PROBABILITY[s]), weight=PROBABILITY[s])
    return G, people


def roles(folder: Path, project: str):
    import pandas as pd

    rows = pd.read_csv(folder / "stakeholders.csv", dtype=str, keep_default_na=False)
    rows = rows[rows["project_id"] == project]
    team = sorted(set(rows.loc[rows["role"] == "bid_team", "person_id"]))
    deciding = sorted(set(rows.loc[rows["role"].isin(DECISION), "person_id"]))
    return team, deciding, sorted(set(rows["person_id"]))


def paths(G, sources, target, k=3):
    import networkx as nx

    G = G.copy()
    G.add_edges_from(("\x00start", s, {"cost": 0.0}) for s in sources)
    return list(islice(nx.shortest_simple_paths(G, "\x00start", target, weight="cost"), k))


def gaps(G, team, deciding):
    import networkx as nx
    from networkx.algorithms.connectivity import local_node_connectivity

    distance, _ = nx.multi_source_dijkstra(G, set(team), weight="cost")
    H = nx.DiGraph(G)
    H.add_edges_from(("\x00start", s) for s in team)
    routes = {t: local_node_connectivity(H, "\x00start", t) for t in deciding
              if t not in team}
    return distance, routes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("question", choices=["path", "path-project", "gaps", "informants",
                                             "matrix", "health", "map", "help", "import"])
    parser.add_argument("--network", type=Path, required=True)
    parser.add_argument("--project", default="prj0")
    parser.add_argument("--target")
    parser.add_argument("--out", type=Path, default=Path("/tmp/naive-map.html"))
    args = parser.parse_args()
    if args.question == "help":
        import networkx  # noqa: F401
        import pandas  # noqa: F401
        return
    import networkx as nx

    if args.question == "import":
        import pandas as pd

        M = nx.MultiDiGraph()
        for table in ("organizations", "people", "projects", "stakeholders", "interactions"):
            pd.read_csv(args.network / f"{table}.csv", dtype=str, keep_default_na=False)
        people = pd.read_csv(args.network / "people.csv", dtype=str, keep_default_na=False)
        M.add_nodes_from((r["id"], r) for r in people.to_dict("records"))
        ties = pd.read_csv(args.network / "relationships.csv", dtype=str, keep_default_na=False)
        M.add_edges_from((r["source"], r["target"], r) for r in ties.to_dict("records"))
        return
    G, people = load(args.network)
    team, deciding, stakeholders = roles(args.network, args.project)
    if args.question == "path":
        ours = list(people.loc[people["org_id"] == "own", "id"])
        print(len(paths(G, ours, args.target)))
    elif args.question == "path-project":
        print(len(paths(G, team, args.target)))
    elif args.question in ("gaps", "matrix"):
        print(len(gaps(G, team, deciding)[1]))
    elif args.question == "informants":
        between = nx.betweenness_centrality_subset(G, team, deciding, weight="cost")
        near = set()
        for t in deciding:
            near |= set(nx.single_source_shortest_path_length(G, t, cutoff=2))
        near -= set(team)
        constraint = nx.constraint(G, nodes=near, weight="weight")
        effective = nx.effective_size(G, nodes=near, weight="weight")
        print(len(between), len(constraint), len(effective))
    elif args.question == "health":
        distance, _ = nx.multi_source_dijkstra(G, set(team), weight="cost")
        print(sum(1 for s in stakeholders if s in distance))
    elif args.question == "map":
        from pyvis.network import Network

        region = set()
        for s in stakeholders:
            region |= set(nx.ego_graph(G, s, radius=2))
        net = Network()
        net.from_nx(G.subgraph(region))
        args.out.write_text(net.generate_html(), encoding="utf-8")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
