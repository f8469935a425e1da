"""The region a path question reads holds every chain, on networks with super-connectors.

A random network with hubs (each tied to a third or more of everyone) is imported into a real
embedded store; for random sources, targets and hop limits, :func:`path_region` must hold
everyone on a chain short enough (``d(S, v) + d(v, t) <= h`` on the store's undirected ties
and org chart, computed by NetworkX on the whole network), and the paths the API finds on
the region must be the paths found on the whole network.
"""

from __future__ import annotations

import datetime as dt
import random

import networkx as nx
import pytest

from graphcrm import api
from graphcrm.analysis.paths import influence_paths
from graphcrm.analysis.valued import value
from graphcrm.graph import build_graph
from graphcrm.regions import path_region
from graphcrm.stores import open_store
from tests.conftest import write_tables

AS_OF = dt.date(2026, 11, 26)


def hub_network(seed: int) -> dict[str, list[list[object]]]:
    """About 150 people at four organizations (one ours), sparse ties, three hubs."""
    rng = random.Random(seed)
    n = 140 + seed
    orgs = [["id", "name", "kind"], ["us", "我们", "own"], ["c", "客户", "customer"],
            ["d", "设计院", "partner"], ["x", "对手", "competitor"]]
    people = [["id", "name", "org_id", "reports_to"]]
    for i in range(n):
        org = "us" if i < 12 else rng.choice(["c", "c", "d", "x"])
        boss = f"p{rng.randrange(12, i)}" if i > 20 and org == "c" and rng.random() < 0.2 \
            else ""
        people.append([f"p{i}", f"人{i}", org, boss])
    pairs: set[tuple[int, int]] = set()
    for _ in range(n):
        a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    for hub in rng.sample(range(12, n), 3):
        for other in rng.sample(range(n), n // 3 + rng.randrange(n // 4)):
            if other != hub:
                pairs.add((min(hub, other), max(hub, other)))
    ties = [["source", "target", "type", "strength", "last_contact"]]
    for a, b in sorted(pairs):
        kind = rng.choice(["KNOWS", "KNOWS", "KNOWS", "INFLUENCES"])
        ties.append([f"p{a}", f"p{b}", kind, rng.choice(["2", "3", "4", "5"]),
                     rng.choice(["", "2026-01-05", "2026-10-01"])])
    return {"organizations": orgs, "people": people, "relationships": ties,
            "projects": [["id", "name", "customer_id"], ["P", "项目", "c"]],
            "stakeholders": [["project_id", "person_id", "role"], ["P", "p30", "evaluator"]]}


@pytest.fixture(scope="module", params=range(3))
def hub_store(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"hubs{request.param}")
    store = str(folder / "hubs.db")
    api.open(store).import_data([write_tables(folder / "in", hub_network(request.param))])
    return store, request.param


def test_the_path_region_holds_every_short_chain(hub_store):
    store, seed = hub_store
    rng = random.Random(seed)
    with open_store(store) as opened:
        whole = build_graph(opened.load())
        U = nx.Graph(whole.to_undirected())
        pruned = 0
        for _ in range(12):
            sources = rng.sample(sorted(U), rng.choice([1, 3, 12]))
            target = rng.choice(sorted(set(U) - set(sources)))
            hops = rng.choice([2, 3, 4, 6])
            region = path_region(opened, sources, target, hops)
            ahead = nx.multi_source_dijkstra_path_length(U, set(sources), cutoff=hops,
                                                         weight=lambda *_: 1)
            behind = nx.single_source_shortest_path_length(U, target, cutoff=hops)
            needed = {v for v, d in ahead.items() if v in behind and d + behind[v] <= hops}
            assert needed <= region, (sources, target, hops, sorted(needed - region))
            assert set(sources) | {target} <= region
            # read less than the two balls whose radii add up to hops - 1 (the old region)
            balls = {v for v, d in ahead.items() if d <= hops // 2} | {
                v for v, d in behind.items() if d <= hops - 1 - hops // 2}
            pruned += len(region) < len(balls | set(sources) | {target})
    assert pruned  # the bounds leave people out on these networks


def test_paths_on_the_region_are_the_paths_on_the_whole_network(hub_store):
    store, seed = hub_store
    bid = api.open(store)
    with open_store(store) as opened:
        V = value(build_graph(opened.load()), AS_OF)
    ours = sorted(n for n, d in V.people.nodes(data=True) if d["org_kind"] == "own")
    rng = random.Random(seed)
    for target in rng.sample(sorted(set(V.people) - set(ours)), 8):
        for hops in (2, 3, 4):
            expected = influence_paths(V, target, ours, max_hops=hops)
            found = bid.paths(target, max_hops=hops, as_of=AS_OF)
            assert [p.nodes for p in found.paths] == [p.nodes for p in expected.paths]
            assert [p.strength for p in found.paths] == [p.strength for p in expected.paths]
            assert found.reason == expected.reason


def _region_person_by_person(store, sources, target, max_hops):
    """The region by the rule of path_region's docs, one look-up per person (its first
    implementation): the reference its layer-by-layer set operations are checked against."""
    distances = [dict.fromkeys(sources, 0), {target: 0}]
    frontiers = [set(sources), {target}]
    radius = [0, 0]
    while radius[0] + radius[1] < max_hops and (frontiers[0] or frontiers[1]):
        side = 0 if 0 < len(frontiers[0]) <= len(frontiers[1]) or not frontiers[1] else 1
        step = store.neighbours(frontiers[side]) - distances[side].keys()
        radius[side] += 1
        distances[side].update(dict.fromkeys(step, radius[side]))
        frontiers[side] = step
    beyond = [radius[side] + 1 if frontiers[side] else max_hops + 1 for side in (0, 1)]
    return {v for v in distances[0].keys() | distances[1].keys()
            if distances[0].get(v, beyond[0]) + distances[1].get(v, beyond[1]) <= max_hops
            } | set(sources) | {target}


def test_the_region_is_the_person_by_person_rule(hub_store):
    store, seed = hub_store
    rng = random.Random(seed + 7)
    with open_store(store) as opened:
        people = sorted(opened.people_index())
        sizes = set()
        for _ in range(30):
            sources = rng.sample(people, rng.choice([1, 2, 5, 40]))
            target = rng.choice(sorted(set(people) - set(sources)))
            hops = rng.choice([1, 2, 3, 4, 5, 7])
            region = path_region(opened, sources, target, hops)
            assert region == _region_person_by_person(opened, sources, target, hops)
            sizes.add(len(region))
    assert len(sizes) > 5  # regions of many sizes, not the same one every time
