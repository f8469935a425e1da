"""Reading part of an SQLite store on a second connection, in a thread, at the very state
the first connection reads.

SQLite runs a query in C without Python's global lock, so a second connection can search
a neighbourhood's ties while the first reads its people: at 1,000,000 people the two take
1.26 s side by side instead of 1.81 s one after the other (benchmarks/README.md). Both must
see the same committed state, or a colleague's import landing between them would give ties
to people the first connection never read. In WAL mode a reader sees what was committed
when its read transaction first touched the file, so :func:`read_aside` holds the write
lock on a third connection (``BEGIN IMMEDIATE``, not waiting: with a writer at work the
read simply goes on one connection) while both connections start reading, then lets go:
no commit can fall between the two, and writers are held up for a moment only. A file
opened ``immutable`` cannot change, and needs no lock; one opened read-only otherwise cannot
hold the lock (its ``BEGIN IMMEDIATE`` locks nobody out), and is read on one connection.

Example
-------
>>> import sqlite3, tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "s.db")
>>> with sqlite3.connect(path) as setup:
...     _ = setup.execute("CREATE TABLE t (x)")
...     _ = setup.execute("INSERT INTO t VALUES (1)")
>>> first = sqlite3.connect(path, isolation_level=None)
>>> _ = first.execute("BEGIN")
>>> aside = read_aside(first, Opening(path), lambda c: c.execute("SELECT x FROM t").fetchall())
>>> first.execute("SELECT x FROM t").fetchall(), aside.result()
([(1,)], [(1,)])
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Opening", "Aside", "read_aside"]

T = TypeVar("T")


@dataclass(frozen=True)
class Opening:
    """How to open another connection to the store's file: its path or URI, whether it is
    opened read-only (``mode=ro``: such a connection cannot hold the write lock, so nothing
    is read aside) and whether ``immutable`` (nothing can change the file: no lock needed)."""

    target: str
    uri: bool = False
    read_only: bool = False
    immutable: bool = False
    timeout: float = 5.0

    def connect(self, *, timeout: float | None = None) -> sqlite3.Connection:
        """A new connection (``timeout``: how long it waits for a lock, the store's own by
        default), usable from another thread."""
        wait = self.timeout if timeout is None else timeout
        conn = sqlite3.connect(self.target, uri=self.uri, isolation_level=None,
                               check_same_thread=False, timeout=wait)
        conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        return conn


class Aside(Generic[T]):
    """Work running on its own connection in a thread; :meth:`result` waits for it."""

    def __init__(self, conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]
                 ) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(conn, work), daemon=True,
                                        name="graphcrm-read-aside")
        self._thread.start()

    def _run(self, conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> None:
        try:
            self._value = work(conn)
        except BaseException as err:  # handed to the caller by result()
            self._error = err
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")  # read only: nothing to keep
            conn.close()

    def result(self) -> T:
        """What the work returned; what it raised is raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


def read_aside(conn: sqlite3.Connection, opening: Opening,
               work: Callable[[sqlite3.Connection], T]) -> Aside[T] | None:
    """Start ``work`` on a new connection to the file of ``conn`` in a thread, both reading
    the same committed state; None when that cannot be had at once (a writer holds the
    file, it cannot be locked, it is not a file), and the caller reads on ``conn`` alone.

    ``conn`` must be in a transaction that has not read the file yet (just after
    ``BEGIN``): its first read is made here, under the lock.

    Parameters
    ----------
    conn
        The caller's connection, its transaction begun.
    opening
        How to open the file again (:class:`Opening`).
    work
        What to do on the new connection (inside a read transaction there, rolled back
        and closed after).

    Returns
    -------
    Aside or None
        The running work; :meth:`Aside.result` gives what it returned.
    """
    if not conn.in_transaction:
        raise ValueError("read_aside: the connection must be in a transaction")
    if opening.read_only and not opening.immutable:
        return None  # BEGIN IMMEDIATE on a read-only connection locks nobody out
    lock = other = None
    try:
        if not opening.immutable:
            lock = opening.connect(timeout=0)
            lock.execute("BEGIN IMMEDIATE")  # no commit between the two first reads
        other = opening.connect()
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        other.execute("BEGIN")
        other.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error:
        if other is not None:
            other.close()
        return None
    finally:
        if lock is not None:
            with contextlib.suppress(sqlite3.Error):
                lock.execute("ROLLBACK")
            lock.close()
    return Aside(other, work)
