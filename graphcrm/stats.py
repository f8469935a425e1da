"""What a store holds: counts by kind overall and per project."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphcrm.domain import Role
from graphcrm.results import Block, Part, Result, plain, shown
from graphcrm.stores.base import Counts
from graphcrm.words import cell, vocab, word

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Stats", "summarize"]


@dataclass(frozen=True)
class Stats(Result):
    """Counts of a store.

    ``counts`` is a long table (``scope``, ``category``, ``kind``, ``count``): scope ``all``
    for the whole store (organizations by kind, people by organization kind, relationships
    by type, projects by stage, stakeholders by role, interactions by channel), then one
    scope per project id with its stakeholders by role. ``projects`` has one row per project
    with its facts and stakeholder counts by role.
    """

    count_rows: list[dict[str, Any]]
    project_rows: list[dict[str, Any]]

    kind = "stats"

    @property
    def counts(self) -> pd.DataFrame:
        """The long table of counts, as a DataFrame."""
        return self.to_frame("counts")

    @property
    def projects(self) -> pd.DataFrame:
        """One row per project, as a DataFrame."""
        return self.to_frame("projects")

    def parts(self) -> dict[str, Part]:
        """``counts`` (the JSON output) and ``projects``."""
        return {"counts": Part(["scope", "category", "kind", "count"], self.count_rows),
                "projects": Part(_PROJECT_COLUMNS, self.project_rows)}

    def blocks(self, lang: str) -> list[Block]:
        out = []
        overall = [r for r in self.part("counts").rows if r["scope"] == "all"]
        joiner = "、" if lang == "zh" else " · "  # a line of counts, not a sentence
        for category in dict.fromkeys(r["category"] for r in overall):
            rows = [r for r in overall if r["category"] == category]
            kinds = joiner.join(f"{shown(cell(_CATEGORY_VOCAB.get(category, ''), r['kind'], lang))}"
                                f" {r['count']}" for r in rows)
            head = word(f"stats.{category}", lang)
            total = sum(r["count"] for r in rows)
            out.append(Block(f"{head} {total}: {kinds}", wrap=True))
        for project in self.part("projects").rows:
            facts = [word("stats.customer", lang,
                          customer=project.get("customer_name") or project["customer"])]
            if plain(project["stage"]) is not None:
                facts.append(shown(cell("stage", project["stage"], lang)))
            if plain(project["value"]) is not None:
                facts.append(word("stats.value", lang, value=project["value"]))
            if plain(project["deadline"]) is not None:
                facts.append(word("stats.due", lang, deadline=plain(project["deadline"])))
            roles = joiner.join(f"{vocab(role, lang)} {project[role.value]}" for role in Role
                                if project[role.value])
            out += [Block(), Block(f"{project['project']}  {project['name']}"),
                    Block(" · ".join(facts), indent="  "),
                    Block(word("stats.roles", lang, n=project["stakeholders"],
                               roles=roles or word("stats.none", lang)), indent="  ",
                          wrap=True)]
        return out


_PROJECT_COLUMNS = ["project", "name", "customer", "customer_name", "stage", "value",
                    "deadline",
                    "stakeholders", *(r.value for r in Role)]

# the vocabulary the kinds of each count category are words of
_CATEGORY_VOCAB = {"organizations": "org_kind", "people": "org_kind",
                   "relationships": "tie", "projects": "stage", "stakeholders": "roles",
                   "interactions": "channel"}


def summarize(counts: Counts, organizations: Mapping[str, str] | None = None) -> Stats:
    """Turn a store's :class:`~graphcrm.stores.Counts` into :class:`Stats`;
    ``organizations`` (id → name) names each project's customer.

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
                "customer": project["customer_id"],
                "customer_name": (organizations or {}).get(str(project["customer_id"])),
                "stage": project["stage"],
                "value": project["value"], "deadline": project["deadline"],
                "stakeholders": sum(roles.values()),
                **{role.value: roles.get(role.value, 0) for role in Role},
            }
        )
    return Stats(rows, wide)
