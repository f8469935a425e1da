"""Stores already in use keep working: a schema-1 store (made by graphcrm before history, kept
as a fixture for the embedded store and rebuilt as it was for Neo4j) is upgraded in place on
first open, in one transaction, and every answer stays the same. A newer store is refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from graphcrm.api import DEMO_AS_OF, GraphCRM
from graphcrm.errors import StoreError
from graphcrm.resources import sample_dir
from graphcrm.stores.embedded import EmbeddedStore
from tests.mounts import make_read_only, tmpfs

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema1-sample.db"


def answers(bid: GraphCRM) -> dict[str, str]:
    """Every question on the sample, as comparable text (JSON, blanks as null)."""
    return {
        "stats": bid.stats().counts.to_json(orient="records", force_ascii=False, date_format="iso"),
        "path": str([p.names for p in bid.paths("王建国", project="prj-js-ess",
                                                as_of=DEMO_AS_OF).paths]),
        "gaps": bid.gaps("prj-bh-bms", as_of=DEMO_AS_OF).stakeholders.to_json(
            orient="records", force_ascii=False, date_format="iso"),
        "informants": bid.informants("prj-js-ess", as_of=DEMO_AS_OF).to_frame().to_json(
            orient="records", force_ascii=False, date_format="iso"),
        "health": bid.health(project="prj-js-ess", as_of=DEMO_AS_OF).to_frame().to_json(
            orient="records", force_ascii=False, date_format="iso"),
        "matrix": bid.matrix("prj-js-ess", as_of=DEMO_AS_OF).to_frame().to_json(
            orient="records", force_ascii=False, date_format="iso"),
    }


def test_a_schema_1_store_is_upgraded_in_place_with_a_backup(tmp_path):
    path = tmp_path / "team.db"
    shutil.copy(FIXTURE, path)
    fresh = GraphCRM(tmp_path / "fresh.db")
    fresh.import_data([sample_dir()])
    upgraded = GraphCRM(path)
    assert answers(upgraded) == answers(fresh)
    backup = Path(f"{path}.schema1.bak")
    assert backup.read_bytes()[:16] == b"SQLite format 3\0"
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT value FROM meta").fetchone() == ("1",)
    assert upgraded.history().to_frame()["command"].tolist() == ["upgrade"]
    upgraded.snapshot("after-upgrade")
    upgraded.remove_role("prj-js-ess", "杨帆", "informant")
    assert [r["what"] for r in upgraded.changes("after-upgrade", as_of=DEMO_AS_OF).records()
            ][:1] == ["role removed"]


def test_a_read_only_schema_1_store_is_still_read_and_left_as_it_is(tmp_path):
    with tmpfs(tmp_path / "disk", 4096) as disk:
        shutil.copy(FIXTURE, disk / "team.db")
        make_read_only(disk)
        with EmbeddedStore(disk / "team.db") as store:
            assert (store.read_only, store.schema, store.history()) == (True, 1, [])
            assert sum(store.counts().by_kind["people"].values()) == 98
        assert GraphCRM(disk / "team.db").history().to_frame().empty
        assert sorted(p.name for p in disk.iterdir()) == ["team.db"]  # no backup, no upgrade


def test_a_newer_embedded_store_is_refused(tmp_path):
    path = tmp_path / "team.db"
    shutil.copy(FIXTURE, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '9' WHERE key = 'schema'")
    with pytest.raises(StoreError, match=r"made by a newer graphcrm \(store schema 9, this one "
                                         r"reads 2\); upgrade graphcrm"):
        EmbeddedStore(path)


@pytest.mark.neo4j
def test_a_schema_2_neo4j_store_keeps_its_history_and_gains_the_ids_on_people(neo4j_settings):
    """Schema 2 → 3 on first open: every person gains their organization's and superior's
    ids (what a read takes instead of following WORKS_AT and REPORTS_TO), in one
    transaction; the history is left as it was, and every answer stays the same."""
    from neo4j import GraphDatabase

    bid = GraphCRM(neo4j_settings)
    bid.import_data([sample_dir()])
    bid.remove_role("prj-js-ess", "杨帆", "informant")
    before, history = answers(bid), bid.history().to_frame()
    with GraphDatabase.driver(neo4j_settings.uri, auth=(neo4j_settings.username,
                                                        neo4j_settings.password)) as driver:
        def run(query: str) -> list:
            return driver.execute_query(query, database_=neo4j_settings.database).records

        run("MATCH (p:Person) REMOVE p.org_id, p.reports_to")  # what schema 2 held
        run("MATCH (l:GraphcrmImportLock) SET l.schema = 2")
        assert answers(bid) == before  # opening upgraded it
        assert run("MATCH (l:GraphcrmImportLock) RETURN l.schema AS s")[0]["s"] == 3
        assert bid.history().to_frame().equals(history) and bid.check() == []
        kept = run("MATCH (p:Person) RETURN count(p.org_id) AS orgs, count(p.reports_to) AS "
                   "bosses, count { (:Person)-[:REPORTS_TO]->() } AS reporting")[0]
        assert kept["orgs"] == len(sample_dir_people()) and kept["bosses"] == kept["reporting"]


def sample_dir_people() -> list[str]:
    """The ids of the sample's people."""
    from graphcrm.ingest import read_dataset

    return [p["id"] for p in read_dataset([sample_dir()]).table("people")]


@pytest.mark.neo4j
def test_a_schema_1_neo4j_store_is_upgraded_and_a_newer_one_refused(neo4j_settings):
    from neo4j import GraphDatabase

    bid = GraphCRM(neo4j_settings)
    bid.import_data([sample_dir()])
    before = answers(bid)
    with GraphDatabase.driver(neo4j_settings.uri, auth=(neo4j_settings.username,
                                                        neo4j_settings.password)) as driver:
        def run(query: str) -> list:
            return driver.execute_query(query, database_=neo4j_settings.database).records

        # what schema 1 held: the same graph, the lock node without a schema, no history
        run("MATCH (n) WHERE n:GraphcrmChangeSet OR n:GraphcrmChanges OR n:GraphcrmSnapshot "
            "DETACH DELETE n")
        run("MATCH (l:GraphcrmImportLock) REMOVE l.schema, l.change_sets")
        run("MATCH (p:Person) REMOVE p.org_id, p.reports_to")
        assert answers(bid) == before  # opening upgraded it
        assert run("MATCH (l:GraphcrmImportLock) RETURN l.schema AS s")[0]["s"] == 3
        assert bid.history().to_frame()["command"].tolist() == ["upgrade"]
        run("MATCH (l:GraphcrmImportLock) SET l.schema = 9")
        with pytest.raises(StoreError, match=r"store schema 9, this one reads 3"):
            bid.stats()
        run("MATCH (l:GraphcrmImportLock) SET l.schema = 3")


def test_a_column_added_since_is_added_in_place_or_read_as_blank(tmp_path):
    """``organizations.domains`` (for calendar and mail imports) came after schema 2: a store
    made before it gains the column on first writable open, with nothing copied, and a
    read-only open reads it as blank."""
    path = tmp_path / "team.db"
    GraphCRM(path).import_data([sample_dir()])
    with sqlite3.connect(path) as conn:  # as a store made before the column was
        conn.execute("ALTER TABLE organizations DROP COLUMN domains")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the file we copy
    with tmpfs(tmp_path / "disk", 4096) as disk:
        shutil.copy(path, disk / "team.db")
        make_read_only(disk)
        with EmbeddedStore(disk / "team.db") as old:
            assert old.read_only
            found = old.load(people=()).table("organizations")
            assert len(found) == 11 and {o.get("domains") for o in found} == {None}
        with sqlite3.connect(f"file:{disk / 'team.db'}?immutable=1", uri=True) as conn:
            columns = [row[1] for row in conn.execute("PRAGMA table_info(organizations)")]
        assert "domains" not in columns  # read-only: left as it was
    (tmp_path / "organizations.csv").write_text(
        "id,name,kind,domains\nhuaxin,华信智能科技有限公司,own,huaxin.example\n", encoding="utf-8")
    GraphCRM(path).import_data([tmp_path / "organizations.csv"])
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT domains FROM organizations WHERE id = 'huaxin'"
                            ).fetchone() == ("huaxin.example",)
