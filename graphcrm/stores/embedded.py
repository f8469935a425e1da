"""The embedded store: one SQLite file, no server (the default, ``graphcrm.db``).

Tables mirror :data:`graphcrm.records.SCHEMA`, one per import table, with the extra columns
in a JSON column. The file uses WAL journaling and a busy timeout, so a second process waits
for a writer instead of failing or corrupting the file; foreign keys are enforced at commit.
Every SQL identifier comes from the schema in code; every value is a bound parameter.

Faults become one clear :class:`~graphcrm.errors.StoreError` each (:func:`_translate`): a
full disk (the import is rolled back, the store opens as before), a read-only file or
folder (reading still works: the store is opened read-only), a writer holding the store
longer than :data:`BUSY_TIMEOUT_MS` (naming the processes that hold it, where the system
says), and a damaged file (:class:`~graphcrm.errors.StoreDamaged`, never written to;
:meth:`EmbeddedStore.check` runs SQLite's integrity check). A new store is built in a
temporary file and linked into place only when its first import succeeded
(:func:`create_store`), so a failed first import leaves nothing behind and two first imports
at once give the same store as one after the other. A neighbourhood's ties are read on a
second connection at the same committed state while the first reads its people
(:mod:`graphcrm.stores.snapshot`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from graphcrm.changes import (
    REMOVE,
    Change,
    Creations,
    chunks,
    decode,
    departure_scope,
    departures,
    people_of,
    plan,
    removal,
    scrub,
    sync_scope,
)
from graphcrm.domain import OrgKind
from graphcrm.errors import (
    Conflict,
    ErasureIncomplete,
    LookupFailed,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreNotFound,
)
from graphcrm.records import (
    SCHEMA,
    TABLE_ORDER,
    Dataset,
    Record,
    TieRows,
    record_key,
    vocabulary_member,
)
from graphcrm.stores.base import (
    HISTORY_SCHEMA,
    ChangeInfo,
    ChangeSet,
    Counts,
    Dump,
    ImportSummary,
    OrganizationSummary,
    Snapshot,
    Store,
    Traces,
    count_changes,
    forget_counts,
    guard_conflicts,
    guard_sync,
    merged_review,
    now_text,
    owned_by,
)
from graphcrm.stores.snapshot import Opening, read_aside
from graphcrm.words import WORDS, Field, Listed, Said, os_reason

__all__ = ["EmbeddedStore", "create_store"]

SCHEMA_VERSION = HISTORY_SCHEMA
#: How long a command waits for another process that is writing (or, for forget, reading)
#: the store, unless GRAPHCRM_BUSY_TIMEOUT says otherwise in seconds.
BUSY_TIMEOUT_MS = 30_000


def busy_timeout_ms() -> int:
    """The busy timeout in force: ``GRAPHCRM_BUSY_TIMEOUT`` (seconds) or 30 s."""
    try:
        return max(0, int(float(os.environ["GRAPHCRM_BUSY_TIMEOUT"]) * 1000))
    except (KeyError, ValueError):
        return BUSY_TIMEOUT_MS

_DAMAGED = ("malformed", "not a database", "disk i/o error", "corrupt")
F = TypeVar("F", bound=Callable[..., Any])


def _holders(path: Path) -> list[str]:
    """The processes that have ``path`` open, as ``pid (command)``, where /proc tells."""
    found = []
    target = str(path.resolve())
    for proc in Path("/proc").glob("[0-9]*"):
        if int(proc.name) == os.getpid():
            continue
        try:
            if any(os.readlink(fd) == target for fd in (proc / "fd").iterdir()):
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(
                    "utf-8", "replace").strip()
                found.append(f"{proc.name} ({command[:60]})")
        except OSError:
            continue
    return found


def _translate(err: sqlite3.Error, path: Path, doing: str) -> StoreError:
    """One clear StoreError for an SQLite error met while ``doing`` something to ``path``
    (``doing``: a ``doing.<…>`` word of the catalogue)."""
    text = str(err).lower()
    while_ = Said(f"doing.{doing}")
    if "full" in text:
        return StoreError(Said("store.disk_full", store=path, doing=while_))
    if "readonly" in text or "read-only" in text:
        return StoreError(Said("store.read_only", store=path, doing=while_))
    if "locked" in text or "busy" in text:
        holders = _holders(path)
        who = Said("store.held_by", holders=", ".join(holders)) if holders else ""
        return StoreBusy(Said("store.busy", store=path, seconds=f"{busy_timeout_ms() / 1000:g}",
                              who=who))
    if any(word in text for word in _DAMAGED):
        return StoreDamaged(Said("store.damaged", store=path, why=_sqlite_reason(err)))
    if "unable to open" in text:
        return StoreError(Said("store.cannot_open", store=path, why=_sqlite_reason(err)))
    if doing in ("importing", "committing", "writing", "erasing"):
        return StoreError(Said("store.rolled_back", store=path, doing=while_,
                               why=_sqlite_reason(err)))
    return StoreError(Said("store.failed", store=path, doing=while_, why=_sqlite_reason(err)))


#: SQLite's reasons that the catalogue words (a part of SQLite's text → the word's key).
_SQLITE_REASONS = {"malformed": "sqlite.malformed", "not a database": "sqlite.not_a_database",
                   "disk i/o error": "sqlite.io", "unable to open": "sqlite.cannot_open"}


def _sqlite_reason(err: sqlite3.Error) -> str:
    """SQLite's reason, in the reader's words where the catalogue has them."""
    text = str(err).lower()
    key = next((k for found, k in _SQLITE_REASONS.items() if found in text), None)
    return Said(key) if key else str(err)


def _table(name: str) -> str:
    """A table of the file as a reader names it: a table of the import by its word (人员),
    another (history, snapshots) by its name."""
    return Said(f"stats.{name}") if f"stats.{name}" in WORDS else name


def _translated(doing: str) -> Callable[[F], F]:
    """Methods that read or write the store raise StoreError, never sqlite3 errors."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: EmbeddedStore, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as err:
                raise _translate(err, self.shown, doing) from err

        return wrapper  # type: ignore[return-value]

    return decorate

# Key columns that may be blank are stored as '' so that the primary key holds.
_BLANK_KEY = {("interactions", "our_person_id"), ("interactions", "channel")}
_SQL_TYPE = {"int": "INTEGER", "number": "NUMERIC"}
_FOREIGN = {"organizations": "id", "people": "id", "projects": "id"}
# Tables kept in the order of their key (SQLite's WITHOUT ROWID): a person's ties lie together,
# so reading a neighbourhood's ties by their source reads pages in order, not one scattered
# row at a time (a 15,000-person neighbourhood's 60,000 ties: 0.5 → 0.35 s,
# benchmarks/README.md). A store made before keeps its tables as they are: the same columns
# and answers, read the slower way.
_CLUSTERED = frozenset({"relationships"})


def _ddl() -> list[str]:
    statements = []
    for name in TABLE_ORDER:
        spec = SCHEMA[name]
        defs = []
        for col in spec.columns:
            sql = f"{col.name} {_SQL_TYPE.get(col.kind, 'TEXT')}"
            if (name, col.name) in _BLANK_KEY:
                sql += " NOT NULL DEFAULT ''"
            elif col.required:
                sql += " NOT NULL"
            if col.references and (name, col.name) not in _BLANK_KEY:
                on_delete = "SET NULL" if not col.required else "CASCADE"
                sql += (
                    f" REFERENCES {col.references}({_FOREIGN[col.references]})"
                    f" ON DELETE {on_delete} DEFERRABLE INITIALLY DEFERRED"
                )
            defs.append(sql)
        defs.append("extra TEXT NOT NULL DEFAULT '{}'")
        defs.append(f"PRIMARY KEY ({', '.join(spec.key)})")
        statements.append(f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(defs)})"
                          + (" WITHOUT ROWID" if name in _CLUSTERED else ""))
    statements += [f"CREATE INDEX IF NOT EXISTS {name} ON {on}" for name, on in _INDEXES.items()]
    statements.append("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    return statements + _HISTORY_DDL + _REVIEW_DDL


# The secondary indexes (name → table and column). An import into an empty store drops them
# and builds each once at the end, in one sort, instead of growing them row by row: a third
# of the SQLite time of a first import of 500,000 ties (benchmarks/README.md).
_INDEXES = {
    "people_org": "people(org_id)",
    "people_name": "people(name)",
    "people_reports_to": "people(reports_to)",
    "relationships_target": "relationships(target)",
    "stakeholders_person": "stakeholders(person_id)",
    "interactions_person": "interactions(person_id)",
    "interactions_ours": "interactions(our_person_id)",
}


# History (schema 2): one row per change set, its changes in JSON chunks (with the person
# ids each chunk mentions, so that forget finds them), and named snapshots.
_HISTORY_DDL = [
    "CREATE TABLE IF NOT EXISTS change_sets (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
    "author TEXT NOT NULL, command TEXT NOT NULL, files TEXT NOT NULL DEFAULT '[]', "
    "counts TEXT NOT NULL DEFAULT '{}')",
    "CREATE TABLE IF NOT EXISTS change_chunks (set_id INTEGER NOT NULL REFERENCES "
    "change_sets(id) ON DELETE CASCADE, seq INTEGER NOT NULL, changes TEXT NOT NULL, "
    "people TEXT NOT NULL, PRIMARY KEY (set_id, seq))",
    "CREATE TABLE IF NOT EXISTS snapshots (name TEXT PRIMARY KEY, change_set INTEGER NOT NULL, "
    "at TEXT NOT NULL, author TEXT NOT NULL)",
]


# The review list (calendar and mail imports' unmatched contacts): added to older stores in
# place, as columns are.
_REVIEW_DDL = [
    "CREATE TABLE IF NOT EXISTS review (key TEXT PRIMARY KEY, address TEXT, name TEXT, "
    "status TEXT NOT NULL DEFAULT 'open', meetings TEXT NOT NULL DEFAULT '[]')",
]


# The people one step from those at depth :d in temp.hood: ties either way, the org chart.
_STEP = (
    "SELECT r.target, :d + 1 FROM relationships r "
    "JOIN temp.hood h ON h.id = r.source AND h.depth = :d "
    "UNION SELECT r.source, :d + 1 FROM relationships r "
    "JOIN temp.hood h ON h.id = r.target AND h.depth = :d "
    "UNION SELECT p.reports_to, :d + 1 FROM people p "
    "JOIN temp.hood h ON h.id = p.id AND h.depth = :d WHERE p.reports_to IS NOT NULL "
    "UNION SELECT p.id, :d + 1 FROM people p "
    "JOIN temp.hood h ON h.id = p.reports_to AND h.depth = :d"
)


def _fill_hood(conn: sqlite3.Connection, people: Iterable[str]) -> None:
    """temp.hood (made if need be; a temporary table: fine when read-only) as ``people``."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS hood (id TEXT PRIMARY KEY, depth INT)")
    conn.execute("DELETE FROM temp.hood")
    conn.executemany("INSERT OR IGNORE INTO temp.hood VALUES (?, 0)", ((p,) for p in people))


def _fill_neighbourhood(conn: sqlite3.Connection, project: str, radius: int) -> None:
    """temp.hood as the people within ``radius`` steps of ``project``'s stakeholders."""
    _fill_hood(conn, ())
    conn.execute("INSERT OR IGNORE INTO temp.hood SELECT person_id, 0 FROM stakeholders "
                 "WHERE project_id = ?", (project,))
    for depth in range(radius):
        conn.execute(f"INSERT OR IGNORE INTO temp.hood {_STEP}", {"d": depth})


def _upsert_sql(table: str, columns: Sequence[str]) -> str:
    """Insert or update by key; ``extra`` arrives already merged with the stored one
    (:meth:`EmbeddedStore._rows`), since SQLite's ``json_patch`` is quadratic in the number
    of keys."""
    spec = SCHEMA[table]
    names = [*columns, "extra"]
    values = ", ".join("json(?)" if c == "extra" else "?" for c in names)
    settable = [c for c in columns if c not in spec.key]
    assignments = [f"{c} = excluded.{c}" for c in settable]
    # a row without extra columns leaves the stored ones alone
    assignments.append(f"extra = CASE excluded.extra WHEN '{{}}' THEN {table}.extra "
                       "ELSE excluded.extra END")
    differs = [f"{table}.{c} IS NOT excluded.{c}" for c in settable]
    differs.append(f"(excluded.extra <> '{{}}' AND {table}.extra IS NOT excluded.extra)")
    return (
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({values}) "
        f"ON CONFLICT ({', '.join(spec.key)}) DO UPDATE SET {', '.join(assignments)} "
        f"WHERE {' OR '.join(differs)}"
    )


class EmbeddedStore(Store):
    """A graphcrm store in one SQLite file.

    Parameters
    ----------
    path
        The database file.
    create
        Create the file if it does not exist; otherwise a missing file raises
        :class:`~graphcrm.errors.StoreNotFound` (reading an empty store is a mistake).
    shown_as
        The path messages name (a store built aside is named as its final path).
    scratch
        A throw-away store: no history, and references to people outside it are kept as
        they are (foreign keys are not enforced).

    Example
    -------
    >>> import tempfile, os
    >>> from graphcrm.ingest import read_dataset
    >>> from graphcrm.resources import sample_dir
    >>> path = os.path.join(tempfile.mkdtemp(), "bid.db")
    >>> with EmbeddedStore(path, create=True) as store:
    ...     created = store.import_dataset(read_dataset([sample_dir()])).changed
    >>> created
    True
    """

    def __init__(self, path: str | Path, *, create: bool = False,
                 shown_as: str | Path | None = None, scratch: bool = False) -> None:
        self.path = Path(path)
        #: a scratch store (a rebuilt past state, or part of one) keeps no history, and its
        #: references may point outside it, as a loaded neighbourhood's do
        self.keeps_history = not scratch
        self.schema = SCHEMA_VERSION
        self._absent: set[tuple[str, str]] = set()  # contract columns an old store lacks
        self._has_review = True
        #: the path messages name (a store being built aside is named as its final path)
        self.shown = Path(shown_as) if shown_as is not None else self.path
        self.location = str(self.shown)
        self.read_only = False
        #: how to open the file again to read part of it aside (None: not a file of its own)
        self._opening: Opening | None = None
        if not create and not self.path.exists():
            raise StoreNotFound(Said("error.no_store", store=self.shown))
        if self.path.is_dir():
            raise StoreError(Said("store.folder", store=self.shown))
        if self.path.exists():
            self._check_header()
        try:
            self._conn = self._connect()
        except sqlite3.Error as err:
            if create or not self.path.exists():
                raise _translate(err, self.shown, "opening") from err
            try:  # a read-only file or folder: still readable
                self._conn = self._connect(read_only=True)
                self.read_only = True
            except sqlite3.Error:
                raise _translate(err, self.shown, "opening") from err

    def _check_header(self) -> None:
        try:
            with self.path.open("rb") as handle:
                header = handle.read(16)
        except OSError as err:
            raise StoreError(Said("store.unreadable", store=self.shown,
                                  why=os_reason(err))) from err
        if not header:
            raise StoreError(Said("store.empty_file", store=self.shown))
        if header != b"SQLite format 3\0":
            raise StoreError(Said("store.not_sqlite", store=self.shown))

    def _connect(self, read_only: bool = False) -> sqlite3.Connection:
        if read_only:
            wal = Path(f"{self.path}-wal")
            # nothing can write a store in a read-only place; without a write-ahead log the
            # file is all there is, and SQLite needs no -shm file beside it
            immutable = "&immutable=1" if not wal.exists() or wal.stat().st_size == 0 else ""
            uri = f"file:{quote(str(self.path.resolve()))}?mode=ro{immutable}"
            conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms() / 1000,
                                   isolation_level=None)
            opening = Opening(uri, uri=True, read_only=True, immutable=bool(immutable),
                              timeout=busy_timeout_ms() / 1000)
        else:
            conn = sqlite3.connect(self.path, timeout=busy_timeout_ms() / 1000,
                                   isolation_level=None)
            opening = Opening(str(self.path), timeout=busy_timeout_ms() / 1000)
        try:
            conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
            if not read_only:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA foreign_keys = {'ON' if self.keeps_history else 'OFF'}")
            conn.execute("PRAGMA secure_delete = ON")  # deleted rows are overwritten
            self._conn = conn
            self._ensure_schema(read_only)
            self._ensure_additions(read_only)
        except BaseException:
            conn.close()
            raise
        if str(self.path) != ":memory:":
            self._opening = opening
        return conn

    def _ensure_schema(self, read_only: bool = False) -> None:
        def version() -> str | None:
            tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master")}
            if "meta" in tables:
                row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is not None:
                    return str(row[0])
            if tables - {"meta"}:
                raise StoreError(Said("store.not_graphcrm", store=self.shown))
            return None

        found = version()
        if found is None and not read_only:
            with self._transaction():  # another process may have made it meanwhile
                found = version()
                if found is None:
                    for statement in _ddl():
                        self._conn.execute(statement)
                    self._conn.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)",
                                       (str(SCHEMA_VERSION),))
                    found = str(SCHEMA_VERSION)
        if found is None:
            raise StoreError(Said("store.empty_sqlite", store=self.shown))
        if not found.isdigit():
            raise StoreDamaged(Said("store.bad_schema", store=self.shown, found=repr(found[:20])))
        if int(found) > SCHEMA_VERSION:
            raise StoreError(Said("store.newer", store=self.shown, found=found,
                                  reads=SCHEMA_VERSION))
        if int(found) == 1 and not read_only:
            self._upgrade_from_1()
        elif int(found) == 1:
            self.schema = 1  # readable as it is; history needs the upgrade (a writable store)
        elif int(found) != SCHEMA_VERSION:
            raise StoreError(Said("store.other_schema", store=self.shown, found=found,
                                  reads=SCHEMA_VERSION))

    def _ensure_additions(self, read_only: bool) -> None:
        """Columns the contract gained since the store was made (``organizations.domains``)
        and the review list: added to a writable store in place (``ALTER TABLE … ADD
        COLUMN``: nothing to copy, every row reads NULL); a read-only store reads them as
        NULL, and its review list as empty."""
        missing = []
        for table in TABLE_ORDER:
            have = {row[1] for row in self._conn.execute(f"PRAGMA table_info({table})")}
            missing += [(table, c) for c in SCHEMA[table].columns if c.name not in have]
        self._absent = {(t, c.name) for t, c in missing}
        review = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review'").fetchone()
        self._has_review = review is not None
        if (not missing and review is not None) or read_only:
            return
        with self._transaction():
            for statement in _REVIEW_DDL:
                self._conn.execute(statement)
            self._has_review = True
            for table, column in missing:
                have = {row[1] for row in self._conn.execute(f"PRAGMA table_info({table})")}
                if column.name not in have:  # another process may have added it meanwhile
                    sql = _SQL_TYPE.get(column.kind, "TEXT")
                    self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {column.name} {sql}")
        self._absent = set()

    def _upgrade_from_1(self) -> None:
        """Schema 1 → 2 (history), in one transaction, after a backup copy of the file
        (``<store>.schema1.bak``, made with SQLite's online backup before the upgrade
        starts)."""
        found = [str(r[0]) for r in self._conn.execute("PRAGMA quick_check")]
        if found != ["ok"]:  # upgrading would write into a damaged file
            raise StoreDamaged(Said("store.damaged_upgrade", store=self.shown,
                                    why="; ".join(found[:3])))
        backup = Path(f"{self.path}.schema1.bak")
        # always a fresh copy: a backup left beside the file may be another store's (a
        # store file replaced by another of the same name), or of this one before a forget
        aside = backup.with_name(backup.name + ".new")
        target = sqlite3.connect(aside)
        try:
            self._conn.backup(target)
            copied = target.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        finally:
            target.close()
        if copied is not None and int(copied[0]) == 1:
            os.replace(aside, backup)
        else:  # another process upgraded it meanwhile: its backup stands
            aside.unlink(missing_ok=True)
        with self._transaction():
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None or int(row[0]) != 1:  # another process upgraded it meanwhile
                return
            for statement in _HISTORY_DDL:
                self._conn.execute(statement)
            self._conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'",
                               (str(SCHEMA_VERSION),))
            self._record(ChangeInfo("upgrade", author="graphcrm"), [])

    def _transaction(self, mode: str = "IMMEDIATE") -> _Transaction:
        return _Transaction(self._conn, self.shown, mode)

    @_translated("checking")
    def check(self) -> list[Said]:
        """SQLite's integrity check of the file (read only); then, when the store is whole
        and writable, finish any erasure a reader held up (checkpoint the write-ahead log).

        Returns
        -------
        list of Said
            The problems found, each a :class:`~graphcrm.words.Said` (its text English, any
            language by ``in_lang``; SQLite's own findings quoted as it words them); empty
            when the store is whole.
        """
        found = [str(r[0]) for r in self._conn.execute("PRAGMA integrity_check")]
        problems: list[Said] = [] if found == ["ok"] else [Said("check.sqlite", said=f)
                                                           for f in found]
        broken = dict.fromkeys((r[0], r[3]) for r in self._conn.execute(
            "PRAGMA foreign_key_check"))  # (table, which key): a row each, no rowid for some
        problems += [said for table, fk in broken for said in self._dangling(table, fk)]
        if not problems and not self.read_only:
            busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                problems.append(Said("check.reader_busy"))
        return problems

    def _dangling(self, table: str, fk: int) -> list[Said]:
        """The rows of ``table`` whose foreign key ``fk`` (as ``PRAGMA foreign_key_check``
        names them) refers to nothing, as a reader would say them: the record by its key (a
        tie by its two people and type), the column, and the value no record of the parent
        table has. ``table`` is SQLite's own name of a table of this file."""
        _, _, parent, column, to, *_ = next(
            r for r in self._conn.execute(f'PRAGMA foreign_key_list("{table}")') if r[0] == fk)
        rows = self._conn.execute(
            f'SELECT * FROM "{table}" WHERE "{column}" IS NOT NULL AND "{column}" NOT IN '
            f'(SELECT "{to or "id"}" FROM "{parent}")')
        names = [d[0] for d in rows.description]
        found = []
        for row in rows:
            record = dict(zip(names, row, strict=True))
            key = Listed([vocabulary_member(table, n, record[n]) for n in
                          (SCHEMA[table].key if table in SCHEMA else names[:2])], sep=" ")
            found.append(Said("check.foreign_key", table=_table(table), record=key,
                              column=Field(column), value=record[column], parent=_table(parent)))
        return sorted(found, key=lambda said: str(said.values["record"]))

    # -- writing -------------------------------------------------------------------------

    @_translated("importing")
    def import_dataset(self, dataset: Dataset, *, sync: bool = False,
                       info: ChangeInfo | None = None, dry_run: bool = False,
                       review: Sequence[Mapping[str, Any]] = (),
                       take_over: bool = False, settle: str | None = None) -> ImportSummary:
        info = info or ChangeInfo("import")
        with self._transaction("DEFERRED" if dry_run else "IMMEDIATE"):
            dataset.check_pending(self._existing)  # under the lock: colleagues' imports count
            held = self._scope(dataset, sync)
            if sync:  # people a synced sheet no longer lists have left (never deleted)
                dataset = departures(dataset, held, dt.date.today().isoformat(), owned_by(
                    lambda: self._history(changes=True), info.who))
            dataset = dataset.settled(held)  # what the files did not say changes nothing
            changes: Sequence[Change] = plan(dataset, held, sync=sync)
            warned: list[Said] = []
            if not isinstance(changes, Creations) and changes:
                sets = self._history(changes=True)
                if sync:
                    changes, warned = guard_sync(changes, sets, info.who, take_over=take_over,
                                                 dry_run=dry_run)
                changes, told, theirs = guard_conflicts(changes, sets, info.who,
                                                        settle=settle, dry_run=dry_run)
                warned += told
                dataset = dataset.keeping(theirs)
            if dry_run:
                return ImportSummary.of(dataset, changes, dry_run=True, sync=sync).warned(warned)
            first = isinstance(changes, Creations)  # into an empty store
            self._write(dataset, first)
            if not first:
                self._delete([c for c in changes if c.action == REMOVE])
            if changes:  # an import that changed nothing leaves no change set
                self._record(info, changes)
            self._remember(review)
        return ImportSummary.of(dataset, changes, sync=sync).warned(warned)

    def _write(self, dataset: Dataset, empty: bool) -> None:
        """Upsert ``dataset`` (inside the caller's transaction); into an ``empty`` store,
        with the secondary indexes built once at the end."""
        if empty:
            for name in _INDEXES:
                self._conn.execute(f"DROP INDEX IF EXISTS {name}")
        for table, records in dataset:
            columns = [c for c in SCHEMA[table].column_names if c in dataset.columns[table]]
            stored = self._stored_extras(table) if any(
                r.get("extra") for r in records) else {}
            self._conn.executemany(
                _upsert_sql(table, columns), self._rows(table, columns, records, stored))
        if empty:
            for name, on in _INDEXES.items():
                self._conn.execute(f"CREATE INDEX {name} ON {on}")

    @_translated("reverting")
    def apply(self, changes: Sequence[Change], records: Dataset, info: ChangeInfo) -> None:
        with self._transaction():
            self._write(records, empty=False)
            # what refers to a record goes before it
            self._delete(sorted((c for c in changes if c.action == REMOVE),
                                key=lambda c: -TABLE_ORDER.index(c.table)))
            self._record(info, changes)

    @_translated("restoring")
    def restore(self, dump: Dump, *, dry_run: bool = False) -> dict[str, int]:
        with self._transaction("DEFERRED" if dry_run else "IMMEDIATE"):
            if self._conn.execute("SELECT 1 FROM organizations LIMIT 1").fetchone() or \
                    self._conn.execute("SELECT 1 FROM change_sets LIMIT 1").fetchone():
                raise Conflict(Said("store.restore_not_empty", store=self.location))
            if dry_run:
                return dump.counts()
            self._write(dump.dataset(), empty=True)
            for found in dump.history:
                self._conn.execute(
                    "INSERT INTO change_sets (id, at, author, command, files, counts) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (found.id, found.at, found.author, found.command,
                     json.dumps(list(found.files), ensure_ascii=False),
                     json.dumps(found.counts, ensure_ascii=False)))
                self._conn.executemany(
                    "INSERT INTO change_chunks (set_id, seq, changes, people) "
                    "VALUES (?, ?, ?, ?)",
                    ((found.id, seq, text, json.dumps(people, ensure_ascii=False))
                     for seq, (text, people) in enumerate(chunks(found.changes))))
            self._conn.executemany(
                "INSERT INTO snapshots (name, change_set, at, author) VALUES (?, ?, ?, ?)",
                [(n.name, n.change_set, n.at, n.author) for n in dump.snapshots])
            self._conn.executemany(
                "INSERT INTO review (key, address, name, status, meetings) "
                "VALUES (?, ?, ?, ?, ?)",
                [(e["key"], e.get("address"), e.get("name"), e.get("status") or "open",
                  json.dumps(e.get("meetings") or [], ensure_ascii=False))
                 for e in dump.review])
        return dump.counts()

    def _existing(self, wanted: dict[str, set[str]]) -> dict[str, set[str]]:
        """Of the ids ``wanted`` by table, those the store holds."""
        found: dict[str, set[str]] = {}
        for table, ids in wanted.items():
            chosen = sorted(ids)
            for start in range(0, len(chosen), 500):
                part = chosen[start:start + 500]
                marks = ", ".join("?" for _ in part)
                found.setdefault(table, set()).update(r[0] for r in self._conn.execute(
                    f"SELECT id FROM {_TABLE_SQL[table]} WHERE id IN ({marks})", part))
        return found

    def _scope(self, dataset: Dataset, sync: bool) -> Dataset:
        """What the store holds that an import of ``dataset`` may change (see
        :func:`graphcrm.changes.plan`), read inside the import's transaction."""
        if not self._conn.execute("SELECT 1 FROM organizations LIMIT 1").fetchone():
            return Dataset()  # an empty store: everything is new
        people = people_of(dataset)
        if sync:
            projects = sorted(sync_scope(dataset)[0])
            marks = ", ".join("?" for _ in projects)
            people |= {row[0] for row in self._conn.execute(
                f"SELECT person_id FROM stakeholders WHERE project_id IN ({marks})", projects)}
            orgs = sorted(departure_scope(dataset))
            marks = ", ".join("?" for _ in orgs)
            people |= {row[0] for row in self._conn.execute(
                f"SELECT id FROM people WHERE org_id IN ({marks})", orgs)}
        return self._people_dataset(people)

    def _delete(self, changes: Sequence[Change]) -> None:
        """Delete the records that ``changes`` (removals) name, by key."""
        for change in changes:
            key = SCHEMA[change.table].key
            where = " AND ".join(f"{c} = ?" for c in key)
            values = [v if v or (change.table, c) in _BLANK_KEY else None
                      for c, v in zip(key, change.key, strict=True)]
            self._conn.execute(f"DELETE FROM {change.table} WHERE {where}", values)

    def _record(self, info: ChangeInfo, changes: Sequence[Change],
                counts: dict[str, Any] | None = None) -> None:
        """Record a change set (inside the caller's transaction)."""
        if not self.keeps_history:
            return
        self._require_history()
        cursor = self._conn.execute(
            "INSERT INTO change_sets (at, author, command, files, counts) VALUES (?, ?, ?, ?, ?)",
            (now_text(), info.who, info.command, json.dumps(list(info.files), ensure_ascii=False),
             json.dumps(counts if counts is not None else count_changes(changes),
                        ensure_ascii=False)))
        self._conn.executemany(
            "INSERT INTO change_chunks (set_id, seq, changes, people) VALUES (?, ?, ?, ?)",
            ((cursor.lastrowid, seq, text, json.dumps(people, ensure_ascii=False))
             for seq, (text, people) in enumerate(chunks(changes))))

    def _require_history(self) -> None:
        if self.schema < SCHEMA_VERSION:
            raise StoreError(Said("store.no_history_yet", store=self.shown, found=self.schema))

    def _stored_extras(self, table: str) -> dict[tuple[str, ...], str]:
        """The stored ``extra`` of every row of ``table`` that has any, by key."""
        key = SCHEMA[table].key
        rows = self._conn.execute(
            f"SELECT {', '.join(key)}, extra FROM {table} WHERE extra <> '{{}}'")
        return {record_key(table, dict(zip(key, row[:-1], strict=True))): row[-1]
                for row in rows}

    @staticmethod
    def _rows(table: str, columns: Sequence[str], records: Iterable[Record],
              stored: dict[tuple[str, ...], str]) -> Iterable[tuple]:
        """Parameter rows; a record's extra columns are merged into what the store holds
        (new values win, columns the file lacks stay), in linear time."""
        blank = [i for i, c in enumerate(columns) if (table, c) in _BLANK_KEY]
        for record in records:
            row = [record.get(c) for c in columns]
            for i in blank:
                row[i] = row[i] or ""
            extra = record.get("extra") or {}
            before = stored.get(record_key(table, record)) if extra else None
            if before is None:
                merged = extra
            else:
                old = json.loads(before)
                merged = {**old, **extra}
                if merged == old:  # unchanged: hand back exactly what is stored
                    row.append(before)
                    yield tuple(row)
                    continue
            row.append(json.dumps(merged, ensure_ascii=False, sort_keys=True) if merged
                       else "{}")
            yield tuple(row)

    def _count(self, table: str) -> int:
        return int(self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- reading -------------------------------------------------------------------------

    @_translated("reading")
    def load(self, project: str | None = None, *, radius: int = 2,
             people: Collection[str] | None = None) -> Dataset:
        if people is not None:
            return self._load_people(people)
        if project is None:
            return self._dataset({name: self._select(name) for name in TABLE_ORDER})
        return self._neighbourhood_tables(project, radius)[0]

    @_translated("reading")
    def load_for_graph(self, project: str | None = None, *, radius: int = 2,
                       people: Collection[str] | None = None
                       ) -> tuple[Dataset, TieRows | None]:
        if people is not None:
            with self._transaction("DEFERRED"):
                return self._people_tables(people, rows=True)
        if project is None:
            return self.load(), None
        return self._neighbourhood_tables(project, radius, rows=True)

    def _load_people(self, people: Collection[str]) -> Dataset:
        with self._transaction("DEFERRED"):
            return self._people_dataset(people)

    def _people_dataset(self, people: Collection[str]) -> Dataset:
        """``load(people=...)`` inside the caller's transaction."""
        return self._people_tables(people)[0]

    def _people_tables(self, people: Collection[str], *, rows: bool = False
                       ) -> tuple[Dataset, TieRows | None]:
        tables, ties = self._hood_tables(functools.partial(_fill_hood, people=people),
                                         rows=rows)
        tables["projects"] = self._select("projects")
        tables["stakeholders"] = self._select("stakeholders", "person_id IN (SELECT id "
                                              "FROM temp.hood)")
        self._conn.execute("DELETE FROM temp.hood")
        return self._dataset(tables), ties

    @_translated("reading")
    def neighbours(self, people: Collection[str]) -> set[str]:
        with self._transaction("DEFERRED"):
            _fill_hood(self._conn, people)
            found = {row[0] for row in self._conn.execute(_STEP, {"d": 0})}
            self._conn.execute("DELETE FROM temp.hood")
        return found - set(people)

    @_translated("reading")
    def people_index(self, *, named: Collection[str] | None = None,
                     involved: bool = False) -> dict[str, dict[str, Any]]:
        where, params = "", {}
        if named is not None or involved:
            # one indexed look-up per kind of person, not a scan of everyone (a million
            # people: 0.5 → 0.15 s); in the table's order, as a scan gives them
            parts = []
            if named:
                params["names"] = json.dumps(sorted(set(named)), ensure_ascii=False)
                parts += ["SELECT value FROM json_each(:names)",
                          "SELECT id FROM people WHERE name IN "
                          "(SELECT value FROM json_each(:names))"]
            if involved:
                params["own"] = OrgKind.OWN.value
                parts += ["SELECT id FROM people WHERE org_id IN "
                          "(SELECT id FROM organizations WHERE kind = :own)",
                          "SELECT person_id FROM stakeholders"]
            where = (f" WHERE p.id IN ({' UNION '.join(parts)}) ORDER BY p.rowid" if parts
                     else " WHERE 0")
        rows = self._conn.execute(
            "SELECT p.id, p.name, p.org_id, o.name, o.kind, p.email, p.phone, p.status, "
            "p.department, p.title, p.predecessor "
            f"FROM people p LEFT JOIN organizations o ON o.id = p.org_id{where}", params)
        index: dict[str, dict[str, Any]] = {
            pid: {"name": name, "org_id": org_id, "org_name": org, "org_kind": kind,
                  "roles": {}, "email": email, "phone": phone, "status": status,
                  "department": department, "title": title, "predecessor": predecessor}
            for pid, name, org_id, org, kind, email, phone, status, department, title,
            predecessor in rows
        }
        for person, project, role in self._conn.execute(
                "SELECT person_id, project_id, role FROM stakeholders"):
            if person in index:
                index[person]["roles"].setdefault(project, []).append(role)
        return index

    def _neighbourhood_tables(self, project: str, radius: int, *, rows: bool = False
                              ) -> tuple[Dataset, TieRows | None]:
        if not self._conn.execute("SELECT 1 FROM projects WHERE id = ?", (project,)).fetchone():
            raise LookupFailed(Said("store.no_project", project=repr(project), store=self.location))
        with self._transaction("DEFERRED"):  # one consistent snapshot
            tables, ties = self._hood_tables(functools.partial(
                _fill_neighbourhood, project=project, radius=radius), rows=rows)
            tables["projects"] = self._select("projects", "id = ?", (project,))
            tables["stakeholders"] = self._select("stakeholders", "project_id = ?", (project,))
            self._conn.execute("DELETE FROM temp.hood")
        return self._dataset(tables), ties

    def _hood_tables(self, fill: Callable[[sqlite3.Connection], None], *, rows: bool = False
                     ) -> tuple[dict[str, list[Record]], TieRows | None]:
        """Every organization, and the people ``fill`` puts in temp.hood with their ties
        and interactions (the ties as rows instead of records with ``rows``). Called just
        after ``BEGIN``: the rows of the ties are read aside (:mod:`graphcrm.stores.snapshot`,
        on a second connection at the same state, its own temp.hood filled the same way)
        while this one reads the people, where the store's file allows; they are waited for
        where first used (:meth:`TieRows.later`)."""
        in_hood = "IN (SELECT id FROM temp.hood)"
        # walk the neighbourhood and seek each person's ties, then their far end (SQLite
        # would otherwise probe every pair of people in it); as rows, each end as its number
        # (rowid) in temp.hood
        ties = self._sql("relationships", joined="temp.hood CROSS JOIN relationships ON "
                         "relationships.source = hood.id CROSS JOIN temp.hood ends ON "
                         "ends.id = relationships.target", rows=rows,
                         ends=("hood.rowid", "ends.rowid") if rows else None)

        def tie_rows(conn: sqlite3.Connection) -> TieRows:
            return TieRows(conn.execute(ties).fetchall(),
                           dict(conn.execute("SELECT rowid, id FROM temp.hood")))

        def filled_tie_rows(conn: sqlite3.Connection) -> TieRows:
            fill(conn)
            return tie_rows(conn)

        aside = None
        if rows and self._opening is not None:
            aside = read_aside(self._conn, self._opening, filled_tie_rows)
        fill(self._conn)
        tables = {
            "organizations": self._select("organizations"),
            "people": self._select("people", f"id {in_hood}"),
            "relationships": [] if rows else self._records("relationships", ties),
            "interactions": self._select(
                "interactions",
                f"person_id {in_hood} AND (our_person_id = '' OR our_person_id {in_hood})",
            ),
        }
        if not rows:
            return tables, None
        if aside is None:
            return tables, tie_rows(self._conn)
        running = aside

        def fetched() -> TieRows:  # waited for where first used: the people built meanwhile
            try:
                return running.result()
            except sqlite3.Error as err:
                raise _translate(err, self.shown, "reading") from err

        return tables, TieRows.later(fetched)

    def _sql(self, table: str, where: str = "", joined: str = "", *, rows: bool = False,
             ends: tuple[str, str] | None = None) -> str:
        """The SELECT of ``table``'s contract columns and ``extra``, in key order (for
        :class:`TieRows` with ``rows``: ``extra`` None when empty; ``ends``: what to
        select instead of the first two columns, a tie's source and target)."""
        columns = SCHEMA[table].column_names
        selected = ", ".join("NULL" if (table, c) in self._absent else f"{table}.{c}"
                             for c in columns[2 if ends else 0:])
        if ends:
            selected = ", ".join((*ends, selected))
        selected += f", NULLIF({table}.extra, '{{}}')" if rows else f", {table}.extra"
        sql = f"SELECT {selected} FROM {joined or table}"
        if where:
            sql += f" WHERE {where}"
        return sql + " ORDER BY " + ", ".join(f"{table}.{c}" for c in SCHEMA[table].key)

    def _select(self, table: str, where: str = "", params: Sequence[Any] = (),
                joined: str = "") -> list[Record]:
        return self._records(table, self._sql(table, where, joined), params)

    def _records(self, table: str, sql: str, params: Sequence[Any] = ()) -> list[Record]:
        columns = SCHEMA[table].column_names
        records = []
        blank = [c for t, c in _BLANK_KEY if t == table]
        for row in self._conn.execute(sql, params):
            record = dict(zip(columns, row[:-1], strict=True))
            for c in blank:
                if record[c] == "":
                    record[c] = None
            extra = row[-1]
            record["extra"] = {} if extra == "{}" else json.loads(extra)
            records.append(record)
        return records

    @staticmethod
    def _dataset(tables: dict[str, list[Record]]) -> Dataset:
        return Dataset(
            records=tables, columns={name: SCHEMA[name].column_names for name in tables}
        )

    @_translated("reading")
    def organization_summary(self) -> OrganizationSummary:
        organizations = {
            org: {"name": name, "kind": kind, "people": people}
            for org, name, kind, people in self._conn.execute(
                "SELECT o.id, o.name, o.kind, count(p.id) FROM organizations o "
                "LEFT JOIN people p ON p.org_id = o.id GROUP BY o.id")
        }
        links = {
            (first, second): (ties, round(strength, 3))
            for first, second, ties, strength in self._conn.execute(
                "SELECT min(a.org_id, b.org_id), max(a.org_id, b.org_id), count(*), "
                "avg(r.strength) FROM relationships r "
                "JOIN people a ON a.id = r.source JOIN people b ON b.id = r.target "
                "WHERE r.strength IS NOT NULL AND a.org_id <> b.org_id "
                "GROUP BY 1, 2")
        }
        return OrganizationSummary(organizations, links)

    @_translated("removing")
    def remove_ties(self, a: str, b: str, types: Collection[str],
                    info: ChangeInfo | None = None) -> int:
        with self._transaction():
            ties = self._people_dataset([a, b]).table("relationships")
            gone = [removal("relationships", t) for t in ties
                    if t["type"] in types and {t["source"], t["target"]} == {a, b}]
            return self._remove(gone, info or ChangeInfo("remove tie"))

    @_translated("removing")
    def remove_role(self, project: str, person: str, role: str,
                    info: ChangeInfo | None = None) -> int:
        with self._transaction():
            rows = self._people_dataset([person]).table("stakeholders")
            gone = [removal("stakeholders", r) for r in rows
                    if r["project_id"] == project and r["role"] == role]
            return self._remove(gone, info or ChangeInfo("remove role"))

    def _remove(self, gone: list[Change], info: ChangeInfo) -> int:
        if gone:
            self._delete(gone)
            self._record(info, gone)
        return len(gone)

    @_translated("erasing")
    def forget(self, person: str, info: ChangeInfo | None = None) -> dict[str, int]:
        conn = self._conn
        with self._transaction():
            found = conn.execute("SELECT name, email FROM people WHERE id = ?",
                                 (person,)).fetchone()
            if not found:
                raise LookupFailed(Said("store.nobody_with_id", person=repr(person),
                                        store=self.location))
            traces = Traces.of(person, *found)
            erased = _erase(conn, person)
            if self.schema >= SCHEMA_VERSION:
                self._scrub_history(traces)
                self._record(info or ChangeInfo("forget"), [], counts=forget_counts(erased))
            if self._has_review:
                self._scrub_review(traces)
        self._scrub_backup(person)
        # overwrite what was deleted, in the file and in the write-ahead log: until this
        # checkpoint the old pages are still in the store file
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            holders = _holders(self.path)
            who = Said("store.held_by", holders=", ".join(holders)) if holders else ""
            raise ErasureIncomplete(Said("store.erasure_held", store=self.shown, person=person,
                                         who=who), erased)
        return erased

    def _scrub_history(self, traces: Traces) -> None:
        """Rewrite every history chunk that mentions the person without those changes, and
        the change sets' file entries that name them (:meth:`Traces.file`)."""
        for set_id, files in self._conn.execute(
                "SELECT id, files FROM change_sets WHERE files <> '[]'").fetchall():
            before = json.loads(files)
            after = [traces.file(f) for f in before]
            if after != before:
                self._conn.execute("UPDATE change_sets SET files = ? WHERE id = ?",
                                   (json.dumps(after, ensure_ascii=False), set_id))
        mentioned = json.dumps(traces.person, ensure_ascii=False)
        rows = self._conn.execute(
            "SELECT set_id, seq, changes FROM change_chunks WHERE instr(people, ?) > 0",
            (mentioned,)).fetchall()
        for set_id, seq, text in rows:
            kept, people = scrub(text, traces.person)
            self._conn.execute(
                "UPDATE change_chunks SET changes = ?, people = ? WHERE set_id = ? AND seq = ?",
                (kept, json.dumps(people, ensure_ascii=False), set_id, seq))

    def _scrub_review(self, traces: Traces) -> None:
        """The review list without the entries about the person and the meetings they had
        as one of ours."""
        for entry in self.review_entries():
            if traces.about(entry):
                self._conn.execute("DELETE FROM review WHERE key = ?", (entry["key"],))
            elif (kept := traces.meetings(entry["meetings"])) != entry["meetings"]:
                self._conn.execute("UPDATE review SET meetings = ? WHERE key = ?",
                                   (json.dumps(kept, ensure_ascii=False), entry["key"]))

    def _scrub_backup(self, person: str) -> None:
        """The person out of the copy kept from before the schema upgrade too (rows deleted,
        the file rewritten so that no freed page keeps them); a copy that cannot be opened
        as a store is removed, since it cannot be cleaned."""
        backup = Path(f"{self.path}.schema1.bak")
        if not backup.exists():
            return
        try:
            copy = sqlite3.connect(backup, isolation_level=None)
            try:
                copy.execute("PRAGMA secure_delete = ON")
                copy.execute("BEGIN IMMEDIATE")
                _erase(copy, person)
                copy.execute("COMMIT")
                copy.execute("VACUUM")
            finally:
                copy.close()
        except sqlite3.Error:
            backup.unlink(missing_ok=True)

    # -- history -------------------------------------------------------------------------

    @_translated("reading_history")
    def history(self, *, after: int = 0, changes: bool = False) -> list[ChangeSet]:
        if self.schema < SCHEMA_VERSION:
            return []
        with self._transaction("DEFERRED"):
            return self._history(after, changes)

    def _history(self, after: int = 0, changes: bool = False) -> list[ChangeSet]:
        """The change sets after ``after``, read inside the caller's transaction."""
        if self.schema < SCHEMA_VERSION or not self.keeps_history:
            return []
        sets = self._conn.execute(
            "SELECT id, at, author, command, files, counts FROM change_sets WHERE id > ? "
            "ORDER BY id", (after,)).fetchall()
        found: dict[int, list[Change]] = {}
        if changes:
            for set_id, text in self._conn.execute(
                    "SELECT set_id, changes FROM change_chunks WHERE set_id > ? "
                    "ORDER BY set_id, seq", (after,)):
                found.setdefault(set_id, []).extend(decode(text))
        return [ChangeSet(set_id, at, author, command, tuple(json.loads(files)),
                          json.loads(counts), tuple(found.get(set_id, ())))
                for set_id, at, author, command, files, counts in sets]

    @_translated("writing_snapshot")
    def snapshot(self, name: str, info: ChangeInfo) -> Snapshot:
        self._require_history()
        with self._transaction():
            if self._conn.execute("SELECT 1 FROM snapshots WHERE name = ?", (name,)).fetchone():
                raise Conflict(Said("store.snapshot_taken", name=repr(name), store=self.location))
            last = self._conn.execute("SELECT coalesce(max(id), 0) FROM change_sets").fetchone()
            made = Snapshot(name, int(last[0]), now_text(), info.who)
            self._conn.execute("INSERT INTO snapshots (name, change_set, at, author) "
                               "VALUES (?, ?, ?, ?)",
                               (made.name, made.change_set, made.at, made.author))
        return made

    @_translated("reading_history")
    def snapshots(self) -> list[Snapshot]:
        if self.schema < SCHEMA_VERSION:
            return []
        return [Snapshot(*row) for row in self._conn.execute(
            "SELECT name, change_set, at, author FROM snapshots ORDER BY change_set, at")]

    @_translated("reading_review")
    def review_entries(self, keys: Collection[str] | None = None) -> list[dict[str, Any]]:
        if not self._has_review:
            return []
        sql = "SELECT key, address, name, status, meetings FROM review"
        params: dict[str, str] = {}
        if keys is not None:
            sql += " WHERE key IN (SELECT value FROM json_each(:keys))"
            params["keys"] = json.dumps(sorted(keys), ensure_ascii=False)
        return [{"key": k, "address": a, "name": n, "status": s, "meetings": json.loads(m)}
                for k, a, n, s, m in self._conn.execute(sql + " ORDER BY key", params)]

    @_translated("writing_review")
    def remember_review(self, entries: Sequence[Mapping[str, Any]]) -> None:
        if not entries:
            return
        with self._transaction():
            self._remember(entries)

    def _remember(self, entries: Sequence[Mapping[str, Any]]) -> None:
        """Add review entries inside the caller's transaction."""
        if not entries:
            return
        stored = {e["key"]: e for e in self.review_entries([e["key"] for e in entries])}
        self._conn.executemany(
            "INSERT INTO review (key, address, name, meetings) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET address = excluded.address, "
            "name = coalesce(review.name, excluded.name), meetings = excluded.meetings",
            [(e["key"], e["address"], e["name"], json.dumps(e["meetings"]))
             for e in merged_review(stored, entries)])

    @_translated("writing_review")
    def set_review_status(self, key: str, status: str) -> bool:
        with self._transaction():
            return self._conn.execute("UPDATE review SET status = ? WHERE key = ?",
                                      (status, key)).rowcount > 0

    @_translated("reading")
    def counts(self) -> Counts:
        queries = {
            "organizations": "SELECT kind, count(*) FROM organizations GROUP BY kind",
            "people": "SELECT o.kind, count(*) FROM people p "
            "JOIN organizations o ON o.id = p.org_id GROUP BY o.kind",
            "relationships": "SELECT type, count(*) FROM relationships GROUP BY type",
            "projects": "SELECT stage, count(*) FROM projects GROUP BY stage",
            "stakeholders": "SELECT role, count(*) FROM stakeholders GROUP BY role",
            "interactions": "SELECT channel, count(*) FROM interactions GROUP BY channel",
        }
        by_kind = {
            name: {str(kind or "unspecified"): n for kind, n in self._conn.execute(sql)}
            for name, sql in queries.items()
        }
        projects = []
        for record in self._select("projects"):
            roles = dict(
                self._conn.execute(
                    "SELECT role, count(*) FROM stakeholders WHERE project_id = ? GROUP BY role",
                    (record["id"],),
                ).fetchall()
            )
            projects.append({**{k: v for k, v in record.items() if k != "extra"}, "roles": roles})
        return Counts(by_kind, projects)

    @_translated("reading")
    def known_ids(self) -> dict[str, set[str]]:
        return {
            name: {row[0] for row in self._conn.execute(f"SELECT id FROM {name}")}
            for name in ("organizations", "people", "projects")
        }

    def close(self) -> None:
        self._conn.close()


class MemoryStore(EmbeddedStore):
    """A scratch store held in memory (:func:`graphcrm.stores.scratch_store`): nothing of it
    reaches the disk. Closing it keeps it open, so that every question asked of it finds it
    whole; :meth:`discard` frees it."""

    def __init__(self) -> None:
        super().__init__(":memory:", create=True, shown_as="(memory)", scratch=True)

    def close(self) -> None:
        """Kept open: the store lives as long as its connection."""

    def discard(self) -> None:
        """Free the store."""
        super().close()



def _erase(conn: sqlite3.Connection, person: str) -> dict[str, int]:
    """Delete ``person``'s record and everything attached (the stores' first four
    :data:`~graphcrm.stores.base.ERASED` places); return how many of each went."""
    erased = {
        "ties": conn.execute("DELETE FROM relationships WHERE source = ? OR target = ?",
                             (person, person)).rowcount,
        "roles": conn.execute("DELETE FROM stakeholders WHERE person_id = ?",
                              (person,)).rowcount,
        "interactions": conn.execute(
            "DELETE FROM interactions WHERE person_id = ? OR our_person_id = ?",
            (person, person)).rowcount,
        "subordinates": conn.execute(
            "UPDATE people SET reports_to = NULL WHERE reports_to = ?", (person,)).rowcount,
    }
    owned = {row[1] for row in conn.execute("PRAGMA table_info(stakeholders)")}
    if "owner" in owned:  # a backup from before owners has none to clear
        conn.execute("UPDATE stakeholders SET owner = NULL WHERE owner = ?", (person,))
    if "predecessor" in {row[1] for row in conn.execute("PRAGMA table_info(people)")}:
        conn.execute("UPDATE people SET predecessor = NULL WHERE predecessor = ?", (person,))
    conn.execute("DELETE FROM people WHERE id = ?", (person,))
    return erased


#: The tables a reference may name, as SQL identifiers (a fixed list, never user text).
_TABLE_SQL = {"organizations": "organizations", "people": "people", "projects": "projects"}


class _Transaction:
    """``BEGIN`` … ``COMMIT``, or ``ROLLBACK`` on any error (translated to StoreError)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, mode: str) -> None:
        self._conn = conn
        self._path = path
        self._mode = mode

    def __enter__(self) -> None:
        try:
            self._conn.execute(f"BEGIN {self._mode}")
        except sqlite3.Error as err:
            raise _translate(err, self._path, "starting") from err

    def _rollback(self) -> None:
        if self._conn.in_transaction:  # SQLite may have rolled back already (a full disk)
            with contextlib.suppress(sqlite3.Error):  # then nothing was committed either
                self._conn.execute("ROLLBACK")

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> None:
        if exc_type is None:
            try:
                self._conn.execute("COMMIT")
                return
            except sqlite3.Error as err:
                self._rollback()
                raise _translate(err, self._path, "committing") from err
        self._rollback()
        if isinstance(exc, sqlite3.Error):
            raise _translate(exc, self._path, "writing") from exc


def create_store(path: str | Path, dataset: Dataset, info: ChangeInfo | None = None,
                 review: Sequence[Mapping[str, Any]] = ()) -> ImportSummary:
    """Create the embedded store ``path`` holding ``dataset``: built in a temporary file
    beside it and linked into place only when the import succeeded.

    If another process created ``path`` meanwhile, the dataset is imported into that store
    instead (as if this import had come second). Nothing is left behind on failure.

    Raises
    ------
    StoreError
        The folder cannot be written, the disk filled up, or the import failed.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".new")
    except OSError as err:
        raise StoreError(Said("store.cannot_create", store=path, why=os_reason(err))) from err
    os.close(handle)
    temporary = Path(name)
    temporary.unlink()  # SQLite makes the file itself
    try:
        with EmbeddedStore(temporary, create=True, shown_as=path) as store:
            summary = store.import_dataset(dataset, info=info, review=review)
        # closing folded the write-ahead log into the file: it is whole on its own
        wal = Path(f"{temporary}-wal")
        if wal.exists() and wal.stat().st_size:
            raise StoreError(Said("store.not_completed", store=path))
        try:
            os.link(temporary, path)
        except FileExistsError:
            with EmbeddedStore(path) as store:
                return store.import_dataset(dataset, info=info, review=review)
        except OSError as err:
            raise StoreError(Said("store.cannot_create", store=path, why=os_reason(err))) from err
        return summary
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm"),
                         Path(f"{temporary}-journal")):
            leftover.unlink(missing_ok=True)
