"""What an import did, as a result like every other: counts per table, the change plan and
the warnings, in English or Chinese — for the command line and for a notebook alike.

:class:`ImportReport` is an :class:`~graphcrm.stores.ImportSummary` (every attribute of it)
that is also a :class:`~graphcrm.results.Result`: ``parts()`` (``tables``, ``changes``),
``records()``, ``to_frame(part)``, ``text(lang)`` and a display in Jupyter, so that
``bid.import_data([...])`` shows a short table and its plan rather than thousands of
characters of dataclass.

Example
-------
>>> from graphcrm.stores.base import TableChanges
>>> from graphcrm.changes import Change
>>> summary = ImportSummary((TableChanges("people", 1, 0, 1, 0),), dry_run=True, changes=(
...     Change("people", "update", ("p1",), {"status": (None, "left")}, "林晓 (p1)"),))
>>> print(ImportReport.showing(summary).text("zh"), end="")
表    行数  将新建  将更新  将删除  未变
----  ----  ------  ------  ------  ----
人员  1     0       1       0       0
变更计划：
  ~ 人员 林晓 (p1): 状态：（空） → 离职
校验通过；未写入（试运行）
"""

from __future__ import annotations

import dataclasses
import re
import textwrap
from collections.abc import Mapping
from typing import Any

from graphcrm.changes import CREATE, REMOVE, UPDATE, Change, Creations
from graphcrm.results import Block, Part, Result, layout, shown
from graphcrm.stores.base import ImportSummary
from graphcrm.words import Said, field_name, field_value, joined, record_label, say, word

__all__ = ["ImportReport", "PLAN_CREATIONS", "PLAN_OTHERS"]

#: Lines of the change plan shown: creations (each names itself) and the rest.
PLAN_CREATIONS, PLAN_OTHERS = 20, 500


@dataclasses.dataclass(frozen=True, repr=False)
class ImportReport(ImportSummary, Result):
    """An import's summary that shows itself (see the module docs)."""

    kind = "import"

    @classmethod
    def showing(cls, summary: ImportSummary) -> ImportReport:
        """The report of ``summary`` (itself when it is one)."""
        if isinstance(summary, ImportReport):
            return summary
        return cls(**{f.name: getattr(summary, f.name) for f in dataclasses.fields(summary)})

    def parts(self) -> dict[str, Part]:
        tables = [{"table": t.table, "rows": t.rows, "created": t.created,
                   "updated": t.updated, "removed": t.removed, "unchanged": t.unchanged}
                  for t in self.tables]
        changes = [{"table": c.table, "action": c.action, "record": _label(c),
                    "fields": c.fields_text() if c.fields and c.action != CREATE else None}
                   for c in self.changes[:PLAN_CREATIONS + PLAN_OTHERS]]
        return {"tables": Part(["table", "rows", "created", "updated", "removed",
                                "unchanged"], tables),
                "changes": Part(["table", "action", "record", "fields"], changes)}

    def records(self) -> Any:
        parts = self.parts()
        return {"dry_run": self.dry_run, "changed": self.changed,
                "tables": parts["tables"].rows, "changes": parts["changes"].rows,
                "warnings": list(self.warnings)}

    def blocks(self, lang: str) -> list[Block]:
        return [*(Block(word("import.warning", lang, text=say(w, lang))) for w in self.warnings),
                *self.body(lang)]

    def body(self, lang: str) -> list[Block]:
        """The report without its warnings (the command line prints those on stderr)."""
        verb = "import.would." if self.dry_run else "import."
        columns = ["table", "rows", "created", "updated", "removed", "unchanged"]
        headers = [word(f"import.{c}", lang) if c in ("table", "rows", "unchanged")
                   else word(f"{verb}{c}", lang) for c in columns]
        rows = self.parts()["tables"].rows
        out = [Block(headers=headers, rows=[[word(f"stats.{r['table']}", lang),
                                             *(shown(r[c]) for c in columns[1:])]
                                            for r in rows])]
        if self.dry_run and self.understood:
            out.append(Block(word("import.understood", lang)))
            out += [Block(textwrap.fill(say(line, lang), 100, initial_indent="  ",
                                        subsequent_indent="    ")) for line in self.understood]
        out += [Block(line) for line in self._plan(lang)]
        if self.dry_run:
            out.append(Block(word("import.dry_run", lang)))
        elif not self.changed:
            out.append(Block(word("changes.nothing", lang)))
        return out

    def _plan(self, lang: str) -> list[str]:
        if not self.changes:
            return []
        if isinstance(self.changes, Creations):  # into an empty store: made on demand
            first, created, others = self.changes[:PLAN_CREATIONS], len(self.changes), []
        else:  # what matters most first: people coming and going, roles, ties, details
            ordered = sorted(self.changes, key=_importance)
            creations = [c for c in ordered if c.action == CREATE]
            first, created = creations[:PLAN_CREATIONS], len(creations)
            others = [c for c in ordered if c.action != CREATE]
        lines = [word("import.plan" if self.dry_run else "import.changes", lang)]
        names = {c.key[0]: _label(c) for c in others if c.table == "people"}
        lines += [plan_line(c, lang, names) for c in first]
        if created > PLAN_CREATIONS:
            lines.append(word("import.more_created", lang, n=created - PLAN_CREATIONS))
        lines += [plan_line(c, lang) for c in others[:PLAN_OTHERS]]
        if len(others) > PLAN_OTHERS:
            lines.append(word("import.more_changed", lang, n=len(others) - PLAN_OTHERS))
        return lines

    def __repr__(self) -> str:
        counts = ", ".join(f"{t.table} {t.created}+ {t.updated}~ {t.removed}-"
                           for t in self.tables if t.created or t.updated or t.removed)
        what = "dry run" if self.dry_run else "import"
        return (f"<ImportReport ({what}): {counts or 'nothing changed'}; "
                f"{len(self.changes)} changes, {len(self.warnings)} warnings>")


#: An id graphcrm derived from a name (a row that came without one): never shown to people.
_DERIVED_ID = re.compile(r"^[a-z]+-[0-9a-f]{10}$")


def _importance(change: Change) -> int:
    """Where a change stands in the plan: people joining and leaving first, then roles and
    stances, ties, other facts about people, and the rest.

    >>> _importance(Change("people", "update", ("p1",), {"status": (None, "left")}))
    0
    >>> _importance(Change("people", "update", ("p1",), {"phone": ("1", "2")}))
    3
    """
    if change.table == "people" and (change.action != UPDATE or "status" in change.fields):
        return 0
    return {"stakeholders": 1, "relationships": 2, "people": 3}.get(change.table, 4)


def _label(change: Change) -> str:
    """How the plan names a record: its name, and its id when the file gave one."""
    if change.label:
        return change.label
    named = change.fields.get("name", (None, None))[1]
    if not named:
        return "/".join(k for k in change.key if k)
    place = change.fields.get("department", (None, None))[1]
    own_id = not _DERIVED_ID.match(change.key[0])
    return f"{named} ({change.key[0]})" if own_id else f"{named}（{place}）" if place else named


def plan_line(change: Change, lang: str, names: Mapping[str, str] | None = None) -> str:
    """One line of the change plan: ``+ 人员 王建国 (p201)``, ``+ 人员 钱进 (p230)，接任 李娜
    (p202)``, ``- …``, or ``~ 人员 林晓 (p002): 状态：在职 → 离职`` (fields and values in
    ``lang``; ``names``: how the plan names the people it changes, by id)."""
    table = word(f"stats.{change.table}", lang) if lang != "en" else change.table
    if change.action == CREATE:
        line = f"  + {table} {_spoken(change, _label(change), lang)}"
        predecessor = (change.fields.get("predecessor") or (None, None))[1]
        if change.table == "people" and predecessor:
            line += word("import.succeeds", lang,
                         who=(names or {}).get(predecessor, predecessor))
        return line
    if change.action == REMOVE:
        return f"  - {table} {_spoken(change, change.label, lang)}"
    colon = "：" if lang == "zh" else ": "
    fields = joined((f"{field_name(name, lang)}{colon}{field_value(change.table, name, old, lang)}"
                     f" → {field_value(change.table, name, new, lang)}"
                     for name, (old, new) in change.field_changes()), lang, zh="；", en="; ")
    return f"  ~ {table} {_spoken(change, change.label, lang)}: {fields}"


def _spoken(change: Change, label: str, lang: str) -> str:
    """A role's or tie's label with its role or tie type in ``lang`` (``P 王建国 决策者``,
    ``王建国 — 周建平 认识``), a colleague's record with who entered it."""
    if isinstance(label, Said) and label.key == "import.entered_by":  # a colleague's record
        return word(label.key, lang, what=_spoken(change, label.values["what"], lang),
                    who=label.values["who"])
    return record_label(change.table, label, lang)


def report_text(report: ImportReport, lang: str) -> str:
    """The report without warnings, laid out for a terminal."""
    return layout(report.body(lang))
