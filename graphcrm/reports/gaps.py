"""What a person reads of a coverage question (``graphcrm gaps``): the result's parts, and
its wording in English or Chinese from the catalogue (:mod:`graphcrm.words`); the question
itself is :mod:`graphcrm.analysis.gaps`, which returns data and reason codes only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphcrm.domain import Coverage, MapStatus, Role, Stance
from graphcrm.reports import Reasons, said
from graphcrm.results import Block, Part, Result, plain
from graphcrm.words import joined, vocab, word

if TYPE_CHECKING:
    import pandas as pd


STAKEHOLDER_COLUMNS = [
    "person_id", "name", "roles", "influence", "stance", "leaning", "coverage",
    "single_threaded", "broker_ids", "broker_names", "working_ids", "working_names",
    "routes", "best_strength", "best_chain", "counted_routes", "weak_routes", "blocker_ids",
    "blocker_names", "coverage_after"]
PLAN_COLUMNS = ["step", "approach", "stakeholder_id", "stakeholder", "meet_id", "meet_name",
                "who_id", "who_name", "via", "why", "influence", "coverage_now", "coverage_after"]
HOLE_COLUMNS = ["hole", "where", "detail"]


@dataclass(frozen=True)
class GapsResult(Result):
    """Coverage of one project's decision-making stakeholders.

    ``stakeholders``: one row per stakeholder — ``coverage``, its level
    (:class:`~graphcrm.domain.Coverage`),
    ``single_threaded`` with the ``broker_ids``/``broker_names``, the ``working_ids`` of ours
    who hold working ties, ``routes`` (how many count), ``best_strength`` and
    ``best_chain``, the ``counted_routes`` and ``weak_routes`` (each ``name``: the chain in
    words, ``ids``, ``strength``), the ``blocker_ids``/``blocker_names`` of a contested one
    and the ``coverage_after`` the plan. ``plan``: one step per stakeholder not covered in
    depth. ``holes``: org-chart holes. ``score``: ``score`` (0–1), ``percent``, ``total``
    influence, ``people`` and ``influence`` by level, ``map_status``, ``after_plan``.
    """

    project: str
    stakeholder_rows: list[dict[str, Any]]
    plan_rows: list[dict[str, Any]]
    hole_rows: list[dict[str, Any]]
    score: dict[str, Any]

    kind = "gaps"

    @property
    def stakeholders(self) -> pd.DataFrame:
        """One row per decision-making stakeholder, as a DataFrame."""
        return self.to_frame("stakeholders")

    @property
    def plan(self) -> pd.DataFrame:
        """The introduction plan, as a DataFrame."""
        return self.to_frame("plan")

    @property
    def holes(self) -> pd.DataFrame:
        """The org-chart holes, as a DataFrame."""
        return self.to_frame("holes")

    def parts(self) -> dict[str, Part]:
        """``stakeholders``, ``plan`` and ``holes`` (``--part`` for CSV)."""
        holes = [{"hole": r["hole"], "where": r["where"],
                  "detail": _detail(r["reason"], r["values"], "en")} for r in self.hole_rows]
        plan = [{**{c: r.get(c) for c in PLAN_COLUMNS}, "why": why_text(r["_why"], "en")}
                for r in self.plan_rows]
        return {"stakeholders": Part(STAKEHOLDER_COLUMNS, self.stakeholder_rows, shown=(
                    "name", "roles", "influence", "coverage", "routes", "best_strength",
                    "broker_names", "blocker_names")),
                "plan": Part(PLAN_COLUMNS, plan),
                "holes": Part(HOLE_COLUMNS, holes)}

    def records(self) -> dict[str, Any]:
        """One object: ``score``, ``stakeholders``, ``plan`` and ``holes`` (the JSON output)."""
        return plain({"score": self.score, **{n: p.rows for n, p in self.parts().items()}})

    def blocks(self, lang: str) -> list[Block]:
        score = self.score
        out = [Block(score_text(score, lang), wrap=True)]
        for level in (c.value for c in Coverage):
            if score["people"].get(level):
                out.append(Block(word("gaps.part", lang, level=vocab(Coverage(level), lang),
                                      people=word("people", lang,
                                                  n=int(score["people"][level])),
                                      influence=score["influence"][level],
                                      means=word(f"coverage.{level}.means", lang)),
                                 indent="  ", wrap=True))
        if score.get("after_plan") is not None and self.plan_rows:
            out.append(Block(word("gaps.after", lang, percent=score["after_plan"]["percent"],
                                  steps=word("steps", lang, n=len(self.plan_rows))),
                             indent="  ", wrap=True))
        out.append(Block())
        out.append(self.table("stakeholders", lang, rows=[
            {**r, "broker_names": r["broker_names"] if r["single_threaded"] else []}
            for r in self.stakeholder_rows]))
        needy = [r for r in self.stakeholder_rows if r["coverage"] != Coverage.IN_DEPTH.value]
        if needy:
            out += [Block(), Block(word("gaps.routes", lang))]
            for row in needy:
                out.append(Block(_routes_line(row, lang), indent="    ", wrap=True))
        if self.plan_rows:
            out += [Block(), Block(word("gaps.plan", lang))]
            for row in self.plan_rows:
                out.append(Block(_step_line(row, lang), indent="    ", wrap=True))
        if self.hole_rows:
            out += [Block(), Block(word("gaps.holes", lang))]
            for row in self.hole_rows:
                detail = _detail(row["reason"], row["values"], lang)
                out.append(Block(word("gaps.hole", lang, hole=word(f"hole.{row['hole']}", lang),
                                      where=_where(row, row["values"], lang), detail=detail),
                                 indent="    ", wrap=True))
        return out


def score_text(score: dict[str, Any], lang: str) -> str:
    """The coverage score as every output says it: the percentage, the people at each
    level and the map status (``覆盖率 62%（深度覆盖 3 · 已接触 2 · 未覆盖 1）；关键人无支持者``).

    >>> s = {"percent": 62, "people": {"in_depth": 3, "contacted": 0, "uncovered": 1},
    ...      "map_status": "no_supportive_key_player"}
    >>> score_text(s, "en")
    'Coverage 62% (in depth 3 · uncovered 1); map status: no key player supports us'
    """
    counts = " · ".join(f"{vocab(Coverage(level), lang)} {n}"
                        for level, n in score["people"].items() if n)
    return word("gaps.score", lang, percent=score["percent"], counts=counts or "—",
                status=vocab(MapStatus(score["map_status"]), lang))


def why_text(why: Reasons, lang: str) -> str:
    """A plan step's reasons in ``lang``, joined: lists of names in its punctuation, a
    stance and a leaning in its words."""

    def shown(key: str, values: dict[str, Any], lang: str) -> dict[str, Any]:
        out = {k: joined(v, lang) if isinstance(v, list) else v for k, v in values.items()}
        if "stance" in values:
            out["stance"] = joined(filter(None, [
                vocab(Stance(values["stance"]), lang) if values["stance"] else "",
                word("map.card.leaning", lang, who=values["leaning"])
                if values["leaning"] else ""]), lang, zh="，")
        return out

    return said(why, lang, shown)


def _routes_line(row: dict[str, Any], lang: str) -> str:
    said = [vocab(Coverage(row["coverage"]), lang)]
    if row["leaning"]:  # 倾向南方智控: the first question of a tender
        said.append(word("map.card.leaning", lang, who=row["leaning"]))
    if row["single_threaded"]:
        said.append(word("gaps.single", lang, names=joined(row["broker_names"], lang)))
    if row["working_names"]:
        said.append(word("gaps.working", lang, names=joined(row["working_names"], lang)))
    if row["blocker_names"]:
        said.append(word("gaps.blockers", lang, names=joined(row["blocker_names"], lang)))
    routes = [r["name"] for r in row["counted_routes"]]
    weak = [r["name"] for r in row["weak_routes"]]
    lines = [word("gaps.counted", lang, routes=joined(routes, lang, zh="；", en="; "))
             if routes else word("gaps.no_route", lang)]
    if weak:
        lines.append(word("gaps.weak", lang, routes=joined(weak, lang, zh="；", en="; ")))
    return word("gaps.needy", lang, name=row["name"], level=joined(said, lang, zh="，"),
                routes=joined(lines, lang, zh="；", en="; "))


def _step_line(row: dict[str, Any], lang: str) -> str:
    who = row["who_name"] or word("gaps.one_of_us", lang)
    via = word("gaps.via", lang, chain=joined(row["via"], lang)) if row["via"] else ""
    after = word("gaps.step_after", lang, now=vocab(Coverage(row["coverage_now"]), lang),
                 after=vocab(Coverage(row["coverage_after"]), lang)) \
        if row["coverage_after"] else word("gaps.not_simulated", lang)
    return word(f"gaps.step.{row['approach']}", lang, step=row["step"], who=who, via=via,
                meet=row["meet_name"], stakeholder=row["stakeholder"],
                why=why_text(row["_why"], lang), after=after)


def _detail(reason: str, values: dict[str, Any], lang: str) -> str:
    """A hole's detail in ``lang``, from its reason code and values (the catalogue's
    words: the analysis itself says nothing in any language)."""
    return word(reason, lang, **{k: (word("people", lang, n=v) if k == "people"
                                     else vocab(Role(v), lang) if k == "role" else v)
                                 for k, v in values.items()})


def _where(row: dict[str, Any], values: dict[str, Any], lang: str) -> str:
    if row["hole"] == "role unknown":
        return word("gaps.missing", lang, role=vocab(Role(values["role"]), lang))
    return str(row["where"])
