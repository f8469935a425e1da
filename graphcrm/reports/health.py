"""What a person reads of the contact plan (``graphcrm health``): who to call, by whom and
why, worded from the catalogue (:mod:`graphcrm.words`); the plan itself is
:mod:`graphcrm.analysis.health`, which returns data and reason codes only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphcrm.reports import Reasons, said, worded_part
from graphcrm.results import Block, Part, Result
from graphcrm.words import joined, vocab, word

_COLUMNS = ["urgency", "person_id", "name", "organization", "by_id", "by_name", "via",
            "kind", "reason", "last_contact", "days"]


def reason_text(why: Reasons, lang: str) -> str:
    """A plan line's reasons in ``lang``, joined: days counted, roles and tie types in the
    language's words."""

    def shown(key: str, values: dict[str, Any], lang: str) -> dict[str, Any]:
        out = dict(values)
        for name in ("days", "cadence"):
            if out.get(name) is not None:
                out[name] = word("days", lang, n=out[name])
        for name in ("role", "tie"):
            if name in out:
                out[name] = vocab(out[name], lang)
        return out

    return said(why, lang, shown)


@dataclass(frozen=True)
class ContactPlan(Result):
    """The contact plan: one row per call (``urgency``, ``person_id``, ``name``,
    ``organization``, ``by``, ``by_name``, ``kind``, ``reason`` in English,
    ``last_contact``, ``days``), most urgent first."""

    project: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)

    kind = "health"

    def parts(self) -> dict[str, Part]:
        return {"calls": worded_part(_COLUMNS, self.rows, "reason", reason_text)}

    def blocks(self, lang: str) -> list[Block]:
        if not self.rows:
            return [Block(word("health.none", lang))]
        return [Block(word("health.call", lang, i=i, name=row["name"],
                           organization=row["organization"] or "",
                           by=word("health.by_via", lang, by=row["by_name"],
                                   via=joined(row["via"], lang)) if row["via"] else
                           row["by_name"] or word("health.nobody", lang),
                           reason=reason_text(row["_why"], lang)), wrap=True)
                for i, row in enumerate(self.rows, start=1)]
