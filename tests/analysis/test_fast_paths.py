"""Every fast path equals the reference NetworkX computation, on random graphs with hubs.

The reach graphs here are directed, with a few super-connectors tied to a large share of
everyone, probabilities from the model's own few values (so that many chains cost exactly the
same and ties between best chains are common), and a random set of people left out. The
reference is the textbook call on the graph *without* those people.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random

import networkx as nx
import pytest

from graphcrm.analysis.gaps import adamic_adar
from graphcrm.analysis.informants import (
    _add_structural_holes,
    betweenness_within,
    subset_betweenness,
)
from graphcrm.analysis.model import DEFAULT_MODEL
from graphcrm.analysis.network import arc_cost
from graphcrm.analysis.valued import ValuedGraph

from .reference import chain_region, hop_distances

SEEDS = range(10)


def reach_with_hubs(seed: int) -> tuple[nx.DiGraph, set[str], random.Random]:
    """A random reach graph of ~80 people with three hubs, and people to leave out."""
    rng = random.Random(seed)
    n = 60 + seed * 3
    base = nx.gnp_random_graph(n, 0.04, seed=seed, directed=True)
    H = nx.DiGraph()
    H.add_nodes_from(f"p{i}" for i in range(n + 3))
    arcs = [(f"p{a}", f"p{b}") for a, b in base.edges()]
    for hub in (n, n + 1, n + 2):  # super-connectors, both ways to a third or more
        for other in rng.sample(range(n), n // 3 + rng.randrange(n // 3)):
            arcs += [(f"p{hub}", f"p{other}"), (f"p{other}", f"p{hub}")]
    for a, b in arcs:
        p = rng.choice(DEFAULT_MODEL.probabilities)
        H.add_edge(a, b, p=p, cost=-math.log(p))
    skip = set(rng.sample(sorted(H), 6))
    return H, skip, rng


def without(H: nx.DiGraph, skip: set[str]) -> nx.DiGraph:
    return H.subgraph(set(H) - skip).copy()


def valued(H: nx.DiGraph) -> ValuedGraph:
    return ValuedGraph(nx.MultiDiGraph(), H, dt.date(2026, 1, 1), DEFAULT_MODEL)


@pytest.mark.parametrize("seed", SEEDS)
def test_hop_distances_are_unit_dijkstra_without_the_skipped(seed):
    H, skip, rng = reach_with_hubs(seed)
    R = without(H, skip)
    sources = [s for s in rng.sample(sorted(H), 3)]
    kept = [s for s in sources if s not in skip]
    for cutoff in (1, 2, 4):
        expected = nx.multi_source_dijkstra_path_length(R, set(kept), cutoff=cutoff,
                                                        weight=lambda *_: 1) if kept else {}
        assert hop_distances(H, sources, cutoff, excluded=skip) == expected
        backward = nx.multi_source_dijkstra_path_length(R.reverse(), set(kept), cutoff=cutoff,
                                                        weight=lambda *_: 1) if kept else {}
        assert hop_distances(H, sources, cutoff, reverse=True, excluded=skip) == backward
        either = {n: d for n, d in nx.multi_source_dijkstra_path_length(
            R.to_undirected(), set(kept), cutoff=cutoff, weight=lambda *_: 1).items()
        } if kept else {}
        assert hop_distances(H, sources, cutoff, both=True, excluded=skip) == either


@pytest.mark.parametrize("seed", SEEDS)
def test_chain_regions_hold_every_short_simple_path(seed):
    H, skip, rng = reach_with_hubs(seed)
    R = without(H, skip)
    sources = [s for s in rng.sample(sorted(R), 3)]
    for target in rng.sample(sorted(set(R) - set(sources)), 3):
        for hops in (2, 3, 4):
            region = chain_region(H, sources, target, hops, excluded=skip)
            # the region is the one the textbook definition gives …
            forward = nx.multi_source_dijkstra_path_length(R, set(sources), cutoff=hops,
                                                           weight=lambda *_: 1)
            backward = nx.single_source_shortest_path_length(R.reverse(), target,
                                                             cutoff=hops)
            assert region == {n for n, d in forward.items()
                              if n in backward and d + backward[n] <= hops}
            # … and every simple path of at most `hops` ties lies inside it
            for source in sources:
                for path in nx.all_simple_paths(R, source, target, cutoff=hops):
                    assert set(path) <= region


@pytest.mark.parametrize("seed", SEEDS)
def test_dijkstra_in_c_equals_networkx(seed):
    H, skip, rng = reach_with_hubs(seed)
    R = without(H, skip)
    people = rng.sample(sorted(R), 4)
    V = valued(H)
    ahead = V.distances(people, skip)
    behind = V.distances(people, skip, reverse=True)
    for person in people:
        expected = nx.single_source_dijkstra_path_length(R, person, weight="cost")
        assert ahead[person].keys() == expected.keys()
        for n, d in expected.items():
            assert ahead[person][n] == pytest.approx(d, rel=1e-9, abs=1e-12)
        expected = nx.single_source_dijkstra_path_length(R.reverse(), person, weight="cost")
        assert behind[person].keys() == expected.keys()
        for n, d in expected.items():
            assert behind[person][n] == pytest.approx(d, rel=1e-9, abs=1e-12)
    # the weight that skips people gives the graph without them
    source = people[0]
    assert nx.single_source_dijkstra(H, source, weight=arc_cost(skip)) == \
        nx.single_source_dijkstra(R, source, weight="cost")


@pytest.mark.parametrize("seed", SEEDS)
def test_betweenness_on_the_best_chains_equals_networkx(seed):
    H, skip, rng = reach_with_hubs(seed)
    R = without(H, skip)
    sources = sorted(rng.sample(sorted(R), 4))
    targets = sorted(rng.sample(sorted(set(R) - set(sources)), 4))
    V = valued(H)
    fast = subset_betweenness(H, sources, targets, V.distances(sources, skip),
                              V.distances(targets, skip, reverse=True), skip)
    expected = nx.betweenness_centrality_subset(R, sources=sources, targets=targets,
                                                normalized=False, weight="cost")
    assert any(v > 0 for v in expected.values())  # the comparison below can fail
    for person, value in expected.items():
        assert fast.get(person, 0.0) == pytest.approx(value, rel=1e-9, abs=1e-12), person
    assert not set(fast) - set(R)
    # the region key_informants finds from the distances to the targets alone: the people
    # reached from a source along tight arcs, the same betweenness
    C = V.compact
    ahead, back = V.distances(sources, skip), V.distances(targets, skip, reverse=True)
    by_distance = {v for t in targets for s in sources if t in ahead[s] for v, d in
                   back[t].items() if v in ahead[s] and ahead[s][v] + d <= ahead[s][t] + 1e-12}
    tight = C.on_best_chains(sources, V.distance_table(targets, skip, reverse=True)[1])
    region = {C.nodes[i] for i in tight.nonzero()[0]} - skip
    assert by_distance <= region
    assert betweenness_within(H, sources, targets, region) == fast
    assert betweenness_within(C, sources, targets, region) == fast  # from the arrays
    # and the nearest of several sources is the least of their rows, to the last bit
    nearest = V.nearest(sources, skip)
    rows = V.distance_table(sources, skip)[1]
    assert (nearest == rows.min(axis=0)).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_adamic_adar_from_the_few_equals_networkx(seed):
    H, skip, rng = reach_with_hubs(seed)
    U = nx.Graph(without(H, skip).edges())
    pairs = [tuple(rng.sample(sorted(U), 2)) for _ in range(30)]
    pairs = [(u, v) for u, v in pairs if not U.has_edge(u, v)]
    scored = list(nx.adamic_adar_index(U, pairs))
    assert any(s > 0 for *_, s in scored)
    for u, v, expected in scored:
        assert adamic_adar(H, u, v, skip) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_structural_holes_from_the_arc_columns_equal_networkx(seed):
    """Constraint and effective size of the reach graph taken as undirected (a pair weighted
    by the ``p`` of its last arc, as ``Graph.add_weighted_edges_from`` leaves it) without the
    skipped people, from the valued graph's arc columns."""
    H, skip, rng = reach_with_hubs(seed)
    for a, b in list(H.edges())[::3]:  # pairs whose two arcs differ, so the order matters
        H[a][b]["p"] = 0.05
    U = nx.Graph()
    U.add_nodes_from(set(H) - skip)
    U.add_weighted_edges_from((a, b, p) for a, b, p in H.edges(data="p")
                              if a not in skip and b not in skip)
    people = sorted(n for n in rng.sample(sorted(U), 20) if U.degree(n))
    people += [h for h in sorted(U, key=U.degree)[-3:] if h not in people]  # the hubs
    rows = [{"person_id": n} for n in people]
    _add_structural_holes(valued(H), frozenset(skip), rows)
    constraint = nx.constraint(U, people, weight="weight")
    effective = nx.effective_size(U, people, weight="weight")
    for row in rows:
        person = row["person_id"]
        assert row["constraint"] == pytest.approx(constraint[person], rel=1e-9, abs=1e-12)
        assert row["effective_size"] == pytest.approx(effective[person], rel=1e-9,
                                                      abs=1e-12)


def _reference_best(R: nx.DiGraph, sources: list[str], target: str, max_hops: int
                    ) -> float | None:
    """The least cost over every simple chain of at most ``max_hops`` ties from a source to
    ``target`` that enters no second source: all of them enumerated (NetworkX)."""
    best = None
    for source in sources:
        if source not in R or target not in R:
            continue
        if source == target:
            return 0.0
        for path in nx.all_simple_paths(R, source, target, cutoff=max_hops):
            if any(n in sources for n in path[1:]):
                continue
            cost = sum(R[a][b]["cost"] for a, b in itertools.pairwise(path))
            best = cost if best is None else min(best, cost)
    return best


@pytest.mark.parametrize("seed", SEEDS)
def test_best_chain_is_the_best_of_every_simple_chain_within_the_hop_limit(seed):
    from .reference import best_chain, best_chains, region_arcs

    H, skip, rng = reach_with_hubs(seed)
    R = without(H, skip)
    sources = sorted(set(rng.sample(sorted(H), 3)) - skip)
    for target in rng.sample(sorted(set(H) - skip - set(sources)), 8):
        for max_hops in (1, 2, 3):
            expected = _reference_best(R, sources, target, max_hops)
            found = best_chain(H, sources, target, max_hops, excluded=skip)
            assert (found is None) == (expected is None), (target, max_hops)
            if found is None:
                continue
            cost, nodes = found
            assert cost == pytest.approx(expected)
            # a real chain: a source to the target, simple, within the limit, its cost
            assert nodes[0] in sources and nodes[-1] == target
            assert len(set(nodes)) == len(nodes) and len(nodes) - 1 <= max_hops
            assert not skip.intersection(nodes)
            assert cost == pytest.approx(sum(H[a][b]["cost"]
                                             for a, b in itertools.pairwise(nodes)))
            # the same from a region's arcs, and from the search to everyone at once
            keep = chain_region(H, sources, target, max_hops, excluded=skip)
            again = best_chain(region_arcs(H, keep), sources, target, max_hops)
            assert again is not None and again[0] == pytest.approx(cost)
            everyone = best_chains(H, sources, max_hops, excluded=skip)(target)
            assert everyone is not None and everyone[0] == pytest.approx(cost)


def every_chain(R: nx.DiGraph, sources: list[str], target: str, max_hops: int
                ) -> list[tuple[float, list[str]]]:
    """Every simple chain of at most ``max_hops`` ties from a source to ``target`` that
    passes no second source, best first by the defined order (cost within 1e-9, fewest
    ties, people's ids): the brute-force reference."""
    out = []
    for s in sources:
        if s not in R or s == target:
            continue
        for nodes in nx.all_simple_paths(R, s, target, cutoff=max_hops):
            if any(n in sources for n in nodes[1:]):
                continue
            out.append((sum(R[a][b]["cost"] for a, b in itertools.pairwise(nodes)), nodes))
    return sorted(out, key=lambda f: (round(f[0], 9), len(f[1]), f[1]))


@pytest.mark.parametrize("seed", SEEDS)
def test_k_best_chains_are_the_best_simple_chains_in_a_defined_order(seed):
    """The hop-bounded k-best search (issue 28, 1) gives exactly the first k of every
    simple chain under the hop limit, in the defined order — and the same costs as the
    search it replaces (Yen's, on the chain region with a virtual start, long chains
    dropped afterwards)."""
    from graphcrm.analysis.network import region_graph

    from .reference import k_best_chains

    H, skip, rng = reach_with_hubs(seed)
    R = without(H, skip)
    for _ in range(4):
        sources = rng.sample(sorted(R), rng.choice([1, 3, 8]))
        target = rng.choice(sorted(set(R) - set(sources)))
        k, hops = rng.choice([1, 3, 6]), rng.choice([1, 2, 3, 4])
        found = k_best_chains(H, sources, target, k, hops, excluded=skip)
        reference = every_chain(R, sources, target, hops)[:k]
        assert [p for _, p in found] == [p for _, p in reference]
        assert [c for c, _ in found] == pytest.approx([c for c, _ in reference])
        keep = chain_region(H, sources, target, hops, excluded=skip)
        if target not in keep:
            assert found == []
            continue
        search = region_graph(H, keep, not_into=set(sources))
        search.add_edges_from(("start", s, {"cost": 0.0}) for s in sources if s in keep)
        yen = [p[1:] for p in itertools.islice(nx.shortest_simple_paths(
            search, "start", target, weight="cost"), 500) if len(p) - 2 <= hops][:k]
        costs = [sum(H[a][b]["cost"] for a, b in itertools.pairwise(p)) for p in yen]
        assert [c for c, _ in found] == pytest.approx(costs)


@pytest.mark.parametrize("seed", SEEDS)
def test_brandes_on_adjacency_lists_is_networkx_float_for_float(seed):
    """The subset betweenness loop over adjacency lists (issue 28) gives exactly — ``==``,
    not approximately — what networkx gives, on random graphs with hubs and equal costs
    (many equal chains), from many sources or few."""
    from graphcrm.analysis.informants import _brandes_subset

    H, skip, rng = reach_with_hubs(seed)
    R = without(H, skip)
    for starts, ends in ((4, 4), (20, 3), (2, 15)):
        sources = sorted(rng.sample(sorted(R), starts))
        targets = sorted(rng.sample(sorted(set(R) - set(sources)), ends))
        expected = nx.betweenness_centrality_subset(R, sources=sources, targets=targets,
                                                    normalized=False, weight="cost")
        assert _brandes_subset(R, sources, targets) == expected
        assert any(v > 0 for v in expected.values())
        # each source's search only over the people it reaches along tight arcs
        V = valued(R)
        C = V.compact
        tight = C.head < 0
        for row in V.distance_table(targets, reverse=True)[1]:
            tight |= C.tight(row)
        tail = [C.nodes[i] for i, n in enumerate(C.indptr[1:] - C.indptr[:-1]) for _ in range(n)]
        ahead: dict[str, list[str]] = {}
        for k in tight.nonzero()[0]:
            ahead.setdefault(tail[k], []).append(C.nodes[C.head[k]])
        assert _brandes_subset(R, sources, targets, ahead=ahead) == expected
        # and without the tight arcs it would not be the same (the test can fail)
        assert _brandes_subset(R, sources, targets, ahead={}) != expected
