"""What a store holds: counts by kind overall and per project."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from graphcrm.domain import Role
from graphcrm.stores.base import Counts

__all__ = ["Stats", "summarize"]


@dataclass(frozen=True)
class Stats:
    """Counts of a store.

    ``counts`` is a long table (``scope``, ``category``, ``kind``, ``count``): scope ``all``
    for the whole store (organizations by kind, people by organization kind, relationships
    by type, projects by stage, stakeholders by role, interactions by channel), then one
    scope per project id with its stakeholders by role. ``projects`` has one row per project
    with its facts and stakeholder counts by role.
    """

    counts: pd.DataFrame
    projects: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.counts.to_html(index=False) + self.projects.to_html(index=False)


def summarize(counts: Counts) -> Stats:
    """Turn a store's :class:`~graphcrm.stores.Counts` into :class:`Stats`.

    Example
    -------
    >>> s = summarize(Counts({"people": {"own": 3, "customer": 10}}))
    >>> s.counts.to_dict("records")[0]
    {'scope': 'all', 'category': 'people', 'kind': 'customer', 'count': 10}
    """
    rows = [
        {"scope": "all", "category": category, "kind": kind, "count": count}
        for category, kinds in counts.by_kind.items()
        for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    wide = []
    for project in counts.projects:
        roles: dict[str, int] = dict(project.get("roles") or {})  # type: ignore[call-overload]
        rows += [
            {"scope": project["id"], "category": "stakeholders", "kind": role.value,
             "count": roles[role.value]}
            for role in Role
            if roles.get(role.value)
        ]
        wide.append(
            {
                "project": project["id"], "name": project["name"],
                "customer": project["customer_id"], "stage": project["stage"],
                "value": project["value"], "deadline": project["deadline"],
                "stakeholders": sum(roles.values()),
                **{role.value: roles.get(role.value, 0) for role in Role},
            }
        )
    columns = ["project", "name", "customer", "stage", "value", "deadline", "stakeholders"]
    return Stats(
        counts=pd.DataFrame(rows, columns=["scope", "category", "kind", "count"]),
        projects=pd.DataFrame(wide, columns=columns + [r.value for r in Role]),
    )
