"""The store interface: what every graphcrm store does, documented once.

A store keeps the six tables of the import format and gives them back as a
:class:`~graphcrm.records.Dataset`; the graph builder turns that into NetworkX. The embedded
store (SQLite, one file) and the Neo4j store implement this interface and pass the same
contract tests (``tests/stores/test_contract.py``).

Semantics every implementation keeps:

- :meth:`Store.import_dataset` is one transaction: all of it is written or none of it.
  Records are upserted by their key (:data:`graphcrm.records.SCHEMA`): a record already
  there is updated in the columns the input carried and left alone in the others; extra
  properties are merged. Importing the same data twice changes nothing, and the summary
  says so (``updated == 0``).
- :meth:`Store.load` without a project gives everything; with a project it gives the
  project's neighbourhood: its stakeholders (our bid team among them), everyone within
  ``radius`` ties of them (ties of any type, either direction, and the org chart), the ties
  among all of those, every organization, the project with its stakeholder rows, and the
  interactions of those people with each other. With the default radius of 2, every path of
  up to four hops between the bid team and the other stakeholders lies inside it.
- Loaded records carry every contract column (``None`` where unknown) and ``extra``.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any

from graphcrm.changes import (
    CREATE,
    FORGOTTEN,
    FROM_EMPTY,
    REMOVE,
    UPDATE,
    Change,
    Creations,
    decode,
    encode,
)
from graphcrm.errors import Conflict
from graphcrm.records import SCHEMA, TABLE_ORDER, Dataset, TieRows, vocabulary_member
from graphcrm.words import Field, Listed, Said, local_time

__all__ = ["Store", "ImportSummary", "TableChanges", "Counts", "OrganizationSummary",
           "ChangeInfo", "ChangeSet", "Snapshot", "HISTORY_SCHEMA", "merged_review", "Traces",
           "ERASED", "owners", "owned_by", "guard_sync", "guard_conflicts", "SETTLE", "Dump"]

#: The first store schema that keeps history (schema 1 stores are upgraded on first open).
HISTORY_SCHEMA = 2


@dataclass(frozen=True)
class ChangeInfo:
    """Who makes a write, with which command and files: recorded with its change set."""

    command: str
    author: str = ""
    files: tuple[str, ...] = ()

    @property
    def who(self) -> str:
        """The author, or the operating-system user when none was given."""
        if self.author:
            return self.author
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "unknown"


def now_text() -> str:
    """The current local time as ISO 8601 with its UTC offset, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class ChangeSet:
    """One recorded write: an import, a removal, a ``forget`` or the schema upgrade.

    ``counts`` maps a table to ``{"create": n, "update": n, "remove": n}``; ``changes`` are
    the field-level changes (loaded only when asked for).
    """

    id: int
    at: str
    author: str
    command: str
    files: tuple[str, ...] = ()
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    """A named state of the store (a gate review): the last change set it includes."""

    name: str
    change_set: int
    at: str
    author: str


#: Every place graphcrm writes a person down, and what ``forget`` does there: the one list
#: both stores follow (and ``tests/stores/test_forget.py`` checks by reading every file).
ERASED = (
    "the person's record: deleted",
    "their ties, stakeholder roles and interactions (as the contact or as one of ours): deleted",
    "their subordinates' reporting line to them: cleared",
    "the stakeholder roles they owned (我方负责人): owner cleared",
    "their successors' record of whom they took over from (前任): cleared",
    "the history: every change naming them dropped from its change set",
    "the change sets' file entries that name them (a review key, one of their addresses, a "
    "file named after them): replaced by (forgotten); authors are colleagues and stay",
    "the review list: entries about them (their addresses, their name, ties proposed with "
    "them) deleted, and meetings they had as one of ours dropped from the others",
    "the embedded store's pre-upgrade copy (<store>.schema1.bak): the same rows deleted",
    "the embedded store's file and write-ahead log: deleted pages overwritten (checkpoint)",
    "`changes --since`: its rebuilt earlier state is kept in memory, never on disk",
)

_ADDRESSES = re.compile(r"[;,，；\s]+")


@dataclass(frozen=True)
class Traces:
    """What identifies ``person`` outside their own records: their id, their name and their
    e-mail addresses (as the review list and the history's file entries hold them).

    Example
    -------
    >>> t = Traces.of("p1", "杨帆", "yf@x.cn; YF@gmail.com")
    >>> t.about({"key": "yf@gmail.com", "address": "yf@gmail.com", "name": "Fan"})
    True
    >>> t.about({"key": "tie:p9:p1", "address": "", "name": "林晓 — 杨帆"})
    True
    >>> t.file("yf@x.cn"), t.file("名片/杨帆.vcf"), t.file("杨帆明的客户.xlsx")
    ('(forgotten)', '名片/(forgotten).vcf', '杨帆明的客户.xlsx')
    """

    person: str
    name: str
    addresses: frozenset[str]

    @classmethod
    def of(cls, person: str, name: str | None, email: str | None) -> Traces:
        """The traces of ``person`` called ``name`` with the addresses in ``email``."""
        return cls(person, name or "", frozenset(
            a.lower() for a in _ADDRESSES.split(email or "") if "@" in a))

    def about(self, entry: Mapping[str, Any]) -> bool:
        """Whether the review entry ``entry`` is about the person: one of their addresses,
        their name, or a tie proposed with them."""
        key = str(entry.get("key") or "")
        if key.startswith("tie:"):
            return self.person in key.split(":", 2)[1:]
        address = str(entry.get("address") or "").lower()
        return key.lower() in self.addresses or address in self.addresses or \
            (bool(self.name) and key == f"name:{self.name}")

    def meetings(self, meetings: Sequence[Sequence[Any]]) -> list[list[Any]]:
        """``meetings`` (``[date, our person id, channel]``) without those the person had as
        one of ours."""
        return [list(m) for m in meetings if m[1] != self.person]

    def file(self, entry: str) -> str:
        """A change set's file entry, or ``(forgotten)`` where it names the person: a review
        key of theirs, one of their addresses, or a file named exactly after them (a file
        whose name merely contains theirs is another's)."""
        if self.about({"key": entry, "address": entry}):
            return FORGOTTEN
        folder, _, leaf = entry.replace("\\", "/").rpartition("/")
        stem, dot, suffix = leaf.rpartition(".") if "." in leaf else (leaf, "", "")
        if self.name and stem == self.name:
            return entry[:len(folder) + 1 if folder else 0] + FORGOTTEN + dot + suffix
        return entry


def forget_counts(erased: dict[str, int]) -> dict[str, dict[str, int]]:
    """What a ``forget`` recorded: counts only, by table (action ``forget``)."""
    tables = {"people": 1, "relationships": erased.get("ties", 0),
              "stakeholders": erased.get("roles", 0),
              "interactions": erased.get("interactions", 0)}
    return {table: {"forget": n} for table, n in tables.items() if n}


def count_changes(changes: Collection[Change]) -> dict[str, dict[str, int]]:
    """``table → action → n`` for the tables and actions that occur."""
    if isinstance(changes, Creations):
        return changes.counts()
    counts: dict[str, dict[str, int]] = {}
    for change in changes:
        table = counts.setdefault(change.table, {})
        table[change.action] = table.get(change.action, 0) + 1
    return counts


@dataclass(frozen=True)
class TableChanges:
    """What an import did to one table."""

    table: str
    rows: int
    created: int
    updated: int
    removed: int = 0

    @property
    def unchanged(self) -> int:
        """Rows that were already in the store exactly as given."""
        return self.rows - self.created - self.updated


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, table by table, and the warnings met while reading the input."""

    tables: tuple[TableChanges, ...]
    warnings: tuple[str, ...] = ()
    dry_run: bool = False
    understood: tuple[str, ...] = ()  # how each file's headers were read (dry runs)
    changes: Sequence[Change] = ()  # the change plan: what was (or would be) changed
    #: what calendar and mail files held (an ActivityReport), when the import had any
    activity: Any = None

    def warned(self, warnings: Sequence[str]) -> ImportSummary:
        """This summary with ``warnings`` added."""
        return replace(self, warnings=(*self.warnings, *warnings)) if warnings else self

    @property
    def changed(self) -> bool:
        """Whether the import created, updated or removed anything."""
        return any(t.created or t.updated or t.removed for t in self.tables)

    @classmethod
    def of(cls, dataset: Dataset, changes: Sequence[Change], *, dry_run: bool = False,
           sync: bool = False) -> ImportSummary:
        """The summary of importing ``dataset`` with the change plan ``changes``; a ``sync``
        warns where it removes all of a project's roles, or more of a table than the files
        list."""
        counts = count_changes(changes)
        tables = [name for name in TABLE_ORDER if name in dataset.records or name in counts]
        listed = {r["project_id"] for r in dataset.table("stakeholders")}
        emptied = [] if isinstance(changes, Creations) or not sync else sorted(
            {c.key[0] for c in changes if c.table == "stakeholders" and c.action == REMOVE
             and c.key[0] not in listed})
        mood = "planned" if dry_run else "done"
        warnings = [*dataset.warnings, *(
            Said(f"warn.project_emptied.{mood}", project=p) for p in emptied)]
        for name in tables if sync else ():
            removed = counts.get(name, {}).get(REMOVE, 0)
            given = len(dataset.table(name))
            if removed > given:
                warnings.append(Said(f"warn.removed_more.{mood}", table=Said(f"stats.{name}"),
                                     n=removed, given=given))
        return cls(
            tuple(TableChanges(name, len(dataset.table(name)),
                               counts.get(name, {}).get(CREATE, 0),
                               counts.get(name, {}).get(UPDATE, 0),
                               counts.get(name, {}).get(REMOVE, 0)) for name in tables),
            tuple(warnings), dry_run=dry_run, understood=tuple(dataset.understood),
            changes=changes if isinstance(changes, Creations) else tuple(changes))


@dataclass(frozen=True)
class OrganizationSummary:
    """Organizations and the ties between them, aggregated in the store.

    ``organizations``: id → ``{"name", "kind", "people"}``. ``links``: ``(a, b)`` with
    ``a < b`` → ``(ties, mean strength rounded to 3 decimals)``, counting ties with a strength
    between people of two different organizations.
    """

    organizations: dict[str, dict[str, object]]
    links: dict[tuple[str, str], tuple[int, float]]


@dataclass(frozen=True)
class Counts:
    """Counts by kind, and the projects with their stakeholders by role.

    ``by_kind`` maps a category (``organizations`` by kind, ``people`` by their organization's
    kind, ``relationships`` by type, ``projects`` by stage, ``stakeholders`` by role,
    ``interactions`` by channel) to counts. ``projects`` holds one dict per project: ``id``,
    ``name``, ``customer_id``, ``stage``, ``value``, ``deadline`` and ``roles`` (role → count).
    """

    by_kind: dict[str, dict[str, int]]
    projects: list[dict[str, object]] = field(default_factory=list)


@dataclass(frozen=True)
class Dump:
    """Everything a store holds, as one portable value (``graphcrm dump``): the records of
    every table, the history with every change, the snapshots and the review list. It
    restores into an empty store of either kind (:meth:`Store.restore`).

    Example
    -------
    >>> empty = Dump({t: [] for t in TABLE_ORDER})
    >>> Dump.from_json(empty.to_json()).counts()["change_sets"]
    0
    """

    tables: dict[str, list[dict[str, Any]]]
    history: tuple[ChangeSet, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()
    review: tuple[dict[str, Any], ...] = ()

    FORMAT = "graphcrm-dump"
    VERSION = 1

    def dataset(self) -> Dataset:
        """The records, as an import would give them (every contract column carried)."""
        return Dataset(records={t: [dict(r) for r in self.tables.get(t, [])]
                                for t in TABLE_ORDER},
                       columns={t: SCHEMA[t].column_names for t in TABLE_ORDER})

    def counts(self) -> dict[str, int]:
        """How many of each it holds (records by table, change sets, snapshots, review)."""
        return {**{t: len(self.tables.get(t, [])) for t in TABLE_ORDER},
                "change_sets": len(self.history), "snapshots": len(self.snapshots),
                "review": len(self.review)}

    def to_json(self) -> str:
        """The dump as JSON text (UTF-8, the changes in the history's own encoding)."""
        return json.dumps({
            "graphcrm": self.FORMAT, "version": self.VERSION, "tables": self.tables,
            "history": [{"id": s.id, "at": s.at, "author": s.author, "command": s.command,
                         "files": list(s.files), "counts": s.counts,
                         "changes": encode(list(s.changes))[0]} for s in self.history],
            "snapshots": [vars(n) for n in self.snapshots],
            "review": list(self.review)}, ensure_ascii=False, default=str)

    @classmethod
    def from_json(cls, text: str) -> Dump:
        """A dump from :meth:`to_json`'s text.

        Raises
        ------
        ValueError
            Not a graphcrm dump (or of a newer version).
        """
        found = json.loads(text)
        if not isinstance(found, dict) or found.get("graphcrm") != cls.FORMAT:
            raise ValueError(Said("dump.no_marker"))
        if found.get("version") != cls.VERSION:
            raise ValueError(Said("dump.version", found=found.get("version"), reads=cls.VERSION))
        return cls(
            {t: list(found["tables"].get(t, [])) for t in TABLE_ORDER},
            tuple(ChangeSet(int(s["id"]), s["at"], s["author"], s["command"],
                            tuple(s["files"]), s["counts"], tuple(decode(s["changes"])))
                  for s in found.get("history", [])),
            tuple(Snapshot(n["name"], int(n["change_set"]), n["at"], n["author"])
                  for n in found.get("snapshots", [])),
            tuple(found.get("review", [])))


class Store(ABC):
    """A place that keeps a bid team's graph: an embedded file or a Neo4j database."""

    #: Where the store is, safe to show (no credentials).
    location: str

    @abstractmethod
    def import_dataset(self, dataset: Dataset, *, sync: bool = False,
                       info: ChangeInfo | None = None, dry_run: bool = False,
                       review: Sequence[Mapping[str, Any]] = (),
                       take_over: bool = False, settle: str | None = None) -> ImportSummary:
        """Upsert ``dataset`` in one transaction, record it as a change set, and say what
        changed, field by field (:func:`graphcrm.changes.plan`, computed inside the
        transaction from what the store holds).

        ``sync`` also removes the stakeholder rows and ties the files cover but no longer list
        (:mod:`graphcrm.changes`). ``info`` says who imports which files (default: the
        operating-system user, command ``import``). ``dry_run`` plans and writes nothing.
        ``review`` entries (calendar and mail imports' unmatched contacts and proposed ties,
        as :meth:`remember_review` takes them) are added in the same transaction: the
        interactions and the review list are written together or not at all. A sync removes
        only what its author entered (:func:`guard_sync`): one that would remove a
        colleague's records is refused unless ``take_over``; a dry run labels them. An update
        of a value another author set since this author's last change set is a conflict
        (:func:`guard_conflicts`), refused unless ``settle`` says ``theirs`` (keep it) or
        ``mine``; a dry run lists the conflicts.

        Raises
        ------
        StoreError
            The store could not be written; nothing was.
        Conflict
            A sync would remove records another author entered (without ``take_over``), or
            an update would overwrite a colleague's newer value (without ``settle``).
        ValidationFailed
            A reference the files left pending names an id the store does not hold.
        """

    @abstractmethod
    def apply(self, changes: Sequence[Change], records: Dataset, info: ChangeInfo) -> None:
        """Make ``changes`` (a revert's, worked out from the history) in one transaction:
        upsert ``records`` (the records they create or update, whole), delete the removals
        (ties, roles, interactions), and record them as one change set."""

    @abstractmethod
    def restore(self, dump: Dump, *, dry_run: bool = False) -> dict[str, int]:
        """Write ``dump`` into this store, which must be empty, in one transaction: its
        records, its history as it was (ids, authors, times, changes), its snapshots and its
        review list (decisions included). Returns :meth:`Dump.counts`; ``dry_run`` checks
        and writes nothing.

        Raises
        ------
        Conflict
            The store is not empty.
        """

    @abstractmethod
    def history(self, *, after: int = 0, changes: bool = False) -> list[ChangeSet]:
        """The change sets after change set ``after``, oldest first; with ``changes``, each
        with its field-level changes."""

    @abstractmethod
    def snapshot(self, name: str, info: ChangeInfo) -> Snapshot:
        """Name the current state (the last change set).

        Raises
        ------
        Conflict
            A snapshot of that name exists.
        """

    @abstractmethod
    def snapshots(self) -> list[Snapshot]:
        """Every snapshot, oldest first."""

    @abstractmethod
    def load(self, project: str | None = None, *, radius: int = 2,
             people: Collection[str] | None = None) -> Dataset:
        """Everything in the store, the neighbourhood of ``project`` (see module docs), or
        exactly ``people``: those people, the ties among them, their stakeholder rows in
        every project, every project and organization, and their interactions with each
        other.

        Raises
        ------
        LookupFailed
            ``project`` is not in the store.
        """

    def load_for_graph(self, project: str | None = None, *, radius: int = 2,
                       people: Collection[str] | None = None
                       ) -> tuple[Dataset, TieRows | None]:
        """What :func:`graphcrm.graph.build_graph` needs of :meth:`load`'s dataset: the
        same, except that a store that can read the ties as rows gives them so
        (:class:`~graphcrm.records.TieRows`, the dataset then without them), not as a
        record each. By default :meth:`load`'s dataset whole, and None."""
        return self.load(project, radius=radius, people=people), None

    @abstractmethod
    def neighbours(self, people: Collection[str]) -> set[str]:
        """The people one tie (of any type, either direction, or the org chart) from
        ``people``, without ``people`` themselves."""

    @abstractmethod
    def people_index(self, *, named: Collection[str] | None = None,
                     involved: bool = False) -> dict[str, dict[str, Any]]:
        """Every person's ``name``, ``org_id``, ``org_name``, ``org_kind``, ``roles``
        (project id → roles), ``email``, ``phone``, ``status``, ``department``, ``title``
        and ``predecessor`` (whom they took over from) by id: enough to find people by name
        (namesakes by their department) or address, to know our people and the stakeholders
        without loading the graph, and to notice an id reused for somebody else.

        With ``named`` (and/or ``involved``) only some people: those whose id or exact name
        is in ``named``, and with ``involved`` everyone at an ``own`` organization and
        everyone with a role in a project — what a question about a few people needs,
        read through indexes instead of every person of a large store."""

    @abstractmethod
    def organization_summary(self) -> OrganizationSummary:
        """Organizations with their headcount and the ties between them, aggregated in the
        store (the organization view of a network too big to load)."""

    @abstractmethod
    def remove_ties(self, a: str, b: str, types: Collection[str],
                    info: ChangeInfo | None = None) -> int:
        """Remove the ties of ``types`` between people ``a`` and ``b`` (either direction) in
        one transaction, recorded as a change set; return how many went. Nothing else
        changes."""

    @abstractmethod
    def remove_role(self, project: str, person: str, role: str,
                    info: ChangeInfo | None = None) -> int:
        """Remove ``person``'s ``role`` in ``project``, recorded as a change set; return how
        many went (0 or 1)."""

    @abstractmethod
    def forget(self, person: str, info: ChangeInfo | None = None) -> dict[str, int]:
        """Erase ``person`` and everything attached to them — their ties, stakeholder roles
        and interactions (as the contact or as one of our people), and every recorded change
        that mentions them — in one transaction; the people who reported to them keep no
        superior. The forget itself is recorded as a change set with counts only. Returns
        how many of each went (``ties``, ``roles``, ``interactions``, ``subordinates``).

        Raises
        ------
        LookupFailed
            No person with that id.
        """

    @abstractmethod
    def review_entries(self, keys: Collection[str] | None = None) -> list[dict[str, Any]]:
        """The contacts calendar and mail imports could not match (all, or those of
        ``keys``): ``key`` (the address, or ``name:<name>``), ``address``, ``name``,
        ``status`` (``open``, ``ignored``, ``accepted``, ``merged``) and ``meetings``
        (``[date, our person id, channel]`` lists), by key."""

    @abstractmethod
    def remember_review(self, entries: Sequence[Mapping[str, Any]]) -> None:
        """Add ``entries`` (``key``, ``address``, ``name``, ``meetings``) to the review list:
        meetings join those already listed, a decision already taken stays."""

    @abstractmethod
    def set_review_status(self, key: str, status: str) -> bool:
        """Record a decision on the entry ``key``; ``False`` when there is no such entry."""

    @abstractmethod
    def counts(self) -> Counts:
        """Counts by kind and per project, computed in the store."""

    @abstractmethod
    def known_ids(self) -> dict[str, set[str]]:
        """Ids of the organizations, people and projects in the store, by table."""

    @abstractmethod
    def check(self) -> list[Said]:
        """Check the store without changing what it holds; return the problems found (empty
        when it is whole). The embedded store runs SQLite's integrity and foreign-key checks
        and then folds in a write-ahead log a reader held up (finishing a ``forget``); the
        Neo4j store checks graphcrm's model on the server (the server's own files are
        checked with ``neo4j-admin database check``). Each problem is a sentence of the
        catalogue (:class:`~graphcrm.words.Said`, key ``check.<kind>``): its text is English,
        ``in_lang("zh")`` says it in Chinese."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection; the store object is not used afterwards."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def merged_review(stored: Mapping[str, Mapping[str, Any]],
                  entries: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``entries`` with the meetings already listed for them in ``stored`` (by key) joined
    in, each meeting once, oldest first: what both stores write back.

    >>> old, new = ["2026-11-01", "p1", "email"], ["2026-11-02", "p1", "email"]
    >>> merged_review({"a@x": {"meetings": [old]}},
    ...               [{"key": "a@x", "address": "a@x", "name": "A", "meetings": [new, old]}]
    ...               )[0]["meetings"]
    [['2026-11-01', 'p1', 'email'], ['2026-11-02', 'p1', 'email']]
    """
    out = []
    for entry in entries:
        known = stored.get(entry["key"], {}).get("meetings") or []
        meetings = sorted({tuple(m) for m in [*known, *entry["meetings"]]})
        out.append({**entry, "meetings": [list(m) for m in meetings]})
    return out


def owners(sets: Sequence[ChangeSet], keys: Collection[tuple[str, tuple[str, ...]]]
           ) -> dict[tuple[str, tuple[str, ...]], str]:
    """Who entered each record of ``keys`` (``(table, key)``): the author of the last change
    set that created it, or of the first import into the empty store for a record no later
    one created; a record older than the history has no owner.

    >>> first = ChangeSet(1, "t", "王明", "import", changes=(Change("*", FROM_EMPTY, ()),))
    >>> tie = ("relationships", ("a", "b", "KNOWS"))
    >>> later = ChangeSet(2, "t", "林晓", "import", changes=(Change(tie[0], CREATE, tie[1]),))
    >>> owners([first, later], [tie, ("people", ("a",))])
    {('relationships', ('a', 'b', 'KNOWS')): '林晓', ('people', ('a',)): '王明'}
    """
    wanted = set(keys)
    found: dict[tuple[str, tuple[str, ...]], str] = {}
    first = next((s.author for s in sets if any(c.action == FROM_EMPTY for c in s.changes)),
                 None)
    for change_set in sets:  # oldest first: a record removed and made again, by its maker
        for change in change_set.changes:
            if change.action == CREATE and (change.table, change.key) in wanted:
                found[(change.table, change.key)] = change_set.author
    if first is not None:
        found.update({k: first for k in wanted if k not in found})
    return found


def owned_by(history: Callable[[], Sequence[ChangeSet]], author: str
             ) -> Callable[[list[str]], set[str]]:
    """Of some people's ids, those ``author`` entered: the people a sync by ``author`` may
    mark as gone (:func:`graphcrm.changes.departures`). ``history()`` is read only when
    someone would be (most syncs list everyone). ``--take-over`` does not widen it: a
    colleague's partial sheet never says that the people it leaves out have left."""
    def owned(ids: list[str]) -> set[str]:
        found = owners(history(), [("people", (i,)) for i in ids])
        return {i for i in ids if found.get(("people", (i,))) == author}
    return owned


def guard_sync(changes: Sequence[Change], sets: Sequence[ChangeSet], author: str, *,
               take_over: bool, dry_run: bool) -> tuple[list[Change], list[Said]]:
    """What a sync by ``author`` may remove: only what ``author`` entered. The removals of
    records another author entered are labelled with who (``(entered by 林晓)``) and said in
    a warning; unless ``take_over`` or a dry run, they refuse the import.

    Raises
    ------
    Conflict
        The sync would remove another author's records, and ``take_over`` is not given.
    """
    removals = [(c.table, c.key) for c in changes if c.action == REMOVE]
    if not removals:
        return list(changes), []
    owner = owners(sets, removals)
    theirs: dict[str, int] = {}
    out = []
    for change in changes:
        who = owner.get((change.table, change.key)) if change.action == REMOVE else None
        if who is not None and who != author:
            theirs[who] = theirs.get(who, 0) + 1
            change = Change(change.table, change.action, change.key, change.fields,
                            Said("import.entered_by", what=change.label or " ".join(change.key),
                                 who=who))
        out.append(change)
    if not theirs:
        return out, []
    counts = Listed([Said("import.entered_count", n=n, who=who)
                     for who, n in sorted(theirs.items())], sep=", ", zh_sep="、")
    if not (take_over or dry_run):
        raise Conflict(Said("error.sync_others", counts=counts))
    mood = "removed" if not dry_run else "would" if take_over else "refused"
    return out, [Said(f"warn.sync_others.{mood}", counts=counts)]


#: How an import settles a conflict with a colleague's value: keep theirs, or write mine.
SETTLE = ("theirs", "mine")


def guard_conflicts(changes: Sequence[Change], sets: Sequence[ChangeSet], author: str, *,
                    settle: str | None, dry_run: bool
                    ) -> tuple[list[Change], list[Said], dict[tuple[str, tuple[str, ...]],
                                                               dict[str, Any]]]:
    """The updates of ``changes`` that would overwrite a value another author set after
    ``author``'s last change set (or ever, when ``author`` has none): conflicts.

    Returns the changes to make, the conflicts in words (field, theirs, mine, who, when), and
    for ``settle="theirs"`` the values to keep by record (``(table, key) → field → their
    value``): those fields are left out of the changes. ``settle="mine"`` writes mine.

    Raises
    ------
    Conflict
        There are conflicts, ``settle`` is not given and this is no dry run.

    Example
    -------
    >>> first = ChangeSet(1, "11-30", "王明", "import",
    ...                   changes=(Change("*", FROM_EMPTY, ()),))
    >>> mine = Change("people", UPDATE, ("p1",), {"title": ("总经理", "董事长")}, "王建国 (p1)")
    >>> kept, said, theirs = guard_conflicts([mine], [first], "林晓", settle="theirs",
    ...                                       dry_run=False)
    >>> kept, theirs
    ([], {('people', ('p1',)): {'title': '总经理'}})
    >>> print(said[0])
    kept a colleague's value: 王建国 (p1) title: 王明 set 总经理 (11-30), this import 董事长
    """
    mine_last = max((s.id for s in sets if s.author == author), default=0)
    first = next((s for s in sets if any(c.action == FROM_EMPTY for c in s.changes)), None)
    setter: dict[tuple[str, tuple[str, ...], str], ChangeSet] = {}
    for change_set in sets:
        for change in change_set.changes:
            if change.action in (CREATE, UPDATE):
                for name in change.fields:
                    setter[(change.table, change.key, name)] = change_set
    found: list[tuple[Change, str, Any, Any, ChangeSet]] = []
    for change in changes:
        if change.action != UPDATE:
            continue
        for name, (old, new) in change.fields.items():
            if name == "extra":
                continue
            by = setter.get((change.table, change.key, name), first)
            if by is not None and by.author != author and by.id > mine_last:
                found.append((change, name, old, new, by))
    said = [Said("conflict.entry", record=c.label or " ".join(c.key), field=Field(name),
                 author=by.author, theirs=_plain(c.table, name, old), at=local_time(by.at),
                 mine=_plain(c.table, name, new)) for c, name, old, new, by in found]
    if found and settle is None and not dry_run:
        shown = Listed(said, sep="; ", zh_sep="；", limit=5)
        raise Conflict(Said("error.colleague_changed", n=len(said), shown=shown))
    if settle != "theirs" or not found:
        return list(changes), said if dry_run else [], {}
    keep: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}
    for change, name, old, _, _ in found:
        keep.setdefault((change.table, change.key), {})[name] = old
    out = []
    for change in changes:
        kept = keep.get((change.table, change.key))
        if change.action == UPDATE and kept:
            fields = {k: v for k, v in change.fields.items() if k not in kept}
            if not fields:
                continue
            change = Change(change.table, change.action, change.key, fields, change.label)
        out.append(change)
    return out, [Said("conflict.kept", entry=line) for line in said], keep


def _plain(table: str, column: str, value: Any) -> Any:
    """A value of a conflict as its reader reads it: a blank as ``(blank)``, a vocabulary
    value by its word."""
    return Said("blank") if value is None or value == "" else \
        vocabulary_member(table, column, value)
