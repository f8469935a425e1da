"""One valued graph per question: the people graph with its ties valued once.

Every analysis and the map answer a question about the same network as of one date under one
:class:`~graphcrm.analysis.model.TieModel`. :func:`value` builds that once — the reach graph
(:func:`~graphcrm.analysis.network.reach_graph`: arcs with ``p``, ``cost`` and ``hop``) from
the people graph, the date and the model — and the :class:`ValuedGraph` it returns is handed
to every analysis (``influence_paths(V, …)``, ``coverage_gaps(V, …)``) and to the map, so
that none of them values a tie again or decides the date for itself. The API decides
``as_of`` (default: today) at its boundary; nothing below it has a default date.

Example
-------
>>> import datetime as dt
>>> G = nx.MultiDiGraph()
>>> _ = G.add_edge("a", "b", key="KNOWS", type="KNOWS", strength=5, last_contact="2026-01-01")
>>> V = value(G, dt.date(2026, 6, 30))
>>> round(V.reach["a"]["b"]["hop"].effective_strength, 2)
3.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphcrm.analysis.model import DEFAULT_MODEL, Hop, TieModel
from graphcrm.analysis.network import reach_graph

__all__ = ["ValuedGraph", "value"]


@dataclass(frozen=True, eq=False)
class ValuedGraph:
    """The people graph and its reach graph, valued as of ``as_of`` under ``model``.

    Attributes
    ----------
    people
        The people graph (:func:`graphcrm.graph.build_graph`): facts about people and every
        tie as recorded.
    reach
        The graph requests travel on: for each ordered pair the best tie's ``p``, ``cost``
        (``-log p``) and ``hop``.
    as_of, model
        The date and the :class:`TieModel` every tie was valued with.
    """

    people: nx.MultiDiGraph
    reach: nx.DiGraph
    as_of: dt.date
    model: TieModel

    def tie(self, u: str, v: str, data: Mapping[str, Any]) -> Hop:
        """One recorded tie (edge attributes ``data`` of the people graph) valued as every
        other tie of this graph is (same date, same model)."""
        return self.model.hop(u, v, dict(data), self.as_of)

    def without(self, excluded: Collection[str]) -> nx.DiGraph:
        """The reach graph without the people in ``excluded`` (a read-only view; the graph
        itself when nobody is excluded)."""
        if not excluded:
            return self.reach
        return nx.restricted_view(self.reach, [n for n in excluded if n in self.reach], [])


def value(G: nx.MultiDiGraph, as_of: dt.date, model: TieModel = DEFAULT_MODEL) -> ValuedGraph:
    """Value the ties of the people graph ``G`` once, as of ``as_of`` under ``model``.

    Parameters
    ----------
    G
        The people graph.
    as_of
        The date ties are valued at (decided by the caller: the API takes today when the user
        names no date).
    model
        Strength → probability and decay.

    Returns
    -------
    ValuedGraph

    Example
    -------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="KNOWS", type="KNOWS", strength=4)
    >>> value(G, dt.date(2026, 1, 1)).reach["b"]["a"]["p"]
    0.8
    """
    return ValuedGraph(G, reach_graph(G, as_of=as_of, model=model), as_of, model)
