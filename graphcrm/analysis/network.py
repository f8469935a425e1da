"""The project context and the weighted graph requests travel on.

:func:`reach_graph` turns the people graph (:mod:`graphcrm.graph`) into a
:class:`networkx.DiGraph` whose arc ``u → v`` means "u can pass a request to v", weighted by
the best tie between them as of a date: attributes ``p`` (probability), ``cost``
(``-log p``, for Dijkstra and Yen) and ``hop`` (the :class:`~graphcrm.analysis.model.Hop`
that explains it). Analyses share it so that every answer uses the same semantics.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import operator
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

import networkx as nx

from graphcrm.analysis.model import DEFAULT_MODEL, DOWN, Hop, TieModel
from graphcrm.domain import DECISION_ROLES, OrgKind, TieType, our_side
from graphcrm.errors import LookupFailed
from graphcrm.graph import REPORTING, Gathered, Made, pending_ties, tie_column
from graphcrm.words import Said

__all__ = [
    "reach_graph", "reach_arcs", "ChosenArcs", "graph_of_arcs", "our_people",
    "decision_stakeholders", "stance_of", "roles_of",
    "require_project", "chain_hops", "chain_probability", "competitor_staff", "arc_cost",
    "region_graph", "picked",
]

_ONE_WAY = {t.value for t in TieType if t.requests_one_way}  # the rule: TieType
#: What a tie's value depends on (TieModel.hop): ties alike in these are valued once.
_VALUE_KEY = ("type", "strength", "last_contact", "level")
_NO_ROLES: Mapping[str, list[str]] = MappingProxyType({})


def require_project(G: nx.MultiDiGraph, project: str) -> dict:
    """The project's record, or :class:`LookupFailed` naming the known projects."""
    projects = G.graph.get("projects", {})
    if project not in projects:
        known = ", ".join(sorted(projects)) or Said("none")
        raise LookupFailed(Said("error.no_project", name=repr(project), projects=known))
    return projects[project]


def roles_of(G: nx.MultiDiGraph, person: str, project: str | None) -> list[str]:
    """The person's roles in ``project`` (all projects' roles when ``project`` is None)."""
    entries = G.nodes[person]["projects"]
    if project is not None:
        return list(entries.get(project, {}).get("roles", []))
    return sorted({r for e in entries.values() for r in e["roles"]})


def stance_of(G: nx.MultiDiGraph, person: str, project: str | None) -> str | None:
    """The person's stance toward us in ``project`` (None when unknown or no project)."""
    if project is None:
        return None
    return G.nodes[person]["projects"].get(project, {}).get("stance")


def our_people(G: nx.MultiDiGraph, project: str | None = None) -> list[str]:
    """Our side in the graph (:func:`graphcrm.domain.our_side`): the project's bid team,
    or everyone at an ``own`` organization."""
    if project is None:  # everyone at an own organization: no roles needed
        return our_side((n, d.get("org_kind"), _NO_ROLES) for n, d in G._node.items())
    return our_side(((n, d.get("org_kind"),
                      {project: entry["roles"]} if (entry := d["projects"].get(project))
                      else _NO_ROLES) for n, d in G._node.items()), project)


def competitor_staff(G: nx.MultiDiGraph, keep: Iterable[str] = ()) -> set[str]:
    """The people at competitor organizations, except those in ``keep``.

    Chains do not pass through competitor staff; the ends of a question (our own people,
    the people we want to reach) are never left out for working at a competitor, so that a
    bid-team member seconded from a competitor still starts chains.

    Example
    -------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x", org_kind="competitor")
    >>> G.add_node("y", org_kind="competitor")
    >>> sorted(competitor_staff(G, keep=["y"]))
    ['x']
    """
    kept, competitor = set(keep), OrgKind.COMPETITOR.value
    return {n for n, d in G._node.items() if d.get("org_kind") == competitor and n not in kept}


def decision_stakeholders(G: nx.MultiDiGraph, project: str,
                          model: TieModel = DEFAULT_MODEL) -> dict[str, int]:
    """The project's decision-making stakeholders with their influence (the model's
    ``unknown_influence`` when none is recorded), our own people aside."""
    require_project(G, project)
    wanted = {r.value for r in DECISION_ROLES}
    result = {}
    for person, data in G.nodes(data=True):
        entry = data["projects"].get(project)
        if entry and wanted.intersection(entry["roles"]) and data["org_kind"] != OrgKind.OWN:
            result[person] = model.influence(entry["influence"])
    return dict(sorted(result.items()))


def reach_graph(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date,
    model: TieModel = DEFAULT_MODEL,
) -> nx.DiGraph:
    """The graph requests travel on, as of ``as_of``.

    Parameters
    ----------
    G
        The people graph from :func:`graphcrm.graph.build_graph`.
    as_of
        The date ties are valued at.
    model
        Strength → probability and decay (:class:`TieModel`). People a question leaves out
        (avoided people, opponents, competitor staff) are skipped by the searches
        (:func:`arc_cost`, :func:`hop_distances`), not removed here.

    Returns
    -------
    networkx.DiGraph
        Arcs with ``p``, ``cost`` = ``-log p`` and ``tie`` (the recorded tie that gives them,
        whose :class:`Hop` :func:`chain_hops` explains). Between two people one tie counts:
        the one with the most recent evidence — the latest last contact; an undated tie
        only when none of the pair's ties is dated; the stronger among equals, the first
        recorded among ties equal in both — so an undated REFERRED or INFLUENCES tie does
        not hide a KNOWS tie that has gone cold. A reporting line (not evidence of contact,
        and never decaying) counts when it is stronger than that tie: down from the
        superior at the model's ``reports_to_strength``, up from the subordinate at its
        ``reports_up_strength`` (the arc's tie then carries ``direction``).

    Notes
    -----
    A tie's value depends only on its type, strength, last contact and level, so each
    distinct combination is valued once: a network of 100,000 ties holds a few thousand.

    Example
    -------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="KNOWS", type="KNOWS", strength=5, level=1, last_contact=None)
    >>> H = reach_graph(G, as_of=dt.date(2026, 1, 1))
    >>> H["a"]["b"]["p"], H["b"]["a"]["p"]
    (0.95, 0.95)
    """
    return graph_of_arcs(reach_arcs(G, as_of=as_of, model=model))


def graph_of_arcs(chosen: ChosenArcs) -> nx.DiGraph:
    """The reach graph of the arcs :func:`reach_arcs` chose, in their order: its people and
    arcs with ``p``, ``cost`` and ``tie``."""
    names = chosen.nodes
    return _arc_graph(names, ((names[a], names[b], {"p": p, "cost": -math.log(p), "tie": data})
                              for a, b, p, data in zip(chosen.tail.tolist(),
                                                       chosen.head.tolist(),
                                                       chosen.p.tolist(), chosen.ties,
                                                       strict=True)))


class ChosenArcs(NamedTuple):
    """The reach graph's arcs as columns (:func:`reach_arcs`), in the order
    :func:`reach_graph` adds them.

    Arc ``k`` runs from ``nodes[tail[k]]`` to ``nodes[head[k]]`` (numpy ``int64``
    positions) with probability ``p[k]`` (``float64``) for the recorded tie ``ties[k]``.
    """

    nodes: list[str]
    tail: Any
    head: Any
    p: Any
    ties: Sequence[dict]


class _Chosen(Made):
    """The recorded tie of each chosen arc (:attr:`ChosenArcs.ties`), found when first asked
    for: arc ``k``'s is ``ties[t]`` for ``t = best[k] >= 0``, else reporting line
    ``-1 - t`` of ``lines`` up, or ``-1 - t - len(lines)`` down (a copy marked ``DOWN``)."""

    def __init__(self, best: list[int], ties: Sequence[dict], lines: list[dict]) -> None:
        super().__init__(len(best))
        self._best, self._ties, self._lines = best, ties, lines

    def _make(self, k: int) -> dict:
        t, count = self._best[k], len(self._lines)
        if t >= 0:
            return self._ties[t]
        if -1 - t < count:
            return self._lines[-1 - t]
        return {**self._lines[-1 - t - count], "direction": DOWN}


def reach_arcs(G: nx.MultiDiGraph, *, as_of: dt.date, model: TieModel = DEFAULT_MODEL
               ) -> ChosenArcs:
    """The arcs of :func:`reach_graph` as columns, in the order it adds them (the rule is
    :func:`reach_graph`'s).

    One pass over the ties in Python gathers each tie's people (as positions), value and
    date; choosing each pair's tie is then a sort of the candidate arcs in numpy (by pair,
    then the latest evidence, the higher probability, the first recorded), not a dictionary
    update per tie: at 1,000,000 people a project's 324,000 ties took 1.2 s the dictionary
    way. ``tests/analysis/test_network.py`` proves it equal, arc for arc and in order, to
    that way (``tests/analysis/reference.py``) on random graphs. The ties of a graph not
    yet written into its adjacency (:func:`graphcrm.graph.pending_ties`) are taken from its
    columns, in the order the adjacency would give them, and stay unwritten.
    """
    import numpy as np

    nodes = list(G)
    size = len(nodes)
    forth, tie_keys, ties, recorded_lines = _ties_in_order(G, size)
    # a tie's value depends on its type, strength, last contact and level only: each
    # distinct combination valued once, and each tie told which it is
    distinct = dict.fromkeys(tie_keys)  # each distinct key, in order (hashed in C)
    number = dict(zip(distinct, range(len(distinct)), strict=True))
    which = np.fromiter(map(number.__getitem__, tie_keys), dtype=np.int64,
                        count=len(tie_keys))
    valued: dict[tuple, float] = {
        key: model.hop("", "", dict(zip(_VALUE_KEY, key, strict=True)), as_of).probability
        for key in distinct}
    # the evidence a tie gives for its pair, as one number: the later last contact, then
    # the higher probability (the order of (date, p); undated before every date)
    evidence = sorted({(key[2] or "", p) for key, p in valued.items()})
    place = {e: r for r, e in enumerate(evidence)}
    chance = np.array(list(valued.values()), dtype=float)[which]
    when = np.array([place[key[2] or "", p] for key, p in valued.items()],
                    dtype=np.int64)[which]
    both = ~np.array([key[0] in _ONE_WAY for key in distinct], dtype=bool)[which]
    below, above, lines = (list(c) for c in zip(*recorded_lines, strict=True)) \
        if recorded_lines else ([], [], [])
    line_chances: list[float] = []  # up, then down, for each line
    for data in lines:  # up to the superior as recorded, down the other way
        kind = data["type"]
        up = valued.get((kind, data.get("direction")))
        if up is None:
            up = valued[kind, data.get("direction")] = model.hop(
                "", "", data, as_of).probability
        down = valued.get((kind, DOWN))
        if down is None:
            down = valued[kind, DOWN] = model.hop(
                "", "", {**data, "direction": DOWN}, as_of).probability
        line_chances += (up, down)
    near_at, far_at = np.divmod(forth, max(size, 1))
    index = np.arange(len(ties), dtype=np.int64)
    back = index[both]
    # candidates: each tie's arc, and the arc back for a two-way tie, in the order the
    # dictionary way meets them (tie t's arcs are 2t and 2t + 1)
    tie_of = np.concatenate([index, back])
    arc = np.concatenate([forth, far_at[both] * size + near_at[both]])
    seq = np.concatenate([2 * index, 2 * back + 1])
    won = _first_best(arc, seq, when[tie_of])
    best_arc, best_p = arc[won], chance[tie_of[won]]
    best_tie = tie_of[won]  # a tie's index; a reporting line's is -1 - its index
    count = len(lines)
    if lines:
        below_at, above_at = np.array(below, dtype=np.int64), np.array(above, dtype=np.int64)
        line_arc = np.concatenate([below_at * size + above_at, above_at * size + below_at])
        line_seq = np.concatenate([2 * np.arange(count), 2 * np.arange(count) + 1])
        line_p = np.array(line_chances, dtype=float).reshape(count, 2).T.ravel()
        line_won = _first_best(line_arc, line_seq, line_p)
        line_arc, line_p = line_arc[line_won], line_p[line_won]
        line_tie = -1 - line_won  # up: -1 - t, down: -1 - (count + t)
        order = np.argsort(best_arc, kind="stable")
        spot = np.searchsorted(best_arc[order], line_arc)
        found = spot < order.size
        found[found] = best_arc[order[spot[found]]] == line_arc[found]
        at = order[spot[found]]
        stronger = best_p[at] < line_p[found]
        best_p[at[stronger]] = line_p[found][stronger]
        best_tie[at[stronger]] = line_tie[found][stronger]
        best_arc = np.concatenate([best_arc, line_arc[~found]])
        best_p = np.concatenate([best_p, line_p[~found]])
        best_tie = np.concatenate([best_tie, line_tie[~found]])
    chosen = _Chosen(best_tie.tolist(), ties, lines)  # each dict found when asked for
    tail, head = np.divmod(best_arc, max(size, 1))
    return ChosenArcs(nodes, tail, head, best_p, chosen)


def _ties_in_order(G: nx.MultiDiGraph, size: int
                   ) -> tuple[Any, list[tuple], Sequence[dict], list[tuple[int, int, dict]]]:
    """The ties of ``G`` but its reporting lines in the order of its adjacency, as
    :func:`reach_arcs` values them: their people (``tail * size + head`` by node position,
    numpy), value keys and attribute dicts; and the reporting lines (tail, head, dict)."""
    import numpy as np

    key_of = operator.itemgetter(*_VALUE_KEY)
    columns = pending_ties(G)
    if columns is not None:  # from the columns, no tie's dict made (TieData)
        order = columns.walk_order()
        kinds = tie_column(columns.data, "type")
        line = np.fromiter(map(REPORTING.__contains__, kinds), dtype=bool,
                           count=len(kinds))[order]
        kept, lines = order[~line], order[line]
        keys = list(zip(*(tie_column(columns.data, c) for c in _VALUE_KEY), strict=True))
        return (columns.tail[kept] * size + columns.head[kept], picked(keys, kept),
                Gathered(columns.data, kept),
                list(zip(columns.tail[lines].tolist(), columns.head[lines].tolist(),
                         picked(columns.data, lines), strict=True)))
    position = {n: i for i, n in enumerate(G)}
    pairs: list[int] = []  # each tie's people (tail * size + head), value key and data
    tie_keys: list[tuple] = []
    ties = []
    recorded_lines: list[tuple[int, int, dict]] = []  # recorded subordinate → superior
    for u, following in G._succ.items():
        i = position[u]
        for v, keys in following.items():
            j = position[v]
            for data in keys.values():
                if data["type"] in REPORTING:
                    recorded_lines.append((i, j, data))
                    continue
                try:
                    key = key_of(data)
                except KeyError:  # a graph made by hand may leave attributes out
                    key = tuple(map(data.get, _VALUE_KEY))
                pairs.append(i * size + j)
                tie_keys.append(key)
                ties.append(data)
    return np.array(pairs, dtype=np.int64), tie_keys, ties, recorded_lines


def picked(items: Sequence[Any], index: Any) -> list[Any]:
    """``[items[k] for k in index]`` (a numpy array of positions), gathered in C (a
    neighbourhood's 664,000 arcs at 1,000,000 people: 0.1 s the list comprehension's way)."""
    if index.size < 2:
        return [items[k] for k in index.tolist()]
    return list(operator.itemgetter(*index.tolist())(items))


def _first_best(arc: Any, seq: Any, key: Any) -> Any:
    """For each distinct ``arc``, the candidate with the highest ``key``, the lowest ``seq``
    among equals; the winners in the order of each arc's lowest ``seq`` (as a dictionary
    keeps its keys in the order first set)."""
    import numpy as np

    if not arc.size:
        return np.zeros(0, dtype=np.int64)
    # one stable sort of one integer (the arc, then the key's rank downwards) over the
    # candidates taken in seq order, where it fits in 63 bits: a third quicker than sorting
    # by the three (648,000 candidates at 1,000,000 people: 0.14 → 0.09 s)
    if key.dtype.kind in "iu":
        rank = key - key.min()
    else:
        _, rank = np.unique(key, return_inverse=True)
    width = int(rank.max()) + 1
    if (int(arc.max()) + 1) * width < 2**62 and int(arc.min()) >= 0:
        by_seq = np.argsort(seq)
        order = by_seq[np.argsort(arc[by_seq] * width + (width - 1 - rank[by_seq]),
                                  kind="stable")]
    else:
        order = np.lexsort((seq, -key, arc))
    grouped = arc[order]
    starts = np.flatnonzero(np.concatenate([[True], grouped[1:] != grouped[:-1]]))
    first = np.minimum.reduceat(seq[order], starts)
    return order[starts][np.argsort(first, kind="stable")]


def _arc_graph(nodes: Iterable[str], arcs: Iterable[tuple[str, str, dict]]) -> nx.DiGraph:
    """The :class:`networkx.DiGraph` of ``nodes`` and ``arcs`` (between those nodes, each
    pair once, each attribute dict taken as it is), arcs in the order given.

    Writes the adjacency dicts a NetworkX DiGraph keeps (``_succ[u][v]`` and
    ``_pred[v][u]``, one attribute dict) rather than calling ``add_edges_from``, which looks
    each arc up again and copies its attributes: 0.49 of the 0.7 s that valuing a project's
    neighbourhood at 100,000 people took (127,000 arcs), about 0.1 s this way.
    ``tests/analysis/test_network.py`` checks the result equals what ``add_edges_from``
    builds, arcs and their order included.
    """
    H = nx.DiGraph()
    H.add_nodes_from(nodes)
    successors, predecessors = H._succ, H._pred
    for a, b, data in arcs:
        successors[a][b] = data
        predecessors[b][a] = data
    return H


def chain_hops(H: nx.DiGraph, nodes: list[str], as_of: dt.date,
               model: TieModel = DEFAULT_MODEL) -> list[Hop]:
    """The hops along a chain of people in the reach graph valued as of ``as_of`` under
    ``model`` (the arcs' recorded ties, explained)."""
    return [model.hop(a, b, H[a][b]["tie"], as_of) for a, b in itertools.pairwise(nodes)]


def chain_probability(H: nx.DiGraph, nodes: list[str]) -> float:
    """The probability that a request passes the whole chain (product of its hops)."""
    return math.prod(H[a][b]["p"] for a, b in itertools.pairwise(nodes))


def arc_cost(skip: Collection[str]) -> Callable[[str, str, dict], float | None]:
    """A Dijkstra weight on the reach graph: an arc's ``cost``, or None (no arc) into a
    person in ``skip`` — the graph without them, with no copy or view made.

    Example
    -------
    >>> H = nx.DiGraph()
    >>> H.add_edge("s", "a", cost=1.0); H.add_edge("a", "t", cost=1.0)
    >>> H.add_edge("s", "t", cost=5.0)
    >>> nx.dijkstra_path(H, "s", "t", weight=arc_cost({"a"}))
    ['s', 't']
    """
    return lambda _, v, arc: None if v in skip else arc["cost"]


def region_graph(H: nx.DiGraph, keep: Collection[str], *, not_into: Collection[str] = ()
                 ) -> nx.DiGraph:
    """The reach graph on the people in ``keep`` only, without the arcs into ``not_into``
    people (each arc's attributes copied shallowly, as :meth:`networkx.Graph.copy` does).

    People and arcs come in ``H``'s own order, whatever the order of ``keep``
    (``H.subgraph(keep)`` walks a set when ``keep`` is small, which Python orders anew on
    every run): so that among equally good chains or cuts the same one comes first every
    time.

    Example
    -------
    >>> H = nx.DiGraph([("s", "a"), ("a", "t"), ("s", "t"), ("t", "s")])
    >>> list(region_graph(H, {"t", "s"}).edges())
    [('s', 't'), ('t', 's')]
    >>> list(region_graph(H, {"t", "s"}, not_into={"s"}).edges())
    [('s', 't')]
    """
    region = [n for n in H if n in keep]
    R = nx.DiGraph()
    R.add_nodes_from(region)
    R.add_edges_from((a, b, arc) for a in region for b, arc in H.succ[a].items()
                     if b in keep and b not in not_into)
    return R

