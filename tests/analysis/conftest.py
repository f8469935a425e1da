"""Build small people graphs by hand, through the same graph builder the product uses."""

from __future__ import annotations

import datetime as dt

import networkx as nx

from graphcrm.analysis.valued import ValuedGraph, value
from graphcrm.graph import build_graph
from graphcrm.records import SCHEMA, Dataset

#: The day the hand-built graphs are valued on, unless a test says otherwise.
AS_OF = dt.date(2026, 6, 1)

ORGS = {"o-us": "own", "o-c": "customer", "o-d": "customer", "o-x": "competitor",
        "o-p": "partner"}


def make_graph(
    people: dict[str, str],
    ties: list[tuple] = (),
    roles: list[tuple] = (),
    interactions: list[tuple] = (),
    details: dict[str, dict] | None = None,
) -> nx.MultiDiGraph:
    """people: id → org id; ties: (a, b, strength[, type[, last_contact[, level]]]);
    roles: (person, role[, influence[, stance[, facts]]]) in project P at o-c (facts: the
    stakeholder row's other fields, e.g. owner, leaning);
    interactions: (date, person, our_person); details: extra person fields by id."""
    details = details or {}
    records = {
        "organizations": [{"id": o, "name": o.upper(), "kind": k, "extra": {}}
                          for o, k in ORGS.items()],
        "people": [{"id": p, "name": p.upper(), "org_id": o, "extra": {},
                    **details.get(p, {})} for p, o in people.items()],
        "projects": [{"id": "P", "name": "Project P", "customer_id": "o-c", "extra": {}}],
        "relationships": [],
        "stakeholders": [],
        "interactions": [{"date": d, "person_id": p, "our_person_id": o, "extra": {}}
                         for d, p, o in interactions],
    }
    for tie in ties:
        a, b, strength, kind, last, level = (*tie, *(None,) * (6 - len(tie)))
        records["relationships"].append({"source": a, "target": b, "type": kind or "KNOWS",
                                         "strength": strength, "last_contact": last,
                                         "level": level, "extra": {}})
    for role in roles:
        person, name, influence, stance, facts = (*role, *(None,) * (5 - len(role)))
        records["stakeholders"].append({"project_id": "P", "person_id": person, "role": name,
                                        "influence": influence, "stance": stance, "extra": {},
                                        **(facts or {})})
    return build_graph(Dataset(records=records,
                               columns={t: SCHEMA[t].column_names for t in records}))


def make_valued(*args: object, as_of: dt.date = AS_OF, **kwargs: object) -> ValuedGraph:
    """:func:`make_graph`, valued as of ``as_of`` (the form every analysis takes)."""
    return value(make_graph(*args, **kwargs), as_of)  # type: ignore[arg-type]
