"""Change plans and their undoing, checked by hand on small cases and against a reference
upsert on random ones: applying an import and then reverting its plan gives back the store
exactly, and the plan lists exactly the records that differ."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from graphcrm.changes import (
    CREATE,
    REMOVE,
    UPDATE,
    Change,
    decode,
    diff_states,
    encode,
    plan,
    revert,
    scrub,
    state_of,
)
from graphcrm.records import SCHEMA, TABLE_ORDER, Dataset, record_key

PEOPLE = ["a", "b", "c", "d"]


def person(pid: str, title: str | None, extra: dict[str, str]) -> dict:
    return {"id": pid, "name": pid.upper(), "org_id": "o", "title": title, "extra": extra}


def tie(source: str, target: str, kind: str, strength: int) -> dict:
    if kind == "KNOWS" and target < source:
        source, target = target, source
    return {"source": source, "target": target, "type": kind, "strength": strength,
            "extra": {}}


def role(pid: str, name: str, stance: str | None) -> dict:
    return {"project_id": "P", "person_id": pid, "role": name, "stance": stance, "extra": {}}


people_st = st.lists(st.builds(person, st.sampled_from(PEOPLE),
                               st.sampled_from([None, "处长", "局长"]),
                               st.dictionaries(st.sampled_from(["wechat", "备注"]),
                                               st.sampled_from(["x", "y"]), max_size=2)),
                     unique_by=lambda r: r["id"])
ties_st = st.lists(st.builds(tie, st.sampled_from(PEOPLE), st.sampled_from(PEOPLE),
                             st.sampled_from(["KNOWS", "INFLUENCES"]), st.integers(1, 5))
                   .filter(lambda t: t["source"] != t["target"]),
                   unique_by=lambda t: record_key("relationships", t))
roles_st = st.lists(st.builds(role, st.sampled_from(PEOPLE),
                              st.sampled_from(["decision_maker", "evaluator"]),
                              st.sampled_from([None, "opponent", "champion"])),
                    unique_by=lambda r: record_key("stakeholders", r))


def dataset(people, ties, roles, columns=None) -> Dataset:
    tables = {"people": people, "relationships": ties, "stakeholders": roles}
    return Dataset(records=copy.deepcopy(tables),
                   columns=columns or {t: SCHEMA[t].column_names for t in tables})


def upsert(stored: Dataset, incoming: Dataset, sync: bool) -> dict:
    """The reference: what a store holds after the import (module docs of graphcrm.changes)."""
    state = state_of(stored)
    for table, records in incoming:
        for record in records:
            key = record_key(table, record)
            old = state[table].get(key)
            if old is None:
                state[table][key] = copy.deepcopy(record)
                continue
            new = {**old, **{c: record.get(c) for c in incoming.columns[table]}}
            new["extra"] = {**old.get("extra", {}), **record.get("extra", {})}
            state[table][key] = new
    if sync:
        listed = {t: {record_key(t, r) for r in incoming.table(t)} for t in TABLE_ORDER}
        covered = {r["id"] for r in incoming.table("people")} | {
            p for t in incoming.table("relationships") for p in (t["source"], t["target"])}
        for key, record in list(state["relationships"].items()):
            if {record["source"], record["target"]} <= covered and \
                    key not in listed["relationships"]:
                del state["relationships"][key]
        projects = {r["project_id"] for r in incoming.table("stakeholders")}
        for key, record in list(state["stakeholders"].items()):
            if record["project_id"] in projects and key not in listed["stakeholders"]:
                del state["stakeholders"][key]
    return state


def same(a: dict, b: dict) -> bool:
    def norm(state):
        return {t: {k: {c: v for c, v in r.items() if v not in (None, {})}
                    for k, r in state.get(t, {}).items()} for t in TABLE_ORDER}
    return norm(a) == norm(b)


@settings(max_examples=300, deadline=None)
@given(people_st, ties_st, roles_st, people_st, ties_st, roles_st, st.booleans(),
       st.booleans())
def test_a_plan_is_exactly_the_difference_and_reverting_it_gives_the_store_back(
        p1, t1, r1, p2, t2, r2, sync, all_columns):
    names = {p["id"] for p in p1} | {p["id"] for p in p2}
    ends = lambda ties: [t for t in ties if {t["source"], t["target"]} <= names]  # noqa: E731
    stored = dataset(p1, ends(t1), [r for r in r1 if r["person_id"] in names])
    columns = None if all_columns else {"people": ("id", "name", "org_id"),
                                        "relationships": ("source", "target", "type",
                                                          "strength"),
                                        "stakeholders": ("project_id", "person_id", "role")}
    incoming = dataset(p2, ends(t2), [r for r in r2 if r["person_id"] in names], columns)
    changes = plan(incoming, stored, sync=sync)
    after = upsert(stored, incoming, sync)
    assert same(revert(after, changes), state_of(stored))
    # history keeps creations by key alone: reverting still works
    assert same(revert(after, decode(encode(changes)[0])), state_of(stored))
    expected = {(c.table, c.action, c.key) for c in diff_states(state_of(stored), after)}
    assert {(c.table, c.action, c.key) for c in changes} == expected


def test_a_changed_role_under_sync_replaces_the_old_one():
    stored = dataset([person("a", None, {})], [], [role("a", "evaluator", "opponent")])
    incoming = dataset([person("a", None, {})], [], [role("a", "decision_maker", None)])
    assert [(c.action, c.key[2]) for c in plan(incoming, stored, sync=True)
            if c.table == "stakeholders"] == [(CREATE, "decision_maker"), (REMOVE, "evaluator")]
    assert [c.action for c in plan(incoming, stored) if c.table == "stakeholders"] == [CREATE]


def test_extra_columns_are_merged_and_shown_one_by_one():
    stored = dataset([person("a", None, {"wechat": "x"})], [], [])
    incoming = dataset([person("a", None, {"备注": "y"})], [], [])
    (change,) = plan(incoming, stored)
    assert change.action == UPDATE
    assert list(change.field_changes()) == [("备注", (None, "y"))]


def test_scrub_drops_every_change_that_names_the_person():
    changes = [Change("people", UPDATE, ("b",), {"reports_to": ("a", None)}),
               Change("relationships", REMOVE, ("a", "c", "KNOWS"), {"notes": ("秘密", None)}),
               Change("people", CREATE, ("c",))]
    text, people = scrub(encode(changes)[0], "a")
    assert [c.key for c in decode(text)] == [("c",)] and people == ["c"]
    assert "秘密" not in text
