"""What changed since a gate review, and what it did to the bid.

:func:`review_changes` compares two states of a store (the one at a snapshot or date,
rebuilt from the history by :func:`graphcrm.changes.revert`, and today's) and the coverage of
each project in both (:func:`graphcrm.analysis.gaps.coverage_gaps`, valued as of the same
day, so that only the data differ). Every finding is one row of one table:

=================  ==========================================================
``what``           meaning
=================  ==========================================================
person added       a new person (``after``: their organization)
person gone        a person no longer in the store
person changed     one field of a person (``field``: old in ``before``, new in ``after``)
person left        a person no longer in post (离任: ``field`` their status, ``before``
                   their post, ``after`` since when) — one row, not field edits
person appointed   a person new to the store and newly appointed (新任)
person succeeded   a person new to the store who took over a post (接任: ``before``
                   whom they succeed, ``after`` their organization)
person moved       a person in another department (调任: post before and after), one row
role added         a stakeholder role in a project (with stance and influence)
role removed       a role gone
role changed       the person's roles in the project were replaced
stance changed     a stakeholder's stance, likewise ``influence changed``
tie added          a tie (``field``: its type; ``after``: strength)
tie removed        a tie gone
tie re-rated       a tie's strength or level
coverage           a decision-making stakeholder's coverage level before and after
best chain         the best chain from us to a stakeholder before and after
coverage score     the project's coverage score before and after, as a percentage
=================  ==========================================================

Other changes (organizations, projects, interactions, notes) are rows too, named after
their table.

Example
-------
>>> from graphcrm.changes import CREATE, Change
>>> after = {"people": {("c9",): {"id": "c9", "name": "马林", "org_id": "acme"}},
...          "organizations": {("acme",): {"id": "acme", "name": "Acme"}}}
>>> before = {"people": {}, "organizations": after["organizations"]}
>>> review_changes(before, after, {}, {}).records()[0]["what"]
'person added'
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from graphcrm.changes import CREATE, REMOVE, UPDATE, Change, State, diff_states
from graphcrm.domain import PersonStatus, is_former
from graphcrm.reports.gaps import GapsResult
from graphcrm.reports.review import COLUMNS, ChangesResult

__all__ = ["ChangesResult", "review_changes", "COLUMNS"]

_TIE_RATING = ("strength", "level")
_STAKEHOLDER_FIELDS = {"stance": "stance changed", "influence": "influence changed"}


def review_changes(before: State, after: State, gaps_before: dict[str, GapsResult | None],
                   gaps_after: dict[str, GapsResult], *, since: str = "the last review",
                   projects: Collection[str] | None = None,
                   people: Collection[str] | None = None,
                   authors: Mapping[tuple[str, tuple[str, ...]], str] | None = None,
                   snapshot: bool = False) -> ChangesResult:
    """The findings between two states of a store.

    Parameters
    ----------
    before, after
        ``table → key → record`` (:func:`graphcrm.changes.state_of`).
    gaps_before, gaps_after
        Coverage of each project to report, in both states (``None``: the project did not
        exist before).
    since
        How the earlier state is named in the text rendering.
    projects
        Report stakeholder changes of these projects only (default: all).
    people
        Report people and ties of these people only (default: all).
    authors
        ``(table, key) → author`` of the last recorded change to each record: each finding
        about a record says who made it (``author``).
    snapshot
        ``since`` names a snapshot (said so in the text rendering, in its language).

    Returns
    -------
    ChangesResult

    Examples
    --------
    >>> tie = {"source": "a", "target": "b", "type": "KNOWS", "strength": 2}
    >>> names = {("a",): {"id": "a", "name": "甲"}, ("b",): {"id": "b", "name": "乙"}}
    >>> before = {"people": names, "relationships": {("a", "b", "KNOWS"): tie}}
    >>> after = {"people": names,
    ...          "relationships": {("a", "b", "KNOWS"): {**tie, "strength": 4}}}
    >>> review_changes(before, after, {}, {}).records()[0]["what"]
    'tie re-rated'
    """
    rows: list[dict[str, Any]] = []
    names = {k[0]: r.get("name") for state in (before, after)
             for k, r in state.get("people", {}).items()}
    orgs = {k[0]: r.get("name") for state in (before, after)
            for k, r in state.get("organizations", {}).items()}
    keep_project = (lambda p: True) if projects is None else set(projects).__contains__
    keep_person = (lambda p: True) if people is None else set(people).__contains__

    def who(person: str | None) -> str:
        return str(names.get(person or "") or person or "")

    posts = {which: {k[0]: " ".join(str(r[f]) for f in ("department", "title") if r.get(f))
                     or None for k, r in state.get("people", {}).items()}
             for which, state in (("old", before), ("new", after))}

    roles: dict[tuple[str, str], dict[str, list[Change]]] = {}
    by = authors or {}
    for change in diff_states(before, after):
        found_rows = _row(change, who, orgs, keep_project, keep_person, roles, posts)
        rows.extend({**r, "author": by.get((change.table, change.key))} for r in found_rows)
    for (project, person), found in sorted(roles.items()):
        added = sorted(c.key[2] for c in found.get(CREATE, []))
        removed = sorted(c.key[2] for c in found.get(REMOVE, []))
        made_by = ", ".join(sorted({a for changes in found.values() for c in changes
                                    if (a := by.get((c.table, c.key)))})) or None
        if added and removed:
            rows.append({**_finding("role changed", project, who(person), "role",
                                    ", ".join(removed), ", ".join(added)), "author": made_by})
            continue
        for change in found.get(CREATE, []):
            facts = {c: n for c, (_, n) in change.fields.items()
                     if c in ("stance", "influence") and n is not None}
            detail = "; ".join(f"{c} {v}" for c, v in facts.items())
            rows.append({**_finding("role added", project, who(person), "role", None,
                                    change.key[2] + (f" ({detail})" if detail else "")),
                         "author": by.get((change.table, change.key))})
        for change in found.get(REMOVE, []):
            rows.append({**_finding("role removed", project, who(person), "role",
                                    change.key[2], None),
                         "author": by.get((change.table, change.key))})
    for project in sorted(gaps_after):
        rows.extend(_coverage(project, gaps_before.get(project), gaps_after[project]))
    return ChangesResult(since, [{c: r.get(c) for c in COLUMNS} for r in rows], snapshot)


def _finding(what: str, project: str | None, who: str | None, field: str | None, before: Any,
             after: Any) -> dict[str, Any]:
    return {"what": what, "project": project, "who": who, "field": field,
            "before": _text(before), "after": _text(after)}


def _text(value: Any) -> Any:
    if value is None or value == {} or value == "":
        return None
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in sorted(value.items()))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _row(change: Change, who: Any, orgs: dict[str, Any], keep_project: Any, keep_person: Any,
         roles: dict[tuple[str, str], dict[str, list[Change]]],
         posts: Mapping[str, Mapping[str, str | None]] | None = None) -> list[dict[str, Any]]:
    table, key = change.table, change.key
    if table == "stakeholders":
        project, person = key[0], key[1]
        if not keep_project(project):
            return []
        if change.action != UPDATE:
            roles.setdefault((project, person), {}).setdefault(change.action, []).append(change)
            return []
        return [_finding(_STAKEHOLDER_FIELDS.get(field, "stakeholder changed"), project,
                         f"{who(person)} ({key[2]})", field, old, new)
                for field, (old, new) in change.field_changes()]
    if table == "people":
        if not keep_person(key[0]):
            return []
        if change.action == CREATE:
            org = change.fields.get("org_id", (None, None))[1]
            appointed = change.fields.get("status", (None, None))[1] == PersonStatus.NEW
            predecessor = change.fields.get("predecessor", (None, None))[1]
            if predecessor:  # 接任: one row, whom they took over from
                return [_finding("person succeeded", None, who(key[0]), "predecessor",
                                 who(predecessor), orgs.get(org) or org)]
            return [_finding("person appointed" if appointed else "person added", None,
                             who(key[0]), None, None, orgs.get(org) or org)]
        if change.action == REMOVE:
            return [_finding("person gone", None, who(key[0]), None,
                             orgs.get(change.fields["org_id"][0]), None)]
        fields = dict(change.field_changes())
        status = fields.get("status", (None, None))[1]
        if status and is_former(status):  # 离任: one row, whatever else the row changed
            return [_finding("person left", None, who(key[0]), "status",
                             (posts or {}).get("old", {}).get(key[0]),
                             fields.get("status_since", (None, status))[1])]
        if "department" in fields:  # 调任: one row, the post before and after
            return [_finding("person moved", None, who(key[0]), "department",
                             (posts or {}).get("old", {}).get(key[0]),
                             (posts or {}).get("new", {}).get(key[0]))]
        return [_finding("person changed", None, who(key[0]), field,
                         who(old) if field == "reports_to" else old,
                         who(new) if field == "reports_to" else new)
                for field, (old, new) in fields.items()]
    if table == "relationships":
        source, target, kind = key
        if not (keep_person(source) or keep_person(target)):
            return []
        pair = f"{who(source)} — {who(target)}"
        if change.action == CREATE:
            return [_finding("tie added", None, pair, kind, None,
                             change.fields.get("strength", (None, None))[1])]
        if change.action == REMOVE:
            return [_finding("tie removed", None, pair, kind,
                             change.fields.get("strength", (None, None))[0], None)]
        return [_finding("tie re-rated" if field in _TIE_RATING else "tie changed", None,
                         pair, f"{kind} {field}", old, new)
                for field, (old, new) in change.field_changes()]
    if table == "interactions":
        if not keep_person(key[1]):
            return []
        if change.action == CREATE:
            return [_finding("interaction added", None, who(key[1]), key[3] or None, None,
                             key[0])]
        return []
    label = {"organizations": "organization", "projects": "project"}[table]
    if table == "projects" and not keep_project(key[0]):
        return []
    name = (change.fields.get("name") or (None, None))
    shown = name[1] or name[0] or key[0]
    if change.action == CREATE:
        return [_finding(f"{label} added", key[0] if table == "projects" else None, shown,
                         None, None, key[0])]
    if change.action == REMOVE:
        return [_finding(f"{label} gone", None, shown, None, key[0], None)]
    owner = key[0] if table == "projects" else None
    return [_finding(f"{label} changed", owner, key[0], field, old, new)
            for field, (old, new) in change.field_changes()]


def _coverage(project: str, before: GapsResult | None, after: GapsResult
              ) -> list[dict[str, Any]]:
    rows = []
    old = {} if before is None else {r["person_id"]: r for r in before.part().rows}
    for record in after.part().rows:
        earlier = old.pop(record["person_id"], None)
        status_before = earlier["coverage"] if earlier else None
        rows.append(_finding("coverage", project, record["name"], "coverage", status_before,
                             record["coverage"]))
        chain_before = " → ".join(earlier["best_chain"]) or None if earlier else None
        chain_after = " → ".join(record["best_chain"]) or None
        if chain_before != chain_after:
            rows.append(_finding("best chain", project, record["name"], None, chain_before,
                                 chain_after))
    for record in old.values():  # no longer a decision-making stakeholder
        rows.append(_finding("coverage", project, record["name"], "coverage",
                             record["coverage"], None))
    score_before = None if before is None else f"{before.score['percent']}%"
    rows.append(_finding("coverage score", project, None, None, score_before,
                         f"{after.score['percent']}%"))
    return rows
