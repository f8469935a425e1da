"""What a person reads of a key-informant question (``graphcrm informants``): the ranked
candidates and their reasons, worded from the catalogue (:mod:`graphcrm.words`); the
ranking itself is :mod:`graphcrm.analysis.informants`, which returns data and reason codes
only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphcrm.reports import Reasons, said, worded_part
from graphcrm.results import Block, Part, Result
from graphcrm.words import vocab, word


def reasons_text(reasons: Reasons, lang: str) -> str:
    """A candidate's reasons as one line in ``lang``: stances and Gould–Fernandez roles in
    the language's words."""

    def shown(key: str, values: dict[str, Any], lang: str) -> dict[str, Any]:
        out = dict(values)
        if "stance" in out:
            out["stance"] = vocab(out["stance"], lang)
        if key == "informants.gf":
            out["means"] = word(f"gf.{values['role']}.means", lang)
            out["role"] = word(f"gf.{values['role']}", lang)
        return out

    return said(reasons, lang, shown)


def _columns(components: tuple[str, ...]) -> list[str]:
    return ["rank", "person_id", "name", "organization", "title", "score", *components,
            "constraint", "effective_size", "stance", "gf_role", "gf_counts",
            "recorded_informant", "risk", "reasons"]


@dataclass(frozen=True)
class InformantsResult(Result):
    """Ranked key-informant candidates of ``project``: one row per candidate, best first
    (``rank``, ``person_id``, ``name``, ``organization``, ``title``, ``score``, the
    components, ``constraint``, ``effective_size``, ``stance`` (the word), ``gf_role`` and its
    counts, ``recorded_informant``, ``risk`` and ``reasons``, in English)."""

    project: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: the components of the score (the keys of the model's ``informant_weights``)
    components: tuple[str, ...] = ()

    kind = "informants"

    def parts(self) -> dict[str, Part]:
        return {"candidates": worded_part(_columns(self.components), self.rows, "reasons",
                                          reasons_text)}

    def blocks(self, lang: str) -> list[Block]:
        if not self.rows:
            return [Block(word("informants.none", lang))]
        names = ["rank", "name", "organization", "score", "access", "our_tie", "brokerage",
                 "structural_holes", "stance", "gf_role"]
        starred = [{**r, "name": f"{r['name']}*" if r["recorded_informant"] else r["name"]}
                   for r in self.rows]
        table = self.table(None, lang, names, rows=starred)
        out = [table, Block(word("informants.recorded", lang)), Block()]
        for row in self.rows:
            out.append(Block(word("informants.line", lang, rank=row["rank"], name=row["name"],
                                  reasons=reasons_text(row["_why"], lang)), wrap=True))
        return out
