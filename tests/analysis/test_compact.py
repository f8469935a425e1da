"""The compact arrays' searches give exactly the dictionary searches' answers.

On random reach graphs with super-connectors and the model's few probabilities (so that many
chains cost exactly the same: the order among equals is what is tested), with people left
out and sources given in a random order: the same distances, the same chains, the same
floats.
"""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphcrm.analysis.compact import UNREACHED, Compact
from graphcrm.analysis.model import DEFAULT_MODEL

from .reference import (
    best_chain,
    best_chains,
    chain_region,
    hop_distances,
    k_best_chains,
    region_arcs,
)
from .test_fast_paths import SEEDS, reach_with_hubs


def _equal_probabilities(seed: int) -> nx.DiGraph:
    """A graph whose arcs all cost the same: every tie among chains is decided by order."""
    rng = random.Random(seed)
    H = nx.DiGraph()
    people = [f"q{i}" for i in range(30)]
    rng.shuffle(people)
    H.add_nodes_from(people)
    for _ in range(120):
        a, b = rng.sample(people, 2)
        H.add_edge(a, b, p=0.8, cost=-math.log(0.8))
    return H


@pytest.mark.parametrize("seed", SEEDS)
def test_hop_distances_are_the_dictionary_search(seed):
    H, skip, rng = reach_with_hubs(seed)
    C = Compact.of(H)
    sources = rng.sample(sorted(H), 4)
    for cutoff in (0, 1, 2, 4):
        for kind in ({}, {"reverse": True}, {"both": True}):
            expected = hop_distances(H, sources, cutoff, excluded=skip, **kind)
            found = C.distances_dict(C.hop_distances(sources, cutoff, excluded=skip, **kind))
            assert found == expected, (cutoff, kind)


def test_people_never_reached_are_unreached():
    H = nx.DiGraph()
    H.add_edge("s", "a", cost=1.0)
    H.add_node("x")
    C = Compact.of(H)
    assert C.hop_distances(["s"], 3)[C.position["x"]] == UNREACHED
    assert C.hop_distances(["nobody"], 3).tolist() == [UNREACHED] * 3
    assert C.hop_distances(["s"], 3, excluded={"s"}).tolist() == [UNREACHED] * 3


def _same_chains(H: nx.DiGraph, C: Compact, sources: list[str], hops: int,
                 excluded: set[str], stop: str | None) -> None:
    expected = best_chains(H, sources, hops, excluded=excluded, stop=stop)
    found = C.best_chains(sources, hops, excluded=excluded, stop=stop)
    for person in [*H, "nobody"]:
        assert found(person) == expected(person), (person, sources, hops, stop)


@pytest.mark.parametrize("seed", SEEDS)
def test_best_chains_are_the_dictionary_search(seed):
    H, skip, rng = reach_with_hubs(seed)
    C = Compact.of(H)
    for hops in (1, 2, 3, 4):
        sources = rng.sample(sorted(H), rng.randrange(1, 8))
        stop = rng.choice([None, *rng.sample(sorted(H), 2)])
        _same_chains(H, C, sources, hops, skip, stop)


@pytest.mark.parametrize("seed", range(5))
def test_among_equal_chains_the_same_one_wins(seed):
    H = _equal_probabilities(seed)
    C = Compact.of(H)
    people = list(H)
    for hops in (2, 3, 4):
        _same_chains(H, C, people[:3], hops, set(), None)
        _same_chains(H, C, people[5:12][::-1], hops, {people[20]}, people[13])


def _pruned_same(C: Compact, sources: list[str], hops: int, skip: set[str], target: str,
                 toward: np.ndarray) -> bool:
    """The chain to ``target`` with the search told how far everyone is from it is the
    chain without; asserted, and whether there was one."""
    whole = C.best_chains(sources, hops, excluded=skip, stop=target)(target)
    assert C.best_chains(sources, hops, excluded=skip, stop=target,
                         toward=toward)(target) == whole
    return whole is not None


@pytest.mark.parametrize("seed", SEEDS)
def test_a_search_toward_one_person_finds_the_same_chain(seed):
    """best_chains(toward=…) enters nobody too far from the target: the same chain (cost,
    people, the same one among equals) as the whole search, with the exact distances back,
    with distances that ignore the people left out (smaller: still exact), and on graphs
    where every chain costs the same."""
    H, skip, rng = reach_with_hubs(seed)
    C = Compact.of(H)
    found = 0
    for hops in (1, 2, 3, 4):
        for _ in range(6):
            sources = rng.sample(sorted(H), rng.randrange(1, 12))
            target = rng.choice(sorted(set(H) - set(sources)))
            exact = C.hop_distances([target], hops, reverse=True, excluded=skip)
            found += _pruned_same(C, sources, hops, skip, target, exact)
            _pruned_same(C, sources, hops, skip, target,
                         C.hop_distances([target], hops, reverse=True))
    E = Compact.of(_equal_probabilities(seed))
    for hops in (2, 3, 4):
        target = E.nodes[13]
        _pruned_same(E, E.nodes[5:12][::-1], hops, {E.nodes[20]}, target,
                     E.hop_distances([target], hops, reverse=True))
    assert found > 10


def _random_reach(rng: random.Random, most: int) -> nx.DiGraph:
    """A random reach graph of fewer than ``most`` people, in random order, with the
    model's probabilities (so many equal costs) and a hub joined to half of them."""
    n = rng.randrange(5, most)
    H = nx.DiGraph()
    H.add_nodes_from(rng.sample([f"n{i}" for i in range(n)], n))
    people = list(H)
    for _ in range(rng.randrange(n, 5 * n)):
        a, b = rng.sample(people, 2)
        p = rng.choice(DEFAULT_MODEL.probabilities)
        H.add_edge(a, b, p=p, cost=-math.log(p))
    for other in rng.sample(people[1:], len(people) // 2):
        H.add_edge(people[0], other, p=0.8, cost=-math.log(0.8))
    return H


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), hops=st.integers(1, 5), starts=st.integers(1, 12),
       dupes=st.booleans())
def test_best_chains_property(seed, hops, starts, dupes):
    rng = random.Random(seed)
    H = _random_reach(rng, 60)
    people = list(H)
    n = len(people)
    sources = [rng.choice(people) for _ in range(starts)]
    if dupes:
        sources += sources[:2]
    excluded = set(rng.sample(people, rng.randrange(0, max(1, n // 6))))
    stop = rng.choice([None, rng.choice(people)])
    _same_chains(H, Compact.of(H), sources, hops, excluded, stop)



def _same_k_best(H: nx.DiGraph, C: Compact, sources: list[str], target: str, k: int,
                 hops: int, excluded: set[str]) -> list[tuple[float, list[str]]]:
    expected = k_best_chains(H, sources, target, k, hops, excluded=excluded)
    assert C.k_best_chains(sources, target, k, hops, excluded=excluded) == expected
    region = C.chain_region(sources, target, hops, excluded=excluded)
    assert C.people_in(region) == chain_region(
        H, sources, target, hops, excluded=excluded)
    return expected


@pytest.mark.parametrize("seed", SEEDS)
def test_k_best_chains_are_the_dictionary_search(seed):
    """The k best chains over the arrays (issue 28, item 1) are the dictionary search's —
    the same chains in the same order with the same floats (``==``) —, which
    test_fast_paths checks against every simple chain within the hop limit."""
    H, skip, rng = reach_with_hubs(seed)
    C = Compact.of(H)
    found = 0
    for _ in range(6):
        sources = rng.sample(sorted(H), rng.choice([1, 3, 8, 20]))
        target = rng.choice(sorted(set(H) - set(sources)))
        k, hops = rng.choice([1, 3, 6]), rng.choice([1, 2, 3, 4, 5])
        found += len(_same_k_best(H, C, sources, target, k, hops, skip))
    assert found  # the searches found chains to compare


@pytest.mark.parametrize("seed", range(5))
def test_among_equal_k_best_chains_the_order_is_the_dictionary_searchs(seed):
    """Many chains of equal cost: the fewest ties, then the people's ids, as before."""
    H = _equal_probabilities(seed)
    C = Compact.of(H)
    people = list(H)
    for hops in (2, 3, 4):
        chains = _same_k_best(H, C, people[:4], people[-1], 8, hops, set())
        _same_k_best(H, C, people[5:12][::-1], people[-2], 5, hops, {people[20]})
        if len(chains) > 1 and hops == 4:
            assert len({round(c, 9) for c, _ in chains}) < len(chains)  # ties were broken
    # equal costs, different lengths (checked by hand): the fewer ties first
    H = nx.DiGraph()
    for u, v, cost in [("s", "t", 0.4), ("s", "a", 0.2), ("a", "t", 0.2), ("r", "b", 0.1),
                       ("b", "c", 0.1), ("c", "t", 0.2)]:
        H.add_edge(u, v, cost=cost)
    assert [p for _, p in _same_k_best(H, Compact.of(H), ["s", "r"], "t", 3, 3, set())] == [
        ["s", "t"], ["s", "a", "t"], ["r", "b", "c", "t"]]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), hops=st.integers(1, 5), starts=st.integers(1, 12),
       k=st.integers(1, 8))
def test_k_best_chains_property(seed, hops, starts, k):
    rng = random.Random(seed)
    H = _random_reach(rng, 50)
    people = list(H)
    n = len(people)
    sources = [rng.choice(people) for _ in range(starts)]
    target = rng.choice(people)
    excluded = set(rng.sample(people, rng.randrange(0, max(1, n // 6))))
    _same_k_best(H, Compact.of(H), sources, target, k, hops, excluded)

@pytest.mark.parametrize("seed", SEEDS)
def test_a_region_is_the_dictionary_region(seed):
    """The graph within a region holds the arcs of the nested dicts, each person's in the
    same order, the plan's arcs replacing or following theirs; its searches are theirs."""
    H, skip, rng = reach_with_hubs(seed)
    C = Compact.of(H)
    keep = set(rng.sample(sorted(H), len(H) // 2)) | {"nobody"}
    joined = [(u, v) for u in sorted(keep & set(H)) for v in H.succ[u] if v in keep][:3]
    extra = [(a, b, {"cost": 0.5, "planned": True}) for a, b in [*joined, *zip(
        rng.sample(sorted(H), 5), rng.sample(sorted(H), 5), strict=True)] if a != b]
    expected = region_arcs(H, keep, extra=extra)
    R = C.within(C.mask(keep), extra=extra)
    found: dict[str, dict[str, dict]] = {n: {} for n in R.nodes}
    for k, (u, v) in enumerate(zip(R.tail.tolist(), R.head.tolist(), strict=True)):
        found[R.nodes[u]][R.nodes[v]] = R.arcs[k]
        assert R.cost[k] == R.arcs[k]["cost"]
    assert found == expected
    assert all(list(found[u]) == list(expected[u]) for u in found)  # each in H's order
    assert all(found[u][v] is expected[u][v] for u in found for v in found[u])
    sources = rng.sample(sorted(keep & set(H)), 4)
    for target in rng.sample(sorted(keep & set(H)), 5):
        assert R.best_chains(sources, 4, excluded=skip, stop=target)(target) == \
            best_chain(expected, sources, target, 4, excluded=skip)


def _people_graph(seed: int) -> nx.MultiDiGraph:
    """A random people graph with every tie type, dated and undated, and reporting lines."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    G.add_nodes_from(rng.sample([f"p{i}" for i in range(50)], 50))
    kinds = ["KNOWS", "KNOWS", "INFLUENCES", "REFERRED", "REPORTS_TO", "DOTTED_LINE"]
    for _ in range(300):
        a, b = rng.sample(list(G), 2)
        kind = rng.choice(kinds)
        G.add_edge(a, b, key=kind, type=kind, strength=rng.choice([None, 1, 3, 5]),
                   level=rng.choice([None, 1, 2]),
                   last_contact=rng.choice([None, "2025-03-01", "2026-06-30"]))
    return G


@pytest.mark.parametrize("seed", range(6))
def test_arrays_from_the_valued_arcs_are_those_of_the_reach_graph(seed):
    """value() makes the arrays from the chosen arcs without the NetworkX graph: the same
    arcs in the same order, the same floats, each person's predecessors in the graph's own
    order, the same recorded ties — and the graph made later is reach_graph's."""
    import datetime as dt

    from graphcrm.analysis.network import chain_hops, reach_graph
    from graphcrm.analysis.valued import value

    G = _people_graph(seed)
    day = dt.date(2026, 11, 27)
    H = reach_graph(G, as_of=day)
    expected = Compact.of(H)
    V = value(G, day)
    found = V.compact
    assert "reach" not in V.__dict__  # no graph made
    assert found.nodes == expected.nodes
    for name in ("indptr", "head", "cost", "p", "tail"):
        assert (getattr(found, name) == getattr(expected, name)).all(), name
    assert list(found.ties) == expected.ties  # (a reporting line's way down is a new dict each run)
    for person in G:
        assert found.predecessors(person) == expected.predecessors(person)
        assert [u for u, _ in found.predecessors(person)] == list(H.pred[person])
        assert found.successors(person) == list(H.succ[person])
        assert found.contacts(person) == set(H.succ[person]) | set(H.pred[person])
    for u, v in list(H.edges())[:40]:
        assert found.ties[found.arc(u, v)] == H[u][v]["tie"]
    assert found.arc(expected.nodes[0], expected.nodes[0]) is None
    hops = [(a, b) for a, b in H.edges() if H.has_edge(b, a)][:5]
    assert hops and [V.hops([a, b]) for a, b in hops] == [
        chain_hops(H, [a, b], day, DEFAULT_MODEL) for a, b in hops]
    assert list(V.reach.edges(data=True)) == list(H.edges(data=True))
    assert all(list(V.reach.pred[n]) == list(H.pred[n]) for n in G)
