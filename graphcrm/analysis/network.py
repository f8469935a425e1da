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
from collections.abc import Iterable

import networkx as nx

from graphcrm.analysis.model import DEFAULT_MODEL, Hop, TieModel
from graphcrm.domain import DECISION_ROLES, OrgKind, Role
from graphcrm.errors import LookupFailed

__all__ = [
    "reach_graph", "our_people", "decision_stakeholders", "stance_of", "roles_of",
    "require_project", "chain_hops", "chain_probability", "chain_region", "competitor_staff",
]

_ONE_WAY = {"INFLUENCES"}


def require_project(G: nx.MultiDiGraph, project: str) -> dict:
    """The project's record, or :class:`LookupFailed` naming the known projects."""
    projects = G.graph.get("projects", {})
    if project not in projects:
        known = ", ".join(sorted(projects)) or "none"
        raise LookupFailed(f"no project {project!r} (projects: {known})")
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
    """Our side: the project's bid team, or everyone at an ``own`` organization."""
    if project is not None:
        team = [n for n in G if Role.BID_TEAM.value in roles_of(G, n, project)]
        if team:
            return sorted(team)
    return sorted(n for n, d in G.nodes(data=True) if d["org_kind"] == OrgKind.OWN.value)


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


def decision_stakeholders(G: nx.MultiDiGraph, project: str) -> dict[str, int]:
    """The project's decision-making stakeholders with their influence (3 when unknown)."""
    require_project(G, project)
    wanted = {r.value for r in DECISION_ROLES}
    result = {}
    for person, data in G.nodes(data=True):
        entry = data["projects"].get(project)
        if entry and wanted.intersection(entry["roles"]) and data["org_kind"] != "own":
            result[person] = entry["influence"] or 3
    return dict(sorted(result.items()))


def reach_graph(
    G: nx.MultiDiGraph,
    *,
    as_of: dt.date,
    model: TieModel = DEFAULT_MODEL,
    exclude: Iterable[str] = (),
) -> nx.DiGraph:
    """The graph requests travel on, as of ``as_of``, without the people in ``exclude``.

    Parameters
    ----------
    G
        The people graph from :func:`graphcrm.graph.build_graph`.
    as_of
        The date ties are valued at.
    model
        Strength → probability and decay (:class:`TieModel`).
    exclude
        People to leave out (avoided people, opponents, competitor staff).

    Returns
    -------
    networkx.DiGraph
        Arcs with ``p``, ``cost`` = ``-log p`` and ``hop``; between two people only the best
        tie counts.

    Example
    -------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="KNOWS", type="KNOWS", strength=5, level=1, last_contact=None)
    >>> H = reach_graph(G, as_of=dt.date(2026, 1, 1))
    >>> H["a"]["b"]["p"], H["b"]["a"]["p"]
    (0.95, 0.95)
    """
    skip = set(exclude)
    H = nx.DiGraph()
    H.add_nodes_from(n for n in G if n not in skip)
    for u, v, data in G.edges(data=True):
        if u in skip or v in skip:
            continue
        arcs = [(u, v)] if data["type"] in _ONE_WAY else [(u, v), (v, u)]
        for a, b in arcs:
            hop = model.hop(a, b, data, as_of)
            if not H.has_edge(a, b) or H[a][b]["p"] < hop.probability:
                H.add_edge(a, b, p=hop.probability, cost=-math.log(hop.probability), hop=hop)
    return H


def chain_hops(H: nx.DiGraph, nodes: list[str]) -> list[Hop]:
    """The hops along a chain of people in the reach graph."""
    return [H[a][b]["hop"] for a, b in itertools.pairwise(nodes)]


def chain_probability(H: nx.DiGraph, nodes: list[str]) -> float:
    """The probability that a request passes the whole chain (product of its hops)."""
    return math.prod(H[a][b]["p"] for a, b in itertools.pairwise(nodes))


def chain_region(H: nx.DiGraph, sources: list[str], target: str, max_hops: int) -> set[str]:
    """People on some chain of at most ``max_hops`` ties from a source to the target.

    Example
    -------
    >>> H = nx.DiGraph([("s", "a"), ("a", "t"), ("s", "b"), ("b", "c"), ("c", "t")])
    >>> sorted(chain_region(H, ["s"], "t", 2))
    ['a', 's', 't']
    """
    if not sources or target not in H:
        return set()
    forward = nx.multi_source_dijkstra_path_length(H, set(sources), cutoff=max_hops,
                                                   weight=lambda *_: 1)
    backward = nx.single_source_shortest_path_length(H.reverse(copy=False), target,
                                                     cutoff=max_hops)
    return {n for n, d in forward.items() if n in backward and d + backward[n] <= max_hops}
