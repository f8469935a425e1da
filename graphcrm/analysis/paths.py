"""Influence paths: the strongest chains of relationships from our people to a target.

A chain's strength is the product of its ties' probabilities (:mod:`graphcrm.analysis.model`),
so the best chains are the shortest paths under ``-log p``; the k best simple chains under
the hop limit come from one search from all of our people at once
(:meth:`graphcrm.analysis.compact.Compact.k_best_chains`: a hop-bounded bound over the
reach graph's arrays, then A* back from the target — exact under the limit, where Yen's
algorithm, which it replaced, knows no limit);
a chain never runs through a second one of our people. Among equal chains, the fewest ties
first, then by the people's ids.

References
----------
P. E. Hart, N. J. Nilsson, B. Raphael, "A formal basis for the heuristic determination of
minimum cost paths", IEEE Transactions on Systems Science and Cybernetics 4(2), 1968.
J. Y. Yen, "Finding the k shortest loopless paths in a network", Management Science 17(11),
1971 (the search used before).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graphcrm.analysis.compact import UNREACHED, Compact
from graphcrm.analysis.network import competitor_staff, our_people, stance_of
from graphcrm.analysis.valued import ValuedGraph
from graphcrm.domain import PersonStatus, Stance
from graphcrm.errors import BadArgument, Conflict, LookupFailed
from graphcrm.reports.paths import InfluencePath, PathResult
from graphcrm.words import Said

__all__ = ["InfluencePath", "PathResult", "influence_paths"]



def _stances(G: nx.MultiDiGraph, person: str, projects: list[str]) -> set[str]:
    return {s for p in projects if (s := stance_of(G, person, p))}


def _shunned(strict: bool) -> set[str]:
    return {Stance.OPPONENT.value} | ({Stance.SKEPTIC.value} if strict else set())


def _refuse_former(G: nx.MultiDiGraph, person: str) -> None:
    """Refuse a chain to or from someone no longer in post (see :mod:`graphcrm.graph`)."""
    record = G.graph.get("former", {}).get(person)
    if record is not None:
        raise Conflict(Said("error.former_since" if record.get("status_since")
                            else "error.former", name=record["name"],
                            status=PersonStatus(record["status"]),
                            since=record.get("status_since")))


def _stance_projects(G: nx.MultiDiGraph, target: str, project: str | None) -> list[str]:
    """The projects whose stances count: ``project``, else every project the target is a
    stakeholder of."""
    return [project] if project is not None else sorted(G.nodes[target]["projects"])


def _excluded(
    G: nx.MultiDiGraph, projects: list[str], avoid: Iterable[str], avoid_opponents: bool,
    strict: bool, include_competitors: bool, starts: Iterable[str] = (),
) -> set[str]:
    excluded = set(avoid)
    if avoid_opponents:
        shunned = _shunned(strict)
        excluded |= {n for n in G if _stances(G, n, projects) & shunned}
    if not include_competitors:
        excluded |= competitor_staff(G, keep=starts)
    return excluded


def influence_paths(
    V: ValuedGraph,
    target: str,
    sources: Iterable[str] | None = None,
    *,
    project: str | None = None,
    k: int = 3,
    max_hops: int = 4,
    avoid: Iterable[str] = (),
    avoid_opponents: bool = False,
    strict: bool = False,
    include_competitors: bool = False,
) -> PathResult:
    """The ``k`` strongest chains from our people (or ``sources``) to ``target``.

    Parameters
    ----------
    V
        The valued graph (:func:`~graphcrm.analysis.valued.value`: ties valued as of one
        date under one model).
    target
        The person to reach (an id).
    sources
        Who starts the chain; default: our people (the project's bid team, or everyone at
        our own organizations).
    project
        The project whose stances ``avoid_opponents`` reads and whose bid team starts.
    k, max_hops
        How many chains, and how many ties each may have at most.
    avoid
        People no chain may pass through.
    avoid_opponents, strict
        Pass through nobody whose stance in ``project`` is opponent (or skeptic too); with
        no project, their stance in any project the target is a stakeholder of (refused when
        the target is a stakeholder of none). Chains are flagged (``opposed``) when they pass
        an opponent or skeptic either way.
    include_competitors
        Let chains pass through competitor staff (never, by default).

    Returns
    -------
    PathResult
        Paths best first, each with its hops; or none and the reason.

    Example
    -------
    >>> import datetime as dt
    >>> from graphcrm.analysis.valued import value
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("us", name="Us", org_kind="own", projects={})
    >>> G.add_node("x", name="X", org_kind="customer", projects={})
    >>> G.add_node("dm", name="DM", org_kind="customer", projects={})
    >>> for a, b, s in [("us", "x", 5), ("x", "dm", 4)]:
    ...     _ = G.add_edge(a, b, key="KNOWS", type="KNOWS", strength=s)
    >>> r = influence_paths(value(G, dt.date(2026, 1, 1)), "dm")
    >>> r.paths[0].nodes, round(r.paths[0].strength, 2)
    (['us', 'x', 'dm'], 0.76)
    """
    G = V.people
    if k < 1 or max_hops < 1:
        raise BadArgument(Said("error.k_hops", k=k, max_hops=max_hops))
    for person in (target, *(sources or ())):
        _refuse_former(V.people, person)
    if target not in G:
        raise LookupFailed(f"nobody with id {target!r}")
    starts = sorted(set(sources) if sources is not None else our_people(G, project))
    if target in starts:
        raise LookupFailed(Said("error.our_side", name=G.nodes[target]["name"]))
    projects = _stance_projects(G, target, project)
    if avoid_opponents and not projects:
        raise Conflict(Said("error.avoid_needs_project", name=G.nodes[target]["name"]))
    excluded = _excluded(G, projects, avoid, avoid_opponents, strict, include_competitors,
                         starts)
    excluded -= {target}
    usable = [s for s in starts if s not in excluded]
    paths = []
    for rank, nodes in enumerate(_best_paths(V.compact, usable, target, k, max_hops,
                                             excluded), start=1):
        hops = V.hops(nodes)
        opposed = [G.nodes[n]["name"] for n in nodes[:-1]
                   if _stances(G, n, projects) & _shunned(strict=True)]
        paths.append(InfluencePath(rank, nodes, [G.nodes[n]["name"] for n in nodes],
                                   math.prod(h.probability for h in hops), hops, opposed))
    why = None if paths else _why_none(V, starts, target, max_hops, excluded)
    return PathResult(target, starts, paths, why, G.nodes[target]["name"])


def _best_paths(C: Compact, sources: list[str], target: str, k: int,
                max_hops: int, excluded: set[str]) -> list[list[str]]:
    """The k best chains under the hop limit (:meth:`Compact.k_best_chains`: exact, in a
    defined order among equal chains)."""
    return [nodes for _, nodes in C.k_best_chains(sources, target, k, max_hops,
                                                  excluded=excluded)]


def _why_none(V: ValuedGraph, sources: list[str], target: str, max_hops: int,
              excluded: set[str]) -> tuple[str, dict[str, Any]]:
    G, C = V.people, V.compact
    name = G.nodes[target]["name"]
    if not sources:
        return "path.no_sources", {}
    shortest = int(C.hop_distances(sources, len(C.nodes))[C.position[target]])
    if shortest == UNREACHED:
        return "path.unreachable", {"name": name}
    if shortest > max_hops:
        return "path.too_long", {"max_hops": max_hops, "shortest": shortest}
    # the avoided people who lie on some chain short enough
    region = C.people_in(C.chain_region(sources, target, max_hops))
    blocking = sorted(region & excluded - {target})
    return "path.blocked", {"max_hops": max_hops,
                            "names": ", ".join(G.nodes[n]["name"] for n in blocking) or "?"}
