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
from collections.abc import Callable, Collection, Iterable

import networkx as nx

from graphcrm.analysis.model import DEFAULT_MODEL, DOWN, Hop, TieModel
from graphcrm.domain import DECISION_ROLES, OrgKind, TieType, our_side
from graphcrm.errors import LookupFailed
from graphcrm.graph import REPORTING
from graphcrm.words import Said

__all__ = [
    "reach_graph", "reach_arcs", "graph_of_arcs", "our_people", "decision_stakeholders",
    "stance_of", "roles_of",
    "require_project", "chain_hops", "chain_probability", "competitor_staff", "arc_cost",
    "region_graph",
]

_ONE_WAY = {t.value for t in TieType if t.requests_one_way}  # the rule: TieType


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
    return our_side(((n, d.get("org_kind"), {p: e["roles"] for p, e in d["projects"].items()})
                     for n, d in G.nodes(data=True)), project)


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
    kept = set(keep)
    return {n for n, d in G.nodes(data=True)
            if d.get("org_kind") == OrgKind.COMPETITOR.value and n not in kept}


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
    return graph_of_arcs(G, reach_arcs(G, as_of=as_of, model=model))


def graph_of_arcs(nodes: Iterable[str], chosen: tuple[list[str], list[str], list[float],
                                                       list[dict]]) -> nx.DiGraph:
    """The reach graph on ``nodes`` of the arcs :func:`reach_arcs` chose (tails, heads,
    probabilities, recorded ties), in their order: arcs with ``p``, ``cost`` and ``tie``."""
    tails, heads, probabilities, ties = chosen
    return _arc_graph(nodes, ((a, b, {"p": p, "cost": -math.log(p), "tie": data})
                              for a, b, p, data in zip(tails, heads, probabilities, ties,
                                                       strict=True)))


def reach_arcs(G: nx.MultiDiGraph, *, as_of: dt.date, model: TieModel = DEFAULT_MODEL
               ) -> tuple[list[str], list[str], list[float], list[dict]]:
    """The arcs of :func:`reach_graph` as columns, in the order it adds them: their tails,
    heads, probabilities and recorded ties (the rule is :func:`reach_graph`'s)."""
    valued: dict[tuple, float] = {}
    latest: dict[tuple[str, str], tuple[str, float, dict]] = {}  # by the pair's evidence
    lines: dict[tuple[str, str], tuple[float, dict]] = {}  # reporting lines, by strength
    edges = ((u, v, data) for u, following in G._succ.items() for v, keys in following.items()
             for data in keys.values())  # G.edges(data=True) in order, from the dicts
    for u, v, data in edges:
        if data["type"] in REPORTING:  # up to the superior as recorded, down the other way
            for arc, tie in (((u, v), data), ((v, u), {**data, "direction": DOWN})):
                line_key = (data["type"], tie.get("direction"))
                p = valued.get(line_key)
                if p is None:
                    p = valued[line_key] = model.hop(*arc, tie, as_of).probability
                line = lines.get(arc)
                if line is None or line[0] < p:
                    lines[arc] = (p, tie)
            continue
        key = (data["type"], data.get("strength"), data.get("last_contact"), data.get("level"))
        p = valued.get(key)
        if p is None:
            p = valued[key] = model.hop(u, v, data, as_of).probability
        for arc in ((u, v),) if data["type"] in _ONE_WAY else ((u, v), (v, u)):
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

