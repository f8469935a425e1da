"""The store contract (see graphcrm.stores.base), run against every store implementation."""

from __future__ import annotations

import copy
import dataclasses
import json

import networkx as nx
import pytest

from graphcrm.changes import dataset_of, revert, state_of
from graphcrm.errors import Conflict, LookupFailed
from graphcrm.graph import build_graph
from graphcrm.ingest import read_dataset
from graphcrm.records import SCHEMA
from graphcrm.stores import ChangeInfo
from tests.conftest import TINY, changed


def canonical(dataset):
    """Each table's records as sorted JSON texts, every contract column present."""
    return {
        name: sorted(
            json.dumps({**{c: row.get(c) for c in SCHEMA[name].column_names},
                        "extra": row["extra"]}, sort_keys=True, ensure_ascii=False)
            for row in rows
        )
        for name, rows in dataset
    }


def test_import_then_load_gives_back_every_record(store, tiny):
    summary = store.import_dataset(tiny)
    assert {t.table: (t.rows, t.created, t.updated) for t in summary.tables} == {
        "organizations": (3, 3, 0), "people": (6, 6, 0), "projects": (1, 1, 0),
        "relationships": (5, 5, 0), "stakeholders": (5, 5, 0), "interactions": (2, 2, 0),
    }
    assert canonical(store.load()) == canonical(tiny)


def test_reimport_changes_nothing(store, sample):
    store.import_dataset(sample)
    before, counts = canonical(store.load()), store.counts()
    history = len(store.history())
    again = store.import_dataset(copy.deepcopy(sample))
    assert not again.changed
    assert all(t.unchanged == t.rows for t in again.tables)
    assert canonical(store.load()) == before
    assert store.counts() == counts  # the same records, counted the same
    assert len(store.history()) == history  # an import that changed nothing leaves no trace


def test_an_updated_file_updates_what_changed(store, tiny, make_tables):
    store.import_dataset(tiny)
    tables = changed(TINY, "people", 4, "title", "chief engineer")  # d
    tables = changed(tables, "relationships", 2, "strength", "4")  # d KNOWS b
    tables["people"].append(["n", "New 新人", "o-c", "intern", "c", "", "n_wx"])
    summary = store.import_dataset(read_dataset([make_tables(tables)]))
    by_table = {t.table: t for t in summary.tables}
    assert (by_table["people"].created, by_table["people"].updated) == (1, 1)
    assert (by_table["relationships"].created, by_table["relationships"].updated) == (0, 1)
    assert by_table["organizations"].updated == 0
    loaded = store.load()
    people = {p["id"]: p for p in loaded.table("people")}
    assert people["d"]["title"] == "chief engineer"
    assert people["n"]["extra"] == {"WeChat": "n_wx"}
    ties = {(r["source"], r["target"]): r for r in loaded.table("relationships")}
    assert ties[("b", "d")]["strength"] == 4


def test_columns_the_file_lacks_are_left_alone(store, tiny, make_tables):
    store.import_dataset(tiny)
    slim = [["id", "name", "org_id"], ["a", "Alice Lin", "o-us"]]
    orgs = [["id", "name", "kind"], ["o-us", "我们公司", "own"]]
    store.import_dataset(read_dataset([make_tables({"organizations": orgs, "people": slim})],
                                      known_ids=store.known_ids()))
    alice = next(p for p in store.load().table("people") if p["id"] == "a")
    assert alice["name"] == "Alice Lin"
    assert alice["email"] == "a@us.example"  # not in the file: kept
    assert alice["extra"] == {"WeChat": "alice_w"}  # merged, not replaced


def test_known_ids(store, tiny):
    assert store.known_ids() == {"organizations": set(), "people": set(), "projects": set()}
    store.import_dataset(tiny)
    ids = store.known_ids()
    assert ids["people"] == {"a", "b", "c", "d", "e", "x"}
    assert ids["projects"] == {"P1"}


def test_counts(store, tiny):
    store.import_dataset(tiny)
    counts = store.counts()
    assert counts.by_kind["organizations"] == {"own": 1, "customer": 1, "competitor": 1}
    assert counts.by_kind["people"] == {"own": 2, "customer": 3, "competitor": 1}
    assert counts.by_kind["relationships"] == {"KNOWS": 4, "INFLUENCES": 1}
    assert counts.by_kind["stakeholders"]["bid_team"] == 2
    assert counts.by_kind["interactions"] == {"meal": 1, "email": 1}
    (project,) = counts.projects
    assert project["id"] == "P1" and project["value"] == 1200000
    assert project["roles"] == {"decision_maker": 1, "evaluator": 1, "informant": 1,
                                "bid_team": 2}


def test_project_neighbourhood(store, make_tables):
    # us1 - m1 - m2 - m3 - dm - far - farther - farthest: a chain; us1 bids, dm decides;
    # us2 works for us too but is not on the bid team, so nothing pulls in its colleague
    people = [["id", "name", "org_id"], ["us1", "Us", "o-us"], ["us2", "Us2", "o-us"],
              ["us2-friend", "Friend", "o-c"]]
    people += [[f"m{i}", f"M{i}", "o-c"] for i in range(1, 4)]
    people += [["dm", "DM", "o-c"], ["far", "Far", "o-c"], ["farther", "Farther", "o-c"],
               ["farthest", "Farthest", "o-c"]]
    ties = [["source", "target", "type", "strength"], ["us1", "m1", "KNOWS", 3],
            ["m1", "m2", "KNOWS", 3], ["m2", "m3", "KNOWS", 3], ["m3", "dm", "KNOWS", 3],
            ["dm", "far", "KNOWS", 3], ["far", "farther", "KNOWS", 3],
            ["farther", "farthest", "KNOWS", 3], ["us2", "us2-friend", "KNOWS", 3]]
    tables = {
        "organizations": [["id", "name", "kind"], ["o-us", "Us", "own"], ["o-c", "C", ""]],
        "people": people,
        "relationships": ties,
        "projects": [["id", "name", "customer_id"], ["P", "P", "o-c"], ["Q", "Q", "o-c"]],
        "stakeholders": [["project_id", "person_id", "role"], ["P", "dm", "decision_maker"],
                         ["P", "us1", "bid_team"], ["Q", "far", "decision_maker"]],
    }
    store.import_dataset(read_dataset([make_tables(tables)]))
    hood = store.load("P")
    ids = {p["id"] for p in hood.table("people")}
    # within 2 ties of dm or of us1; farthest is 3 ties from dm
    assert ids == {"us1", "m1", "m2", "m3", "dm", "far", "farther"}
    assert {(r["source"], r["target"]) for r in hood.table("relationships")} == {
        ("m1", "us1"), ("m1", "m2"), ("m2", "m3"), ("dm", "m3"), ("dm", "far"),
        ("far", "farther"),
    }
    assert [p["id"] for p in hood.table("projects")] == ["P"]
    assert [s["person_id"] for s in hood.table("stakeholders")] == ["dm", "us1"]
    assert {p["id"] for p in store.load("P", radius=1).table("people")} == {
        "us1", "m1", "m3", "dm", "far"
    }
    assert len(store.load().table("people")) == 10


def test_neighbourhood_follows_the_org_chart(store, tiny):
    store.import_dataset(tiny)
    hood = store.load("P1", radius=1)
    assert {p["id"] for p in hood.table("people")} == {"a", "b", "c", "d", "e", "x"}


def test_unknown_project(store, tiny):
    store.import_dataset(tiny)
    with pytest.raises(LookupFailed, match="no project 'P9'"):
        store.load("P9")


def test_both_stores_give_the_same_graph(store, sample):
    """Analyses get identical graphs from any store (and from the files themselves)."""
    store.import_dataset(sample)
    from_store = build_graph(store.load())
    from_files = build_graph(sample)
    assert sorted(from_store.nodes(data=True)) == sorted(from_files.nodes(data=True))
    assert sorted(from_store.edges(keys=True, data=True)) == sorted(
        from_files.edges(keys=True, data=True)
    )
    assert from_store.graph["projects"] == from_files.graph["projects"]


def test_neighbours_follow_ties_either_way_and_the_org_chart(store, tiny):
    store.import_dataset(tiny)
    # a KNOWS c; c KNOWS d, c INFLUENCES e; d and e report to c
    assert store.neighbours({"c"}) == {"a", "d", "e"}
    assert store.neighbours({"e"}) == {"c", "x"}
    assert store.neighbours({"a", "b"}) == {"c", "d"}  # b reports to a: inside the set


def test_people_index(store, tiny):
    store.import_dataset(tiny)
    index = store.people_index()
    assert set(index) == {"a", "b", "c", "d", "e", "x"}
    assert index["c"] == {"name": "陈总", "org_id": "o-c", "org_name": "客户公司",
                          "org_kind": "customer", "roles": {"P1": ["decision_maker"]},
                          "email": None, "phone": None, "status": None, "department": None,
                          "title": "general manager", "predecessor": None}
    assert index["a"]["email"] == "a@us.example"
    assert index["x"]["roles"] == {}


def test_people_index_of_some_people(store, tiny):
    """The part of the index a question names: by id or exact name, and (``involved``) our
    people and every stakeholder; each entry as the whole index has it."""
    store.import_dataset(tiny)
    whole = store.people_index()
    assert store.people_index(named=["陈总", "x"]) == {p: whole[p] for p in ("c", "x")}
    assert store.people_index(named=["nobody"]) == {}
    involved = store.people_index(involved=True)
    assert involved == {p: whole[p] for p in ("a", "b", "c", "d", "e")}  # not x
    assert set(store.people_index(named=["x"], involved=True)) == set(whole)


def test_load_exactly_some_people(store, tiny):
    store.import_dataset(tiny)
    part = store.load(people={"a", "c", "e"})
    assert {p["id"] for p in part.table("people")} == {"a", "c", "e"}
    assert {(r["source"], r["target"], r["type"]) for r in part.table("relationships")} == {
        ("a", "c", "KNOWS"), ("c", "e", "INFLUENCES")}
    assert {(s["person_id"], s["role"]) for s in part.table("stakeholders")} == {
        ("a", "bid_team"), ("c", "decision_maker"), ("e", "informant")}
    assert [p["id"] for p in part.table("projects")] == ["P1"]
    assert [(i["person_id"], i["our_person_id"]) for i in part.table("interactions")] == [
        ("c", "a")]
    assert len(part.table("organizations")) == 3


def test_forget_erases_a_person_and_everything_attached(store, tiny):
    store.import_dataset(tiny)
    # c: ties with a (KNOWS), d (KNOWS), e (INFLUENCES); decides P1; dinner with a;
    # d and e report to c
    assert store.forget("c") == {"ties": 3, "roles": 1, "interactions": 1, "subordinates": 2}
    left = store.load()
    assert "c" not in {p["id"] for p in left.table("people")}
    assert not [r for r in left.table("relationships") if "c" in (r["source"], r["target"])]
    assert "c" not in {s["person_id"] for s in left.table("stakeholders")}
    assert [i["person_id"] for i in left.table("interactions")] == ["d"]
    people = {p["id"]: p for p in left.table("people")}
    assert people["d"]["reports_to"] is None and people["e"]["reports_to"] is None
    assert store.forget("a")["interactions"] == 0  # a's dinner went with c
    assert store.forget("b")["interactions"] == 1  # b, as our person, emailed d
    with pytest.raises(LookupFailed, match="nobody with id 'c'"):
        store.forget("c")


def test_organization_summary(store, tiny, sample):
    store.import_dataset(tiny)
    summary = store.organization_summary()
    assert {o: d["people"] for o, d in summary.organizations.items()} == {
        "o-us": 2, "o-c": 3, "o-x": 1}
    assert summary.organizations["o-c"]["name"] == "客户公司"
    # a–c (4) and b–d (2) join us to the customer; x–e (5) the competitor to the customer
    assert summary.links == {("o-c", "o-us"): (2, 3.0), ("o-c", "o-x"): (1, 5.0)}


def test_organization_summary_equals_the_graphs(store, sample):
    from graphcrm.map.data import summarize_organizations

    store.import_dataset(sample)
    assert store.organization_summary() == summarize_organizations(build_graph(store.load()))


def test_extra_columns_never_collide_with_what_the_store_uses(store, make_tables):
    """Extra columns named like the store's own keys and markers (an interaction's ``key``,
    ``id``, ``_graphcrm_new``, the escape ``extra:…``) are kept as written, and importing
    them again changes nothing."""
    hostile = ["key", "id", "_graphcrm_new", "extra:key", "role", "type"]
    tables = {name: [list(r) for r in rows] for name, rows in TINY.items()}
    for name in ("interactions", "people", "stakeholders", "relationships"):
        tables[name][0] += [h for h in hostile if h not in tables[name][0]]
        for i, row in enumerate(tables[name][1:], start=1):
            row += [f"{h}-{name}-{i}" for h in hostile if h not in TINY[name][0]]
    dataset = read_dataset([make_tables(tables)])
    assert "key" in dataset.table("interactions")[0]["extra"]
    store.import_dataset(dataset)
    assert canonical(store.load()) == canonical(dataset)
    again = store.import_dataset(read_dataset([make_tables(tables)]))
    assert not again.changed
    assert canonical(store.load()) == canonical(dataset)


def test_remove_ties_and_roles_and_nothing_else(store, tiny):
    store.import_dataset(tiny)
    before = canonical(store.load())
    assert store.remove_ties("d", "c", ["INFLUENCES"]) == 0  # c INFLUENCES e, not d
    assert store.remove_ties("d", "c", ["KNOWS"]) == 1     # stored as c KNOWS d: either way
    assert store.remove_ties("e", "c", ["KNOWS", "INFLUENCES", "REFERRED"]) == 1
    assert store.remove_role("P1", "e", "informant") == 1
    assert store.remove_role("P1", "e", "informant") == 0
    after = canonical(store.load())
    assert len(after["relationships"]) == len(before["relationships"]) - 2
    assert len(after["stakeholders"]) == len(before["stakeholders"]) - 1
    assert after["people"] == before["people"] and after["interactions"] == before[
        "interactions"]


# -- change plans, --sync and history ---------------------------------------------------------


def week_two(tiny_tables):
    """The second week's file of TINY: the c–d tie deleted, 陈总 turned opponent, 张工 now
    decides instead of evaluating, a new decision maker f whom b knows, an interaction
    left out (interactions are never removed)."""
    tables = copy.deepcopy(tiny_tables)
    tables["people"].append(["f", "冯总", "o-c", "CFO", "c", "", ""])
    tables["relationships"] = [r for r in tables["relationships"] if r[:3] != ["c", "d", "KNOWS"]]
    tables["relationships"].append(["b", "f", "KNOWS", "3", "1", "", "2026-11-10", ""])
    rows = tables["stakeholders"]
    rows[1][4] = "opponent"  # c
    rows[2][2] = "decision_maker"  # d, was evaluator
    rows.append(["P1", "f", "decision_maker", "4", "neutral"])
    tables["interactions"] = tables["interactions"][:2]
    return tables


def test_the_plan_says_field_by_field_what_an_import_changes(store, tiny, make_tables):
    store.import_dataset(tiny)
    second = read_dataset([make_tables(week_two(TINY))])
    planned = store.import_dataset(second, sync=True, dry_run=True)
    assert canonical(store.load()) == canonical(tiny)  # a dry run writes nothing
    shown = sorted(str(c) for c in planned.changes)
    assert shown == sorted([
        "people 冯总 (f): create",
        "relationships Bo 王 — 冯总 KNOWS: create",
        "relationships 陈总 — 张工 KNOWS: remove",
        "stakeholders P1 张工 decision_maker: create",
        "stakeholders P1 张工 evaluator: remove",
        "stakeholders P1 冯总 decision_maker: create",
        "stakeholders P1 陈总 decision_maker: update stance: neutral → opponent",
    ])
    done = store.import_dataset(second, sync=True)
    assert sorted(str(c) for c in done.changes) == shown
    counts = {t.table: (t.created, t.updated, t.removed) for t in done.tables}
    assert counts["stakeholders"] == (2, 1, 1) and counts["relationships"] == (1, 0, 1)
    assert len(store.load().table("interactions")) == 2  # never removed
    assert not store.import_dataset(second, sync=True).changed  # the files are the truth now


def test_without_sync_an_import_only_adds(store, tiny, make_tables):
    store.import_dataset(tiny)
    summary = store.import_dataset(read_dataset([make_tables(week_two(TINY))]))
    assert not any(c.action == "remove" for c in summary.changes)
    assert len(store.load().table("relationships")) == 6


def test_a_sync_that_empties_a_project_says_so_and_still_runs(store, tiny, make_tables):
    store.import_dataset(tiny)
    tables = {**TINY, "stakeholders": TINY["stakeholders"][:1]}  # the header alone
    summary = store.import_dataset(read_dataset([make_tables(tables)]), sync=True)
    assert "project P1: all its stakeholder roles were removed (--sync, and the files list " \
           "no stakeholder of it)" in summary.warnings
    assert store.load().table("stakeholders") == []


def test_history_rebuilds_every_earlier_state(store, tiny, make_tables):
    states = [canonical(store.load())]
    store.import_dataset(tiny, info=ChangeInfo("import", author="王明", files=("tiny/",)))
    states.append(canonical(store.load()))
    same = ChangeInfo("import", author="王明")  # one author: no colleague's records touched
    store.import_dataset(read_dataset([make_tables(week_two(TINY))]), sync=True, info=same)
    states.append(canonical(store.load()))
    assert store.remove_role("P1", "f", "decision_maker") == 1
    states.append(canonical(store.load()))
    renamed = changed(TINY, "people", 3, "name", "陈建国")
    store.import_dataset(read_dataset([make_tables(renamed)]), info=same)
    states.append(canonical(store.load()))
    sets = store.history(changes=True)
    assert [s.command for s in sets] == ["import", "import", "remove role", "import"]
    assert (sets[0].author, sets[0].files) == ("王明", ("tiny/",))
    current = state_of(store.load())
    for boundary, expected in enumerate(states):
        later = [c for s in sets if s.id > sets[0].id - 1 + boundary for c in s.changes]
        assert canonical(dataset_of(revert(current, later))) == {
            t: rows for t, rows in expected.items()} | {
            t: [] for t in SCHEMA if t not in expected}, boundary


def test_snapshots_are_named_once(store, tiny):
    store.import_dataset(tiny)
    first = store.snapshot("gate-1", ChangeInfo("snapshot", author="王明"))
    assert (first.name, first.change_set, first.author) == ("gate-1", store.history()[-1].id,
                                                             "王明")
    with pytest.raises(Conflict, match="a snapshot named 'gate-1' exists already"):
        store.snapshot("gate-1", ChangeInfo("snapshot"))
    assert [s.name for s in store.snapshots()] == ["gate-1"]


def test_forget_erases_the_person_from_the_history(store, tiny):
    store.import_dataset(tiny)
    tiny.records["people"][2]["title"] = "秘密职务"
    store.import_dataset(tiny, info=ChangeInfo("import", author="陈总",
                                               files=("bids/陈总的名片.xlsx", "名片/陈总.vcf")),
                         settle="mine")  # a colleague's value, overwritten on purpose
    store.remove_ties("a", "c", ["KNOWS"])
    store.forget("c")
    sets = store.history(changes=True)
    assert not any("c" in change.people() for s in sets for change in s.changes)
    assert "秘密职务" not in repr(sets)
    # the author is a colleague who shares the name; a file whose name merely contains it
    # is another's; the card named after the person goes
    assert (sets[1].author, sets[1].files) == ("陈总", ("bids/陈总的名片.xlsx",
                                                        "名片/(forgotten).vcf"))
    assert sets[-1].command == "forget" and sets[-1].counts["people"] == {"forget": 1}


def test_a_column_the_file_lacks_changes_nothing_stored(store, tiny, make_tables):
    """An organizations sheet with only id and name keeps our company ours and the
    competitor a competitor; a projects sheet without a stage keeps the stage; a new
    organization from such a sheet is a customer (the default), and a new project a lead."""
    store.import_dataset(tiny)
    names = make_tables({
        "organizations": [["id", "name"], ["o-us", "我们公司"], ["o-c", "客户公司"],
                          ["o-x", "Rival Ltd"], ["o-new", "新单位"]],
        "projects": [["id", "name", "customer_id"], ["P1", "储能监控", "o-c"],
                     ["P2", "二期", "o-c"]],
    })
    incoming = read_dataset([names], known_ids=store.known_ids())
    planned = store.import_dataset(incoming, dry_run=True)
    assert [str(c) for c in planned.changes] == ["organizations 新单位 (o-new): create",
                                                 "projects 二期 (P2): create"]
    store.import_dataset(read_dataset([names], known_ids=store.known_ids()))
    loaded = store.load()
    assert {o["id"]: o["kind"] for o in loaded.table("organizations")} == {
        "o-us": "own", "o-c": "customer", "o-x": "competitor", "o-new": "customer"}
    assert {p["id"]: p["stage"] for p in loaded.table("projects")} == {
        "P1": "bidding", "P2": "lead"}


def test_a_reference_is_checked_under_the_import_lock(store, tiny, make_tables):
    """A roles sheet names a person nobody has imported yet: read, it is pending; if a
    colleague's import adds the person before this one takes the lock, it goes through;
    if nobody does, it is refused with its row, and nothing is written."""
    from graphcrm.errors import ValidationFailed

    store.import_dataset(tiny)
    roles = make_tables({"stakeholders": [["project_id", "person_id", "role"],
                                          ["P1", "p801", "evaluator"]]})
    pending = read_dataset([roles], known_ids=store.known_ids(), defer_references=True)
    assert [(t, i) for t, i, _ in pending.pending] == [("people", "p801")]
    before = canonical(store.load())
    with pytest.raises(ValidationFailed, match=r"row 2, column person_id: 'p801': unknown "):
        store.import_dataset(pending)
    assert canonical(store.load()) == before
    colleague = make_tables({"people": [["id", "name", "org_id"], ["p801", "孙悦", "o-c"]]})
    store.import_dataset(read_dataset([colleague], known_ids=store.known_ids()))
    done = store.import_dataset(pending)
    assert {t.table: t.created for t in done.tables} == {"stakeholders": 1}


def test_ties_read_as_rows_build_the_same_graph(store, sample):
    """load_for_graph gives the ties as rows (no record each); the graph built from them is
    the one built from load()'s records: the same people, ties, attributes and order —
    extra fields included."""
    ties = [dict(t) for t in sample.table("relationships")]
    ties[0] = {**ties[0], "extra": {"微信群": "项目群"}}
    data = dataclasses.replace(sample, records={**sample.records, "relationships": ties})
    store.import_dataset(data)
    project = sample.table("projects")[0]["id"]
    for kwargs in ({"project": project}, {"people": ["p001", "p301", "p302", "p304"]}):
        dataset, rows = store.load_for_graph(**kwargs)
        assert rows is not None and rows.rows and not dataset.table("relationships")
        expected = build_graph(store.load(**kwargs))
        found = build_graph(dataset, rows)
        assert nx.utils.graphs_equal(found, expected)
        assert list(found.edges(keys=True, data=True)) == \
            list(expected.edges(keys=True, data=True))
        assert [list(d) for *_, d in found.edges(keys=True, data=True)] == \
            [list(d) for *_, d in expected.edges(keys=True, data=True)]
    first = ties[0]
    G = build_graph(*store.load_for_graph(people=[first["source"], first["target"]]))
    assert G.edges[first["source"], first["target"], first["type"]]["extra"] == {
        "微信群": "项目群"}
