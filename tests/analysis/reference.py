"""The dictionary searches the array searches of :mod:`graphcrm.analysis.compact` replaced:
the reference they are proven equal to (``test_compact.py``), themselves checked against every
simple chain within the hop limit (``test_fast_paths.py``); and the dictionary way of choosing
each pair's tie that :func:`graphcrm.analysis.network.reach_arcs` replaced
(``test_network.py``)."""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
from collections.abc import Callable, Collection, Iterable, Mapping

import networkx as nx

from graphcrm.analysis.model import DOWN, TieModel
from graphcrm.domain import TieType
from graphcrm.graph import REPORTING


def best_chain(H: nx.DiGraph | Mapping[str, Mapping[str, Mapping[str, float]]],
               sources: Iterable[str], target: str, max_hops: int, *,
               within: Collection[str] | None = None, excluded: Collection[str] = ()
               ) -> tuple[float, list[str]] | None:
    """The best chain of at most ``max_hops`` ties from one of ``sources`` to ``target``:
    the least total ``cost`` (the most probable chain), never into a second source, never
    through ``excluded`` people, only through people ``within`` a set when given.

    A hop-bounded Bellman–Ford search level by level (one level per tie), keeping at each
    level only the people reached more cheaply than at any level before: exact under the
    hop limit, which Dijkstra is not. Costs are positive (``-log p`` with ``p < 1``), so
    the best walk is a simple chain. Among equal chains, the fewest ties, then the first
    found in ``H``'s order.

    Parameters
    ----------
    H
        A reach graph (arcs with ``cost``), or its successors as nested mappings (person →
        person → arc: :func:`region_arcs`, when a caller searches one region many times).
    sources, target
        Who may start the chain, and who it reaches.
    max_hops
        The most ties the chain may have.
    within, excluded
        The people the chain may pass (all, when None), and those it may not.

    Returns
    -------
    tuple of (float, list) or None
        The chain's cost and its people, start to ``target``; None when no chain is short
        enough.

    Examples
    --------
    >>> H = nx.DiGraph()
    >>> H.add_edge("s", "a", cost=0.1); H.add_edge("a", "b", cost=0.1)
    >>> H.add_edge("b", "t", cost=0.1); H.add_edge("s", "t", cost=2.0)
    >>> best_chain(H, ["s"], "t", 3)[1], best_chain(H, ["s"], "t", 2)[1]
    (['s', 'a', 'b', 't'], ['s', 't'])

    References
    ----------
    .. [1] R. Bellman, "On a routing problem", *Quarterly of Applied Mathematics* 16
       (1958), 87–90 (the level-by-level relaxation, stopped at ``max_hops`` levels).
    """
    succ = H._succ if isinstance(H, nx.DiGraph) else H
    if target in excluded or target not in succ:
        return None
    return best_chains(succ, sources, max_hops, within=within, excluded=excluded,
                       stop=target)(target)


def best_chains(H: nx.DiGraph | Mapping[str, Mapping[str, Mapping[str, float]]],
                sources: Iterable[str], max_hops: int, *,
                within: Collection[str] | None = None, excluded: Collection[str] = (),
                stop: str | None = None
                ) -> Callable[[str], tuple[float, list[str]] | None]:
    """:func:`best_chain` from ``sources`` to everyone at once: one search, then the best
    chain to any person (``chain(person)``: its cost and people, or None). ``stop``: a
    person chains may end at but not pass through.

    Example
    -------
    >>> H = nx.DiGraph()
    >>> H.add_edge("s", "a", cost=0.1); H.add_edge("a", "b", cost=0.1)
    >>> chain = best_chains(H, ["s"], 2)
    >>> chain("b")[1], chain("a")[1], chain("x")
    (['s', 'a', 'b'], ['s', 'a'], None)
    """
    succ = H._succ if isinstance(H, nx.DiGraph) else H  # the dicts: no view per step
    blocked = set(excluded)
    starts = [s for s in sources if s in succ and s not in blocked
              and (within is None or s in within)]
    begin = set(starts)
    levels: list[dict[str, tuple[float, str | None]]] = [{s: (0.0, None) for s in starts}]
    cheapest = {s: 0.0 for s in starts}
    for _ in range(max_hops if starts else 0):
        following: dict[str, tuple[float, str | None]] = {}
        for u, (cost, _) in levels[-1].items():
            if u == stop:
                continue
            for v, arc in succ[u].items():
                if v in begin or v in blocked or (within is not None and v not in within):
                    continue
                total = cost + arc["cost"]
                if total < cheapest.get(v, math.inf):
                    cheapest[v] = total
                    following[v] = (total, u)
        if not following:
            break
        levels.append(following)

    def chain(target: str) -> tuple[float, list[str]] | None:
        ends = [(level[target][0], depth) for depth, level in enumerate(levels)
                if target in level]
        if not ends:
            return None
        cost, depth = min(ends)
        nodes = [target]
        for level in range(depth, 0, -1):
            before = levels[level][nodes[-1]][1]
            assert before is not None
            nodes.append(before)
        return cost, nodes[::-1]

    return chain


def region_arcs(H: nx.DiGraph, keep: Collection[str], *, extra: Iterable[tuple[str, str, dict]]
                = ()) -> dict[str, dict[str, dict]]:
    """The arcs of ``H`` among the people in ``keep`` as nested dicts (person → person →
    arc), plus ``extra`` arcs among them: a region :func:`best_chain` searches many times
    (each hub's ties read once, not once per search).

    >>> H = nx.DiGraph([("s", "a"), ("a", "t"), ("s", "x")])
    >>> arcs = region_arcs(H, {"s", "a", "t"})
    >>> sorted((u, v) for u in arcs for v in arcs[u])
    [('a', 't'), ('s', 'a')]
    """
    arcs = {u: {v: arc for v, arc in H._succ[u].items() if v in keep}
            for u in keep if u in H}  # each arc in H's own order
    for u, v, arc in extra:
        if u in arcs and v in arcs:
            arcs[u][v] = arc
    return arcs


def hop_distances(H: nx.DiGraph, sources: Iterable[str], cutoff: int, *,
                  reverse: bool = False, both: bool = False,
                  excluded: Collection[str] = ()) -> dict[str, int]:
    """How many ties each person is from the nearest of ``sources`` (following arcs, against
    them with ``reverse``, either way with ``both``), up to ``cutoff``, never through
    ``excluded`` people.

    A breadth-first search level by level over the graph's own adjacency: the same answer as
    :func:`networkx.multi_source_dijkstra_path_length` with unit weights on the graph without
    ``excluded``, without building that graph.

    Example
    -------
    >>> H = nx.DiGraph([("s", "a"), ("a", "t"), ("s", "b"), ("b", "t")])
    >>> hop_distances(H, ["s"], 2, excluded={"a"})
    {'s': 0, 'b': 1, 't': 2}
    """
    adjacency = H._pred if reverse else H._succ  # the dicts themselves: no view per step
    skip = set(excluded)
    if both:
        succ, pred = H._succ, H._pred

        def contacts(u: str) -> Iterable[str]:
            return itertools.chain(succ[u], pred[u])
    else:
        def contacts(u: str) -> Iterable[str]:
            return adjacency[u]
    distance = {s: 0 for s in sources if s in H and s not in skip}
    frontier = list(distance)
    for level in range(1, cutoff + 1):
        following = []
        for u in frontier:
            for v in contacts(u):
                if v not in distance and v not in skip:
                    distance[v] = level
                    following.append(v)
        if not following:
            break
        frontier = following
    return distance


def chain_region(H: nx.DiGraph, sources: Iterable[str], target: str, max_hops: int, *,
                 excluded: Collection[str] = (),
                 forward: Mapping[str, int] | None = None) -> set[str]:
    """People on some chain of at most ``max_hops`` ties from a source to the target, never
    through ``excluded`` people.

    A person ``v`` is on such a chain only if ``d(S, v) + d(v, t) <= max_hops`` (hop
    distances from the sources and to the target), and every chain of that length lies
    inside this set, so searching it finds every chain. ``forward``: the sources' distances
    (:func:`hop_distances` up to ``max_hops``), when a caller asks about several targets.

    Example
    -------
    >>> H = nx.DiGraph([("s", "a"), ("a", "t"), ("s", "b"), ("b", "c"), ("c", "t")])
    >>> sorted(chain_region(H, ["s"], "t", 2))
    ['a', 's', 't']
    """
    if target not in H or target in excluded:
        return set()
    if forward is None:
        forward = hop_distances(H, sources, max_hops, excluded=excluded)
    if not forward:
        return set()
    backward = hop_distances(H, [target], max_hops, reverse=True, excluded=excluded)
    return {n for n, d in backward.items() if n in forward and d + forward[n] <= max_hops}


def k_best_chains(H: nx.DiGraph, sources: Iterable[str], target: str, k: int,
                  max_hops: int, *, excluded: Collection[str] = ()
                  ) -> list[tuple[float, list[str]]]:
    """The ``k`` best simple chains of at most ``max_hops`` ties from any of ``sources`` to
    ``target``: least total ``cost`` first, never into a second source, never through
    ``excluded`` people.

    Exact under the hop limit, and only as much work as the limit allows: first, for every
    person and every number of ties ``j``, the least cost of reaching them from a source in
    at most ``j`` ties (level-by-level relaxation over the people on some short enough
    chain, :func:`chain_region`); then a best-first search backwards from ``target`` over
    partial chains, each ranked by its cost so far plus the least cost of reaching its first
    person in the ties it has left — a lower bound of every chain it can become, so chains
    come out complete in order of cost (A*, Hart, Nilsson & Raphael 1968), and a partial
    chain that cannot reach a source in time is never kept. Yen's algorithm, which knows no
    hop limit, searches the whole region for each spur and drops long chains afterwards.

    Among chains of equal cost (within 1e-9: the same probabilities in another order), the
    fewest ties first, then by their people's ids in order: the same answer every run.

    Parameters
    ----------
    H
        A reach graph (arcs with a positive ``cost``: ``-log p``).
    sources, target
        Who may start a chain, and who it reaches.
    k
        How many chains.
    max_hops
        The most ties a chain may have.
    excluded
        People no chain may pass.

    Returns
    -------
    list of (float, list)
        Each chain's cost and its people, start to ``target``, best first; fewer than ``k``
        when there are no more.

    Examples
    --------
    >>> H = nx.DiGraph()
    >>> for u, v, c in [("s", "a", 1), ("a", "t", 1), ("s", "t", 3), ("r", "b", 1),
    ...                 ("b", "c", 1), ("c", "t", 1)]:
    ...     H.add_edge(u, v, cost=float(c))
    >>> [(c, p) for c, p in k_best_chains(H, ["s", "r"], "t", 3, 3)]
    [(2.0, ['s', 'a', 't']), (3.0, ['s', 't']), (3.0, ['r', 'b', 'c', 't'])]
    >>> [p for _, p in k_best_chains(H, ["s", "r"], "t", 3, 2)]
    [['s', 'a', 't'], ['s', 't']]

    References
    ----------
    .. [1] P. E. Hart, N. J. Nilsson, B. Raphael, "A formal basis for the heuristic
       determination of minimum cost paths", *IEEE Transactions on Systems Science and
       Cybernetics* 4(2) (1968), 100–107.
    .. [2] J. Y. Yen, "Finding the k shortest loopless paths in a network", *Management
       Science* 17(11) (1971), 712–716 (the search this replaces).
    """
    if k < 1:
        return []
    begin = [s for s in sources if s in H]
    keep = chain_region(H, begin, target, max_hops, excluded=excluded)
    if target not in keep:
        return []
    starts = {s for s in begin if s in keep}
    succ, pred = H._succ, H._pred
    # reach[j][v]: the least cost of a chain of at most j ties from a source to v
    reach: list[dict[str, float]] = [{s: 0.0 for s in starts}]
    for _ in range(max_hops):
        level = dict(reach[-1])
        for u, cost in reach[-1].items():
            if u == target:
                continue  # a chain ends at the target
            for v, arc in succ[u].items():
                if v in keep and v not in starts and cost + arc["cost"] < level.get(v, math.inf):
                    level[v] = cost + arc["cost"]
        reach.append(level)
    inf = math.inf
    found: list[tuple[float, list[str]]] = []
    heap: list[tuple[float, float, tuple[str, ...]]] = [
        (reach[max_hops].get(target, inf), 0.0, (target,))]
    while heap:
        bound, cost, chain = heapq.heappop(heap)
        if bound == inf or (len(found) >= k and bound > found[k - 1][0] + 1e-9):
            break
        first = chain[-1]
        if first in starts:
            found.append((cost, list(reversed(chain))))
            found.sort(key=lambda f: (round(f[0], 9), len(f[1]), f[1]))
            continue
        left = max_hops - len(chain)  # ties left before the chain gets too long
        if left < 0:
            continue
        for u, arc in pred[first].items():
            if u not in keep or u in chain:
                continue
            spent = cost + arc["cost"]
            rest = reach[left].get(u, inf) if u not in starts else 0.0
            if rest < inf:
                heapq.heappush(heap, (spent + rest, spent, (*chain, u)))
    return found[:k]


def reach_arcs(G: nx.MultiDiGraph, *, as_of: dt.date, model: TieModel
               ) -> tuple[list[str], list[str], list[float], list[dict]]:
    """Each pair's tie chosen a dictionary update per tie: the arcs' tails, heads,
    probabilities and recorded ties in the order :func:`~graphcrm.analysis.network.reach_graph`
    adds them (its rule)."""
    one_way = {t.value for t in TieType if t.requests_one_way}
    latest: dict[tuple[str, str], tuple[str, float, dict]] = {}  # by the pair's evidence
    lines: dict[tuple[str, str], tuple[float, dict]] = {}  # reporting lines, by strength
    for u, v, data in G.edges(data=True):
        if data["type"] in REPORTING:  # up to the superior as recorded, down the other way
            for arc, tie in (((u, v), data), ((v, u), {**data, "direction": DOWN})):
                p = model.hop(*arc, tie, as_of).probability
                line = lines.get(arc)
                if line is None or line[0] < p:
                    lines[arc] = (p, tie)
            continue
        p = model.hop(u, v, data, as_of).probability
        for arc in ((u, v),) if data["type"] in one_way else ((u, v), (v, u)):
            found = latest.get(arc)
            date = data.get("last_contact") or ""
            if found is None or (found[0], found[1]) < (date, p):
                latest[arc] = (date, p, data)
    best = {arc: (p, data) for arc, (_, p, data) in latest.items()}
    for arc, (p, data) in lines.items():
        if arc not in best or best[arc][0] < p:
            best[arc] = (p, data)
    return ([a for a, _ in best], [b for _, b in best], [p for p, _ in best.values()],
            [data for _, data in best.values()])
