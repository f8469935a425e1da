"""The dictionary searches the array searches of :mod:`graphcrm.analysis.compact` replaced:
the reference they are proven equal to (``test_compact.py``), themselves checked against every
simple chain within the hop limit (``test_fast_paths.py``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping

import networkx as nx


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
