"""Reading aside on a second connection at the first one's state (graphcrm.stores.snapshot),
and the embedded store reading a neighbourhood's ties that way."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from graphcrm.graph import build_graph
from graphcrm.stores import embedded
from graphcrm.stores.embedded import EmbeddedStore
from graphcrm.stores.snapshot import Opening, read_aside


@pytest.fixture
def path(tmp_path):
    file = tmp_path / "s.db"
    setup = sqlite3.connect(file, isolation_level=None)
    setup.execute("PRAGMA journal_mode = WAL")
    setup.execute("CREATE TABLE t (x)")
    setup.execute("INSERT INTO t VALUES (1)")
    setup.close()  # the last connection: the log folded into the file
    return file


def _xs(conn: sqlite3.Connection) -> list[int]:
    return [x for (x,) in conn.execute("SELECT x FROM t ORDER BY x")]


def test_both_read_the_state_of_the_moment_the_aside_began(path):
    first = sqlite3.connect(path, isolation_level=None)
    first.execute("BEGIN")
    go = threading.Event()

    def later(conn: sqlite3.Connection) -> list[int]:
        go.wait(10)
        return _xs(conn)

    aside = read_aside(first, Opening(str(path)), later)
    assert aside is not None
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("INSERT INTO t VALUES (2)")  # a colleague's import lands meanwhile
    go.set()
    assert _xs(first) == [1]
    assert aside.result() == [1]
    first.execute("COMMIT")
    assert _xs(first) == [1, 2]


def test_no_writer_commits_while_the_two_connections_begin(path):
    blocked: list[bool] = []

    class Watched(Opening):
        def connect(self, *, timeout: float | None = None) -> sqlite3.Connection:
            writer = sqlite3.connect(path, isolation_level=None, timeout=0)
            try:
                writer.execute("INSERT INTO t VALUES (3)")
                blocked.append(False)
            except sqlite3.OperationalError as err:
                blocked.append("locked" in str(err))
            return super().connect(timeout=timeout)

    first = sqlite3.connect(path, isolation_level=None)
    first.execute("BEGIN")
    aside = read_aside(first, Watched(str(path)), _xs)
    assert aside is not None
    assert blocked == [False, True]  # before the lock; while it is held
    assert aside.result() == _xs(first) == [1, 3]


def test_with_a_writer_at_work_it_does_not_wait_and_the_caller_reads_alone(path):
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO t VALUES (2)")
    first = sqlite3.connect(path, isolation_level=None)
    first.execute("BEGIN")
    start = time.perf_counter()
    assert read_aside(first, Opening(str(path), timeout=5), _xs) is None
    assert time.perf_counter() - start < 1
    assert _xs(first) == [1]
    writer.execute("COMMIT")


def test_a_file_opened_read_only_is_read_aside_only_when_nothing_can_change_it(path):
    uri = f"file:{path}?mode=ro"
    for immutable, read in ((False, None), (True, [1])):
        target = uri + ("&immutable=1" if immutable else "")
        first = sqlite3.connect(target, uri=True, isolation_level=None)
        first.execute("BEGIN")
        aside = read_aside(first, Opening(target, uri=True, read_only=True,
                                          immutable=immutable), _xs)
        assert (aside.result() if aside else None) == read
        first.execute("COMMIT")


def test_what_the_work_raises_is_raised_by_result(path):
    first = sqlite3.connect(path, isolation_level=None)
    first.execute("BEGIN")
    aside = read_aside(first, Opening(str(path)), lambda c: c.execute("SELECT nope FROM t"))
    assert aside is not None
    with pytest.raises(sqlite3.OperationalError, match="nope"):
        aside.result()


def test_the_connection_must_have_begun(path):
    with pytest.raises(ValueError, match="in a transaction"):
        read_aside(sqlite3.connect(path, isolation_level=None), Opening(str(path)), _xs)


def test_a_neighbourhood_s_ties_are_read_aside_and_give_the_same_graph(tmp_path, sample,
                                                                      monkeypatch):
    asides: list[object] = []

    def counted(*args, **kwargs):
        aside = read_aside(*args, **kwargs)
        asides.append(aside)
        return aside

    with EmbeddedStore(tmp_path / "s.db", create=True) as store:
        store.import_dataset(sample)
        project = sample.table("projects")[0]["id"]
        alone = store.load_for_graph(project)  # nobody counting: the real read_aside
        # each read's aside is waited for before the next read begins: once, under load in
        # CI, the read right after another did not get its lock at once and was made on the
        # store's connection alone (the same answer, as the end of this test checks)
        assert alone[1] is not None and alone[1].rows
        monkeypatch.setattr(embedded, "read_aside", counted)
        together = store.load_for_graph(project)
        assert together[1] is not None and together[1].rows
        people = [p["id"] for p in sample.table("people")[:5]]
        region = store.load_for_graph(people=people)
        monkeypatch.setattr(embedded, "read_aside", lambda *a, **k: None)
        assert store.load_for_graph(project) == together
        assert store.load_for_graph(people=people) == region
        records = store.load(project)
    assert len(asides) == 2 and all(a is not None for a in asides)
    assert together == alone
    assert together[1] is not None and len(together[1].rows) > 10
    assert list(build_graph(*together).edges(keys=True, data=True)) == list(
        build_graph(records).edges(keys=True, data=True))


def test_ties_read_aside_are_waited_for_where_used_and_their_failure_is_a_store_error(
        tmp_path, sample, monkeypatch):
    from graphcrm.errors import StoreError

    def failing(conn, opening, work):
        def broken(other: sqlite3.Connection):
            work(other)
            raise sqlite3.OperationalError("interrupted")
        return read_aside(conn, opening, broken)

    with EmbeddedStore(tmp_path / "s.db", create=True) as store:
        store.import_dataset(sample)
        project = sample.table("projects")[0]["id"]
        dataset, ties = store.load_for_graph(project)
        assert ties is not None and len(ties.rows) > 10 and ties.ends
        monkeypatch.setattr(embedded, "read_aside", failing)
        dataset, ties = store.load_for_graph(project)  # the people read; the ties later
        assert dataset.table("people")
        G = build_graph(dataset, ties)  # its people: the ties are received when first needed
        assert G.number_of_nodes() == len(dataset.table("people")) and not ties.ready
        with pytest.raises(StoreError, match=r"s\.db: reading failed \(interrupted\)"):
            G.number_of_edges()
