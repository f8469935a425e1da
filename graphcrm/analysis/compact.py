"""The reach graph as compact adjacency arrays: whole-graph searches in numpy.

A project's neighbourhood at 100,000 people holds about 15,000 people and 127,000 arcs, and
``gaps`` searches all of it several times (hop distances from our people, back from each
stakeholder, the best introductions to a stakeholder's contacts). Walking NetworkX's
adjacency dicts costs a dictionary look-up per arc per search; :class:`Compact` keeps the
same arcs as arrays (a CSR layout: each person's successors in the reach graph's own order,
and the same arcs grouped by their head for searches against the arcs) so that a level of a
search is a handful of numpy operations over the arcs it touches.

Every search here gives exactly the answer of its dictionary counterpart in
:mod:`graphcrm.analysis.network` — the same people, the same floats, the same chain among
equally good ones — which ``tests/analysis/test_compact.py`` checks on random graphs with
hubs: :meth:`Compact.hop_distances` is :func:`~graphcrm.analysis.network.hop_distances`,
:meth:`Compact.best_chains` is the dictionary search it replaced (kept as the tests'
reference, ``tests/analysis/reference.py``).

Example
-------
>>> import networkx as nx
>>> H = nx.DiGraph()
>>> H.add_edge("s", "a", cost=0.1); H.add_edge("a", "b", cost=0.1)
>>> C = Compact.of(H)
>>> C.hop_distances(["s"], 2).tolist()
[0, 1, 2]
>>> C.best_chains(["s"], 2)("b")
(0.2, ['s', 'a', 'b'])
"""

from __future__ import annotations

import functools
import heapq
import math
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from graphcrm.analysis.network import picked
from graphcrm.graph import Gathered

__all__ = ["Compact"]

#: A hop distance not reached (the arrays' "infinity").
UNREACHED = -1


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The concatenation of ``range(starts[i], ends[i])`` for every ``i``, in order."""
    counts = ends - starts
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(counts) - counts
    return np.arange(total, dtype=np.int64) + np.repeat(starts - offsets, counts)


class _Renumbered(Mapping[str, int]):
    """The positions of the people of part of a graph (:meth:`Compact.within`): their
    positions in the whole graph, renumbered — looked up per person asked for rather than a
    dictionary made of all of them (a region of 34,000 people at 1,000,000, ten regions a
    question: 0.04 s)."""

    def __init__(self, position: Mapping[str, int], renumber: np.ndarray, nodes: list[str]
                 ) -> None:
        self._position, self._renumber, self._nodes = position, renumber, nodes

    def __getitem__(self, person: str) -> int:
        found = int(self._renumber[self._position[person]])
        if found < 0:
            raise KeyError(person)
        return found

    def __contains__(self, person: object) -> bool:
        i = self._position.get(person) if isinstance(person, str) else None
        return i is not None and bool(self._renumber[i] >= 0)

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


@dataclass(frozen=True, eq=False)
class Compact:
    """A reach graph's arcs as arrays.

    Attributes
    ----------
    nodes, position
        The people in the reach graph's order, and each one's position.
    indptr, head, cost, p
        Person ``i``'s arcs are ``indptr[i]:indptr[i + 1]``, in the reach graph's order of
        its successors: arc ``k`` leads to ``head[k]`` with probability ``p[k]`` at
        ``cost[k]``.
    ties
        The recorded tie each arc stands for (the reach graph's ``tie``), or None.
    rank
        Each arc's place among the arcs into its head person, in the reach graph's order of
        predecessors (:meth:`predecessors`).
    arcs
        Each arc's attribute dict in the reach graph, when made from one (:meth:`of`).
    tail
        The person each arc comes from.
    """

    nodes: list[str]
    position: Mapping[str, int]
    indptr: np.ndarray
    head: np.ndarray
    cost: np.ndarray
    p: np.ndarray
    ties: Sequence[dict] | None = None
    rank: np.ndarray | None = None
    arcs: list[dict] | None = None
    _last_positions: tuple[tuple[str, ...], np.ndarray] | None = field(
        default=None, repr=False, compare=False)

    @functools.cached_property
    def tail(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.nodes), dtype=np.int64), np.diff(self.indptr))

    @functools.cached_property
    def _against(self) -> tuple[np.ndarray, np.ndarray]:
        """The arcs grouped by the person they lead to, each person's in the order of
        :attr:`rank`: person ``i``'s predecessors are ``tails[rindptr[i]:rindptr[i + 1]]``
        (``(rindptr, tails)``); :attr:`_against_arcs` are those arcs."""
        rindptr = np.zeros(len(self.nodes) + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.head, minlength=len(self.nodes)), out=rindptr[1:])
        return rindptr, self.tail[self._against_arcs]

    @functools.cached_property
    def _against_arcs(self) -> np.ndarray:
        if self.rank is None:
            return np.argsort(self.head, kind="stable")
        return np.lexsort((self.rank, self.head))

    @classmethod
    def of(cls, H: nx.DiGraph) -> Compact:
        """The arrays of the reach graph ``H`` (arcs with ``cost``, and ``p`` and ``tie``
        where it has them)."""
        nodes = list(H)
        position = {n: i for i, n in enumerate(nodes)}
        succ = H._succ
        counts = np.fromiter((len(succ[n]) for n in nodes), dtype=np.int64, count=len(nodes))
        indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        total = int(indptr[-1])
        head = np.fromiter((position[v] for n in nodes for v in succ[n]), dtype=np.int64,
                           count=total)
        arcs = [arc for n in nodes for arc in succ[n].values()]
        cost = np.fromiter((arc["cost"] for arc in arcs), dtype=float, count=total)
        p = np.fromiter((arc.get("p", math.nan) for arc in arcs), dtype=float, count=total)
        place = {(u, v): i for v, before in H._pred.items() for i, u in enumerate(before)}
        rank = np.fromiter((place[n, v] for n in nodes for v in succ[n]), dtype=np.int64,
                           count=total)
        return cls(nodes, position, indptr, head, cost, p, [arc.get("tie") for arc in arcs],
                   rank, arcs)

    @classmethod
    def from_arcs(cls, nodes: list[str], tail: np.ndarray, head: np.ndarray, p: np.ndarray,
                  ties: Sequence[dict]) -> Compact:
        """The arrays of the reach graph whose people are ``nodes`` and whose arcs run
        from ``nodes[tail[k]]`` to ``nodes[head[k]]`` (positions; each pair once) with
        probability ``p[k]`` for the recorded tie ``ties[k]``, in the order they are added
        to it (:func:`~graphcrm.analysis.network.reach_arcs`): each person's successors and
        predecessors in that order, as :func:`~graphcrm.analysis.network.reach_graph`
        adds them — without making the graph. Costs are ``-log p`` as ``math.log`` gives
        them, each probability's once.

        Example
        -------
        >>> C = Compact.from_arcs(["a", "b"], np.array([1, 0]), np.array([0, 1]),
        ...                       np.array([0.5, 0.8]), [{}, {}])
        >>> [(C.nodes[u], C.nodes[v], float(p)) for u, v, p in zip(C.tail, C.head, C.p)]
        [('a', 'b', 0.8), ('b', 'a', 0.5)]
        """
        position = {n: i for i, n in enumerate(nodes)}
        tail, head = np.asarray(tail, dtype=np.int64), np.asarray(head, dtype=np.int64)
        probabilities, which = np.unique(np.asarray(p, dtype=float), return_inverse=True)
        costs = np.array([-math.log(q) for q in probabilities.tolist()], dtype=float)
        order = np.argsort(tail, kind="stable")  # by person, each person's in added order
        indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
        np.cumsum(np.bincount(tail, minlength=len(nodes)), out=indptr[1:])
        return cls(nodes, position, indptr, head[order], costs[which][order],
                   probabilities[which][order], Gathered(ties, order), order)

    def arc(self, u: str, v: str) -> int | None:
        """The arc ``u → v`` (its index), or None."""
        i, j = self.position.get(u), self.position.get(v)
        if i is None or j is None:
            return None
        start = int(self.indptr[i])
        found = np.flatnonzero(self.head[start:self.indptr[i + 1]] == j)
        return start + int(found[0]) if found.size else None

    def successors(self, person: str) -> list[str]:
        """Whom ``person`` has an arc to, in the graph's order."""
        i = self.position[person]
        return [self.nodes[j] for j in self.head[self.indptr[i]:self.indptr[i + 1]].tolist()]

    def predecessors(self, person: str) -> list[tuple[str, int]]:
        """Who has an arc to ``person``, in the graph's order of predecessors, each with
        that arc (its index)."""
        i = self.position[person]
        rindptr, tails = self._against
        arcs = self._against_arcs[rindptr[i]:rindptr[i + 1]]
        return [(self.nodes[u], k) for u, k in zip(tails[rindptr[i]:rindptr[i + 1]].tolist(),
                                                   arcs.tolist(), strict=True)]

    def contacts(self, person: str) -> set[str]:
        """Everyone ``person`` has an arc to or from."""
        return set(self.successors(person)) | {u for u, _ in self.predecessors(person)}

    def within(self, keep: np.ndarray, *, extra: Iterable[tuple[str, str, dict]] = ()
               ) -> Compact:
        """The graph on the people where ``keep`` (a boolean array by position) is True:
        their arcs among themselves, each person's in this graph's order, and ``extra``
        arcs among them — one that joins a pair already joined takes that arc's place, a
        new one comes after the person's own (as setting ``arcs[u][v]`` in the nested
        dicts of the dictionary search it replaced does).

        Example
        -------
        >>> import networkx as nx
        >>> H = nx.DiGraph()
        >>> H.add_edge("s", "a", cost=1.0); H.add_edge("a", "t", cost=1.0)
        >>> H.add_edge("s", "x", cost=1.0)
        >>> C = Compact.of(H)
        >>> R = C.within(C.mask(["s", "a", "t"]), extra=[("s", "t", {"cost": 5.0})])
        >>> R.nodes, [(R.nodes[u], R.nodes[v]) for u, v in zip(R.tail, R.head)]
        (['s', 'a', 't'], [('s', 'a'), ('s', 't'), ('a', 't')])
        """
        people = np.flatnonzero(keep)
        renumber = np.full(len(self.nodes), -1, dtype=np.int64)
        renumber[people] = np.arange(people.size)
        arc = _ranges(self.indptr[people], self.indptr[people + 1])
        arc = arc[keep[self.head[arc]]]
        tail, head = renumber[self.tail[arc]], renumber[self.head[arc]]
        cost, p = self.cost[arc], self.p[arc]
        arcs = [self.arcs[k] for k in arc.tolist()] if self.arcs is not None else None
        nodes = picked(self.nodes, people)
        position = _Renumbered(self.position, renumber, nodes)
        added: list[tuple[int, int, dict]] = []
        for u, v, data in extra:
            if u not in position or v not in position:
                continue
            same = np.flatnonzero((tail == position[u]) & (head == position[v]))
            if same.size:
                cost[same[0]], p[same[0]] = data["cost"], data.get("p", math.nan)
                if arcs is not None:
                    arcs[same[0]] = data
            else:
                added.append((position[u], position[v], data))
        if added:
            tail = np.concatenate([tail, [a[0] for a in added]]).astype(np.int64)
            head = np.concatenate([head, [a[1] for a in added]]).astype(np.int64)
            cost = np.concatenate([cost, [a[2]["cost"] for a in added]])
            p = np.concatenate([p, [a[2].get("p", math.nan) for a in added]])
            order = np.argsort(tail, kind="stable")  # each person's own arcs, then the new
            tail, head, cost, p = tail[order], head[order], cost[order], p[order]
            if arcs is not None:
                every = [*arcs, *(a[2] for a in added)]
                arcs = [every[k] for k in order.tolist()]
        indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
        np.cumsum(np.bincount(tail, minlength=len(nodes)), out=indptr[1:])
        return Compact(nodes, position, indptr, head, cost, p, arcs=arcs)

    def positions(self, people: Iterable[str]) -> np.ndarray:
        """The positions of ``people`` in the graph, in their order, each once (the first
        time), those not in the graph left out; the last answer is kept, as a question
        asks for the same many people again and again."""
        key = people if isinstance(people, tuple) else tuple(people)
        cached = self._last_positions
        if cached is not None and cached[0] == key:
            return cached[1]
        found = np.fromiter((self.position.get(p, -1) for p in key), dtype=np.int64,
                            count=len(key))
        found = found[found >= 0]
        _, first = np.unique(found, return_index=True)
        found = found[np.sort(first)]
        object.__setattr__(self, "_last_positions", (key, found))
        return found

    def mask(self, people: Iterable[str]) -> np.ndarray:
        """A boolean array over the people: True for those of ``people`` in the graph."""
        out = np.zeros(len(self.nodes), dtype=bool)
        out[[self.position[n] for n in people if n in self.position]] = True
        return out

    def hop_distances(self, sources: Iterable[str], cutoff: int, *, reverse: bool = False,
                      both: bool = False, excluded: Collection[str] = ()) -> np.ndarray:
        """:func:`~graphcrm.analysis.network.hop_distances` as an array by position.

        A breadth-first search level by level: each level gathers the arcs of the people
        the level before reached (one array operation over their adjacency ranges) and
        marks the people not reached yet.

        Parameters
        ----------
        sources
            Where the search starts (people not in the graph, or excluded, are skipped).
        cutoff
            The most ties counted.
        reverse, both
            Against the arcs, or either way, instead of along them.
        excluded
            People never reached or passed through.

        Returns
        -------
        numpy.ndarray
            For each person (by :attr:`position`) the number of ties from the nearest
            source, ``UNREACHED`` (-1) beyond ``cutoff`` or out of reach.

        Examples
        --------
        >>> H = nx.DiGraph([("s", "a", {"cost": 1.0}), ("a", "t", {"cost": 1.0}),
        ...                 ("x", "t", {"cost": 1.0})])
        >>> C = Compact.of(H)
        >>> C.hop_distances(["t"], 2, reverse=True).tolist()  # s, a, t, x
        [2, 1, 0, 1]
        >>> C.hop_distances(["s"], 2, excluded={"a"}).tolist()
        [0, -1, -1, -1]

        References
        ----------
        .. [1] E. F. Moore, "The shortest path through a maze", *Proceedings of the
           International Symposium on the Theory of Switching* (1959), 285–292.
        """
        blocked = self.mask(excluded)
        distance = np.full(len(self.nodes), UNREACHED, dtype=np.int64)
        frontier = self.positions(sources)
        frontier = frontier[~blocked[frontier]]
        distance[frontier] = 0
        closed = blocked.copy()  # reached or blocked
        closed[frontier] = True
        sides = [(self.indptr, self.head), self._against]
        ways = sides if both else [sides[1] if reverse else sides[0]]
        for level in range(1, cutoff + 1):
            if not frontier.size:
                break
            found = np.zeros(len(self.nodes), dtype=bool)
            for ptr, people in ways:
                found[people[_ranges(ptr[frontier], ptr[frontier + 1])]] = True
            frontier = np.flatnonzero(found & ~closed)
            distance[frontier] = level
            closed[frontier] = True
        return distance

    def on_best_chains(self, sources: Iterable[str], to_targets: np.ndarray, *,
                       slack: float = 1e-9) -> np.ndarray:
        """Who is on a best chain from one of ``sources`` to a target, as a boolean array
        by position. ``to_targets`` holds a row for each target: the cost of the best chain
        from each person to it (``inf`` where none;
        :meth:`~graphcrm.analysis.valued.ValuedGraph.distance_table` with ``reverse``).

        An arc ``u → w`` is tight for target ``t`` when ``cost(u, w) + d(w, t) = d(u, t)``;
        a chain is a best chain to ``t`` exactly when each of its arcs is tight, so the
        people on best chains from the sources are those reached from a source along tight
        arcs — one search from all sources per target, not one Dijkstra per source. Costs
        are compared with a relative ``slack`` (the distances are float sums in another
        order than a chain's own), which can only add people.

        Parameters
        ----------
        sources
            Where the chains start.
        to_targets
            A row per target: the cost of the best chain from each person to it.
        slack
            The relative slack of "equal".

        Returns
        -------
        numpy.ndarray
            True for each person (by :attr:`position`) on some best chain from a source to
            a target, the sources and targets on one included.

        Examples
        --------
        >>> H = nx.DiGraph()
        >>> for u, v, c in [("s", "a", 1.0), ("a", "t", 1.0), ("s", "t", 3.0)]:
        ...     H.add_edge(u, v, cost=c)
        >>> C = Compact.of(H)
        >>> to_t = np.array([[2.0, 1.0, 0.0]])  # s, a, t
        >>> [C.nodes[i] for i in np.flatnonzero(C.on_best_chains(["s"], to_t))]
        ['s', 'a', 't']

        References
        ----------
        .. [1] U. Brandes, "On variants of shortest-path betweenness centrality and their
           generic computation", *Social Networks* 30(2) (2008), 136–145 (the shortest-path
           DAG that tight arcs form).
        """
        size = len(self.nodes)
        starts = self.positions(sources)
        on = np.zeros(size, dtype=bool)
        for to_t in to_targets:
            finite = np.isfinite(to_t)
            tight = self.tight(to_t, slack=slack)
            frontier = starts[finite[starts]]
            seen = np.zeros(size, dtype=bool)
            seen[frontier] = True
            while frontier.size:
                arc = _ranges(self.indptr[frontier], self.indptr[frontier + 1])
                following = np.unique(self.head[arc[tight[arc]]])
                frontier = following[~seen[following]]
                seen[frontier] = True
            on |= seen
        return on

    def tight(self, to_t: np.ndarray, *, slack: float = 1e-9) -> np.ndarray:
        """The arcs tight for a target (a boolean array by arc): those on a best chain to
        it, ``cost(u, w) + d(w, t) = d(u, t)`` within ``slack``, from ``to_t``, the cost of
        the best chain from each person to the target (:meth:`on_best_chains`)."""
        tail = self.tail
        finite = np.isfinite(to_t)
        with np.errstate(invalid="ignore"):  # inf - inf where neither reaches the target
            return finite[tail] & finite[self.head] & (
                self.cost + to_t[self.head] <= to_t[tail] * (1 + slack) + 1e-12)

    def people_in(self, mask: np.ndarray) -> set[str]:
        """The people a boolean array by position marks (:meth:`chain_region`,
        :meth:`mask`)."""
        return {self.nodes[i] for i in np.flatnonzero(mask).tolist()}

    def distances_dict(self, distance: np.ndarray) -> dict[str, int]:
        """An array of :meth:`hop_distances` as the dictionary of the people reached."""
        reached = np.flatnonzero(distance != UNREACHED)
        return {self.nodes[i]: int(distance[i]) for i in reached.tolist()}

    def best_chains(self, sources: Iterable[str], max_hops: int, *,
                    excluded: Collection[str] = (), stop: str | None = None,
                    toward: np.ndarray | None = None
                    ) -> Callable[[str], tuple[float, list[str]] | None]:
        """The best chains from ``sources`` to everyone, as arrays: one hop-bounded
        level-by-level search from ``sources``, then the best chain to any person.

        Each level relaxes the arcs out of the people the level before improved, in that
        level's order and each person's arcs in the graph's order — the dictionary
        search's scan order —, so that the same arc wins among equal costs (the first in
        that order) and the next level comes in the same order (each person where an arc
        first improved them): the answers are the dictionary search's, chain for chain.

        Parameters
        ----------
        sources
            Who may start a chain (in order; a person given twice counts once).
        max_hops
            The most ties a chain may have.
        excluded
            People no chain enters.
        stop
            A person chains may end at but not pass through.
        toward
            When only the chain to one person is wanted: the number of ties from each
            person to them (:meth:`hop_distances` with ``reverse``, ``UNREACHED`` where
            none), or any smaller number. A person more ties away than the chain has left
            is not entered: no chain through them reaches that person in time, and nobody
            who is entered needed them (whoever reaches someone with ``h`` ties left has at
            most ``h + 1`` left), so the chain to that person is the same, the search
            smaller. Chains to anyone else are then not to be asked for.

        Returns
        -------
        callable
            ``chain(person)``: the cost of the best chain to ``person`` and its people,
            start first, or None.

        Examples
        --------
        >>> H = nx.DiGraph()
        >>> H.add_edge("s", "a", cost=0.5); H.add_edge("a", "t", cost=0.5)
        >>> H.add_edge("s", "t", cost=2.0)
        >>> chain = Compact.of(H).best_chains(["s"], 2)
        >>> chain("t"), chain("nobody")
        ((1.0, ['s', 'a', 't']), None)
        >>> Compact.of(H).best_chains(["s"], 1)("t")
        (2.0, ['s', 't'])

        References
        ----------
        .. [1] R. Bellman, "On a routing problem", *Quarterly of Applied Mathematics* 16
           (1958), 87–90 (the level-by-level relaxation, stopped at ``max_hops`` levels).
        """
        position, indptr, head, cost = self.position, self.indptr, self.head, self.cost
        size = len(self.nodes)
        barred = self.mask(excluded)
        starts = self.positions(sources)
        starts = starts[~barred[starts]]
        begin = np.zeros(size, dtype=bool)
        begin[starts] = True
        closed = barred | begin  # never entered
        stop_at = position.get(stop, -1) if stop is not None else -1
        cheapest = np.full(size, np.inf)
        cheapest[starts] = 0.0
        level_nodes = np.array(starts, dtype=np.int64)
        level_cost = np.zeros(len(starts))
        first = np.argsort(level_nodes, kind="stable")
        # each level by person (for look-ups): the people, their costs, who they came from
        levels: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = [
            (level_nodes[first], level_cost[first], np.full(len(starts), -1, dtype=np.int64))]
        for depth in range(1, max_hops + 1 if starts.size else 1):
            scan = level_nodes != stop_at
            tails, tails_cost = level_nodes[scan], level_cost[scan]
            counts = indptr[tails + 1] - indptr[tails]
            arc = _ranges(indptr[tails], indptr[tails + 1])
            total = np.repeat(tails_cost, counts) + cost[arc]
            reached = head[arc]
            better = ~closed[reached] & (total < cheapest[reached])
            if toward is not None:
                ahead = toward[reached]
                better &= (ahead >= 0) & (ahead <= max_hops - depth)
            if not better.any():
                break
            order = np.flatnonzero(better)  # scan order of the arcs that improve someone
            reached, total = reached[order], total[order]
            tail = np.repeat(tails, counts)[order]
            # per person, by scattering into arrays by position (no sort): the least total,
            # the winner (the first arc in scan order at that total), the first arc at all
            arcs = reached.size
            scan_at = np.arange(arcs)
            least = np.full(size, np.inf)
            np.minimum.at(least, reached, total)
            at_least = np.flatnonzero(total == least[reached])
            winner = np.full(size, arcs)
            np.minimum.at(winner, reached[at_least], at_least)
            first_arc = np.full(size, arcs)
            np.minimum.at(first_arc, reached, scan_at)
            # the level in the order an arc first improved each person; by person for look-ups
            level_nodes = reached[first_arc[reached] == scan_at]
            level_cost = total[winner[level_nodes]]
            cheapest[level_nodes] = level_cost
            people = np.flatnonzero(first_arc < arcs)
            levels.append((people, total[winner[people]], tail[winner[people]]))
        names = self.nodes

        def at(depth: int, person: int) -> int | None:
            """Where ``person`` is in level ``depth`` (None when not there)."""
            people = levels[depth][0]
            i = int(np.searchsorted(people, person))
            return i if i < people.size and people[i] == person else None

        def chain(target: str) -> tuple[float, list[str]] | None:
            t = position.get(target)
            if t is None:
                return None
            ends = [(float(levels[depth][1][i]), depth) for depth in range(len(levels))
                    if (i := at(depth, t)) is not None]
            if not ends:
                return None
            total_cost, depth = min(ends)
            nodes = [t]
            for level in range(depth, 0, -1):
                i = at(level, nodes[-1])
                assert i is not None
                nodes.append(int(levels[level][2][i]))
            return total_cost, [names[i] for i in reversed(nodes)]

        return chain

    def chain_region(self, sources: Iterable[str], target: str, max_hops: int, *,
                     excluded: Collection[str] = ()) -> np.ndarray:
        """:func:`~graphcrm.analysis.network.chain_region` as a boolean array by position:
        the people on some chain of at most ``max_hops`` ties from a source to ``target``,
        never through ``excluded`` people (``d(S, v) + d(v, t) <= max_hops``).

        Examples
        --------
        >>> H = nx.DiGraph([("s", "a", {"cost": 1.0}), ("a", "t", {"cost": 1.0}),
        ...                 ("s", "b", {"cost": 1.0}), ("b", "c", {"cost": 1.0}),
        ...                 ("c", "t", {"cost": 1.0})])
        >>> C = Compact.of(H)
        >>> [C.nodes[i] for i in np.flatnonzero(C.chain_region(["s"], "t", 2))]
        ['s', 'a', 't']
        """
        none = np.zeros(len(self.nodes), dtype=bool)
        if target not in self.position or target in excluded:
            return none
        forward = self.hop_distances(sources, max_hops, excluded=excluded)
        if not (forward != UNREACHED).any():
            return none
        backward = self.hop_distances([target], max_hops, reverse=True, excluded=excluded)
        return (forward != UNREACHED) & (backward != UNREACHED) & (
            forward + backward <= max_hops)

    def k_best_chains(self, sources: Iterable[str], target: str, k: int, max_hops: int, *,
                      excluded: Collection[str] = ()) -> list[tuple[float, list[str]]]:
        """The ``k`` best simple chains of at most ``max_hops`` ties from any of ``sources``
        to ``target``: least total cost first, never into a second source, never through
        ``excluded`` people; among equal costs (within 1e-9) the fewest ties, then by their
        people's ids in order.

        The search of :func:`~graphcrm.analysis.network.k_best_chains`, with its bound
        computed over the arrays: the people on some short enough chain
        (:meth:`chain_region`); for every ``j`` up to ``max_hops`` the least cost of
        reaching each of them in at most ``j`` ties, a level at a time over the region's
        arcs (the least of the same float sums, so the same floats); then the best-first
        search backwards from ``target`` over partial chains, each ranked by its cost so
        far plus that bound for the ties it has left, which brings complete chains out in
        order of cost.

        Parameters
        ----------
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
            Each chain's cost and its people, start to ``target``, best first; fewer than
            ``k`` when there are no more.

        Examples
        --------
        >>> H = nx.DiGraph()
        >>> for u, v, c in [("s", "a", 1), ("a", "t", 1), ("s", "t", 3), ("r", "b", 1),
        ...                 ("b", "c", 1), ("c", "t", 1)]:
        ...     H.add_edge(u, v, cost=float(c))
        >>> Compact.of(H).k_best_chains(["s", "r"], "t", 3, 3)
        [(2.0, ['s', 'a', 't']), (3.0, ['s', 't']), (3.0, ['r', 'b', 'c', 't'])]
        >>> [p for _, p in Compact.of(H).k_best_chains(["s", "r"], "t", 3, 2)]
        [['s', 'a', 't'], ['s', 't']]

        References
        ----------
        .. [1] P. E. Hart, N. J. Nilsson, B. Raphael, "A formal basis for the heuristic
           determination of minimum cost paths", *IEEE Transactions on Systems Science and
           Cybernetics* 4(2) (1968), 100–107.
        """
        if k < 1:
            return []
        keep = self.chain_region(sources, target, max_hops, excluded=excluded)
        t = self.position.get(target)
        if t is None or not keep[t]:
            return []
        starts = self.positions(sources)
        starts = starts[keep[starts]]
        is_start = np.zeros(len(self.nodes), dtype=bool)
        is_start[starts] = True
        # reach[j][v]: the least cost of a chain of at most j ties from a source to v
        tail, head = self.tail, self.head
        usable = keep[tail] & keep[head] & ~is_start[head] & (tail != t)
        tails, heads, costs = tail[usable], head[usable], self.cost[usable]
        first = np.full(len(self.nodes), np.inf)
        first[starts] = 0.0
        reach = [first]
        for _ in range(max_hops):
            level = reach[-1].copy()
            np.minimum.at(level, heads, reach[-1][tails] + costs)
            reach.append(level)
        bounds = [level.tolist() for level in reach]
        rindptr, against = self._against
        arc_of = self._against_arcs
        names, cost_of, start_set = self.nodes, self.cost, set(starts.tolist())
        inside = keep.tolist()
        inf = math.inf
        found: list[tuple[float, list[str]]] = []
        heap: list[tuple[float, float, tuple[str, ...], tuple[int, ...]]] = [
            (bounds[max_hops][t], 0.0, (target,), (t,))]
        while heap:
            bound, spent_so_far, chain, at = heapq.heappop(heap)
            if bound == inf or (len(found) >= k and bound > found[k - 1][0] + 1e-9):
                break
            person = at[-1]
            if person in start_set:
                found.append((spent_so_far, list(reversed(chain))))
                found.sort(key=lambda f: (round(f[0], 9), len(f[1]), f[1]))
                continue
            left = max_hops - len(chain)  # ties left before the chain gets too long
            if left < 0:
                continue
            span = slice(int(rindptr[person]), int(rindptr[person + 1]))
            for u, arc in zip(against[span].tolist(), arc_of[span].tolist(), strict=True):
                if not inside[u] or u in at:
                    continue
                spent = spent_so_far + float(cost_of[arc])
                rest = 0.0 if u in start_set else bounds[left][u]
                if rest < inf:
                    heapq.heappush(heap, (spent + rest, spent, (*chain, names[u]), (*at, u)))
        return found[:k]
