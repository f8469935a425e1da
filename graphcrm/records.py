"""The six tables of the import format and the validated records that stores take and give.

``SCHEMA`` is the data contract of PRODUCT.md in code: each table's columns, which are
required, what kind of value each holds, which table a column refers to, and the key a row is
upserted by. The importer validates against it, the stores lay out their storage from it, and
the graph builder reads records shaped by it.

A :class:`Dataset` holds validated records. A record is a ``dict`` with the contract columns
that were present in the input (so that an update touches only what the file carries) and
``extra``: the input's other columns, kept as text properties.

Example
-------
>>> SCHEMA["people"].key
('id',)
>>> [c.name for c in SCHEMA["people"].columns if c.required]
['id', 'name', 'org_id']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from graphcrm.domain import (
    Channel,
    OrgKind,
    PersonStatus,
    ProjectStage,
    Role,
    Sentiment,
    Stance,
    TieLevel,
    TieType,
    Vocabulary,
)
from graphcrm.errors import Problem, ValidationFailed

__all__ = ["Column", "TableSpec", "SCHEMA", "TABLE_ORDER", "Record", "Dataset", "record_key",
           "tie_row_key", "TieRows", "vocabulary_member"]

Record = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of the contract.

    ``kind`` is one of ``id``, ``text``, ``int``, ``number``, ``date`` or ``vocabulary``
    (then ``vocabulary`` names the enumeration). ``low``/``high`` bound ``int`` columns;
    ``references`` names the table whose ``id`` the column holds.
    """

    name: str
    kind: str = "text"
    required: bool = False
    low: int | None = None
    high: int | None = None
    vocabulary: type[Vocabulary] | None = None
    references: str | None = None
    default: Any = None


@dataclass(frozen=True)
class TableSpec:
    """A table of the contract: its columns, the columns it is keyed by, whether it is required."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    required: bool = False

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    @functools.cached_property
    def column_names(self) -> tuple[str, ...]:
        """The contract's column names, in order (worked out once: a store's read asks for
        them for every record)."""
        return tuple(c.name for c in self.columns)


def _vocab(name: str, vocabulary: type[Vocabulary], default: Any = None, **kw: Any) -> Column:
    return Column(name, "vocabulary", vocabulary=vocabulary, default=default, **kw)


SCHEMA: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "organizations",
            (
                Column("id", "id", required=True),
                Column("name", required=True),
                _vocab("kind", OrgKind, default=OrgKind.CUSTOMER),
                Column("industry"),
                Column("region"),
                Column("parent_id", "id", references="organizations"),
                Column("domains"),
            ),
            key=("id",),
            required=True,
        ),
        TableSpec(
            "people",
            (
                Column("id", "id", required=True),
                Column("name", required=True),
                Column("org_id", "id", required=True, references="organizations"),
                Column("title"),
                Column("department"),
                Column("reports_to", "id", references="people"),
                Column("email"),
                Column("phone"),
                Column("notes"),
                _vocab("status", PersonStatus),
                Column("status_since", "date"),
                # whom they took over from (接任): the former holder of their post
                Column("predecessor", "id", references="people"),
            ),
            key=("id",),
            required=True,
        ),
        TableSpec(
            "projects",
            (
                Column("id", "id", required=True),
                Column("name", required=True),
                Column("customer_id", "id", required=True, references="organizations"),
                _vocab("stage", ProjectStage, default=ProjectStage.LEAD),
                Column("value", "number"),
                Column("deadline", "date"),
            ),
            key=("id",),
        ),
        TableSpec(
            "relationships",
            (
                Column("source", "id", required=True, references="people"),
                Column("target", "id", required=True, references="people"),
                _vocab("type", TieType, required=True),
                Column("strength", "int", low=1, high=5),
                Column("level", "int", low=1, high=4, vocabulary=TieLevel),
                Column("since", "date"),
                Column("last_contact", "date"),
                Column("notes"),
            ),
            key=("source", "target", "type"),
        ),
        TableSpec(
            "stakeholders",
            (
                Column("project_id", "id", required=True, references="projects"),
                Column("person_id", "id", required=True, references="people"),
                _vocab("role", Role, required=True),
                Column("influence", "int", low=1, high=5),
                _vocab("stance", Stance),
                #: the competitor the person leans to (态度 "倾向XX"): counts as opposition
                Column("leaning"),
                #: who on our side owns this person (我方负责人), the next step and its due
                #: date (下一步, 完成时间), what the person cares about (关注点)
                Column("owner", "id", references="people"),
                Column("next_step"),
                Column("due", "date"),
                Column("concerns"),
                Column("notes"),
            ),
            key=("project_id", "person_id", "role"),
        ),
        TableSpec(
            "interactions",
            (
                Column("date", "date", required=True),
                Column("person_id", "id", required=True, references="people"),
                Column("our_person_id", "id", references="people"),
                _vocab("channel", Channel),
                _vocab("sentiment", Sentiment),
                Column("notes"),
            ),
            key=("date", "person_id", "our_person_id", "channel"),
        ),
    )
}

#: Tables in dependency order: a table refers only to tables before it.
TABLE_ORDER: tuple[str, ...] = tuple(SCHEMA)


class TieRows:
    """The ties of a dataset read as rows for building the graph, not as a record each
    (:meth:`graphcrm.stores.Store.load_for_graph`): a tuple per tie (:attr:`rows`), the
    relationships' contract columns in order, then ``extra`` as the store keeps it (JSON
    text, or None for none). At 1,000,000 people a neighbourhood holds 330,000 ties; a dict
    each is a second.

    :attr:`ends`, when given: a row's source and target are numbers standing for the
    people's ids, ``ends[n]`` the id of person ``n`` (a store that numbers the people it
    reads sends a number per tie end rather than an id, and 330,000 ties come 0.1 s sooner).

    A store still reading the rows gives :meth:`later` ones: they are waited for when first
    used, so that the graph's people are built meanwhile.

    Example
    -------
    >>> rows = TieRows.later(lambda: TieRows([("a", "b", "KNOWS")]))
    >>> rows.rows, rows.ends
    ([('a', 'b', 'KNOWS')], None)
    """

    #: the columns of each row
    COLUMNS: ClassVar[tuple[str, ...]] = (*SCHEMA["relationships"].column_names, "extra")

    def __init__(self, rows: list[tuple[Any, ...]], ends: Mapping[int, str] | None = None
                 ) -> None:
        self._rows, self._ends = rows, ends
        self._fetch: Callable[[], TieRows] | None = None

    @classmethod
    def later(cls, fetch: Callable[[], TieRows]) -> TieRows:
        """Rows ``fetch`` gives (it waits for them), fetched when first used."""
        made = cls([])
        made._fetch = fetch
        return made

    def _fetched(self) -> None:
        fetch = self._fetch
        if fetch is not None:
            done = fetch()
            self._rows, self._ends, self._fetch = done.rows, done.ends, None

    @property
    def ready(self) -> bool:
        """Whether the rows are here (not still being read)."""
        return self._fetch is None

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        self._fetched()
        return self._rows

    @property
    def ends(self) -> Mapping[int, str] | None:
        self._fetched()
        return self._ends

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TieRows):
            return NotImplemented
        return (self.rows, self.ends) == (other.rows, other.ends)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:  # never waits for rows being read
        if not self.ready:
            return "TieRows(being read)"
        return f"TieRows({len(self._rows)} rows{', numbered ends' if self._ends else ''})"


def record_key(table: str, record: Record) -> tuple[str, ...]:
    """The upsert key of ``record`` in ``table``; missing optional key parts count as ``""``.

    A KNOWS tie is mutual, so its key orders the two people: ``a KNOWS b`` and ``b KNOWS a``
    are the same tie.
    """
    columns = _KEYS[table]
    if len(columns) == 1:
        return (str(record.get(columns[0]) or ""),)
    if table == "relationships":  # source, target, type: a row's first columns
        return tie_row_key([record.get(col) for col in columns])
    return tuple([str(record.get(col) or "") for col in columns])


def vocabulary_member(table: str, column: str, value: Any) -> Any:
    """A stored value of a vocabulary column of ``table`` as its member (which a sentence of
    the catalogue says in the reader's words); any other value, or a value the vocabulary
    does not have (a file edited by hand), as it is.

    >>> vocabulary_member("relationships", "type", "KNOWS"), vocabulary_member("people", "id", "p1")
    (<TieType.KNOWS: 'KNOWS'>, 'p1')
    """
    spec = next((c for c in SCHEMA[table].columns if c.name == column), None) \
        if table in SCHEMA else None
    if spec is None or spec.vocabulary is None:
        return value
    try:
        return spec.vocabulary(value)
    except ValueError:
        return value


def tie_row_key(row: Sequence[Any]) -> tuple[str, ...]:
    """The key of a tie given as a row (:class:`TieRows`; its source, target and type
    first), as :func:`record_key` gives it for the record: the rows of a store sort as its
    records do."""
    key = (str(row[0] or ""), str(row[1] or ""), str(row[2] or ""))
    if key[2] == _KNOWS and key[1] < key[0]:
        key = (key[1], key[0], key[2])
    return key


_KEYS = {name: spec.key for name, spec in SCHEMA.items()}
_KNOWS = TieType.KNOWS.value


@dataclass
class Dataset:
    """Validated records by table, plus the warnings met while reading them.

    ``columns[table]`` lists the contract columns the input carried for that table: an
    upsert writes those and leaves the others as they are in the store. ``understood``
    says, per file or sheet, how its headers were read (``姓名 → people.name``).
    ``pending`` holds references the store checks under its import lock.
    ``defaulted[table][key]`` names the columns of a record whose value its file did not
    give: a column the file lacks (carrying its default, as an organization's ``kind``) or a
    blank cell (unless the import clears blanks). They hold for a record the import creates,
    and never change one the store holds (see :meth:`settle`).
    """

    records: dict[str, list[Record]] = field(default_factory=dict)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    understood: list[str] = field(default_factory=list)
    defaulted: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=dict)
    #: references to ids that neither the files nor the store held when they were read:
    #: ``(table referred to, id, problem)``, checked by the store under its import lock
    #: (:meth:`check_pending`)
    pending: list[tuple[str, str, Problem]] = field(default_factory=list)

    def check_pending(self, existing: Callable[[dict[str, set[str]]], dict[str, set[str]]]
                      ) -> None:
        """Refuse the references still pending whose id the store does not hold now
        (``existing(wanted)``: of the ids wanted by table, those the store holds).

        Raises
        ------
        ValidationFailed
            With one problem (file, row, column, id) for each.
        """
        if not self.pending:
            return
        wanted: dict[str, set[str]] = {}
        for table, value, _ in self.pending:
            wanted.setdefault(table, set()).add(value)
        held = existing(wanted)
        missing = [problem for table, value, problem in self.pending
                   if value not in held.get(table, set())]
        if missing:
            raise ValidationFailed(sorted(missing, key=lambda p: (p.source, p.row or 0)))

    def settled(self, stored: Dataset) -> Dataset:
        """This dataset with the records ``stored`` holds given their stored value wherever
        it has only a default or a blank (a value the file did not give): what the file did
        not say never changes what the store holds. Both stores call this inside the
        import, before planning. The records given are left as they are (the same dataset
        may go to several stores).

        Example
        -------
        >>> org = {"id": "us", "name": "华信", "kind": "customer", "extra": {}}
        >>> incoming = Dataset({"organizations": [org]}, defaulted={
        ...     "organizations": {("us",): ("kind",)}})
        >>> settled = incoming.settled(Dataset({"organizations": [{**org, "kind": "own"}]}))
        >>> settled.table("organizations")[0]["kind"], org["kind"]
        ('own', 'customer')
        """
        records = dict(self.records)
        for table, filled in self.defaulted.items():
            held = {record_key(table, r): r for r in stored.table(table)}
            if not held:
                continue
            rows = []
            for record in self.table(table):
                key = record_key(table, record)
                if key in filled and key in held:
                    record = {**record, **{c: held[key].get(c) for c in filled[key]}}
                rows.append(record)
            records[table] = rows
        return replace(self, records=records)

    def keeping(self, values: dict[tuple[str, tuple[str, ...]], dict[str, Any]]) -> Dataset:
        """This dataset with the fields in ``values`` (``(table, key) → field → value``) set
        to those values: a colleague's values kept where an import settles a conflict their
        way. The records given are left as they are."""
        if not values:
            return self
        records = {table: [{**r, **values[(table, record_key(table, r))]}
                           if (table, record_key(table, r)) in values else r for r in rows]
                   for table, rows in self.records.items()}
        return replace(self, records=records)

    def table(self, name: str) -> list[Record]:
        """The records of table ``name`` (empty when the input had none)."""
        return self.records.get(name, [])

    def __iter__(self) -> Iterator[tuple[str, list[Record]]]:
        for name in TABLE_ORDER:
            if name in self.records:
                yield name, self.records[name]

    def counts(self) -> dict[str, int]:
        """Rows per table, in dependency order."""
        return {name: len(rows) for name, rows in self}
