"""One valued graph per question: the people graph with its ties valued once.

Every analysis and the map answer a question about the same network as of one date under one
:class:`~graphcrm.analysis.model.TieModel`. :func:`value` builds that once — the reach graph
(:func:`~graphcrm.analysis.network.reach_graph`: arcs with ``p``, ``cost`` and ``tie``) from
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
>>> round(V.hops(["a", "b"])[0].effective_strength, 2)
3.0
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx

from graphcrm.analysis.model import DEFAULT_MODEL, Hop, TieModel
from graphcrm.analysis.network import ChosenArcs, chain_hops, graph_of_arcs, reach_arcs

if TYPE_CHECKING:  # numpy is imported by the questions that search whole graphs only
    from graphcrm.analysis.compact import Compact

__all__ = ["ValuedGraph", "Arcs", "value"]


class Arcs(NamedTuple):
    """The reach graph's arcs as columns (numpy arrays), for whole-graph measures in C.

    ``nodes[i]`` is the person at position ``i`` (the reach graph's node order) and
    ``position`` its inverse; arc ``k`` runs from ``nodes[source[k]]`` to ``nodes[target[k]]``
    with probability ``p[k]`` and cost ``cost[k]``, in the order of
    ``reach.edges(data=True)``.
    """

    nodes: list[str]
    position: Mapping[str, int]
    source: Any
    target: Any
    p: Any
    cost: Any

    def without(self, excluded: Collection[str]) -> Any:
        """A boolean mask of the arcs that touch none of the ``excluded`` people."""
        import numpy as np

        out = np.zeros(len(self.nodes), dtype=bool)
        out[[self.position[n] for n in excluded if n in self.position]] = True
        return ~(out[self.source] | out[self.target])


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
        (``-log p``) and ``tie`` (the recorded tie). Given, or made when first asked for
        from ``chosen``.
    as_of, model
        The date and the :class:`TieModel` every tie was valued with.
    chosen
        The reach graph's arcs as columns (:func:`~graphcrm.analysis.network.reach_arcs`),
        valued when first asked for (None when the reach graph is given): the questions
        that search whole neighbourhoods as arrays (:attr:`compact`) then never make the
        NetworkX graph (at 1,000,000 people, 664,000 arcs: 1.5 s); and a question looks at
        the people while a store still reads the ties
        (:meth:`graphcrm.records.TieRows.later`).
    """

    people: nx.MultiDiGraph
    given: nx.DiGraph | None
    as_of: dt.date
    model: TieModel
    _matrices: dict[frozenset[str], Any] = field(
        default_factory=dict, repr=False)

    @functools.cached_property
    def chosen(self) -> ChosenArcs | None:
        if self.given is not None:
            return None
        return reach_arcs(self.people, as_of=self.as_of, model=self.model)

    @functools.cached_property
    def reach(self) -> nx.DiGraph:
        if self.given is not None:
            return self.given
        assert self.chosen is not None
        return graph_of_arcs(self.chosen)

    def tie(self, u: str, v: str, data: Mapping[str, Any]) -> Hop:
        """One recorded tie (edge attributes ``data`` of the people graph) valued as every
        other tie of this graph is (same date, same model)."""
        return self.model.hop(u, v, data, self.as_of)

    def hops(self, nodes: list[str]) -> list[Hop]:
        """The hops along a chain of people, each its best tie explained."""
        if self.given is not None or "reach" in self.__dict__:
            return chain_hops(self.reach, nodes, self.as_of, self.model)
        C = self.compact  # the arrays, when the question made them and not the graph
        ties = [C.ties[k] for a, b in itertools.pairwise(nodes)  # type: ignore[index]
                if (k := C.arc(a, b)) is not None]
        if len(ties) != len(nodes) - 1:
            raise KeyError(f"no arc along {nodes}")
        return [self.model.hop(a, b, tie, self.as_of)
                for (a, b), tie in zip(itertools.pairwise(nodes), ties, strict=True)]

    @functools.cached_property
    def arcs(self) -> Arcs:
        """The reach graph's arcs as columns (:class:`Arcs`), built once (from
        :attr:`compact`, whose arcs come in the same order)."""
        C = self.compact
        return Arcs(C.nodes, C.position, C.tail, C.head, C.p, C.cost)

    @functools.cached_property
    def compact(self) -> Compact:
        """The reach graph as compact adjacency arrays, for whole-graph searches
        (:class:`~graphcrm.analysis.compact.Compact`), built once."""
        from graphcrm.analysis.compact import Compact

        if self.chosen is None:
            return Compact.of(self.reach)
        return Compact.from_arcs(*self.chosen)

    def cost_matrix(self, excluded: Collection[str] = ()) -> Any:
        """The reach graph as a sparse matrix of arc costs (``scipy.sparse.csr_matrix``, row
        and column by :attr:`arcs` position: the cost of ``u → v``) without the arcs of
        ``excluded`` people; built once per exclusion."""
        key = frozenset(excluded)
        if key not in self._matrices:
            from scipy import sparse

            arcs = self.arcs
            kept = arcs.without(key)
            size = len(arcs.nodes)
            self._matrices[key] = sparse.csr_matrix(
                (arcs.cost[kept], (arcs.source[kept], arcs.target[kept])), shape=(size, size))
        return self._matrices[key]

    def distance_table(self, people: Collection[str], excluded: Collection[str] = (), *,
                       reverse: bool = False) -> tuple[list[str], Any]:
        """:meth:`distances` as an array: the people of ``people`` in the graph and not
        ``excluded`` (in their order), and a matrix with a row for each of them and a column
        for everyone (by :attr:`arcs` position), ``inf`` where there is no chain — for
        questions from many people at once, which need no dictionary per person."""
        import numpy as np
        from scipy.sparse import csgraph

        index = self.arcs.position
        matrix = self.cost_matrix(excluded)
        wanted = [t for t in people if t in index and t not in excluded]
        if not wanted:
            return [], np.zeros((0, len(self.arcs.nodes)))
        return wanted, csgraph.dijkstra(matrix.T.tocsr() if reverse else matrix,
                                        directed=True, indices=[index[t] for t in wanted])

    def nearest(self, people: Collection[str], excluded: Collection[str] = ()) -> Any:
        """The cost of the best chain from any of ``people`` to everyone (an array by
        :attr:`arcs` position, ``inf`` where none), never through ``excluded`` people: the
        least of their :meth:`distance_table` rows, found by one Dijkstra from all of them
        at once (float addition is monotone, so the least float sum is the same)."""
        import numpy as np
        from scipy.sparse import csgraph

        index = self.arcs.position
        wanted = [index[t] for t in people if t in index and t not in excluded]
        if not wanted:
            return np.full(len(self.arcs.nodes), np.inf)
        return csgraph.dijkstra(self.cost_matrix(excluded), directed=True, indices=wanted,
                                min_only=True)

    def distances(self, people: Collection[str], excluded: Collection[str] = (), *,
                  reverse: bool = False) -> dict[str, dict[str, float]]:
        """For each of ``people``, the cost of the best chain to everyone they reach (or,
        with ``reverse``, from everyone who reaches them), never through ``excluded``
        people: the values :func:`networkx.single_source_dijkstra_path_length` gives (on the
        reversed graph with ``reverse``), computed in C by
        :func:`scipy.sparse.csgraph.dijkstra` from all of them at once."""
        import numpy as np

        found: dict[str, dict[str, float]] = {t: {} for t in people}
        wanted, table = self.distance_table(people, excluded, reverse=reverse)
        names = np.array(self.arcs.nodes, dtype=object)
        for t, row in zip(wanted, table, strict=True):
            reached = np.flatnonzero(np.isfinite(row))
            found[t] = dict(zip(names[reached].tolist(), row[reached].tolist(), strict=True))
        return found


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
    return ValuedGraph(G, None, as_of, model)
