"""Build the NetworkX graph every analysis works on from a store's records.

The graph is a :class:`networkx.MultiDiGraph` whose nodes are people, keyed by person id,
and whose edges are ties keyed by their type, so two people may share a KNOWS tie, an
INFLUENCES tie and a REPORTS_TO tie at once:

========== ============================= ==========================================
edge key   direction                     attributes
========== ============================= ==========================================
KNOWS      as imported; ``mutual=True``  strength, level, since, last_contact,
                                         last_contact_recorded, notes, extra
INFLUENCES source's opinion moves target strength (may be None), since, last_contact…
REFERRED   source introduced target      strength (may be None), since, notes…
REPORTS_TO person → formal superior      (none besides ``type``)
DOTTED_LINE person → second superior     strength (may be None), since, notes…
========== ============================= ==========================================

Every edge carries ``type`` (its key) and ``mutual`` (True only for KNOWS). A KNOWS tie's
``last_contact`` is the later of the date recorded on the tie and the latest interaction
between the two people; ``last_contact_recorded`` keeps the tie's own value.

**Last contact, one rule everywhere** (``health``, the map, the analyses): a *tie's* last
contact is the later of the date recorded on it and the latest interaction between its two
people; a *person's* last contact (:func:`last_contact`) is the latest interaction recorded
with them (with any of our people) or the latest last contact on a tie between them and
anyone at our own organizations. Ties between two outsiders are not our contact.

Node attributes: ``name``, ``org_id``, ``org_name``, ``org_kind``, ``title``,
``department``, ``reports_to``, ``email``, ``phone``, ``notes``, ``extra`` and ``projects``:
a dict from project id to ``{"roles": [...], "influence": int | None, "stance": str | None,
"notes": [...]}`` (a person has roles, influence and stance per project). ``last_interaction``
is the date of the latest interaction with the person (None if never).

**Former people are not in the graph.** Someone whose ``status`` says they no longer hold a
post here (transferred away, left, retired: :attr:`PersonStatus.former
<graphcrm.domain.PersonStatus.former>`) is no node: none of their ties, roles or reporting
lines is a route, a stakeholder or a caller in any analysis or map. Their records stay in
the store (history, ``whois``); the graph lists them in ``G.graph["former"]``.

Graph attributes: ``organizations`` (id → record), ``projects`` (id → record),
``interactions`` (records, oldest first) and ``former`` (id → the person's record, for the
people left out as former).

**Ties written when first read.** The graph is a :class:`PeopleGraph`: its ties are kept as
columns and written into the adjacency dicts the first time anything reads them (an edge
view, a neighbour, an added or removed node — anything NetworkX does with the adjacency).
A question that works on the ties as arrays (:func:`pending_ties`, :func:`ties_at`) never
writes them: at 1,000,000 people a project's neighbourhood holds 330,000 ties, 0.6 s of
dictionary writes. Each tie's attribute dict is made when first asked for
(:class:`TieData`), and ties a store is still reading
(:meth:`graphcrm.records.TieRows.later`) are received when first needed, so that a
question looks at the people meanwhile. Written, the graph is exactly what ``add_node`` and
``add_edge`` build.

Example
-------
>>> from graphcrm.ingest import read_dataset
>>> from graphcrm.resources import sample_dir
>>> G = build_graph(read_dataset([sample_dir()]))
>>> G.nodes["p001"]["org_kind"]
'own'
"""

from __future__ import annotations

import functools
import itertools
import json
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, overload

import networkx as nx

from graphcrm.domain import REPORTS_TO, OrgKind, TieType, is_former
from graphcrm.records import Dataset, TieRows

__all__ = ["build_graph", "as_known", "last_contact", "last_contacts", "shown_names",
           "ShownNames", "REPORTS_TO", "DOTTED_LINE", "REPORTING", "PeopleGraph",
           "TieColumns", "TieData", "Made", "Gathered", "pending_ties", "tie_column",
           "ties_at"]

#: A second, dotted-line superior (a ``DOTTED_LINE`` row of the relationships table).
DOTTED_LINE = TieType.DOTTED_LINE.value
#: Reporting lines, solid and dotted: working ties that do not decay and are no evidence of
#: contact.
REPORTING = frozenset({REPORTS_TO, DOTTED_LINE})

#: Held while a graph's pending ties are written (see :class:`_Written`).
_WRITING = threading.Lock()
#: Held while an item of a :class:`Made` sequence is made.
_MAKING = threading.RLock()  # one made item may make another
#: Held while a graph receives ties a store is still reading (:meth:`PeopleGraph._received`).
_RECEIVING = threading.Lock()
_KNOWS = TieType.KNOWS.value


class _Written:
    """A :class:`PeopleGraph`'s adjacency dict (``_adj``, ``_succ`` or ``_pred``): the graph's
    ties written into it when it is first read; set as NetworkX sets it (which also forgets
    the views made of the old one)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        # NetworkX's own setter of the attribute, if it has one (3.x: resets cached views)
        self.setter = next((getattr(klass.__dict__[name], "__set__", None)
                            for klass in nx.MultiDiGraph.__mro__ if name in klass.__dict__),
                           None)

    def __get__(self, G: PeopleGraph | None, owner: type | None = None) -> Any:
        if G is None:
            return self
        found = G.__dict__.get(self.name)
        if found is None:
            with _WRITING:  # two threads reading one graph write it once
                if self.name not in G.__dict__:
                    G._write_ties()
            found = G.__dict__[self.name]
        return found

    def __set__(self, G: PeopleGraph, value: Any) -> None:
        if self.setter is not None:
            self.setter(G, value)
        else:
            G.__dict__[self.name] = value


class Made(Sequence[Any]):
    """A sequence whose items are made when first asked for (:meth:`_make`), then kept:
    the same object every time, as a list would give it. A question that names a few of a
    neighbourhood's 330,000 ties makes a few dicts, not 330,000.

    Example
    -------
    >>> class Squares(Made):
    ...     def _make(self, k):
    ...         return [k * k]
    >>> squares = Squares(4)
    >>> squares[3], squares[3] is squares[3], list(squares)
    ([9], True, [[0], [1], [4], [9]])
    """

    def __init__(self, size: int, made: Iterable[Any] = ()) -> None:
        self._made: list[Any] = list(made)  # the first items, made already
        self._made += [None] * (size - len(self._made))

    def _make(self, k: int) -> Any:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, k: int) -> Any: ...

    @overload
    def __getitem__(self, k: slice) -> list[Any]: ...

    def __getitem__(self, k: int | slice) -> Any:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self._made)))]
        item = self._made[k]
        if item is None:
            with _MAKING:  # two threads asking at once are given one object
                k = k + len(self._made) if k < 0 else k
                item = self._made[k]
                if item is None:
                    item = self._made[k] = self._make(k)
        return item

    def __iter__(self) -> Iterator[Any]:
        made = self._made
        if None in made:  # (a scan in C)
            with _MAKING:
                for k, item in enumerate(made):
                    if item is None:
                        made[k] = self._make(k)
        return iter(made)


class Gathered(Made):
    """``[items[k] for k in index]`` (``index`` a sequence of positions, a numpy array as
    a rule), each item gathered when first asked for: item ``i`` is ``items[index[i]]``. The
    arrays of a question name the recorded tie of an arc only for the few arcs a result
    shows; gathering all 664,000 of a neighbourhood at 1,000,000 people took 0.07 s.

    Example
    -------
    >>> ties = Gathered(["a", "b", "c"], [2, 0])
    >>> len(ties), ties[0], list(ties)
    (2, 'c', ['c', 'a'])
    """

    def __init__(self, items: Sequence[Any], index: Any) -> None:
        super().__init__(len(index))
        self._items = items
        self._index = index

    def _make(self, k: int) -> Any:
        return self._items[int(self._index[k])]


class TieData(Made):
    """The attribute dicts of a graph's ties not yet written (:class:`PeopleGraph`): the
    reporting lines' (made), then one for each recorded tie, made from its columns when
    first asked for (:func:`build_graph` lists the columns; making 330,000 dicts at once
    took 0.25 s). :meth:`column` gives an attribute of every tie without the dicts."""

    #: the columns of the recorded ties, as build_graph lists them
    FIELDS = ("type", "strength", "level", "since", "last_contact", "last_contact_recorded",
              "notes", "extra")

    def __init__(self, lines: list[dict[str, Any]], fields: Mapping[str, Sequence[Any]]
                 ) -> None:
        self._lines = len(lines)
        self._fields = fields
        self._columns: dict[str, list[Any]] = {}
        super().__init__(len(lines) + len(fields["type"]), lines)

    def _make(self, k: int) -> dict[str, Any]:
        i, fields = k - self._lines, self._fields
        kind, extra = fields["type"][i], fields["extra"][i]
        return {"type": kind, "mutual": kind == _KNOWS,
                "last_contact": fields["last_contact"][i],
                "last_contact_recorded": fields["last_contact_recorded"][i],
                "extra": (json.loads(extra) if isinstance(extra, str) else extra) or {},
                "strength": fields["strength"][i], "level": fields["level"][i],
                "since": fields["since"][i], "notes": fields["notes"][i]}

    def column(self, name: str) -> list[Any]:
        """Each tie's attribute ``name`` (None where it has none), in order, as built: for
        valuing the ties before anyone can have changed one's dict (:func:`pending_ties`)."""
        found = self._columns.get(name)
        if found is None:  # (a name of FIELDS)
            lines = [d.get(name) for d in self._made[:self._lines]]
            found = self._columns[name] = [*lines, *self._fields[name]]
        return found


class _Pending(NamedTuple):
    """Ties not yet written: in the order ``add_edge`` would have met them, each with its
    people as positions in the graph's node order."""

    tails: list[int]
    heads: list[int]
    data: Sequence[dict[str, Any]]
    position: dict[str, int]  # each person's place in the node order


class TieColumns(NamedTuple):
    """The ties of a :class:`PeopleGraph` not yet written into its adjacency
    (:func:`pending_ties`), as columns.

    Tie ``k`` runs from ``nodes[tail[k]]`` to ``nodes[head[k]]`` (numpy ``int64`` positions
    in the graph's node order) with attributes ``data[k]`` (its type under ``"type"``): the
    ties in the order ``add_edge`` wrote them, each (source, target, type) once. ``position``
    is the inverse of ``nodes``; ``first[k]`` is the first tie between tie ``k``'s people.
    """

    nodes: list[str]
    position: dict[str, int]
    tail: Any
    head: Any
    data: Sequence[dict[str, Any]]
    first: Any

    def walk_order(self) -> Any:
        """The ties' positions in the order the written graph's ``edges(keys=True)`` gives
        them: by source (in node order), then target (in the order first tied to), then
        type (in the order recorded)."""
        import numpy as np

        return np.lexsort((np.arange(self.tail.size), self.first, self.tail))


class PeopleGraph(nx.MultiDiGraph):
    """The people graph :func:`build_graph` makes: a :class:`networkx.MultiDiGraph` whose
    ties, given as columns, are written into its adjacency when first read (see the module
    docs). Made empty, or by NetworkX (``copy``, ``subgraph``), it is a MultiDiGraph like any
    other."""

    _adj = _Written()
    _succ = _Written()
    _pred = _Written()

    def _defer(self, pending: _Pending | Callable[[], _Pending]) -> None:
        """Keep these ties to write when the adjacency is read; or what gives them, when a
        store is still reading them (called when they are first needed)."""
        for name in ("_adj", "_succ", "_pred"):
            self.__dict__.pop(name, None)
        self.__dict__["_pending"] = pending

    def _received(self) -> _Pending | None:
        """The pending ties (None when written), waited for if the store is still reading
        them."""
        pending = self.__dict__.get("_pending")
        if pending is None or isinstance(pending, _Pending):
            return pending
        with _RECEIVING:  # two threads: one waits, both get the same columns
            pending = self.__dict__.get("_pending")
            if pending is not None and not isinstance(pending, _Pending):
                pending = self.__dict__["_pending"] = pending()
        return pending

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (or copied) with its ties received, never with a wait for a store."""
        self._received()
        return self.__dict__

    def _write_ties(self) -> None:
        """Write the pending ties as ``add_edge`` writes them (one key dict shared by
        ``_succ[u][v]`` and ``_pred[v][u]``; a tie recorded twice updates the first)."""
        pending = self._received()
        assert pending is not None
        del self.__dict__["_pending"]
        self.__dict__.pop("_columns", None)
        nodes = list(self._node)
        successors: dict[str, dict] = {n: {} for n in nodes}
        predecessors: dict[str, dict] = {n: {} for n in nodes}
        for i, j, attrs in zip(pending.tails, pending.heads, pending.data, strict=True):
            source, target, kind = nodes[i], nodes[j], attrs["type"]
            keys = successors[source].get(target)
            if keys is None:
                keys = successors[source][target] = predecessors[target][source] = {}
            if kind in keys:
                keys[kind].update(attrs)
            else:
                keys[kind] = attrs
        self._succ = successors  # NetworkX's setter: _adj is the same dict
        self._pred = predecessors


def pending_ties(G: nx.MultiDiGraph) -> TieColumns | None:
    """The ties of ``G`` as columns (:class:`TieColumns`) while they are not yet written into
    its adjacency, for questions that work on arrays; None when they are (or ``G`` is not a
    :class:`PeopleGraph`). A tie recorded twice is written first, as ``add_edge`` merges it.

    Example
    -------
    >>> from graphcrm.ingest import read_dataset
    >>> from graphcrm.resources import sample_dir
    >>> G = build_graph(read_dataset([sample_dir()]))
    >>> ties = pending_ties(G)
    >>> [ties.nodes[ties.tail[k]] for k in ties.walk_order()] == [u for u, *_ in G.edges]
    True
    >>> pending_ties(G) is None  # G.edges wrote them
    True
    """
    pending = G._received() if isinstance(G, PeopleGraph) else None
    if pending is None:
        return None
    if "_columns" in G.__dict__:
        return G.__dict__["_columns"]
    import numpy as np

    nodes = list(G._node)
    tail = np.array(pending.tails, dtype=np.int64)
    head = np.array(pending.heads, dtype=np.int64)
    _, first, which, count = np.unique(tail * max(len(nodes), 1) + head, return_index=True,
                                       return_inverse=True, return_counts=True)
    # a pair with several ties (few: one at 1,000,000 people) of one type twice?
    shared = np.flatnonzero(count[which] > 1).tolist()
    kinds = tie_column(pending.data, "type")
    if len({(which[k], kinds[k]) for k in shared}) < len(shared):
        G._write_ties()  # recorded twice: merged as add_edge merges it
        return None
    columns = G.__dict__["_columns"] = TieColumns(
        nodes, pending.position, tail, head, pending.data, first[which])
    return columns


def tie_column(data: Sequence[dict[str, Any]], name: str) -> Sequence[Any]:
    """Each pending tie's attribute ``name`` (None where a tie has none; ``data`` as
    :class:`TieColumns` holds it), without making their dicts where the graph keeps them as
    columns (:class:`TieData`)."""
    return data.column(name) if isinstance(data, TieData) else [d.get(name) for d in data]


def ties_at(G: nx.MultiDiGraph, person: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every tie from or to ``person`` in ``G``, reporting lines included: (source, target,
    attributes), a tie of someone with themself once. From the columns while ``G``'s ties
    are not yet written (:func:`pending_ties`), so that looking at a few people's ties does
    not write 330,000.

    Example
    -------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="KNOWS", type="KNOWS")
    >>> _ = G.add_edge("c", "a", key="REFERRED", type="REFERRED")
    >>> [(u, v, t["type"]) for u, v, t in ties_at(G, "a")]
    [('a', 'b', 'KNOWS'), ('c', 'a', 'REFERRED')]
    """
    columns = pending_ties(G)
    if columns is None:
        return [*((person, v, tie) for v, keys in G._succ[person].items()
                  for tie in keys.values()),
                *((u, person, tie) for u, keys in G._pred[person].items() if u != person
                  for tie in keys.values())]
    import numpy as np

    at = columns.position[person]
    found = np.flatnonzero((columns.tail == at) | (columns.head == at)).tolist()
    return [(columns.nodes[columns.tail[k]], columns.nodes[columns.head[k]], columns.data[k])
            for k in found]


def build_graph(dataset: Dataset, ties: TieRows | None = None) -> PeopleGraph:
    """Turn validated or loaded records into the people graph described in the module docs.

    Parameters
    ----------
    dataset
        Records from :func:`graphcrm.ingest.read_dataset` or :meth:`Store.load`. References
        that point outside the dataset (a neighbourhood's edge people) are left out.
    ties
        The ties as rows (:meth:`Store.load_for_graph`), instead of the dataset's
        relationships records.

    Returns
    -------
    PeopleGraph
        A :class:`networkx.MultiDiGraph` whose ties are written when first read.
    """
    G = PeopleGraph()
    organizations = {o["id"]: dict(o) for o in dataset.table("organizations")}
    G.graph["organizations"] = organizations
    G.graph["projects"] = {p["id"]: dict(p) for p in dataset.table("projects")}
    interactions = sorted(
        dataset.table("interactions"), key=lambda r: (r["date"], r["person_id"])
    )
    G.graph["interactions"] = interactions

    former: dict[str, dict[str, Any]] = {}
    G.graph["former"] = former
    # the node dicts written as MultiDiGraph.add_node writes them, without its look-ups
    # per call (a neighbourhood of 77,000 people at 1,000,000: 0.1 s; tests/test_graph.py
    # compares it with add_node); their adjacency is written with the ties. Each person's
    # attributes as one dict display, not a dict of the record's fields then updated (77,000
    # people: 0.19 → 0.12 s)
    people = G._node
    customer = OrgKind.CUSTOMER.value
    for person in dataset.table("people"):
        field = person.get
        status = field("status")
        if status and is_former(status):
            former[person["id"]] = dict(person)
            continue
        org = organizations.get(person["org_id"], {})
        attrs: dict[str, Any] = {
            "name": field("name"), "org_id": field("org_id"), "title": field("title"),
            "department": field("department"), "reports_to": field("reports_to"),
            "email": field("email"), "phone": field("phone"), "notes": field("notes"),
            "status": status, "status_since": field("status_since"),
            "predecessor": field("predecessor"), "org_name": org.get("name"),
            "org_kind": org.get("kind") or customer, "extra": field("extra") or {},
            "projects": {}, "last_interaction": None}
        person_id = person["id"]
        if person_id in people:
            people[person_id].update(attrs)
        else:
            people[person_id] = attrs

    # the ties in the order add_edge would write them (reporting lines, then the ties as
    # recorded), their people as positions: written into the adjacency when first read
    position = {person: at for at, person in enumerate(people)}
    tails: list[int] = []
    heads: list[int] = []
    data: list[dict[str, Any]] = []
    for at, attrs in enumerate(people.values()):
        boss = position.get(attrs["reports_to"])
        if boss is not None:
            tails.append(at)
            heads.append(boss)
            data.append({"type": REPORTS_TO, "mutual": False})

    last_between: dict[frozenset[str], str] = {}
    for row in interactions:
        person = row["person_id"]
        if person in G:
            G.nodes[person]["last_interaction"] = row["date"]  # sorted: the last one wins
        ours = row.get("our_person_id")
        if ours:
            last_between[frozenset((person, ours))] = row["date"]

    recorded = functools.partial(_recorded_ties, dataset, ties, position, last_between,
                                 (tails, heads, data))
    # ties a store is still reading: received when first needed (the questions look at the
    # people first meanwhile); else made now
    G._defer(recorded if ties is not None and not ties.ready else recorded())

    roles: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"roles": [], "influence": None, "stance": None, "notes": [], "owner": None,
                 "next_step": None, "due": None, "concerns": None, "leaning": None}
    )
    for row in dataset.table("stakeholders"):
        if row["person_id"] not in G:
            continue
        entry = roles[(row["person_id"], row["project_id"])]
        entry["roles"].append(row["role"])
        if row.get("influence") is not None:
            entry["influence"] = max(entry["influence"] or 0, row["influence"])
        if row.get("stance") is not None:
            entry["stance"] = row["stance"]
        if row.get("notes"):
            entry["notes"].append(row["notes"])
        for fact in ("owner", "next_step", "due", "concerns", "leaning"):
            if row.get(fact) is not None:
                entry[fact] = row[fact]
    for (person_id, project_id), entry in roles.items():
        entry["roles"].sort()
        G.nodes[person_id]["projects"][project_id] = entry
    return G


def _recorded_ties(dataset: Dataset, ties: TieRows | None, position: dict[str, int],
                   last_between: dict[frozenset[str], str],
                   lines: tuple[list[int], list[int], list[dict[str, Any]]]) -> _Pending:
    """The graph's pending ties (:class:`_Pending`): its reporting ``lines`` (tails, heads,
    dicts), then the recorded ties of ``ties`` or of the dataset as columns."""
    tails, heads, data = lines
    rows: Sequence[tuple[Any, ...]] = ties.rows if ties is not None else [
        tuple(t.get(c) for c in TieRows.COLUMNS) for t in dataset.table("relationships")]
    # a row's people as the store sends them: ids, or numbers standing for ids (TieRows)
    place: Mapping[Any, int] = position
    between: Mapping[frozenset[Any], str] = last_between
    if ties is not None and ties.ends is not None:
        number = {person: n for n, person in ties.ends.items()}
        place = {n: position[person] for n, person in ties.ends.items() if person in position}
        between = {frozenset(number[p] for p in pair): date
                   for pair, date in last_between.items() if all(p in number for p in pair)}
    met_anyone = {person for pair in between for person in pair}
    # the recorded ties as columns (each a tuple, made in C), their dicts made when first
    # asked for (TieData): 324,000 ties at 1,000,000 people, 0.25 s of dicts not made
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [
        () for _ in TieRows.COLUMNS]
    sources, targets = columns[0], columns[1]
    row_tails: list[Any] = list(map(place.get, sources))  # None: not in the graph
    row_heads: list[Any] = list(map(place.get, targets))
    if None in row_tails or None in row_heads:  # someone outside the graph: left out
        kept = [a is not None and b is not None for a, b in zip(row_tails, row_heads, strict=True)]
        columns = [list(itertools.compress(c, kept)) for c in columns]
        sources, targets = columns[0], columns[1]
        row_tails = list(itertools.compress(row_tails, kept))
        row_heads = list(itertools.compress(row_heads, kept))
    kinds, strengths, levels, sinces, recorded, notes, extras = columns[2:]
    last = [r or None for r in recorded]
    if met_anyone:  # most ties: no interaction between their people (told apart in C)
        for k in itertools.compress(range(len(sources)), map(met_anyone.__contains__, sources)):
            if targets[k] in met_anyone:
                met = between.get(frozenset((sources[k], targets[k])))
                last[k] = max(recorded[k] or "", met or "") or None
    fields = dict(zip(TieData.FIELDS, (kinds, strengths, levels, sinces, last, recorded,
                                       notes, extras), strict=True))
    return _Pending(tails + row_tails, heads + row_heads, TieData(data, fields), position)


def as_known(G: nx.MultiDiGraph, day: str) -> nx.MultiDiGraph:
    """The people graph as the team knew it on ``day`` (ISO text): ties whose ``since`` is
    later are left out, interactions after it are forgotten, and a tie's or person's last
    contact is the latest one on or before it (a tie's recorded ``last_contact`` after the
    day says nothing about the day: the tie counts as undated unless an interaction dates
    it). ``G`` is left as it is; the copy shares no attribute dict a caller may change.

    What the store cannot date — a person or a role entered after the day, a strength
    re-rated since — is as recorded today (``G.graph["as_known"]`` names the day).

    Example
    -------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("us", org_kind="own", last_interaction=None)
    >>> G.add_node("x", org_kind="customer", last_interaction="2026-06-01")
    >>> _ = G.add_edge("us", "x", key="KNOWS", type="KNOWS", since="2026-05-01",
    ...                last_contact="2026-06-01", last_contact_recorded="2026-06-01")
    >>> G.graph["interactions"] = [{"date": "2026-06-01", "person_id": "x",
    ...                             "our_person_id": "us"}]
    >>> as_known(G, "2026-03-01").number_of_edges(), as_known(G, "2026-05-15")["us"]["x"][
    ...     "KNOWS"]["last_contact"]
    (0, None)
    """
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph["as_known"] = day
    interactions = [r for r in G.graph.get("interactions", []) if r["date"] <= day]
    H.graph["interactions"] = interactions
    last_met: dict[str, str] = {}
    last_between: dict[frozenset[str], str] = {}
    for row in interactions:  # oldest first: the last one wins
        last_met[row["person_id"]] = row["date"]
        if row.get("our_person_id"):
            last_between[frozenset((row["person_id"], row["our_person_id"]))] = row["date"]
    for person, data in G.nodes(data=True):
        H.add_node(person, **{**data, "last_interaction": last_met.get(person)})
    for u, v, key, data in G.edges(keys=True, data=True):
        if (data.get("since") or "") > day:
            continue
        if data["type"] in REPORTING:
            H.add_edge(u, v, key=key, **data)
            continue
        recorded = data.get("last_contact_recorded")
        recorded = recorded if recorded and recorded <= day else None
        met = last_between.get(frozenset((u, v)))
        H.add_edge(u, v, key=key, **{**data, "last_contact_recorded": recorded,
                                     "last_contact": max(recorded or "", met or "") or None})
    return H


def last_contact(G: nx.MultiDiGraph, person: str) -> str | None:
    """The person's last contact with our side (see the module docs: one rule for every
    output), as ISO text, or None when we never had any.

    Example
    -------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("us", org_kind="own", last_interaction=None)
    >>> G.add_node("x", org_kind="customer", last_interaction="2026-03-01")
    >>> G.add_node("y", org_kind="customer", last_interaction=None)
    >>> _ = G.add_edge("us", "x", key="KNOWS", type="KNOWS", last_contact="2026-05-01")
    >>> _ = G.add_edge("x", "y", key="KNOWS", type="KNOWS", last_contact="2026-09-01")
    >>> last_contact(G, "x"), last_contact(G, "y")
    ('2026-05-01', None)
    """
    return last_contacts(G, [person])[person]


def shown_names(G: nx.MultiDiGraph) -> dict[str, str]:
    """Each person's name as a reader can tell them apart: the name, and for namesakes the
    name with their department (else organization, else title) the way the team writes it
    and graphcrm reads it back (``张伟（调控中心）``, :data:`graphcrm.lookup.QUALIFIED`).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="张伟", department="调控中心")
    >>> G.add_node("b", name="张伟", department="科技信通部")
    >>> G.add_node("c", name="刘洪涛", department="调控中心")
    >>> shown_names(G)
    {'a': '张伟（调控中心）', 'b': '张伟（科技信通部）', 'c': '刘洪涛'}
    """
    return dict(ShownNames(G))


class ShownNames(Mapping[str, str]):
    """:func:`shown_names` worked out for a person when asked for: a question that names a
    few dozen people of a neighbourhood of 77,000 counts the namesakes once and shows only
    those (0.27 s at 1,000,000 people for everyone).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="张伟", department="调控中心")
    >>> G.add_node("b", name="张伟", department="科技信通部")
    >>> ShownNames(G)["b"], len(ShownNames(G))
    ('张伟（科技信通部）', 2)
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self._people = G._node
        self._count = Counter(d.get("name") for d in self._people.values())

    def __getitem__(self, person: str) -> str:
        data = self._people[person]
        name = str(data.get("name") or person)
        hint = next((data[f] for f in ("department", "org_name", "title") if data.get(f)),
                    None) if self._count[data.get("name")] > 1 else None
        return f"{name}（{hint}）" if hint else name

    def __iter__(self) -> Iterator[str]:
        return iter(self._people)

    def __len__(self) -> int:
        return len(self._people)


def last_contacts(G: nx.MultiDiGraph, people: Iterable[str] | None = None
                  ) -> dict[str, str | None]:
    """:func:`last_contact` of ``people`` (default: everyone) at once, in one pass over
    their ties: what a map of thousands of people or a contact plan needs.

    Example
    -------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("us", org_kind="own", last_interaction=None)
    >>> G.add_node("x", org_kind="customer", last_interaction="2026-03-01")
    >>> _ = G.add_edge("us", "x", key="KNOWS", type="KNOWS", last_contact="2026-05-01")
    >>> last_contacts(G)
    {'us': None, 'x': '2026-05-01'}
    """
    wanted = list(G) if people is None else list(people)
    found: dict[str, str | None] = {n: G.nodes[n].get("last_interaction") for n in wanted}
    ties = G.edges(data=True) if people is None else itertools.chain(
        G.out_edges(wanted, data=True), G.in_edges(wanted, data=True))
    for u, v, tie in ties:
        date = tie.get("last_contact")
        if not date or tie["type"] in REPORTING:
            continue
        for person, other in ((u, v), (v, u)):
            if person in found and G.nodes[other].get("org_kind") == OrgKind.OWN \
                    and (found[person] is None or found[person] < date):
                found[person] = date
    return found
