"""What a person reads of what changed (``graphcrm changes``): the findings and a summary,
worded from the catalogue (:mod:`graphcrm.words`); the comparison itself is
:mod:`graphcrm.analysis.review`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphcrm.results import Block, Part, Result, shown
from graphcrm.words import cell, column, word

if TYPE_CHECKING:
    import pandas as pd


COLUMNS = ["what", "project", "who", "field", "before", "after", "author"]
#: The rows that say what the changes did to the bid (the others are the changes).
_BID_ROWS = ("coverage", "best chain", "coverage score")
# the vocabulary of a finding's before and after, by its field
_FIELD_VOCAB = {"status": "person_status", "coverage": "coverage", "stance": "stance",
                "role": "roles", "level": "level", "kind": "org_kind", "stage": "stage"}


@dataclass(frozen=True)
class ChangesResult(Result):
    """What changed since ``since`` (a snapshot or a date), one row per finding
    (:data:`COLUMNS`; see the module docs)."""

    since: str
    rows: list[dict[str, Any]]
    #: whether ``since`` names a snapshot (else a date)
    snapshot: bool = False

    kind = "changes"

    @property
    def frame(self) -> pd.DataFrame:
        """The findings as a DataFrame."""
        return self.to_frame()

    def parts(self) -> dict[str, Part]:
        return {"findings": Part(COLUMNS, self.rows)}

    def summary(self, lang: str = "en") -> str:
        """One line: how many changes, and for how many projects the coverage is compared."""
        changed = sum(1 for r in self.rows if r["what"] not in _BID_ROWS)
        projects = len({r["project"] for r in self.rows if r["what"] in _BID_ROWS})
        what = word("changes.count", lang, n=changed) if changed else \
            word("changes.nothing", lang)
        if projects:
            what += word("changes.projects", lang, n=projects)
        return word("changes.since.snapshot" if self.snapshot else "changes.since", lang,
                    since=self.since, what=what)

    def blocks(self, lang: str) -> list[Block]:
        out = [Block(self.summary(lang))]
        if self.rows:
            table = self.table(None, lang)
            columns = self.part().columns
            at = {c: columns.index(c) for c in ("field", "before", "after")}
            for record, row in zip(self.part().rows, table.rows, strict=True):
                field = record["field"]  # before and after are values of this field
                for side in ("before", "after"):
                    row[at[side]] = shown(cell(_FIELD_VOCAB.get(field, ""), record[side],
                                               lang), lang)
                if field:
                    row[at["field"]] = column(field, lang)
            out += [Block(), table]
        return out

    def __str__(self) -> str:
        return self.summary()
