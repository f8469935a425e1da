"""What only the embedded store does: one SQLite file, transactions, two processes."""

from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

from graphcrm.errors import StoreError, StoreNotFound
from graphcrm.records import Dataset
from graphcrm.stores import open_store
from graphcrm.stores.base import ChangeInfo
from graphcrm.stores.embedded import EmbeddedStore


def test_reading_a_missing_store_says_so(tmp_path):
    with pytest.raises(StoreNotFound, match=r"no store at .*nothing\.db: import data first"):
        open_store(tmp_path / "nothing.db")
    assert not (tmp_path / "nothing.db").exists()


def test_a_file_that_is_not_a_store(tmp_path):
    (tmp_path / "notes.db").write_text("just text " * 100)
    with pytest.raises(StoreError, match="not a graphcrm store"):
        open_store(tmp_path / "notes.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a graphcrm store"):
        open_store(other)


def test_wal_and_busy_timeout(tmp_path):
    with EmbeddedStore(tmp_path / "s.db", create=True) as store:
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_failed_write_leaves_nothing(tmp_path, tiny):
    with EmbeddedStore(tmp_path / "s.db", create=True) as store:
        store.import_dataset(tiny)
        before = store.load()
        broken = Dataset(
            records={
                "people": [{"id": "zz", "name": "Z", "org_id": "o-gone", "extra": {}}],
                "relationships": [{"source": "a", "target": "d", "type": "KNOWS",
                                   "strength": 5, "extra": {}}],
            },
            columns={"people": ("id", "name", "org_id"),
                     "relationships": ("source", "target", "type", "strength")},
        )
        with pytest.raises(StoreError, match="rolled back"):
            store.import_dataset(broken)  # the dangling org_id fails at commit
        assert store.load() == before


def _import_in_child(path: str, sample_path: str, queue) -> None:
    from graphcrm.ingest import read_dataset

    with EmbeddedStore(path, create=True) as store:
        queue.put(store.import_dataset(read_dataset([sample_path])).changed)


def test_two_processes_write_one_store_in_turn(tmp_path):
    from graphcrm.resources import sample_dir

    path = str(tmp_path / "shared.db")
    EmbeddedStore(path, create=True).close()
    queue = multiprocessing.get_context("spawn").Queue()
    workers = [
        multiprocessing.get_context("spawn").Process(
            target=_import_in_child, args=(path, str(sample_dir()), queue)
        )
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert sorted([queue.get(), queue.get()]) == [False, True]  # one created, one found it all
    with EmbeddedStore(path) as store:
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert sum(store.counts().by_kind["people"].values()) == 98


def test_forgotten_data_is_overwritten_in_the_file(tmp_path, tiny):
    tiny.records["people"][2]["title"] = "TOPSECRET-INFORMANT-NOTE"  # c, a carried column
    path = tmp_path / "s.db"
    with EmbeddedStore(path, create=True) as store:
        store.import_dataset(tiny)
        files = lambda: b"".join(p.read_bytes() for p in tmp_path.glob("s.db*"))  # noqa: E731
        assert b"TOPSECRET-INFORMANT-NOTE" in files()
        store.forget("c")
        # while the store is still open: neither the file nor its write-ahead log keeps it
        assert b"TOPSECRET-INFORMANT-NOTE" not in files()


def test_forget_leaves_no_trace_in_the_history_either(tmp_path, tiny):
    path = tmp_path / "s.db"
    files = lambda: b"".join(p.read_bytes() for p in tmp_path.glob("s.db*"))  # noqa: E731
    with EmbeddedStore(path, create=True) as store:
        store.import_dataset(tiny)
        for title in ("OLD-SECRET-TITLE", "NEW-SECRET-TITLE"):  # kept as old → new values
            tiny.records["people"][2]["title"] = title
            tiny.records["relationships"][0]["notes"] = title.replace("TITLE", "NOTE")
            store.import_dataset(tiny)
        store.remove_ties("a", "c", ["KNOWS"])  # the whole tie is kept, to bring it back
        store.snapshot("gate-1", ChangeInfo("snapshot"))
        assert b"OLD-SECRET-TITLE" in files() and b"OLD-SECRET-NOTE" in files()
        store.forget("c")
        assert b"SECRET" not in files()
        remembered = [change for found in store.history(changes=True)
                      for change in found.changes]
        assert remembered and not any("c" in change.people() for change in remembered)
        assert store.history()[-1].counts["people"] == {"forget": 1}
        assert [s.name for s in store.snapshots()] == ["gate-1"]


def test_ties_are_kept_in_key_order_and_a_store_made_before_reads_the_same(tmp_path, sample):
    """A new store keeps its ties clustered by (source, target, type) — WITHOUT ROWID, so a
    neighbourhood's ties are read page by page —; a store made with the ties in a rowid
    table, as before, answers every load the same."""
    with EmbeddedStore(tmp_path / "new.db", create=True) as store:
        store.import_dataset(sample)
        ddl = store._conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'relationships'").fetchone()[0]
        assert ddl.endswith("WITHOUT ROWID")
        project = sample.table("projects")[0]["id"]
        expected = (store.load(), store.load(project), store.load(people=["p001", "p301"]))
    old = tmp_path / "old.db"
    with EmbeddedStore(old, create=True) as store:
        store.import_dataset(sample)
        conn = store._conn
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.executescript(
            "BEGIN; CREATE TABLE rowid_ties AS SELECT * FROM relationships; "
            "DROP TABLE relationships; "
            f"{ddl.removesuffix(' WITHOUT ROWID')}; "
            "INSERT INTO relationships SELECT * FROM rowid_ties ORDER BY target DESC; "
            "DROP TABLE rowid_ties; "
            "CREATE INDEX relationships_target ON relationships(target); COMMIT;")
    with open_store(old) as store:
        assert "WITHOUT ROWID" not in store._conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'relationships'").fetchone()[0]
        found = (store.load(), store.load(project), store.load(people=["p001", "p301"]))
    for a, b in zip(found, expected, strict=True):
        assert a.records == b.records


