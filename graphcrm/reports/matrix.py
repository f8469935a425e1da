"""What a person reads of the stakeholder matrix (``graphcrm matrix``): the quadrants of
influence and support, worded from the catalogue (:mod:`graphcrm.words`); the matrix itself
is :mod:`graphcrm.analysis.matrix`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphcrm.reports.gaps import score_text
from graphcrm.results import Block, Part, Result
from graphcrm.words import cell, joined, word

#: The quadrants, in the order they are shown: high influence first, then who leans.
QUADRANTS = ("manage closely", "keep satisfied", "keep informed", "monitor")

_COLUMNS = ["quadrant", "person_id", "name", "organization", "roles", "influence", "stance",
            "stance_score", "leaning", "owner_id", "owner_name", "coverage", "single_thread",
            "best_strength"]


@dataclass(frozen=True)
class MatrixResult(Result):
    """The stakeholder matrix: one row per stakeholder (``quadrant``, ``person_id``,
    ``name``, ``organization``, ``roles``, ``influence``, ``stance``, ``stance_score``,
    ``coverage``, ``best_strength``), by quadrant and influence."""

    project: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    score: dict[str, Any] = field(default_factory=dict)

    kind = "matrix"

    def parts(self) -> dict[str, Part]:
        return {"stakeholders": Part(_COLUMNS, self.rows)}

    def blocks(self, lang: str) -> list[Block]:
        out: list[Block] = [Block(score_text(self.score, lang), wrap=True), Block()] \
            if self.score else []
        shown = ["name", "organization", "roles", "influence", "stance", "coverage",
                 "single_thread"]
        for quadrant in QUADRANTS:
            mine = [r for r in self.rows if r["quadrant"] == quadrant]
            if not mine:
                continue
            if len(out) > 2:
                out.append(Block())
            heading = word(f"quadrant.{quadrant}", lang)
            out.append(Block(heading.upper() if lang == "en" else f"【{heading}】"))
            out.append(self.table(None, lang, shown, rows=[  # 反对，倾向南方智控
                {**r, "stance": joined([cell("stance", r["stance"], lang), word(
                    "map.card.leaning", lang, who=r["leaning"])], lang, zh="，")}
                if r["leaning"] else r for r in mine]))
        return out or [Block(word("none", lang))]
