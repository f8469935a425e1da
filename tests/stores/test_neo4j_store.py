"""What only the Neo4j store does, against a real Neo4j server over Bolt."""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import sys
import threading
import time
from pathlib import Path

import hypothesis
import pytest
from click.testing import CliRunner
from hypothesis import strategies as st
from neo4j import GraphDatabase

from graphcrm import api
from graphcrm.analysis import TieModel
from graphcrm.cli import cli
from graphcrm.errors import StoreError, ValidationFailed
from graphcrm.graph import build_graph
from graphcrm.ingest import read_dataset
from graphcrm.resources import cypher_dir, sample_dir
from graphcrm.stores import neo4j_store, open_store
from graphcrm.stores.neo4j_settings import Neo4jSettings
from graphcrm.stores.neo4j_store import Neo4jStore
from tests.conftest import TINY, changed, run_cli
from tests.neo4j_server import load_script

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parents[2]


def cypher(settings, query, **params):
    """Plain Cypher through the neo4j driver, not through graphcrm."""
    with GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password)) as d:
        return d.execute_query(query, params, database_=settings.database).records


def test_the_sample_reads_back_with_plain_cypher(neo4j_settings, sample):
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(sample)
    people = {r["id"]: r for r in cypher(
        neo4j_settings,
        "MATCH (p:Person)-[:WORKS_AT]->(o:Organization) "
        "OPTIONAL MATCH (p)-[:REPORTS_TO]->(b:Person) "
        "RETURN p.id AS id, p.name AS name, o.id AS org, b.id AS boss, p.name_en AS name_en")}
    assert len(people) == len(sample.table("people"))
    for record in sample.table("people"):
        found = people[record["id"]]
        assert (found["name"], found["org"], found["boss"]) == (
            record["name"], record["org_id"], record["reports_to"])
        assert found["name_en"] == (record["extra"].get("name_en") or None)
    ties = {(r["a"], r["b"], r["t"]): r for r in cypher(
        neo4j_settings,
        "MATCH (a:Person)-[r:KNOWS|INFLUENCES|REFERRED]->(b:Person) "
        "RETURN a.id AS a, b.id AS b, type(r) AS t, r.strength AS strength, r.level AS level, "
        "toString(r.last_contact) AS last_contact")}
    assert len(ties) == len(sample.table("relationships"))
    for tie in sample.table("relationships"):
        found = ties[(tie["source"], tie["target"], tie["type"])]
        assert (found["strength"], found["level"], found["last_contact"]) == (
            tie["strength"], tie["level"], tie["last_contact"])
    roles = {(r["project"], r["person"], r["role"]): r for r in cypher(
        neo4j_settings,
        "MATCH (p:Person)-[s:STAKEHOLDER_IN]->(prj:Project)-[:FOR]->(:Organization) "
        "RETURN prj.id AS project, p.id AS person, s.role AS role, s.influence AS influence, "
        "s.stance AS stance")}
    assert len(roles) == len(sample.table("stakeholders"))
    for row in sample.table("stakeholders"):
        found = roles[(row["project_id"], row["person_id"], row["role"])]
        assert (found["influence"], found["stance"]) == (row["influence"], row["stance"])
    (count,) = cypher(neo4j_settings, "MATCH (i:Interaction)-[:WITH]->(:Person) "
                                      "RETURN count(i) AS n")
    assert count["n"] == len(sample.table("interactions"))


def test_schema_constraints_are_in_place(neo4j_settings, tiny):
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(tiny)
    names = {r["name"] for r in cypher(neo4j_settings, "SHOW CONSTRAINTS YIELD name")}
    assert {"organization_id", "person_id", "project_id", "interaction_key"} <= names
    indexes = {r["name"] for r in cypher(neo4j_settings, "SHOW INDEXES YIELD name")}
    assert {"person_name", "organization_name"} <= indexes


INJECTIONS = [
    "x'}) MATCH (n) DETACH DELETE n //",
    'x"}) MATCH (n) DETACH DELETE n //',
    "`) DETACH DELETE n //",
    "$password",
    "\\u0027; CALL dbms.security.createUser('evil','evil',false) //",
    "]->(m) DELETE m //",
]


def test_cypher_injection_through_every_string_field_is_stored_as_data(neo4j_settings,
                                                                       make_tables):
    tables = {name: [list(r) for r in rows] for name, rows in TINY.items()}
    for index, payload in enumerate(INJECTIONS):
        pid = f"inj{index}{payload}"
        tables["people"].append([pid, payload, "o-c", payload, "", payload, payload])
        tables["relationships"].append([pid, "c", "KNOWS", "3", "1", "", "", payload])
        tables["stakeholders"].append(["P1", pid, "influencer", "2", "neutral"])
        tables["interactions"].append(["2026-01-01", pid, "a", "call", "0", payload])
    tables["organizations"].append(["o-evil'})//", INJECTIONS[0], "partner", INJECTIONS[2]])
    tables["projects"].append(["P'}) DETACH DELETE n//", INJECTIONS[1], "o-c", "lead", "", ""])
    dataset = read_dataset([make_tables(tables)])
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(dataset)
        loaded = store.load()
    names = {r["id"]: r["name"] for r in cypher(
        neo4j_settings, "MATCH (p:Person) RETURN p.id AS id, p.name AS name")}
    assert len(names) == 6 + len(INJECTIONS)
    for index, payload in enumerate(INJECTIONS):
        assert names[f"inj{index}{payload}"] == payload
    people = {p["id"]: p for p in loaded.table("people")}
    assert people[f"inj0{INJECTIONS[0]}"]["email"] == INJECTIONS[0]
    notes = {r["notes"] for r in loaded.table("interactions")}
    assert set(INJECTIONS) <= notes
    assert "o-evil'})//" in {o["id"] for o in loaded.table("organizations")}
    users = {r["user"] for r in cypher(neo4j_settings, "SHOW USERS YIELD user")}
    assert users == {"neo4j"}  # the createUser payload ran nothing


def test_a_rejected_import_leaves_the_database_untouched(neo4j_settings, tiny_dir, make_tables):
    api.open(neo4j_settings).import_data([tiny_dir])
    before = cypher(neo4j_settings, "MATCH (n) OPTIONAL MATCH (n)-[r]->() "
                                    "RETURN count(DISTINCT n) AS n, count(r) AS r")[0].data()
    broken = changed(TINY, "people", 2, "org_id", "nowhere")
    broken["people"].append(["new", "New", "o-c", "", "", "", ""])
    with pytest.raises(ValidationFailed):
        api.open(neo4j_settings).import_data([make_tables(broken)])
    after = cypher(neo4j_settings, "MATCH (n) OPTIONAL MATCH (n)-[r]->() "
                                   "RETURN count(DISTINCT n) AS n, count(r) AS r")[0].data()
    assert after == before
    assert not cypher(neo4j_settings, "MATCH (p:Person {id: 'new'}) RETURN p")


def test_a_moved_person_and_a_new_boss_replace_the_old_relationships(neo4j_settings, tiny,
                                                                     make_tables):
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(tiny)
        moved = changed(TINY, "people", 4, "org_id", "o-x")  # d moves to the competitor
        moved = changed(moved, "people", 4, "reports_to", "x")
        summary = store.import_dataset(read_dataset([make_tables(moved)]))
        assert {t.table: t.updated for t in summary.tables}["people"] == 1
    rows = cypher(neo4j_settings, "MATCH (d:Person {id: 'd'})-[r:WORKS_AT|REPORTS_TO]->(n) "
                                  "RETURN type(r) AS t, n.id AS n ORDER BY t")
    assert [(r["t"], r["n"]) for r in rows] == [("REPORTS_TO", "x"), ("WORKS_AT", "o-x")]


def _kept_and_followed(settings):
    """Each person's org_id and reports_to as kept on the node, and as the WORKS_AT and
    REPORTS_TO relationships say."""
    rows = cypher(settings, "MATCH (p:Person) RETURN p.id AS id, p.org_id AS org, "
                            "p.reports_to AS boss, [(p)-[:WORKS_AT]->(o) | o.id] AS orgs, "
                            "[(p)-[:REPORTS_TO]->(b) | b.id] AS bosses ORDER BY id")
    return ({r["id"]: (r["org"], r["boss"]) for r in rows},
            {r["id"]: (*(r["orgs"] or [None]), *(r["bosses"] or [None])) for r in rows})


def test_people_keep_the_ids_of_their_organization_and_superior_as_the_relationships_say(
        neo4j_settings, tiny, make_tables):
    """Schema 3: a read takes a person's organization and superior from the ids kept on the
    node, so every write keeps them as the relationships say (an import that moves someone
    or drops their superior, a forget of a superior, a revert that takes people away), and
    ``check`` names a hand edit that changed one and not the other."""
    bid = api.GraphCRM(neo4j_settings)
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(tiny)
        kept, followed = _kept_and_followed(neo4j_settings)
        assert kept == followed and kept["d"] == ("o-c", "c") and kept["a"] == ("o-us", None)
        moved = changed(TINY, "people", 4, "org_id", "o-x")  # d moves to the competitor
        moved = changed(moved, "people", 4, "reports_to", "x")
        moved = changed(moved, "people", 2, "reports_to", "c")  # b reports to c now
        store.import_dataset(read_dataset([make_tables(moved)]))
        kept, followed = _kept_and_followed(neo4j_settings)
        assert kept == followed and (kept["d"], kept["b"]) == (("o-x", "x"), ("o-us", "c"))
        people = {p["id"]: p for p in store.load("P1").table("people")}
        assert (people["d"]["org_id"], people["d"]["reports_to"]) == ("o-x", "x")
        assert "org_id" not in people["d"]["extra"] and store.check() == []
    grown = {**moved, "people": [*moved["people"], ["n", "新人", "o-c", "", "e", "", ""],
                                 ["m", "新人二", "o-c", "", "n", "", ""]]}
    bid.import_data([make_tables(grown)])
    created = int(bid.history().to_frame()["change_set"].max())
    assert _kept_and_followed(neo4j_settings)[0]["m"] == ("o-c", "n")
    bid.revert(created)  # n and m go
    kept, followed = _kept_and_followed(neo4j_settings)
    assert kept == followed and "n" not in kept and bid.check() == []
    bid.forget("c")  # b and e reported to c
    kept, followed = _kept_and_followed(neo4j_settings)
    assert kept == followed and (kept["b"], kept["e"]) == (("o-us", None), ("o-c", None))
    assert bid.check() == []
    cypher(neo4j_settings, "MATCH (a:Person {id: 'a'})-[w:WORKS_AT]->() DELETE w "
                           "WITH a MATCH (o:Organization {id: 'o-c'}) CREATE (a)-[:WORKS_AT]->(o)")
    cypher(neo4j_settings, "MATCH (:Person {id: 'd'})-[r:REPORTS_TO]->() DELETE r")
    found = bid.check()
    assert found == ["person a says it works at o-us but WORKS_AT o-c",
                     "person d says it reports to x but REPORTS_TO nobody"]
    assert [p.in_lang("zh") for p in found] == [
        "人员 a 记下的单位是 o-us，单位关系（WORKS_AT）却指向 o-c",
        "人员 d 记下的直接上级是 x，上级关系（REPORTS_TO）却指向 （无）"]
    env = {"NEO4J_USERNAME": neo4j_settings.username, "NEO4J_PASSWORD": neo4j_settings.password}
    said = run_cli(neo4j_settings.uri, "--lang", "zh", "check", env=env)
    assert said.exit_code == 4 and said.stderr.startswith("graphcrm: 数据库有 2 处问题：\n")
    statement = cypher_dir() / "upgrade_person_refs.cypher"
    assert said.stderr.splitlines()[-1] == (
        f"graphcrm 以关系为准：在 Neo4j Browser 中运行 {statement}，让人员记下的编号与关系一致"
        "（或恢复备份）")
    cypher(neo4j_settings, statement.read_text(encoding="utf-8"))  # as the advice says
    assert bid.check() == [] and _kept_and_followed(neo4j_settings)[0]["d"] == ("o-x", None)
    cypher(neo4j_settings, "MATCH (d:Person {id: 'd'}), (a:Person {id: 'a'}) "
                           "CREATE (d)-[:REPORTS_TO]->(a), "
                           "(d)-[:REPORTS_TO]->(:Person {id: 'z'})")  # z works nowhere
    said = run_cli(neo4j_settings.uri, "check", env=env)
    assert said.stderr.splitlines() == [
        "graphcrm: 2 problems in the store:", "  person z works at no organization",
        "  person d reports to 2 people",
        "restore a backup, or import your files into a new store"]


def test_batched_import_gives_the_same_graph(neo4j_settings, sample):
    with Neo4jStore(neo4j_settings, batch_size=7, single_transaction_rows=0) as store:
        summary = store.import_dataset(sample)
        assert all(t.created == t.rows for t in summary.tables)
        assert not store.import_dataset(sample).changed
        G = build_graph(store.load())
    reference = build_graph(sample)
    assert sorted(G.edges(keys=True, data=True)) == sorted(reference.edges(keys=True, data=True))



def test_ties_read_in_parallel_batches_give_the_same_dataset(neo4j_settings, sample):
    """From ``parallel_from`` people on, a read fetches the ties in two batches, each in a
    session of its own, beside the rest: the same records in the same order as one
    session's read, for everyone, a neighbourhood and exactly some people; below it, a read
    is one session's."""
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(sample)
        project = sample.table("projects")[0]["id"]
        reads = [{}, {"project": project}, {"people": ["p001", "p301", "p302", "p304"]}]
        sessions = 0
        real_session = store._session

        def counted():
            nonlocal sessions
            sessions += 1
            return real_session()

        store._session = counted
        one = [store.load(**kwargs).records for kwargs in reads]
        assert sessions == len(reads)
        rows = [store.load_for_graph(**kwargs)[1] for kwargs in reads[1:]]
        store.parallel_from = 1
        sessions = 0
        assert [store.load(**kwargs).records for kwargs in reads] == one
        assert sessions == 4 * len(reads)  # the read's own, one per batch of ties, and one
        # for the interactions
        assert [store.load_for_graph(**kwargs)[1] for kwargs in reads[1:]] == rows
    assert all(one[i]["relationships"] for i in range(3))


def test_ties_still_read_aside_are_received_after_the_store_closed(neo4j_settings, sample,
                                                                    monkeypatch):
    """A read in batches returns with its ties still being read (``TieRows.later``): the
    store may be closed meanwhile — its driver closes once the last batch has ended — and
    the ties still come, the same as one session's read. A batch that fails is a
    StoreError where the ties are first used."""
    project = sample.table("projects")[0]["id"]
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(sample)
        tables, whole = store.load_for_graph(project)
    assert whole is not None and whole.ready and whole.rows
    store = Neo4jStore(neo4j_settings, parallel_from=1)
    assert store.load_for_graph(project)[1] == whole  # received before the next read
    read, ties = store.load_for_graph(project)
    assert ties is not None and not ties.ready
    assert len(store._aside) == 2  # close() waits for this read's two batches, no more
    store.close()
    assert ties == whole and read.records == tables.records
    deadline = time.monotonic() + 10
    while not store._driver._closed and time.monotonic() < deadline:
        time.sleep(0.01)
    assert store._driver._closed
    assert (sorted(build_graph(read, ties).edges(keys=True, data=True))
            == sorted(build_graph(tables, whole).edges(keys=True, data=True)))

    def failing(tx, sources, members):
        return tx.run("UNWIND $ids AS id RETURN collect(1 / 0) AS ties", ids=sources).single()

    monkeypatch.setattr(neo4j_store, "_ties", failing)
    with Neo4jStore(neo4j_settings, parallel_from=1) as store:
        _, ties = store.load_for_graph(project)
    with pytest.raises(StoreError, match=r"ArithmeticError|/ by zero"):
        assert ties.rows


def test_ties_with_and_without_other_properties_read_as_the_embedded_store_reads_them(
        neo4j_settings, make_tables, tmp_path):
    """A missing value, a tie with properties outside the contract beside ties without:
    each lands on its own tie — the same records and the same people graph as the embedded
    store's, in one batch and in two."""
    from graphcrm.stores.embedded import create_store

    header, *rows = TINY["relationships"]
    tables = {**TINY, "relationships": [
        [*header, "渠道", "备注2"],
        *[[*row, channel, other] for row, channel, other in zip(
            rows, ["", "微信", "", "", "电话"], ["", "", "", "x", ""], strict=True)]]}
    dataset = read_dataset([make_tables(tables)])
    create_store(tmp_path / "e.db", dataset)

    def edges(G):
        return sorted((u, v, k, json.dumps(d, sort_keys=True, ensure_ascii=False))
                      for u, v, k, d in G.edges(keys=True, data=True))

    with open_store(tmp_path / "e.db") as embedded:
        expected = (embedded.load().table("relationships"),
                    edges(build_graph(*embedded.load_for_graph("P1"))))
    extras = [r["extra"] for r in expected[0]]
    assert sum(bool(e) for e in extras) == 3 and len(extras) == 5  # some have, some not
    assert any(r["strength"] is None for r in expected[0])
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(dataset)
        for parallel_from in (2_000, 1):
            store.parallel_from = parallel_from
            assert (store.load().table("relationships"),
                    edges(build_graph(*store.load_for_graph("P1")))) == expected


def test_a_read_of_people_not_all_in_the_store_numbers_their_ties_right(neo4j_settings,
                                                                      sample):
    """A tie's ends come as numbers, places among the people read: someone asked for who is
    not in the store (between two who are, in id order) shifts nobody's number — the same
    ties, records and graph as without them, in one batch and in two."""
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(sample)
        some = sorted(r["id"] for r in sample.table("people"))[::2]
        expected = store.load(people=some)
        assert expected.table("relationships")
        wanted = [*some, some[0] + "-gone", "0-nobody", "~nobody"]
        for parallel_from in (2_000, 1):
            store.parallel_from = parallel_from
            found = store.load(people=wanted)
            assert found.records == expected.records
            assert (sorted(build_graph(*store.load_for_graph(people=wanted)).edges(
                        keys=True, data=True))
                    == sorted(build_graph(expected).edges(keys=True, data=True)))


def test_a_neighbourhood_s_element_ids_found_on_the_way_are_the_people_s(neo4j_settings,
                                                                           sample):
    """A project's neighbourhood is walked with each person's element id, so its read asks
    for none: the same numbers as asking for them, for each radius."""
    project = sample.table("projects")[0]["id"]
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(sample)
        with store._session() as session:
            for radius in (0, 1, 2):
                ids, _, elements = session.execute_read(
                    neo4j_store._scope, project, radius, None)
                assert elements is not None and sorted(elements) == ids
                assert (neo4j_store._members(None, ids, elements)
                        == session.execute_read(neo4j_store._members, ids))
                assert len(ids) > 1


def test_people_are_read_by_element_id_only_while_it_is_still_theirs(neo4j_settings, tiny):
    """A read finds its people by the element ids it found on the way; when one no longer
    names the person it was found for (the node gone, Neo4j reusing its element id for
    someone else), the people are read again by id, never as that someone else."""
    asked, ids = ["a", "b", "c", "zz"], ["a", "b", "c"]  # zz: not in the store
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(tiny)
        with store._session() as session:
            placed = neo4j_store._placed(
                asked, session.execute_read(neo4j_store._members, asked))
            assert [person for _, person in placed] == ids

            def read(placed):
                tables = session.execute_read(neo4j_store._tables, ids, [], True, placed)
                return sorted((p["id"], p["reports_to"]) for p in tables["people"])

            whole = [("a", None), ("b", "a"), ("c", None)]
            assert read(placed) == whole
            assert read([[placed[2][0], "a"], *placed[1:]]) == whole  # a's names c now
            assert read([[placed[2][0], "a"], placed[1], [placed[0][0], "c"]]) == whole


@hypothesis.settings(max_examples=200, deadline=None)
@hypothesis.given(st.data())
def test_ties_keyed_by_numbers_sort_as_their_ids_do(data):
    """The ties of a read, their ends as numbers (places in the sorted ids), keyed and
    merged from any batches, come in the order :func:`graphcrm.records.tie_row_key` gives
    the ids — a KNOWS tie keyed from its lower end, whichever way it was stored."""
    from graphcrm.records import tie_row_key

    names = sorted(data.draw(st.sets(st.text("abcXY0-", min_size=1, max_size=4),
                                     min_size=1, max_size=12)))
    kinds = sorted(neo4j_store.TIE_TYPES)
    triples = data.draw(st.sets(st.tuples(st.integers(0, len(names) - 1),
                                          st.integers(0, len(names) - 1),
                                          st.sampled_from(kinds)), max_size=40))
    rows = [[a, b, kind, data.draw(st.integers(1, 5)), None, None, None, None, []]
            for a, b, kind in data.draw(st.permutations(sorted(triples)))]
    cut = sorted(data.draw(st.lists(st.integers(0, len(rows)), max_size=3)))
    batches = [rows[a:b] for a, b in itertools.pairwise([0, *cut, len(rows)])]
    merged = neo4j_store._merged([neo4j_store._keyed(batch, neo4j_store._tie_record, names)
                                  for batch in batches])
    by_ids = sorted((neo4j_store._tie_record(row, names) for row in rows),
                    key=lambda r: tie_row_key([r["source"], r["target"], r["type"]]))
    assert [tie_row_key([r["source"], r["target"], r["type"]]) for r in merged] == [
        tie_row_key([r["source"], r["target"], r["type"]]) for r in by_ids]
    assert merged == by_ids


def test_large_parameters_reach_the_server_whole_and_are_shown_by_size():
    """The driver writes every statement's parameters out for its debug log whether or not
    anything logs: a read's lists and maps go as :class:`_Sized` ones, the same values,
    shown by their size alone."""
    params = {"ids": ["a", "b"] * 50_000, "members": {str(n): n for n in range(70_000)},
              "project": "P1", "k": 3}
    sized = neo4j_store._sized(params)
    assert sized == params
    assert repr(sized) == ("{'ids': <100000 items>, 'members': <70000 entries>, "
                           "'project': 'P1', 'k': 3}")
    assert isinstance(sized["ids"], list) and isinstance(sized["members"], dict)


def test_interactions_read_from_either_side_are_the_same(neo4j_settings, sample, monkeypatch):
    """A read takes the interactions from the interactions' side when the store holds few
    for so many people, else from each person: the same records either way, for everyone,
    a neighbourhood and some people (an interaction with one of ours outside them left
    out)."""
    from graphcrm.stores import neo4j_store

    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(sample)
        project = sample.table("projects")[0]["id"]
        met = [r for r in sample.table("interactions") if r.get("our_person_id")]
        some = sorted({met[0]["person_id"], met[0]["our_person_id"], *(
            r["person_id"] for r in met if r["our_person_id"] != met[0]["our_person_id"])})
        reads = [{}, {"project": project}, {"people": some}]
        found = {}
        for per_person in (0, 10 ** 9):  # never scan; always scan
            monkeypatch.setattr(neo4j_store, "_SCAN_INTERACTIONS_PER_PERSON", per_person)
            found[per_person] = [store.load(**kwargs).table("interactions") for kwargs in reads]
    assert found[0] == found[10 ** 9]
    assert all(found[0]) and len(found[0][2]) < len(found[0][0])


def test_the_ties_read_names_the_contracts_properties_in_order():
    """load_ties.cypher names each tie's contract properties one by one (quicker than a list
    comprehension over their names): in the contract's order, as the reader zips them."""
    from graphcrm.records import SCHEMA
    from graphcrm.stores.cypher_files import statement

    returned = statement("load_ties").split("RETURN", 1)[1]
    named = re.findall(r"\bm\.(\w+)", returned)
    assert named == list(SCHEMA["relationships"].column_names[3:])


# -- connection -----------------------------------------------------------------------------


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_server(neo4j_server):
    settings = Neo4jSettings(f"bolt://127.0.0.1:{_closed_port()}", "neo4j", "whatever-secret")
    start = time.monotonic()
    with pytest.raises(StoreError, match="cannot reach Neo4j") as info:
        Neo4jStore(settings)
    assert time.monotonic() - start < 10
    assert "whatever-secret" not in str(info.value)


def test_wrong_credentials(neo4j_server):
    settings = Neo4jSettings(neo4j_server.uri, "neo4j", "not-the-password-42")
    start = time.monotonic()
    with pytest.raises(StoreError, match="refused the credentials of user 'neo4j'") as info:
        Neo4jStore(settings)
    assert time.monotonic() - start < 10
    assert "not-the-password-42" not in str(info.value)


def test_unknown_database(neo4j_server):
    settings = Neo4jSettings(neo4j_server.uri, neo4j_server.username, neo4j_server.password,
                             database="nosuchdb")
    start = time.monotonic()
    with pytest.raises(StoreError, match="no database 'nosuchdb'"):
        Neo4jStore(settings)
    assert time.monotonic() - start < 10


def test_cli_on_neo4j_with_credentials_from_the_environment(neo4j_settings, tiny_dir):
    env = {"NEO4J_USERNAME": neo4j_settings.username, "NEO4J_PASSWORD": neo4j_settings.password}
    runner = CliRunner()
    result = runner.invoke(cli, ["--store", neo4j_settings.uri, "import", str(tiny_dir)], env=env)
    assert result.exit_code == 0, result.output
    stats = runner.invoke(cli, ["--store", neo4j_settings.uri, "stats", "--format", "json"],
                          env=env)
    people = [r["count"] for r in json.loads(stats.stdout) if r["category"] == "people"]
    assert sum(people) == 6
    wrong = runner.invoke(cli, ["--store", neo4j_settings.uri, "stats"],
                          env={**env, "NEO4J_PASSWORD": "wrong-secret-7"})
    assert wrong.exit_code == 4
    assert "refused the credentials" in wrong.stderr
    assert "wrong-secret-7" not in wrong.output and "Traceback" not in wrong.output
    missing = runner.invoke(cli, ["--store", neo4j_settings.uri, "stats"],
                            env={"NEO4J_PASSWORD": ""})
    assert missing.exit_code == 4 and "set NEO4J_PASSWORD" in missing.stderr


def test_credentials_never_come_from_the_uri():
    with pytest.raises(StoreError, match="not in the URI") as info:
        open_store("neo4j://admin:hunter2@db.example:7687")
    assert "hunter2" not in str(info.value)


# -- an import whose server dies half-way -------------------------------------------------------


@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="needs a server of its own to kill")
def test_an_import_killed_half_way_leaves_a_valid_graph_and_a_rerun_completes_it(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(3000, tmp_path / "net", seed=3)
    dataset = read_dataset([tmp_path / "net"])
    script = load_script()
    server = script.start()
    try:
        settings = Neo4jSettings(server.uri, server.username, server.password)
        failure: list[BaseException] = []

        def run_import() -> None:
            try:
                with Neo4jStore(settings, batch_size=200, single_transaction_rows=0) as store:
                    store.import_dataset(dataset)
            except BaseException as err:
                failure.append(err)

        worker = threading.Thread(target=run_import)
        worker.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # kill the server once ties are being written
            if cypher(settings, "MATCH ()-[r:KNOWS]->() RETURN count(r) AS n")[0]["n"] > 1000:
                break
            time.sleep(0.05)
        server.kill()
        worker.join(120)
        assert failure and isinstance(failure[0], StoreError)

        server = script.start(restart=server)
        settings = Neo4jSettings(server.uri, server.username, server.password)
        partial = cypher(settings, "MATCH ()-[r:KNOWS]->() RETURN count(r) AS n")[0]["n"]
        assert 1000 <= partial < len(dataset.table("relationships"))
        # valid: every person works somewhere; every stored tie joins two stored people
        assert cypher(settings, "MATCH (p:Person) WHERE NOT (p)-[:WORKS_AT]->(:Organization) "
                                "RETURN count(p) AS n")[0]["n"] == 0
        with Neo4jStore(settings) as store:
            store.import_dataset(dataset)  # the re-run completes it
            assert not store.import_dataset(dataset).changed
            loaded = store.load()
        assert len(loaded.table("relationships")) == len(dataset.table("relationships"))
        assert len(loaded.table("people")) == len(dataset.table("people"))
    finally:
        server.stop()


def test_no_cypher_outside_the_cypher_folder():
    # Cypher's node patterns and clauses; SQL's CREATE TABLE does not match
    pattern = re.compile(
        r"""\b(MATCH|MERGE|CREATE)\s*\(|\bUNWIND\s+\$|DETACH DELETE|\bRETURN\s+\d"""
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "graphcrm").rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line) and ">>>" not in line
    ]
    assert offenders == []
    assert {p.stem for p in (ROOT / "cypher").glob("*.cypher")} >= {"schema", "import_ties"}
    assert sample_dir().is_dir()


def test_the_queries_in_the_cypher_readme_run_on_the_sample(neo4j_settings, sample):
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(sample)
    text = (ROOT / "cypher" / "README.md").read_text(encoding="utf-8")
    queries = re.findall(r"```cypher\n(.*?)```", text, flags=re.S)
    assert len(queries) == 4
    for query in queries:
        assert cypher(neo4j_settings, query), query  # each finds something in the sample
    # the chain score is graphcrm's: the product of the model's probabilities, undecayed,
    # and no chain runs through competitor staff
    G, model = build_graph(sample), TieModel()
    chains = cypher(neo4j_settings, next(q for q in queries if "reduce(" in q))

    def knows(a: str, b: str) -> float:
        data = G.get_edge_data(a, b, key="KNOWS") or G.get_edge_data(b, a, key="KNOWS")
        return data.get("strength") or model.default_strength

    assert chains
    for row in chains:
        ids = row["ids"]
        assert not any(G.nodes[n]["org_kind"] == "competitor" for n in ids[1:-1])
        expected = math.prod(model.probability(knows(a, b)) for a, b in itertools.pairwise(ids))
        assert row["strength"] == pytest.approx(expected)


@pytest.mark.parametrize(("uri", "message", "chinese"), [
    ("bolt://db.example:7687?password=hunter2", "not in the URI", "不要写在 URI 里"),
    ("neo4j://db.example:7687?policy=x&token=hunter2", "not in the URI", "不要写在 URI 里"),
    ("neo4j://db.example:99999", "the port must be a number", "端口必须是 0 到 65535"),
    ("bolt://db.example:hunter2", "the port must be a number", "端口必须是 0 到 65535"),
    ("neo4j://", "is not a Neo4j URI", "不是 Neo4j URI"),
])
def test_malformed_uris_are_refused_without_echoing_secrets(uri, message, chinese):
    for lang, said in (("en", message), ("zh", chinese)):
        result = CliRunner().invoke(cli, ["--store", uri, "--lang", lang, "stats"],
                                    env={"NEO4J_PASSWORD": "pw-hunter2"})
        assert result.exit_code == 4, result.output
        assert said in result.stderr
        assert "hunter2" not in result.output and "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1


def test_an_ipv6_uri_reaches_or_fails_in_one_line(neo4j_server):
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["--store", f"bolt://[::1]:{_closed_port()}", "stats"],
                                env={"NEO4J_PASSWORD": "pw-secret-6"})
    assert time.monotonic() - start < 15
    assert result.exit_code == 4 and "bolt://[::1]:" in result.stderr
    assert "cannot reach Neo4j" in result.stderr and "pw-secret-6" not in result.output


def test_tls_to_a_server_without_tls_fails_in_one_line(neo4j_server):
    port = neo4j_server.uri.rsplit(":", 1)[1]
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["--store", f"neo4j+s://127.0.0.1:{port}", "stats"],
                                env={"NEO4J_PASSWORD": neo4j_server.password})
    assert time.monotonic() - start < 15
    assert result.exit_code == 4, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "this URI asks for TLS" in result.stderr
    assert neo4j_server.password not in result.output and "Traceback" not in result.output
    said = CliRunner().invoke(cli, ["--store", f"neo4j+s://127.0.0.1:{port}", "--lang", "zh",
                                    "stats"], env={"NEO4J_PASSWORD": neo4j_server.password})
    assert said.exit_code == 4 and "此 URI 要求 TLS：服务器没有 TLS 时请改用 neo4j:// 或 bolt://" \
        in said.stderr, said.output


@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="needs a server of its own to kill")
def test_a_server_killed_between_queries_gives_one_line_quickly_and_recovers(tmp_path, capfd):
    script = load_script()
    server = script.start()
    try:
        env = {"NEO4J_USERNAME": server.username, "NEO4J_PASSWORD": server.password}
        runner = CliRunner()
        assert runner.invoke(cli, ["--store", server.uri, "import", str(sample_dir())],
                             env=env).exit_code == 0
        server.kill()
        for args in (["stats"], ["path", "王建国", "-p", "prj-js-ess"], ["gaps", "prj-js-ess"]):
            start = time.monotonic()
            result = runner.invoke(cli, ["--store", server.uri, *args], env=env)
            assert time.monotonic() - start < 15, args
            assert result.exit_code == 4 and "cannot reach Neo4j" in result.stderr, args
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "retried" not in capfd.readouterr().err  # no driver log lines
        server = script.start(restart=server)
        env["NEO4J_PASSWORD"] = server.password
        gaps = runner.invoke(cli, ["--store", server.uri, "gaps", "prj-js-ess"], env=env)
        assert gaps.exit_code == 0, gaps.output
    finally:
        server.stop()


def test_imports_and_queries_at_once_see_whole_states_only(neo4j_settings, sample, tmp_path):
    """Two imports (the sample, a 3,000-person network) and three readers at once on one
    database: no error reaches anyone, every reader sees a whole state, and the end state is
    the one a serial order gives."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(3000, tmp_path / "net", seed=4)
    network = read_dataset([tmp_path / "net"])
    sample_people = len(sample.table("people"))
    network_ids = {p["id"] for p in network.table("people")}
    both = len({p["id"] for p in sample.table("people")} | network_ids)
    failures: list[BaseException] = []
    seen: set[int] = set()

    def write(dataset) -> None:
        try:
            with Neo4jStore(neo4j_settings) as store:
                store.import_dataset(dataset)
        except BaseException as err:
            failures.append(err)

    def read() -> None:
        try:
            with Neo4jStore(neo4j_settings) as store:
                for _ in range(10):
                    seen.add(sum(store.counts().by_kind["people"].values()))
        except BaseException as err:
            failures.append(err)

    threads = [threading.Thread(target=write, args=(d,)) for d in (sample, network)]
    threads += [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert failures == []
    assert seen <= {0, sample_people, len(network_ids), both}, seen
    from graphcrm.stores.embedded import EmbeddedStore
    from tests.stores.test_contract import canonical

    serial_orders = []  # the network reuses some of the sample's ids: order matters
    for i, order in enumerate([(sample, network), (network, sample)]):
        with EmbeddedStore(tmp_path / f"serial{i}.db", create=True) as serial:
            for dataset in order:
                serial.import_dataset(dataset)
            serial_orders.append(canonical(serial.load()))
    with Neo4jStore(neo4j_settings) as store:
        assert sum(store.counts().by_kind["people"].values()) == both
        got = canonical(store.load())
    assert got in serial_orders, {t: len(got[t]) for t in got}


def test_every_read_is_sent_as_a_read(neo4j_settings, sample):
    """Reads go to a cluster's secondaries: every query a reading method sends is a read
    (``execute_read`` or ``routing_="r"``); the real driver and server answer, the test only
    watches what is sent."""
    with Neo4jStore(neo4j_settings) as store:
        store.import_dataset(sample)
        sent: list[str] = []
        real_query, real_session = store._driver.execute_query, store._session

        def query(*args, **kwargs):
            sent.append("read" if kwargs.get("routing_") == "r" else "write")
            return real_query(*args, **kwargs)

        class Watched:
            def __init__(self, session):
                self.session = session

            def __enter__(self):
                self.session.__enter__()
                return self

            def __exit__(self, *exc):
                return self.session.__exit__(*exc)

            def execute_read(self, *args, **kwargs):
                sent.append("read")
                return self.session.execute_read(*args, **kwargs)

            def execute_write(self, *args, **kwargs):
                sent.append("write")
                return self.session.execute_write(*args, **kwargs)

        store._driver.execute_query = query
        store._session = lambda: Watched(real_session())
        store.load()
        store.load("prj-js-ess")
        store.load(people=["p201", "p502"])
        store.neighbours(["p201"])
        store.people_index()
        store.known_ids()
        store.counts()
        store.organization_summary()
        store.history(changes=True)
        store.snapshots()
        store.check()
        store.import_dataset(sample, dry_run=True)
        assert sent and set(sent) == {"read"}, sent


def test_a_command_imports_the_driver_without_dataframes(neo4j_settings, tmp_path):
    """A command on a Neo4j store (one process) imports the driver without pandas — and
    answers, in every format, pandas imported when an output needs it; a process that has
    pandas already keeps the driver's DataFrames."""
    import subprocess

    script = tmp_path / "ask.py"
    script.write_text(
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from graphcrm.cli import cli\n"
        "runner = CliRunner()\n"
        "code = runner.invoke(cli, sys.argv[1:], catch_exceptions=False).exit_code\n"
        "import neo4j._optional_deps as optional\n"
        "print(code, optional.pd is None, 'pandas' in sys.modules)\n")
    env = {**os.environ, "NEO4J_USERNAME": neo4j_settings.username,
           "NEO4J_PASSWORD": neo4j_settings.password, "PYTHONPATH": str(ROOT)}
    stats = subprocess.run([sys.executable, str(script), "--store", neo4j_settings.uri,
                            "stats", "--format", "json"], env=env, capture_output=True,
                           text=True, check=True)
    assert stats.stdout.split() == ["0", "True", "False"]  # no pandas at all
    frame = subprocess.run([sys.executable, "-c",
                            "from graphcrm.stores.neo4j_store import "
                            "import_driver_without_dataframes as lean\n"
                            "lean()\nimport pandas, neo4j._optional_deps as o\n"
                            "print(pandas.DataFrame({'a': [1]}).shape, o.pd is None)"],
                           env=env, capture_output=True, text=True, check=True)
    assert frame.stdout.split() == ["(1,", "1)", "True"]  # pandas itself still imports
    kept = subprocess.run([sys.executable, "-c",
                           "import pandas\nfrom graphcrm.stores.neo4j_store import "
                           "import_driver_without_dataframes as lean\n"
                           "lean()\nimport neo4j._optional_deps as o\nprint(o.pd is pandas)"],
                          env=env, capture_output=True, text=True, check=True)
    assert kept.stdout.split() == ["True"]
