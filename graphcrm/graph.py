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

Example
-------
>>> from graphcrm.ingest import read_dataset
>>> from graphcrm.resources import sample_dir
>>> G = build_graph(read_dataset([sample_dir()]))
>>> G.nodes["p001"]["org_kind"]
'own'
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from graphcrm.domain import REPORTS_TO, OrgKind, TieType, is_former
from graphcrm.records import Dataset, TieRows

__all__ = ["build_graph", "as_known", "last_contact", "last_contacts", "shown_names",
           "ShownNames", "REPORTS_TO", "DOTTED_LINE", "REPORTING"]

#: A second, dotted-line superior (a ``DOTTED_LINE`` row of the relationships table).
DOTTED_LINE = TieType.DOTTED_LINE.value
#: Reporting lines, solid and dotted: working ties that do not decay and are no evidence of
#: contact.
REPORTING = frozenset({REPORTS_TO, DOTTED_LINE})

_PERSON_FIELDS = ("name", "org_id", "title", "department", "reports_to", "email", "phone", "notes",
                  "status", "status_since", "predecessor")


def build_graph(dataset: Dataset, ties: TieRows | None = None) -> nx.MultiDiGraph:
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
    networkx.MultiDiGraph
    """
    G = nx.MultiDiGraph()
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
    # compares it with add_node)
    people, successors, predecessors = G._node, G._succ, G._pred
    for person in dataset.table("people"):
        if is_former(person.get("status")):
            former[person["id"]] = dict(person)
            continue
        org = organizations.get(person["org_id"], {})
        attrs: dict[str, Any] = dict(zip(_PERSON_FIELDS, map(person.get, _PERSON_FIELDS),
                                              strict=True))
        attrs.update(
            org_name=org.get("name"),
            org_kind=org.get("kind") or OrgKind.CUSTOMER.value,
            extra=person.get("extra") or {},
            projects={},
            last_interaction=None,
        )
        person_id = person["id"]
        if person_id in people:
            people[person_id].update(attrs)
        else:
            successors[person_id], predecessors[person_id], people[person_id] = {}, {}, attrs

    for person_id, attrs in G.nodes(data=True):
        boss = attrs["reports_to"]
        if boss in G:
            G.add_edge(person_id, boss, key=REPORTS_TO, type=REPORTS_TO, mutual=False)

    last_between: dict[frozenset[str], str] = {}
    for row in interactions:
        person = row["person_id"]
        if person in G:
            G.nodes[person]["last_interaction"] = row["date"]  # sorted: the last one wins
        ours = row.get("our_person_id")
        if ours:
            last_between[frozenset((person, ours))] = row["date"]

    # the adjacency dicts written as MultiDiGraph.add_edge writes them (one key dict shared
    # by _succ[u][v] and _pred[v][u], a tie recorded twice updating the first), without
    # its look-ups and cache clearing per call: 0.2 of the 0.34 s of building a
    # neighbourhood of 63,000 ties (tests/test_graph.py compares it with add_edge)
    knows = TieType.KNOWS.value
    rows: Iterable[tuple[Any, ...]] = ties.rows if ties is not None else (
        tuple(t.get(c) for c in TieRows.COLUMNS) for t in dataset.table("relationships"))
    met_anyone = {person for pair in last_between for person in pair}
    for source, target, kind, strength, level, since, recorded, notes, extra in rows:
        if source not in successors or target not in successors:
            continue
        last = recorded or None
        if source in met_anyone and target in met_anyone:  # most ties: no interaction
            met = last_between.get(frozenset((source, target)))
            last = max(recorded or "", met or "") or None
        attrs = {"type": kind, "mutual": kind == knows, "last_contact": last,
                 "last_contact_recorded": recorded,
                 "extra": (json.loads(extra) if isinstance(extra, str) else extra) or {},
                 "strength": strength, "level": level, "since": since, "notes": notes}
        keys = successors[source].get(target)
        if keys is None:
            keys = successors[source][target] = predecessors[target][source] = {}
        if kind in keys:
            keys[kind].update(attrs)
        else:
            keys[kind] = attrs

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
