"""What a person reads of the contact plan (``graphcrm health``): who to call, by whom and
why, worded from the catalogue (:mod:`graphcrm.words`); the plan itself is
:mod:`graphcrm.analysis.health`, which returns data and reason codes only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphcrm.results import Block, Part, Result
from graphcrm.words import joined, vocab, word

_COLUMNS = ["urgency", "person_id", "name", "organization", "by_id", "by_name", "via",
            "kind", "reason", "last_contact", "days"]


def reason_text(why: list[tuple[str, dict[str, Any]]], lang: str) -> str:
    """A plan line's reasons in ``lang``, joined."""
    said = []
    for key, values in why:
        shown = dict(values)
        for name in ("days", "cadence"):
            if shown.get(name) is not None:
                shown[name] = word("days", lang, n=shown[name])
        for name in ("role", "tie"):
            if name in shown:
                shown[name] = vocab(shown[name], lang)
        said.append(word(key, lang, **shown))
    return joined(said, lang, zh="；", en="; ")


@dataclass(frozen=True)
class ContactPlan(Result):
    """The contact plan: one row per call (``urgency``, ``person_id``, ``name``,
    ``organization``, ``by``, ``by_name``, ``kind``, ``reason`` in English,
    ``last_contact``, ``days``), most urgent first."""

    project: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)

    kind = "health"

    def parts(self) -> dict[str, Part]:  # the reason in English: the records' interface
        return {"calls": Part(_COLUMNS, [
            {c: reason_text(r["_why"], "en") if c == "reason" and "_why" in r else r.get(c)
             for c in _COLUMNS} for r in self.rows])}

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
