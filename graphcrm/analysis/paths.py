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

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import networkx as nx

from graphcrm.analysis.model import Hop
from graphcrm.analysis.network import (
    chain_region,
    competitor_staff,
    our_people,
    region_graph,
    stance_of,
)
from graphcrm.analysis.valued import ValuedGraph
from graphcrm.domain import PersonStatus, Stance
from graphcrm.errors import BadArgument, Conflict, LookupFailed
from graphcrm.results import Block, Part, Result, plain
from graphcrm.words import Said, joined, word

__all__ = ["InfluencePath", "PathResult", "influence_paths"]

_START = "\x00ours"
_MAX_CANDIDATES = 500  # Yen candidates examined before giving up on more paths


@dataclass(frozen=True)
class InfluencePath:
    """One chain from one of our people to the target. ``opposed``: the people on it (the
    target aside) who oppose us or doubt us in the project — a chain through them is flagged,
    not hidden, unless ``avoid_opponents`` leaves them out."""

    rank: int
    nodes: list[str]
    names: list[str]
    strength: float
    hops: list[Hop]
    opposed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The path as plain data: rank, nodes, names, strength, the opposed people on it and
        per-hop detail."""
        return {"rank": self.rank, "nodes": self.nodes, "names": self.names,
                "strength": round(self.strength, 4), "opposed": self.opposed,
                "hops": [h.as_dict() for h in self.hops]}


@dataclass(frozen=True)
class PathResult(Result):
    """The best chains to ``target``, or why there are none (``why``: a catalogue key and
    its values; ``reason``: the same in English)."""

    target: str
    sources: list[str]
    paths: list[InfluencePath] = field(default_factory=list)
    why: tuple[str, dict[str, Any]] | None = None
    target_name: str = ""

    kind = "path"

    @property
    def reason(self) -> str | None:
        """Why there is no path, in English (None when there are paths)."""
        return self.reason_in("en")

    def reason_in(self, lang: str) -> str | None:
        """Why there is no path, in ``lang``."""
        if self.why is None:
            return None
        key, values = self.why
        return word(key, lang, **values)

    def records(self) -> list[dict[str, Any]]:
        """One record per path (the JSON output)."""
        return plain([p.as_dict() for p in self.paths])

    def parts(self) -> dict[str, Part]:
        """``hops``: one row per hop (rank, chain strength, who to whom by id and name, tie
        type, strength, strength today, level, last contact — None, with ``undated`` True,
        when the tie has no date — and, along a reporting line, ``direction``: ``down`` when
        the superior passes the request to their subordinate, ``up`` the other way)."""
        rows = []
        for path in self.paths:
            for step, (hop, name_from, name_to) in enumerate(
                zip(path.hops, path.names, path.names[1:], strict=False), start=1
            ):
                rows.append({
                    "rank": path.rank, "chain": round(path.strength, 3), "hop": step,
                    "from_id": hop.source, "from": name_from, "to_id": hop.target,
                    "to": name_to, "tie": hop.type,
                    "strength": hop.strength, "now": round(hop.effective_strength, 1),
                    "level": hop.level, "last_contact": hop.last_contact,
                    "undated": hop.undated, "direction": hop.direction,
                })
        columns = ["rank", "chain", "hop", "from_id", "from", "to_id", "to", "tie", "strength",
                   "now", "level", "last_contact", "undated", "direction"]
        return {"hops": Part(columns, rows, shown=(
            "rank", "chain", "hop", "from", "to", "tie", "strength", "now", "level",
            "last_contact"))}

    def blocks(self, lang: str) -> list[Block]:
        if not self.paths:
            return [Block(word("path.none", lang, reason=self.reason_in(lang)))]
        out: list[Block] = []
        hops = self.part("hops").rows
        shown_columns = ["hop", "from", "to", "tie", "strength", "now", "level", "last_contact"]
        for path in self.paths:
            out.append(Block(word("path.head", lang, rank=path.rank, strength=path.strength,
                                  hops=word("hops", lang, n=len(path.hops)),
                                  names=" → ".join(path.names))))
            if path.opposed:
                out.append(Block(word("path.warn", lang, text=word(
                    "path.through_opponent", lang, names=joined(path.opposed, lang))),
                    indent="    "))
            out.append(self.table("hops", lang, shown_columns, indent="    ", rows=[
                {**r, "last_contact": "undated" if r["undated"] else r["last_contact"],
                 # a reporting line the way it runs: "经上级引荐" down, "向上级汇报" up
                 "tie": f"{r['tie']}.{r['direction']}" if r["direction"] else r["tie"]}
                for r in hops if r["rank"] == path.rank]))
            out.append(Block())
        return out[:-1]


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
    for rank, nodes in enumerate(_best_paths(V.reach, usable, target, k, max_hops, excluded),
                                 start=1):
        hops = V.hops(nodes)
        opposed = [G.nodes[n]["name"] for n in nodes[:-1]
                   if _stances(G, n, projects) & _shunned(strict=True)]
        paths.append(InfluencePath(rank, nodes, [G.nodes[n]["name"] for n in nodes],
                                   math.prod(h.probability for h in hops), hops, opposed))
    why = None if paths else _why_none(V, starts, target, max_hops, excluded)
    return PathResult(target, starts, paths, why, G.nodes[target]["name"])


def _best_paths(H: nx.DiGraph, sources: list[str], target: str, k: int,
                max_hops: int, excluded: set[str]) -> list[list[str]]:
    keep = chain_region(H, sources, target, max_hops, excluded=excluded)  # none of excluded
    if target not in keep:
        return []
    search = region_graph(H, keep, not_into=set(sources))
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
              excluded: set[str]) -> tuple[str, dict[str, Any]]:
    G, whole = V.people, V.reach
    name = G.nodes[target]["name"]
    if not sources:
        return "path.no_sources", {}
    lengths = nx.multi_source_dijkstra_path_length(whole, set(sources), weight=lambda *_: 1)
    if target not in lengths:
        return "path.unreachable", {"name": name}
    if lengths[target] > max_hops:
        return "path.too_long", {"max_hops": max_hops, "shortest": lengths[target]}
    # the avoided people who lie on some chain short enough
    blocking = sorted(chain_region(whole, sources, target, max_hops) & excluded - {target})
    return "path.blocked", {"max_hops": max_hops,
                            "names": ", ".join(G.nodes[n]["name"] for n in blocking) or "?"}
