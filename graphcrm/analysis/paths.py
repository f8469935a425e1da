"""Influence paths: the strongest chains of relationships from our people to a target.

A chain's strength is the product of its ties' probabilities (:mod:`graphcrm.analysis.model`),
so the best chains are the shortest paths under ``-log p``; the k best simple paths come from
Yen's algorithm (Yen 1971) as NetworkX implements it in
:func:`networkx.shortest_simple_paths`. Our people are joined to one virtual start, so that
"from all of us" is one search; a chain never runs through a second one of our people.

References
----------
J. Y. Yen, "Finding the k shortest loopless paths in a network", Management Science 17(11),
1971.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import networkx as nx
import pandas as pd

from graphcrm.analysis.model import Hop
from graphcrm.analysis.network import (
    chain_region,
    competitor_staff,
    our_people,
    stance_of,
)
from graphcrm.analysis.valued import ValuedGraph
from graphcrm.domain import Stance
from graphcrm.errors import LookupFailed

__all__ = ["InfluencePath", "PathResult", "influence_paths"]

_START = "\x00ours"
_MAX_CANDIDATES = 500  # Yen candidates examined before giving up on more paths


@dataclass(frozen=True)
class InfluencePath:
    """One chain from one of our people to the target."""

    rank: int
    nodes: list[str]
    names: list[str]
    strength: float
    hops: list[Hop]

    def as_dict(self) -> dict[str, Any]:
        """The path as plain data: rank, nodes, names, strength and per-hop detail."""
        return {"rank": self.rank, "nodes": self.nodes, "names": self.names,
                "strength": round(self.strength, 4), "hops": [h.as_dict() for h in self.hops]}


@dataclass(frozen=True)
class PathResult:
    """The best chains to ``target``, or why there are none (``reason``)."""

    target: str
    sources: list[str]
    paths: list[InfluencePath] = field(default_factory=list)
    reason: str | None = None

    def records(self) -> list[dict[str, Any]]:
        """One record per path (the JSON output)."""
        return [p.as_dict() for p in self.paths]

    def to_frame(self, G: nx.MultiDiGraph | None = None) -> pd.DataFrame:
        """One row per hop: rank, chain strength, who to whom, tie type, strength, level, date."""
        rows = []
        for path in self.paths:
            for step, (hop, name_from, name_to) in enumerate(
                zip(path.hops, path.names, path.names[1:], strict=False), start=1
            ):
                rows.append({
                    "rank": path.rank, "chain": round(path.strength, 3), "hop": step,
                    "from": name_from, "to": name_to, "tie": hop.type,
                    "strength": hop.strength, "now": round(hop.effective_strength, 1),
                    "level": hop.level, "last_contact": hop.last_contact or
                    ("undated" if hop.undated else None),
                })
        columns = ["rank", "chain", "hop", "from", "to", "tie", "strength", "now", "level",
                   "last_contact"]
        return pd.DataFrame(rows, columns=columns)

    def _repr_html_(self) -> str:
        if not self.paths:
            return f"<p>No path to {html.escape(self.target)}: {html.escape(self.reason or '')}</p>"
        return self.to_frame().to_html(index=False)


def _excluded(
    G: nx.MultiDiGraph, project: str | None, avoid: Iterable[str], avoid_opponents: bool,
    strict: bool, allow_competitors: bool, starts: Iterable[str] = (),
) -> set[str]:
    excluded = set(avoid)
    if avoid_opponents and project is not None:
        shunned = {Stance.OPPONENT.value} | ({Stance.SKEPTIC.value} if strict else set())
        excluded |= {n for n in G if stance_of(G, n, project) in shunned}
    if not allow_competitors:
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
    allow_competitors: bool = False,
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
        Pass through nobody whose stance in ``project`` is opponent (or skeptic too).
    allow_competitors
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
    if target not in G:
        raise LookupFailed(f"nobody with id {target!r}")
    starts = sorted(set(sources) if sources is not None else our_people(G, project))
    if target in starts:
        raise LookupFailed(f"{G.nodes[target]['name']} is on our side: no path needed")
    excluded = _excluded(G, project, avoid, avoid_opponents, strict, allow_competitors,
                         starts)
    excluded -= {target}
    usable = [s for s in starts if s not in excluded]
    paths = []
    for rank, nodes in enumerate(_best_paths(V.reach, usable, target, k, max_hops, excluded),
                                 start=1):
        hops = V.hops(nodes)
        paths.append(InfluencePath(rank, nodes, [G.nodes[n]["name"] for n in nodes],
                                   math.prod(h.probability for h in hops), hops))
    reason = None
    if not paths:
        reason = _why_none(V, starts, target, max_hops, excluded)
    return PathResult(target, starts, paths, reason)


def _best_paths(H: nx.DiGraph, sources: list[str], target: str, k: int,
                max_hops: int, excluded: set[str]) -> list[list[str]]:
    keep = chain_region(H, sources, target, max_hops, excluded=excluded)  # none of excluded
    if target not in keep:
        return []
    search = H.subgraph(keep).copy()
    ours = set(sources)
    search.remove_edges_from([(a, b) for a, b in list(search.edges()) if b in ours])
    search.add_edges_from((_START, s, {"cost": 0.0}) for s in sources if s in keep)
    found: list[list[str]] = []
    for path in islice(nx.shortest_simple_paths(search, _START, target, weight="cost"),
                       _MAX_CANDIDATES):
        if len(path) - 2 <= max_hops:
            found.append(path[1:])
            if len(found) == k:
                break
    return found


def _why_none(V: ValuedGraph, sources: list[str], target: str, max_hops: int,
              excluded: set[str]) -> str:
    G, whole = V.people, V.reach
    name = G.nodes[target]["name"]
    if not sources:
        return "nobody on our side to start from"
    lengths = nx.multi_source_dijkstra_path_length(whole, set(sources), weight=lambda *_: 1)
    if target not in lengths:
        return f"no route: nobody on our side is connected to {name}"
    if lengths[target] > max_hops:
        return f"no route within {max_hops} hops (the shortest takes {lengths[target]})"
    # the avoided people who lie on some chain short enough
    blocking = sorted(chain_region(whole, sources, target, max_hops) & excluded - {target})
    names = ", ".join(G.nodes[n]["name"] for n in blocking) or "avoided people"
    return f"only through avoided people ({names}) within {max_hops} hops"
