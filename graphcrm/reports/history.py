"""What a person reads of one change set (``graphcrm history N``): each record by its name,
each field by its word, and the values before and after in the reader's words (a tie's type,
a status); the records (JSON, CSV) keep the stored values."""

from __future__ import annotations

from graphcrm.results import Block, Part, TableResult, shown
from graphcrm.words import column_word, field_value, record_label

__all__ = ["ChangeSetResult"]


class ChangeSetResult(TableResult):
    """The field-level changes of one change set, one row per field changed (part
    ``changes``: change_set, at, author, table, action, record, field, before, after)."""

    def __init__(self, part: Part) -> None:
        super().__init__("history", {"changes": part})

    def blocks(self, lang: str) -> list[Block]:
        part = self.part("changes")
        if lang == "en" or not part.rows:
            return super().blocks(lang)
        table = self.table("changes", lang)
        at = {c: part.columns.index(c) for c in ("record", "field", "before", "after")}
        for record, row in zip(part.rows, table.rows, strict=True):
            name, field = record["table"], record["field"]
            if name and record["record"]:
                row[at["record"]] = record_label(name, record["record"], lang)
            if name and field and not field.startswith("extra."):
                row[at["field"]] = column_word(field, lang, name)  # a role's project: 项目
                for side in ("before", "after"):
                    if record[side] is not None:
                        row[at[side]] = shown(field_value(name, field, record[side], lang),
                                              lang)
        return [table]
