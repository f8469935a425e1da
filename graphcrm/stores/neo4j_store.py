"""The Neo4j store: a bid team's shared graph on a Neo4j server (5.26 LTS or newer).

The graph model is documented in ``cypher/README.md``; every statement is a file in
``cypher/`` loaded through :mod:`graphcrm.stores.cypher_files`, and every value is a
``$parameter``. Writes go through the driver's managed transactions (``execute_write``),
which retry transient errors.

Imports of up to ``single_transaction_rows`` rows run in one transaction: all or nothing,
like the embedded store. Larger imports run in batches of ``batch_size`` rows, one
transaction each, tables in dependency order; every batch leaves a valid graph (nothing
refers to what is not there yet), and since every statement is an idempotent upsert, running
an interrupted import again completes it.

Reads are sent as reads (``execute_read``). A read of ``parallel_from`` people or more fetches
their ties in two batches and their interactions, each in a session of its own, while the
main session reads the rest; the ties are received where first needed
(:meth:`graphcrm.records.TieRows.later`), so that the people are built meanwhile, and the
driver is closed once those reads have ended. Every Neo4j read is read-committed, so several
queries in one transaction are no more a snapshot than several transactions are.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import operator
import sys
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Generic, TypeVar, cast

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
from graphcrm.domain import OrgKind, TieType
from graphcrm.errors import Conflict, GraphCRMError, LookupFailed, StoreDamaged, StoreError
from graphcrm.records import SCHEMA, TABLE_ORDER, Dataset, Record, TieRows, record_key
from graphcrm.stores.base import (
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
from graphcrm.stores.cypher_files import TIE_TYPES, statement, statements
from graphcrm.stores.neo4j_settings import Neo4jSettings
from graphcrm.words import Said

__all__ = ["Neo4jStore"]

T = TypeVar("T")

_DATE_COLUMNS = {
    (name, c.name) for name, spec in SCHEMA.items() for c in spec.columns if c.kind == "date"
}
# columns kept as relationships (or as the node's key) rather than as properties
_NOT_PROPERTIES = {
    "organizations": {"id", "parent_id"},
    "people": {"id", "org_id", "reports_to"},
    "projects": {"id", "customer_id"},
    "relationships": {"source", "target", "type"},
    "stakeholders": {"project_id", "person_id", "role"},
    "interactions": {"person_id", "our_person_id"},
}
_INTERNAL = {"interactions": {"key"}}

#: The Neo4j store's schema: 2 keeps history (``stores.base.HISTORY_SCHEMA``); 3 keeps
#: each person's organization and superior ids on the person as well (``org_id``,
#: ``reports_to``), beside the WORKS_AT and REPORTS_TO relationships, which a read then need
#: not follow. Stores of schema 1 and 2 are upgraded on first open; a graphcrm that reads 2
#: refuses a store of 3 (it would write people without those ids).
NEO4J_SCHEMA = 3
# Extra columns live beside the contract's properties; one whose name graphcrm uses itself
# (or that starts with the escape) is stored as "extra:<name>" and read back as <name>.
_ESCAPE = "extra:"
_RESERVED = {"id", "key", "role", "type"} | {c for spec in SCHEMA.values()
                                            for c in spec.column_names}


def _extra_name(name: str) -> str:
    reserved = name in _RESERVED or name.startswith(("_graphcrm", _ESCAPE))
    return _ESCAPE + name if reserved else name


def _props(table: str, record: Record, columns: tuple[str, ...]) -> dict[str, Any]:
    props: dict[str, Any] = {_extra_name(k): v for k, v in (record.get("extra") or {}).items()}
    for column in columns:
        if column in _NOT_PROPERTIES[table]:
            continue
        value = record.get(column)
        if value is not None and (table, column) in _DATE_COLUMNS and len(value) == 10:
            value = dt.date.fromisoformat(value)  # a month or a year stays text: 2026-11
        props[column] = value
    if table == "stakeholders":
        props["role"] = record["role"]
    return props


def _interaction_key(record: Record) -> str:
    return "|".join(record_key("interactions", record))


class _Plan:
    """The statements an import runs, in order, each with its rows and the table it counts for.

    ``empty_tie_types`` are the tie types the database holds none of: their ties are
    created in bulk rather than merged one by one.
    """

    def __init__(self, dataset: Dataset, empty_tie_types: frozenset[str] = frozenset()) -> None:
        self.empty_tie_types = empty_tie_types
        self.steps: list[tuple[str, str, list[dict[str, Any]], str | None]] = []
        for table, records in dataset:
            columns = dataset.columns[table]
            getattr(self, f"_{table}")(records, columns)

    def _add(self, table: str, query: str, rows: list[dict[str, Any]],
             tie_type: str | None = None) -> None:
        if rows:
            self.steps.append((table, query, rows, tie_type))

    def _organizations(self, records: list[Record], columns: tuple[str, ...]) -> None:
        self._add("organizations", statement("import_organizations"),
                  [{"id": r["id"], "props": _props("organizations", r, columns)} for r in records])
        if "parent_id" in columns:
            self._add("organizations", statement("import_organization_parents"),
                      [{"id": r["id"], "parent_id": r.get("parent_id")} for r in records])

    def _people(self, records: list[Record], columns: tuple[str, ...]) -> None:
        self._add("people", statement("import_people"),
                  [{"id": r["id"], "org_id": r["org_id"], "props": _props("people", r, columns)}
                   for r in records])
        if "reports_to" in columns:
            self._add("people", statement("import_reports_to"),
                      [{"id": r["id"], "reports_to": r.get("reports_to")} for r in records])

    def _projects(self, records: list[Record], columns: tuple[str, ...]) -> None:
        self._add("projects", statement("import_projects"),
                  [{"id": r["id"], "customer_id": r["customer_id"],
                    "props": _props("projects", r, columns)} for r in records])

    def _relationships(self, records: list[Record], columns: tuple[str, ...]) -> None:
        by_type: dict[str, list[dict[str, Any]]] = {}
        for r in records:
            by_type.setdefault(r["type"], []).append(
                {"source": r["source"], "target": r["target"],
                 "props": _props("relationships", r, columns)}
            )
        for tie_type, rows in sorted(by_type.items()):
            # import_ties merges; _run_all switches to the bulk create_ties while the
            # database holds no tie of this type but ours (checked under the import lock)
            self._add("relationships", statement("import_ties", tie_type=tie_type), rows,
                      tie_type)

    def _stakeholders(self, records: list[Record], columns: tuple[str, ...]) -> None:
        self._add("stakeholders", statement("import_stakeholders"),
                  [{"project_id": r["project_id"], "person_id": r["person_id"],
                    "role": r["role"], "props": _props("stakeholders", r, columns)}
                   for r in records])

    def _interactions(self, records: list[Record], columns: tuple[str, ...]) -> None:
        self._add("interactions", statement("import_interactions"),
                  [{"key": _interaction_key(r), "person_id": r["person_id"],
                    "our_person_id": r.get("our_person_id"),
                    "props": _props("interactions", r, columns)} for r in records])


def import_driver_without_dataframes() -> None:
    """Import the Neo4j driver without its optional pandas support (``Result.to_df``, which
    graphcrm never calls: it reads rows itself), for a process that answers one command —
    the command line: pandas is 0.15 s of the 0.27 s the driver takes to import, on every
    command on a Neo4j store. pandas imports as usual afterwards, for whoever needs it; a
    process that has imported the driver or pandas already is left as it is.

    Example
    -------
    >>> import_driver_without_dataframes()
    >>> import neo4j  # quick now: imported
    """
    if "neo4j" in sys.modules or "pandas" in sys.modules:
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]  # "import pandas" fails
    try:
        import neo4j  # noqa: F401
    finally:
        del sys.modules["pandas"]


def _plain(value: Any) -> Any:
    """A value as a record holds it: the driver's dates as ISO text (text as it is, without
    the attribute lookup: most values are text)."""
    if type(value) is not str and hasattr(value, "iso_format"):
        return value.iso_format()
    return value


#: each table's columns in order, and as a set
_SHAPES = {name: (spec.column_names, frozenset(spec.column_names))
           for name, spec in SCHEMA.items()}


def _record(table: str, props: dict[str, Any], **refs: Any) -> Record:
    """The record of a node's (or relationship's) properties ``props`` in ``table``, with
    the columns kept as relationships given as ``refs``: the contract's columns in order
    (None where missing), then ``extra``, the other properties by their own names. One pass
    over the properties: a 1,000,000-person network's neighbourhood reads 77,000 people."""
    columns, known = _SHAPES[table]
    internal = _INTERNAL.get(table, ())
    record: Record = dict.fromkeys(columns)
    extra: dict[str, Any] = {}
    for name, value in props.items():
        if name in known:
            record[name] = _plain(value)
        elif name not in internal:
            extra[name.removeprefix(_ESCAPE)] = _plain(value)
    record.update(refs)
    record["extra"] = extra
    return record


class Neo4jStore(Store):
    """A graphcrm store in a Neo4j database.

    Parameters
    ----------
    settings
        Where the server is and who logs in (:class:`Neo4jSettings`).
    batch_size
        Rows per statement in a batched import.
    single_transaction_rows
        Imports up to this many rows run in one transaction.
    parallel_from
        A read of this many people or more reads their ties in two batches and their
        interactions, each in a session of its own, while the rest is read: the server
        works on them at once. Each is a read-committed transaction, as every Neo4j read
        is (a read of several queries in one transaction may as well see a colleague's
        import land between them).

    Raises
    ------
    StoreError
        The server cannot be reached, refuses the credentials, or has no such database;
        each said in one line within a few seconds.
    """

    def __init__(
        self,
        settings: Neo4jSettings,
        *,
        batch_size: int = 10_000,
        single_transaction_rows: int = 50_000,
        parallel_from: int = 2_000,
    ) -> None:
        import logging

        import neo4j  # only a Neo4j store needs the driver

        # the driver logs each retry as a warning; with no handler configured Python prints
        # them before our one-line message. A null handler keeps them out of the terminal
        # (an application that configures logging still receives them).
        logging.getLogger("neo4j").addHandler(logging.NullHandler())

        self.settings = settings
        self.location = settings.shown
        self.batch_size = batch_size
        self.single_transaction_rows = single_transaction_rows
        self.parallel_from = parallel_from
        self._schema_ready = False
        self._aside: list[Future[Any]] = []  # reads of ties still under way (close waits)
        with self._translate():
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri,
                auth=(settings.username, settings.password),
                connection_timeout=5,
                connection_acquisition_timeout=5,
                max_transaction_retry_time=5,
                notifications_min_severity="OFF",
                user_agent="graphcrm",
            )
        try:
            with self._translate():
                self._driver.verify_connectivity()
                self._driver.execute_query(statement("ping"), database_=settings.database,
                                           routing_="r")
            self._check_schema()
        except StoreError:
            self._driver.close()
            raise

    @contextmanager
    def _translate(self) -> Iterator[None]:
        """Turn the driver's errors into one-line StoreErrors that name no secret."""
        from neo4j.exceptions import (
            AuthError,
            DriverError,
            Neo4jError,
            ServiceUnavailable,
            SessionExpired,
        )

        where = self.location
        try:
            yield
        except GraphCRMError:  # graphcrm's own (a ValidationFailed is a ValueError too)
            raise
        except AuthError as err:
            raise StoreError(Said("error.neo4j_credentials", where=where,
                                  user=repr(self.settings.username))) from err
        except (ServiceUnavailable, SessionExpired) as err:
            hint: str = ""
            if "+s" in self.settings.uri.split("://", 1)[0]:
                hint = Said("neo4j.tls_hint")
            raise StoreError(Said("error.neo4j_unreachable", where=where,
                                  why=self._scrub(_first_line(err)), hint=hint)) from err
        except Neo4jError as err:
            if err.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise StoreError(Said("error.neo4j_database", where=where,
                                      database=repr(self.settings.database))) from err
            if "SSL" in str(err) or "TLS" in str(err):
                raise StoreError(Said("neo4j.tls", where=where, why=_first_line(err))) from err
            raise StoreError(Said("neo4j.error", where=where, why=f"{err.code}: "
                                  f"{self._scrub(_first_line(err.message))}")) from err
        except (DriverError, ValueError, OSError) as err:
            raise StoreError(Said("neo4j.error", where=where,
                                  why=self._scrub(_first_line(err)))) from err

    def _scrub(self, text: str) -> str:
        """A driver's message with the URI as given (query and all) and the password out."""
        text = text.replace(self.settings.uri, self.location)
        if self.settings.password:
            text = text.replace(self.settings.password, "***")
        return text

    def _session(self) -> Any:
        return self._driver.session(database=self.settings.database)

    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        from neo4j.exceptions import ConstraintError

        with self._translate():
            for query in statements("schema"):
                # ConstraintError: another process made the import lock first
                with contextlib.suppress(ConstraintError):
                    self._driver.execute_query(query, database_=self.settings.database)
            self._driver.execute_query(statement("init_schema_version"), schema=NEO4J_SCHEMA,
                                       database_=self.settings.database)
        self._schema_ready = True

    def _check_schema(self) -> None:
        """Refuse a database written by a newer graphcrm; upgrade one of schema 1 (graphcrm
        data, no history) or 2 (no ids kept on people) in one transaction."""
        record = self._driver.execute_query(statement("schema_version"),
                                            database_=self.settings.database,
                                            routing_="r").records[0]
        found = record["schema"]
        if found is not None and not str(found).isdigit():
            raise StoreDamaged(Said("store.bad_schema", store=self.location,
                                    found=repr(str(found)[:20])))
        if found is not None and int(found) > NEO4J_SCHEMA:
            raise StoreError(Said("store.newer", store=self.location, found=found,
                                  reads=NEO4J_SCHEMA))
        if (found is None and record["has_data"]) or (
                found is not None and int(found) < NEO4J_SCHEMA):
            self._ensure_schema()
            with self._session() as session:
                session.execute_write(_upgrade)

    # -- writing -------------------------------------------------------------------------

    def import_dataset(self, dataset: Dataset, *, sync: bool = False,
                       info: ChangeInfo | None = None, dry_run: bool = False,
                       review: Sequence[Mapping[str, Any]] = (),
                       take_over: bool = False, settle: str | None = None) -> ImportSummary:
        info = self._signed(info or ChangeInfo("import"))
        guard = _Guard(info.who, take_over, dry_run, settle)
        if dry_run:
            with self._translate(), self._session() as session:
                settled, changes, warned = session.execute_read(_planned, dataset, sync, guard)
            return ImportSummary.of(settled, changes, dry_run=True, sync=sync).warned(warned)
        self._ensure_schema()
        empty = self._empty_tie_types()

        def batches(settled: Dataset) -> list[_Batch]:  # built once the plan settled it
            return [(table, query, rows[i:i + self.batch_size], tie_type)
                    for table, query, rows, tie_type in _Plan(settled, empty).steps
                    for i in range(0, len(rows), self.batch_size)]

        # tie types the database held none of: how many ties of each this import made so far
        bulk = {t: 0 for t in empty}
        with self._translate(), self._session() as session:
            if sum(len(rows) for _, rows in dataset) <= self.single_transaction_rows:
                changes, bulk, warned = session.execute_write(
                    _import_all, dataset, sync, batches, bulk, info, review, guard)
            else:  # batched: planned first, then written batch by batch, recorded last
                dataset, changes, warned = session.execute_read(_planned, dataset, sync, guard)
                for batch in batches(dataset):
                    bulk = session.execute_write(_run_all, [batch], bulk)
                session.execute_write(_finish, changes, info, review)
        return ImportSummary.of(dataset, changes, sync=sync).warned(warned)

    def _signed(self, info: ChangeInfo) -> ChangeInfo:
        """``info`` with the Neo4j login as its author when none was given (the team's
        store knows who logged in; the machine's user is often ``root``)."""
        return info if info.author else dataclasses.replace(info, author=self.settings.username)

    def apply(self, changes: Sequence[Change], records: Dataset, info: ChangeInfo) -> None:
        info = self._signed(info)
        steps = _Plan(records, frozenset()).steps

        def work(tx: Any) -> None:
            tx.run(statement("lock_import")).consume()
            _run_all(tx, steps, {})
            _delete(tx, [c for c in changes if c.action == REMOVE])
            _record_history(tx, info, changes)

        self._ensure_schema()
        with self._translate(), self._session() as session:
            session.execute_write(work)

    def restore(self, dump: Dump, *, dry_run: bool = False) -> dict[str, int]:
        self._ensure_schema()
        steps = _Plan(dump.dataset(), frozenset(TIE_TYPES)).steps
        batches = [(table, query, rows, tie_type) for table, query, rows, tie_type in steps]

        def refuse_unless_empty(tx: Any) -> None:
            if tx.run(statement("restore_is_empty")).single()["taken"]:
                raise Conflict(Said("neo4j.restore_not_empty", where=self.location))

        def work(tx: Any) -> None:
            tx.run(statement("lock_import")).consume()
            refuse_unless_empty(tx)
            _run_all(tx, batches, {t: 0 for t in TIE_TYPES})
            tx.run(statement("restore_history"), rows=[
                {"id": s.id, "at": s.at, "author": s.author, "command": s.command,
                 "files": list(s.files), "counts": json.dumps(s.counts, ensure_ascii=False),
                 "chunks": [{"seq": seq, "changes": text, "people": people}
                            for seq, (text, people) in enumerate(chunks(s.changes))]}
                for s in dump.history]).consume()
            tx.run(statement("restore_counter"),
                   last=max((s.id for s in dump.history), default=0)).consume()
            tx.run(statement("restore_snapshots"),
                   rows=[vars(n) for n in dump.snapshots]).consume()
            tx.run(statement("restore_review"), rows=[
                {"key": e["key"], "address": e.get("address"), "name": e.get("name"),
                 "status": e.get("status") or "open",
                 "meetings": json.dumps(e.get("meetings") or [], ensure_ascii=False)}
                for e in dump.review]).consume()

        with self._translate(), self._session() as session:
            if dry_run:
                session.execute_read(refuse_unless_empty)
            else:
                session.execute_write(work)
        return dump.counts()

    def _empty_tie_types(self) -> frozenset[str]:
        with self._translate():
            return frozenset(
                tie_type for tie_type in sorted(TIE_TYPES)
                if self._driver.execute_query(
                    statement("count_ties", tie_type=tie_type), database_=self.settings.database,
                    routing_="r").records[0]["n"] == 0
            )

    # -- reading -------------------------------------------------------------------------

    def load(self, project: str | None = None, *, radius: int = 2,
             people: Collection[str] | None = None) -> Dataset:
        tables, ties, _ = self._read(project, radius, people, _tie_record)
        tables["relationships"] = ties()
        return _dataset(tables)

    def load_for_graph(self, project: str | None = None, *, radius: int = 2,
                       people: Collection[str] | None = None
                       ) -> tuple[Dataset, TieRows | None]:
        tables, ties, people_ids = self._read(project, radius, people, _tie_row)

        def tie_rows() -> TieRows:  # each end a number: its place in people_ids
            return TieRows(ties(), dict(enumerate(people_ids)))

        # ties still read aside are waited for where first used: the people built meanwhile
        ready = isinstance(ties, _Ready)
        return _dataset(tables), tie_rows() if ready else TieRows.later(tie_rows)

    def _read(self, project: str | None, radius: int, people: Collection[str] | None,
              convert: Callable[[list[Any], Sequence[str]], T]
              ) -> tuple[dict[str, list[Record]], Callable[[], list[T]], list[str]]:
        """:meth:`load`'s tables but the ties, in key order; what gives the ties in key
        order, each as ``convert`` makes it of a row the server sends
        (``cypher/load_ties.cypher``: its ends as numbers) and the people's ids; and those
        ids (the people read, sorted), which the numbers stand for. Ties read in batches
        aside (their own sessions, in threads, each converting and
        sorting its own) are still being read when this returns: the function waits for
        them and merges them (it is a :class:`_Ready` when they are all here)."""
        with self._translate(), self._session() as session:
            if people is not None:
                project = None
            elif project is not None:
                found = session.execute_read(
                    lambda tx: tx.run(statement("project_exists"), project=project).single()[0]
                )
                if not found:
                    raise LookupFailed(Said("store.no_project", project=repr(project),
                                            store=self.location))
            wanted = sorted(people) if people is not None else None
            people_ids, project_ids, members, small = session.execute_read(
                _load_small, project, radius, wanted, self.parallel_from)
            parts: list[Future[_Keyed[T]]] = []
            if small is not None:  # read whole in that one transaction
                tables, whole = small
            else:
                # the server reads the ties in batches and the interactions while this
                # session reads the rest: on two cores a 15,000-person neighbourhood comes
                # in 0.6 s instead of 0.95
                batches = _batches(people_ids, self.parallel_from)
                pool = ThreadPoolExecutor(len(batches) + 1, thread_name_prefix="graphcrm-read")
                try:
                    parts = [pool.submit(self._tie_part, batch, members, convert,
                                         people_ids) for batch in batches]
                    # the reads close() waits for: these, and any earlier one not yet done
                    self._aside = [*(p for p in self._aside if not p.done()), *parts]
                    met = pool.submit(self._read_in, _interaction_records, people_ids, members)
                    placed = _placed(people_ids, members)
                    tables = session.execute_read(_tables, people_ids, project_ids,
                                                  people is not None, placed)
                    tables["interactions"] = met.result()
                finally:
                    pool.shutdown(wait=False)  # its threads end with the batches
        for name, records in tables.items():
            records.sort(key=lambda r, name=name: record_key(name, r))
        if not parts:
            return tables, _Ready(_merged([_keyed(whole, convert, people_ids)])), people_ids

        def ties() -> list[T]:
            with self._translate():
                return _merged([part.result() for part in parts])

        return tables, ties, people_ids

    def _read_in(self, work: Callable[..., Any], *args: Any) -> Any:
        """``work(tx, *args)`` as a read in a session of its own (one per thread)."""
        with self._session() as session:
            return session.execute_read(work, *args)

    def _tie_part(self, sources: list[str], members: dict[str, int],
                  convert: Callable[[list[Any], Sequence[str]], T], names: Sequence[str]
                  ) -> _Keyed[T]:
        """The ties from ``sources`` (:func:`_ties`) read in a session of their own, each
        converted, beside its key, in key order (:func:`_keyed`): done in the reading
        thread as soon as the rows arrive, while the caller still reads the people (at
        1,000,000 people, 324,000 ties' keys, sort and conversion were 0.5–1.1 s after
        the read on the caller's thread)."""
        return _keyed(self._read_in(_ties, sources, members), convert, names)

    def read_cypher(self, query: str, params: Mapping[str, Any]) -> tuple[list[str],
                                                                         list[list[Any]]]:
        """A user's own Cypher query, sent as a read (a query that writes is refused by the
        server): its column names and rows. Parameters go as parameters, never into the
        text."""
        def read(tx: Any) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(query, dict(params))
            return list(result.keys()), [list(record.values()) for record in result]

        with self._translate(), self._session() as session:
            return cast(tuple[list[str], list[list[Any]]], session.execute_read(read))

    def neighbours(self, people: Collection[str]) -> set[str]:
        with self._translate(), self._session() as session:
            found = session.execute_read(
                lambda tx: _one(tx, "neighbourhood_step", "ids", ids=sorted(people))
            )
        return set(found) - set(people)

    def people_index(self, *, named: Collection[str] | None = None,
                     involved: bool = False) -> dict[str, dict[str, Any]]:
        with self._translate():
            if named is None and not involved:
                records = self._driver.execute_query(
                    statement("people_index"), database_=self.settings.database,
                    routing_="r").records
            else:
                records = self._driver.execute_query(
                    statement("people_index_some"), names=sorted(set(named or ())),
                    involved=involved, own=OrgKind.OWN.value,
                    database_=self.settings.database, routing_="r").records
        index: dict[str, dict[str, Any]] = {}
        for person, name, org_id, org_name, org_kind, pairs, email, phone, status, \
                department, title, predecessor in (records[0]["people"] if records else []):
            roles: dict[str, list[str]] = {}
            for project, role in pairs:
                roles.setdefault(project, []).append(role)
            index[person] = {"name": name, "org_id": org_id, "org_name": org_name,
                             "org_kind": org_kind, "roles": roles, "email": email,
                             "phone": phone, "status": status, "department": department,
                             "title": title, "predecessor": predecessor}
        return index

    def organization_summary(self) -> OrganizationSummary:
        with self._translate(), self._session() as session:
            members, pairs = session.execute_read(
                lambda tx: (_fetch(tx, "organization_members"),
                            _fetch(tx, "organization_summary")))
        return OrganizationSummary(
            {r["id"]: {"name": r["name"], "kind": r["kind"], "people": r["people"]}
             for r in members},
            {(r["first"], r["second"]): (r["ties"], round(r["strength"], 3)) for r in pairs},
        )

    def remove_ties(self, a: str, b: str, types: Collection[str],
                    info: ChangeInfo | None = None) -> int:
        chosen = {t for t in types if t in TIE_TYPES}  # only types graphcrm writes

        def pick(dataset: Dataset) -> list[Change]:
            return [removal("relationships", t) for t in dataset.table("relationships")
                    if t["type"] in chosen and {t["source"], t["target"]} == {a, b}]

        return self._remove([a, b], pick, self._signed(info or ChangeInfo("remove tie")))

    def remove_role(self, project: str, person: str, role: str,
                    info: ChangeInfo | None = None) -> int:
        def pick(dataset: Dataset) -> list[Change]:
            return [removal("stakeholders", r) for r in dataset.table("stakeholders")
                    if r["project_id"] == project and r["role"] == role]

        return self._remove([person], pick, self._signed(info or ChangeInfo("remove role")))

    def _remove(self, people: list[str], pick: Any, info: ChangeInfo) -> int:
        self._ensure_schema()

        def work(tx: Any) -> int:
            tx.run(statement("lock_import")).consume()
            gone = pick(_scope_records(tx, people))
            if gone:
                _delete(tx, gone)
                _record_history(tx, info, gone)
            return len(gone)

        with self._translate(), self._session() as session:
            return int(session.execute_write(work))

    def forget(self, person: str, info: ChangeInfo | None = None) -> dict[str, int]:
        self._ensure_schema()

        def work(tx: Any) -> dict[str, int] | None:
            tx.run(statement("lock_import")).consume()
            named = _one(tx, "load_people", "people", ids=[person])
            record = tx.run(statement("forget_person"), id=person).single()
            if record is None:
                return None
            erased = dict(record.data())
            props = named[0] if named else {}
            traces = Traces.of(person, props.get("name"), props.get("email"))
            files = [{"id": r["id"], "files": renamed}
                     for r in _fetch(tx, "change_set_files")
                     if (renamed := [traces.file(f) for f in r["files"]]) != list(r["files"])]
            tx.run(statement("forget_in_change_sets"), rows=files).consume()
            entries = _review_entries(tx, None)
            tx.run(statement("forget_in_review"),
                   gone=[e["key"] for e in entries if traces.about(e)],
                   kept=[{"key": e["key"], "meetings": json.dumps(kept)} for e in entries
                         if not traces.about(e)
                         and (kept := traces.meetings(e["meetings"])) != e["meetings"]]
                   ).consume()
            rows = []
            for found in tx.run(statement("history_mentions"), id=person):
                text, mentioned = scrub(found["changes"], person)
                rows.append({"set_id": found["set_id"], "seq": found["seq"], "changes": text,
                             "people": mentioned})
            if rows:
                tx.run(statement("rewrite_history"), rows=rows).consume()
            _record_history(tx, self._signed(info or ChangeInfo("forget")), [],
                            counts=forget_counts(erased))
            return erased

        with self._translate(), self._session() as session:
            erased = session.execute_write(work)
        if erased is None:
            raise LookupFailed(Said("store.nobody_with_id", person=repr(person),
                                    store=self.location))
        return erased

    # -- history -------------------------------------------------------------------------

    def history(self, *, after: int = 0, changes: bool = False) -> list[ChangeSet]:
        with self._translate(), self._session() as session:
            return session.execute_read(_history, after, changes)

    def snapshot(self, name: str, info: ChangeInfo) -> Snapshot:
        self._ensure_schema()
        at = now_text()
        info = self._signed(info)

        def work(tx: Any) -> int | None:
            tx.run(statement("lock_import")).consume()
            if tx.run(statement("snapshot_exists"), name=name).single()["taken"]:
                return None
            return int(tx.run(statement("create_snapshot"), name=name, at=at,
                              author=info.who).single()["change_set"])

        with self._translate(), self._session() as session:
            change_set = session.execute_write(work)
        if change_set is None:
            raise Conflict(Said("store.snapshot_taken", name=repr(name), store=self.location))
        return Snapshot(name, change_set, at, info.who)

    def snapshots(self) -> list[Snapshot]:
        with self._translate(), self._session() as session:
            rows = session.execute_read(lambda tx: _fetch(tx, "load_snapshots"))
        return [Snapshot(r["name"], r["change_set"], r["at"], r["author"]) for r in rows]

    def review_entries(self, keys: Collection[str] | None = None) -> list[dict[str, Any]]:
        with self._translate(), self._session() as session:
            rows = session.execute_read(_review_entries, keys)
        return rows

    def remember_review(self, entries: Sequence[Mapping[str, Any]]) -> None:
        if not entries:
            return

        with self._translate(), self._session() as session:
            session.execute_write(_remember_review, entries)

    def set_review_status(self, key: str, status: str) -> bool:
        def work(tx: Any) -> int:
            return int(tx.run(statement("review_status"), key=key, status=status).single()[
                "found"])

        with self._translate(), self._session() as session:
            return session.execute_write(work) > 0

    def counts(self) -> Counts:
        with self._translate(), self._session() as session:
            rows, roles, projects = session.execute_read(_counts)
        by_kind: dict[str, dict[str, int]] = {name: {} for name in TABLE_ORDER}
        for category, kind, n in rows:
            by_kind[category][str(kind or "unspecified")] = n
        listing = []
        for project in sorted(projects, key=lambda p: p["id"]):
            facts = {k: v for k, v in project.items() if k != "extra"}
            listing.append({**facts, "roles": roles.get(project["id"], {})})
        return Counts(by_kind, listing)

    def known_ids(self) -> dict[str, set[str]]:
        with self._translate():
            records = self._driver.execute_query(
                statement("known_ids"), database_=self.settings.database, routing_="r"
            ).records
        ids: dict[str, set[str]] = {"organizations": set(), "people": set(), "projects": set()}
        for record in records:  # a label with no nodes returns no row
            ids[record["table"]] = set(record["ids"])
        return ids

    def check(self) -> list[Said]:
        with self._translate():
            records = self._driver.execute_query(
                statement("check"), database_=self.settings.database, routing_="r"
            ).records
        return [_problem(r) for r in records]

    def close(self) -> None:
        """Close the driver; with ties still being read aside (:meth:`load_for_graph`),
        once the last of those reads has ended, so that they can still be received."""
        reading = [part for part in self._aside if not part.done()]
        self._aside = []
        if not reading:
            self._driver.close()
            return
        left = [len(reading)]
        lock = threading.Lock()

        def ended(_: Future[Any]) -> None:
            with lock:
                left[0] -= 1
                last = left[0] == 0
            if last:
                self._driver.close()

        for part in reading:
            part.add_done_callback(ended)


class _Ready(Generic[T]):
    """Ties read whole before :meth:`Neo4jStore._read` returned: called, gives them."""

    def __init__(self, ties: list[T]) -> None:
        self.ties = ties

    def __call__(self) -> list[T]:
        return self.ties


#: A batch of ties as :func:`_keyed` gives them: their keys (a numpy array of three rows),
#: and the ties, converted, in the order read.
_Keyed = tuple[Any, list[T]]
_SOURCE, _TARGET, _TYPE = (operator.itemgetter(k) for k in range(3))
#: each tie type's place among the types' names: the keys' third part
_TYPE_RANK = {kind: rank for rank, kind in enumerate(sorted(TIE_TYPES))}


def _keyed(rows: list[list[Any]], convert: Callable[[list[Any], Sequence[str]], T],
           names: Sequence[str]) -> _Keyed[T]:
    """Each tie row (:func:`_ties`: its ends as numbers, places in the sorted ``names``)
    converted, and the keys :func:`_merged` sorts them by: each tie's ends (the lower
    number first for a KNOWS tie) and its type's rank, as numbers, which sort as
    :func:`graphcrm.records.tie_row_key` sorts the ids and types (at 1,000,000 people the
    324,000 ties of a neighbourhood are keyed and sorted in 0.39 s, against 0.75 s as tuples
    sorted by Python)."""
    import numpy as np

    count = len(rows)
    source = np.fromiter(map(_SOURCE, rows), dtype=np.int64, count=count)
    target = np.fromiter(map(_TARGET, rows), dtype=np.int64, count=count)
    kind = np.fromiter(map(_TYPE_RANK.__getitem__, map(_TYPE, rows)), dtype=np.int64,
                       count=count)
    swap = (kind == _TYPE_RANK[_KNOWS]) & (target < source)
    keys = np.stack([np.where(swap, target, source), np.where(swap, source, target), kind])
    return keys, [convert(row, names) for row in rows]


def _merged(parts: list[_Keyed[T]]) -> list[T]:
    """The ties of ``parts`` (each from :func:`_keyed`) in key order: one stable sort of
    their keys, the ties gathered in C."""
    import numpy as np

    ties = [tie for _, batch in parts for tie in batch]
    if len(ties) < 2:
        return ties
    keys = np.concatenate([keys for keys, _ in parts], axis=1)
    return list(operator.itemgetter(*np.lexsort(keys[::-1]).tolist())(ties))


def _first_line(err: object) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


_Batch = tuple[str, str, list[dict[str, Any]], str | None]


def _problem(record: Any) -> Said:
    """A row of ``check.cypher`` as its sentence of the catalogue: ``check.<kind>`` with the
    values the row gives (an id kept or linked that is missing said as nobody, or no
    organization)."""
    kind = str(record["kind"])
    values: dict[str, Any] = {"id": record["id"]}
    if record["n"] is not None:
        values["n"] = int(record["n"])
    if kind in ("org_id", "reports_to"):
        missing = Said("check.no_organization" if kind == "org_id" else "check.nobody")
        values["kept"] = record["kept"] if record["kept"] is not None else missing
        values["linked"] = record["linked"] if record["linked"] is not None else missing
    return Said(f"check.{kind}", **values)


def _upgrade(tx: Any) -> None:
    """To :data:`NEO4J_SCHEMA`, under the import lock, whatever another process upgraded
    meanwhile. Schema 1 → 2: history starts here (a change set saying so). 2 → 3: every
    person keeps their organization's and superior's ids (``upgrade_person_refs.cypher``;
    at 1,000,000 people, 33 s and 1.2 GiB of a 4 GiB heap)."""
    tx.run(statement("lock_import")).consume()
    found = tx.run(statement("schema_version")).single()["schema"]
    if found is not None and int(found) >= NEO4J_SCHEMA:
        return
    if found is None:
        _record_history(tx, ChangeInfo("upgrade", author="graphcrm"), [])
    tx.run(statement("upgrade_person_refs")).consume()
    tx.run(statement("set_schema_version"), schema=NEO4J_SCHEMA).consume()


def _scope_records(tx: Any, people: Collection[str], projects: Collection[str] = ()
                   ) -> Dataset:
    """``load(people=...)`` inside a transaction, widened to the people with a role in
    ``projects``."""
    wanted = set(people)
    if projects:
        wanted |= {r["id"] for r in _fetch(tx, "project_people", ids=sorted(projects))}
    tables, ties, names = _load(tx, None, 0, sorted(wanted))
    tables["relationships"] = [_tie_record(row, names) for row in ties]
    return _dataset(tables)


@dataclasses.dataclass(frozen=True)
class _Guard:
    """Who syncs, whether they take over colleagues' records, whether it is a dry run
    (:func:`graphcrm.stores.base.guard_sync`)."""

    author: str
    take_over: bool = False
    dry_run: bool = False
    settle: str | None = None  # a conflict with a colleague's value: theirs or mine



def _history(tx: Any, after: int = 0, changes: bool = False) -> list[ChangeSet]:
    """The change sets after ``after``, read in the caller's transaction."""
    sets = _fetch(tx, "load_history", after=after)
    found: dict[int, list[Change]] = {}
    if changes:
        for row in _fetch(tx, "load_history_changes", after=after):
            found.setdefault(row["set_id"], []).extend(decode(row["changes"]))
    return [ChangeSet(r["id"], r["at"], r["author"], r["command"], tuple(r["files"]),
                      json.loads(r["counts"]), tuple(found.get(r["id"], ())))
            for r in sets]


def _planned(tx: Any, dataset: Dataset, sync: bool, guard: _Guard
             ) -> tuple[Dataset, Sequence[Change], list[Said]]:
    """``dataset`` settled against the store (what the files did not say changes nothing
    stored: :meth:`Dataset.settled`), its change plan, and what a sync says of colleagues'
    records (:func:`graphcrm.stores.base.guard_sync`)."""
    dataset.check_pending(lambda wanted: _existing(tx, wanted))  # colleagues' imports count
    projects = sync_scope(dataset)[0] if sync else set()
    people = people_of(dataset)
    if sync:  # the people of the organizations a synced people sheet lists
        people |= set(_one(tx, "organization_people", "ids",
                           ids=sorted(departure_scope(dataset))))
    stored = _scope_records(tx, people, projects)
    if sync:  # people a synced sheet no longer lists have left (never deleted)
        dataset = departures(dataset, stored, dt.date.today().isoformat(), owned_by(
            lambda: _history(tx, changes=True), guard.author))
    settled = dataset.settled(stored)
    changes: Sequence[Change] = plan(settled, stored, sync=sync)
    warned: list[Said] = []
    if not isinstance(changes, Creations) and changes:
        sets = _history(tx, changes=True)
        if sync:
            changes, warned = guard_sync(changes, sets, guard.author,
                                         take_over=guard.take_over, dry_run=guard.dry_run)
        changes, told, theirs = guard_conflicts(changes, sets, guard.author,
                                                settle=guard.settle, dry_run=guard.dry_run)
        warned += told
        settled = settled.keeping(theirs)
    return settled, changes, warned


def _existing(tx: Any, wanted: dict[str, set[str]]) -> dict[str, set[str]]:
    """Of the ids ``wanted`` by table, those the database holds."""
    found: dict[str, set[str]] = {}
    for row in tx.run(statement("existing_ids"),
                      **{t: sorted(wanted.get(t, ())) for t in
                         ("organizations", "people", "projects")}):
        found.setdefault(row["table"], set()).add(row["id"])
    return found


def _import_all(tx: Any, dataset: Dataset, sync: bool,
                batches: Callable[[Dataset], list[_Batch]], bulk: dict[str, int],
                info: ChangeInfo, review: Sequence[Mapping[str, Any]], guard: _Guard
                ) -> tuple[Sequence[Change], dict[str, int], list[Said]]:
    """A whole import in one transaction: lock, plan, write, remove, record."""
    tx.run(statement("lock_import")).consume()
    settled, changes, warned = _planned(tx, dataset, sync, guard)
    bulk = _run_all(tx, batches(settled), bulk)
    _finish(tx, changes, info, review)
    return changes, bulk, warned


def _finish(tx: Any, changes: Sequence[Change], info: ChangeInfo,
            review: Sequence[Mapping[str, Any]] = ()) -> None:
    """Remove what the plan removes, record the change set and add the review entries."""
    tx.run(statement("lock_import")).consume()
    if not isinstance(changes, Creations):
        _delete(tx, [c for c in changes if c.action == REMOVE])
    if changes:  # an import that changed nothing leaves no change set
        _record_history(tx, info, changes)
    _remember_review(tx, review)


def _remember_review(tx: Any, entries: Sequence[Mapping[str, Any]]) -> None:
    """Add review entries inside the caller's transaction."""
    if not entries:
        return
    stored = {e["key"]: e for e in _review_entries(tx, [e["key"] for e in entries])}
    rows = [{**e, "meetings": json.dumps(e["meetings"])} for e in merged_review(stored, entries)]
    tx.run(statement("review_remember"), rows=rows).consume()


def _delete(tx: Any, changes: list[Change]) -> None:
    ties = [dict(zip(("source", "target", "type"), c.key, strict=True))
            for c in changes if c.table == "relationships"]
    roles = [dict(zip(("project_id", "person_id", "role"), c.key, strict=True))
             for c in changes if c.table == "stakeholders"]
    if ties:
        tx.run(statement("delete_ties"), rows=ties).consume()
    if roles:
        tx.run(statement("delete_roles"), rows=roles).consume()
    meetings = ["|".join(c.key) for c in changes if c.table == "interactions"]
    if meetings:
        tx.run(statement("delete_interactions"), keys=meetings).consume()
    whole = {table: [c.key[0] for c in changes if c.table == table]
             for table in ("people", "projects", "organizations")}
    if any(whole.values()):
        tx.run(statement("delete_records"), **whole).consume()


def _record_history(tx: Any, info: ChangeInfo, changes: Sequence[Change],
            counts: dict[str, Any] | None = None) -> None:
    tx.run(statement("record_change_set"), at=now_text(), author=info.who,
           command=info.command, files=list(info.files),
           counts=json.dumps(counts if counts is not None else count_changes(changes),
                             ensure_ascii=False),
           chunks=[{"seq": seq, "changes": text, "people": people}
                   for seq, (text, people) in enumerate(chunks(changes))]).consume()


def _run_all(tx: Any, batches: list[_Batch], bulk: dict[str, int]) -> dict[str, int]:
    """Run the batches in one transaction, under the import lock. A tie type in ``bulk`` is
    created without merging as long as the database holds exactly the ties of that type
    this import made (nobody else wrote one meanwhile); otherwise it is merged."""
    tx.run(statement("lock_import")).consume()
    bulk = dict(bulk)  # a retried transaction starts again from what was committed
    for _table, query, rows, tie_type in batches:
        if tie_type in bulk:
            held = tx.run(statement("count_ties", tie_type=tie_type)).single()["n"]
            if held == bulk[tie_type]:
                query = statement("create_ties", tie_type=tie_type)
            else:
                del bulk[tie_type]
        result = tx.run(query, rows=_Sized(rows)).single().data()
        if tie_type in bulk:
            bulk[tie_type] += len(result["created"])
    return bulk


class _Sized(list[Any]):
    """A list parameter, sent as the list it is, shown by its length alone in the driver's
    debug log: the driver writes every statement's parameters out for that log whether or
    not anything logs (neo4j 6.4, ``Bolt5x5.run``), and a read's 77,000 ids and element
    ids, or an import's batches of rows, cost their text every time (0.4 s of the client's
    time for ``gaps`` at 1,000,000 people)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} items>"


class _SizedMap(dict[str, Any]):
    """A map parameter, as :class:`_Sized` is a list one."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} entries>"


def _sized(params: Mapping[str, Any]) -> dict[str, Any]:
    """``params`` with each list or map as a :class:`_Sized` or :class:`_SizedMap`."""
    return {name: _Sized(value) if isinstance(value, list)
            else _SizedMap(value) if isinstance(value, dict) else value
            for name, value in params.items()}


def _fetch(tx: Any, name: str, **params: Any) -> list[Any]:
    return list(tx.run(statement(name), _sized(params)))


def _one(tx: Any, name: str, field: str, **params: Any) -> list[Any]:
    """The list a statement returns in one row (``RETURN collect(…) AS field``): large
    results travel as one row, since the driver's cost is per row."""
    record = tx.run(statement(name), _sized(params)).single()
    return list(record[field]) if record is not None else []


def _dataset(tables: dict[str, list[Record]]) -> Dataset:
    return Dataset(records=tables, columns={name: SCHEMA[name].column_names for name in tables})


def _load(tx: Any, project: str | None, radius: int, people: list[str] | None
          ) -> tuple[dict[str, list[Record]], list[list[Any]], list[str]]:
    """The tables of a neighbourhood (or of ``people``, or everything) but the ties, the
    ties as lists (:func:`_ties`) and the people's ids their numbers stand for, in one
    transaction however many people."""
    people_ids, _, _, read = _load_small(tx, project, radius, people, sys.maxsize)
    assert read is not None
    return (*read, people_ids)


def _load_small(tx: Any, project: str | None, radius: int, people: list[str] | None,
                parallel_from: int) -> tuple[list[str], list[str], dict[str, int],
                                             tuple[dict[str, list[Record]],
                                                   list[list[Any]]] | None]:
    """Who a read covers (:func:`_scope`, :func:`_members`), and, when they are fewer than
    ``parallel_from``, the read itself in the same transaction (else None: the caller reads
    their ties in batches)."""
    people_ids, project_ids, elements = _scope(tx, project, radius, people)
    members = _members(tx, people_ids, elements)
    if len(_batches(people_ids, parallel_from)) > 1:
        return people_ids, project_ids, members, None
    placed = _placed(people_ids, members)
    tables = _tables(tx, people_ids, project_ids, people is not None, placed)
    tables["interactions"] = _interaction_records(tx, people_ids, members)
    return people_ids, project_ids, members, (tables, _ties(tx, people_ids, members))


def _batches(ids: list[str], parallel_from: int) -> list[list[str]]:
    """``ids`` in one batch, or from ``parallel_from`` people on in two, every other id
    each: sorted ids bunch the best-connected people (a network's first people), so halves
    carry unequal work (the 1M neighbourhood's ties: 3.9 against 2.1 s on the server,
    alternate ids 3.2 against 3.7 s); a read ends with its longer batch."""
    if len(ids) < max(parallel_from, 2):
        return [ids]
    return [ids[0::2], ids[1::2]]


def _scope(tx: Any, project: str | None, radius: int, people: list[str] | None
           ) -> tuple[list[str], list[str], dict[str, str] | None]:
    """The people (sorted ids) and projects a read covers: ``people`` and every project;
    everyone and every project; or the neighbourhood of ``project`` — its stakeholders and
    everyone within ``radius`` ties of them, found by ids, one step per query, each with
    their element id (the third part, given for a neighbourhood only)."""
    if people is not None:
        return people, _ids(tx, "projects"), None
    if project is None:
        return _ids(tx, "people"), _ids(tx, "projects"), None
    hood = {r["id"]: r["element"] for r in _fetch(tx, "neighbourhood_seeds", project=project)}
    frontier = sorted(hood)
    for _ in range(radius):
        step = dict(_one(tx, "neighbourhood_step_people", "people", ids=frontier))
        frontier = sorted(step.keys() - hood.keys())
        hood.update(step)
    return sorted(hood), [project], hood


def _tables(tx: Any, people_ids: list[str], project_ids: list[str], exact: bool,
            placed: list[list[str]]) -> dict[str, list[Record]]:
    """Every table of a read but the ties and the interactions
    (:func:`_interaction_records`): the organizations, ``people_ids``, ``project_ids`` and
    their stakeholders (with ``exact``, the people's roles in every project instead).
    ``placed``: :func:`_placed`, by which the people are found."""
    return {
        "organizations": [
            _record("organizations", props, parent_id=parent)
            for props, parent in _one(tx, "load_organizations", "organizations")
        ],
        "people": [  # org_id and reports_to among the properties (NEO4J_SCHEMA)
            _record("people", props) for props in _people_at(tx, placed)
        ],
        "projects": _projects(tx, project_ids),
        "relationships": [],  # filled by the caller from the ties
        "stakeholders": [
            _record("stakeholders", props, project_id=project, person_id=person)
            for project, person, props in (
                _one(tx, "load_person_roles", "roles", ids=people_ids) if exact
                else _one(tx, "load_stakeholders", "roles", ids=project_ids))
        ],
    }


def _interaction_records(tx: Any, people_ids: list[str], members: dict[str, int]
                         ) -> list[Record]:
    """The interactions of ``people_ids`` with each other (with ours among them, or with
    nobody of ours named). ``members``: :func:`_members`."""
    ids = set(people_ids)
    return [_record("interactions", props, person_id=contact, our_person_id=ours)
            for props, contact, ours in _interactions(tx, people_ids, members)
            if ours is None or ours in ids]


def _projects(tx: Any, project_ids: list[str]) -> list[Record]:
    """The records of ``project_ids``, with their customers."""
    return [_record("projects", props, customer_id=customer)
            for props, customer in _one(tx, "load_projects", "projects", ids=project_ids)]


#: Interactions per person read up to which scanning every interaction beats expanding each
#: person's relationships (load_interactions_among.cypher).
_SCAN_INTERACTIONS_PER_PERSON = 3


def _interactions(tx: Any, people_ids: list[str], members: dict[str, int]) -> list[Any]:
    """The interactions with ``people_ids`` as :func:`_tables` reads them: from the
    interactions' side when the store holds few of them for so many people, else from each
    person (the same rows either way)."""
    held = tx.run(statement("count_interactions")).single()["n"]
    if held <= _SCAN_INTERACTIONS_PER_PERSON * len(people_ids):
        return _one(tx, "load_interactions_among", "interactions", members=members)
    return _one(tx, "load_interactions", "interactions", ids=people_ids)


def _members(tx: Any, people_ids: list[str], elements: Mapping[str, str] | None = None
             ) -> dict[str, int]:
    """The people of ``people_ids`` as :func:`_ties` takes them: their element ids, each
    mapped to the person's place in ``people_ids`` (a tie's end is sent as that number).
    ``elements``: each one's element id, when known (:func:`_scope`); else asked for."""
    if elements is not None:
        return {elements[person]: place for place, person in enumerate(people_ids)}
    return dict(_one(tx, "person_element_ids", "ids", ids=people_ids))


def _people_at(tx: Any, placed: list[list[str]]) -> list[dict[str, Any]]:
    """The properties of the people ``placed`` (:func:`_placed`), found by their element
    ids; read again by their ids in the rare case that an element id no longer names the
    person it was found for (Neo4j reuses a deleted node's: a colleague's revert or forget
    since the walk). Checking the ids here costs the server nothing; in the query it cost
    twice the seeks (at 1,000,000 people 0.62 against 0.31 s for 77,000 people)."""
    found = _one(tx, "load_people_at", "people", people=placed)
    asked = [person for _, person in placed]
    if len(found) == len(asked) and {props.get("id") for props in found} == set(asked):
        return found  # each asked for read once (the ids asked are distinct)
    return _one(tx, "load_people", "people", ids=asked)


def _placed(people_ids: list[str], members: Mapping[str, int]) -> list[list[str]]:
    """Each of ``people_ids`` the store holds as ``[element id, id]``, in their order: how
    a read finds them (by element id, no index seek: :func:`_people_at`). ``members``:
    :func:`_members`.

    (Finding the ties' sources so as well, checking each still carries its id, saved 0.2 s
    of a batch's 2.3 on the server at 1,000,000 people but nothing end to end: twice the
    parameter's size; not kept.)"""
    placed: list[list[str]] = [[] for _ in people_ids]
    for element, place in members.items():
        placed[place] = [element, people_ids[place]]
    return [pair for pair in placed if pair]


def _ties(tx: Any, sources: list[str], members: dict[str, int]) -> list[list[Any]]:
    """The ties from ``sources`` to ``members`` (:func:`_members`), each a list from the
    server: its ends (their numbers in ``members``), type, the contract's properties in
    order, then any others as name-value pairs."""
    return _one(tx, "load_ties", "ties", ids=sources, members=members,
                contract=dict.fromkeys(_TIE_COLUMNS[3:], True))


_TIE_COLUMNS = SCHEMA["relationships"].column_names


def _tie_extra(pairs: list[list[Any]]) -> dict[str, Any]:
    """A tie's other properties, from the name-value pairs :func:`_ties` gives."""
    return {k.removeprefix(_ESCAPE): _plain(v) for k, v in pairs}


def _tie_row(row: list[Any], names: Sequence[str]) -> tuple[Any, ...]:
    """A tie as :class:`TieRows` holds it with numbered ends (``names``: the ids they
    stand for, given to the rows), from a row :func:`_ties` gives."""
    return (*row[:-1], _tie_extra(row[-1]) if row[-1] else None)


def _tie_record(row: list[Any], names: Sequence[str]) -> Record:
    """A tie's record, from a row :func:`_ties` gives (``names``: the ids its ends' numbers
    stand for)."""
    record = dict(zip(_TIE_COLUMNS, (names[row[0]], names[row[1]], *row[2:-1]), strict=True))
    record["extra"] = _tie_extra(row[-1])
    return record


_KNOWS = TieType.KNOWS.value


def _ids(tx: Any, table: str) -> list[str]:
    """Every id of ``table`` (``people`` or ``projects``), sorted."""
    name = {"people": "person_ids", "projects": "project_ids"}[table]
    return sorted(r["id"] for r in _fetch(tx, name))


def _counts(tx: Any) -> tuple[list[tuple[str, Any, int]], dict[str, dict[str, int]], list[Record]]:
    rows = [(r["category"], r["kind"], r["n"]) for r in _fetch(tx, "counts")]
    roles: dict[str, dict[str, int]] = {}
    for r in _fetch(tx, "project_roles"):
        roles.setdefault(r["project_id"], {})[r["role"]] = r["n"]
    return rows, roles, _projects(tx, _ids(tx, "projects"))


def _review_entries(tx: Any, keys: Collection[str] | None) -> list[dict[str, Any]]:
    rows = tx.run(statement("review_entries"),
                  keys=None if keys is None else sorted(keys)).data()
    return [{**r, "meetings": json.loads(r["meetings"] or "[]")} for r in rows]

