"""Field-level changes: what an import would do, what every write did, and the state before.

An import is planned before anything is written: :func:`plan` compares the validated input
with what the store holds for the same keys and lists each record that would be created,
updated (``field: old → new``) or removed. With ``sync`` the files are the truth for what they
cover (:func:`sync_scope`):

- for each project in the files (its ``projects`` or ``stakeholders`` rows), when the files
  have a stakeholders table, the project's stakeholder rows the files do not list are removed
  (a changed role is a new row, so it replaces the old one);
- when the files have a relationships table, ties between two people of the files (its
  ``people`` rows and the ends of its ties) that the files do not list are removed;
- interactions, people, organizations and projects are never removed.

The same :class:`Change` records are kept as the store's history (one change set per write),
and :func:`revert` walks them backwards to rebuild the state at an earlier change set: a
created record is removed again, an updated field gets its old value back, a removed record
comes back whole. A created record is recorded by its key alone (its values are those of the
following state), which keeps a first import of 100,000 people cheap to record.

Example
-------
>>> from graphcrm.records import Dataset
>>> stored = Dataset({"people": [{"id": "c1", "name": "王建国", "org_id": "acme",
...                                "title": "处长", "extra": {}}]})
>>> incoming = Dataset({"people": [{"id": "c1", "name": "王建国", "org_id": "acme",
...                                  "title": "副局长", "extra": {}}]},
...                    columns={"people": ("id", "name", "org_id", "title")})
>>> [str(c) for c in plan(incoming, stored)]
['people 王建国 (c1): update title: 处长 → 副局长']
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload

from graphcrm.domain import PersonStatus, is_former
from graphcrm.records import SCHEMA, TABLE_ORDER, Dataset, Record, record_key

__all__ = [
    "CREATE",
    "UPDATE",
    "REMOVE",
    "FROM_EMPTY",
    "FORGOTTEN",
    "Creations",
    "Change",
    "plan",
    "labelled",
    "sync_scope",
    "diff_states",
    "revert",
    "State",
    "state_of",
    "dataset_of",
    "encode",
    "decode",
    "CHUNK",
    "chunks",
    "scrub",
    "removal",
    "people_of",
]

CREATE, UPDATE, REMOVE = "create", "update", "remove"
#: The action of the one change an import into an empty store is recorded as: "the store
#: was empty before" (reverting it empties every table).
FROM_EMPTY = "from_empty"
#: What a forgotten person's name becomes where history names them (an author, a file).
FORGOTTEN = "(forgotten)"
#: Changes per stored chunk of history.
CHUNK = 2_000
#: The columns that hold person ids, by table (a change mentioning a person, for forget).
_PERSON_COLUMNS = {
    "people": ("id", "reports_to"),
    "relationships": ("source", "target"),
    "stakeholders": ("person_id", "owner"),
    "interactions": ("person_id", "our_person_id"),
}

Key = tuple[str, ...]
#: A store's content as ``table → key → record``.
State = dict[str, dict[Key, Record]]


@dataclass(frozen=True)
class Change:
    """One record created, updated or removed.

    ``fields`` maps a column to ``(old, new)``: for an update the columns that change
    (``extra`` as whole dicts), for a removal every column with its old value (``new`` is
    ``None``), for a creation the new values when known (not kept in history).
    """

    table: str
    action: str
    key: Key
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    #: how a person reads the record (names rather than ids); not kept in history
    label: str = field(default="", compare=False)

    def __str__(self) -> str:
        what = f"{self.table} {self.label or '/'.join(self.key)}: {self.action}"
        return f"{what} {self.fields_text()}" if self.action == UPDATE else what

    def fields_text(self) -> str:
        """The changed fields as people read them: ``title: 处长 → 副局长; phone: (blank) → …``."""
        return "; ".join(f"{name}: {_shown(old)} → {_shown(new)}"
                         for name, (old, new) in self.field_changes())

    def field_changes(self) -> Iterator[tuple[str, tuple[Any, Any]]]:
        """The changed fields, an ``extra`` dict change spelled per extra column."""
        for name, (old, new) in self.fields.items():
            if name == "extra":
                old, new = old or {}, new or {}
                for extra in sorted(set(old) | set(new)):
                    if old.get(extra) != new.get(extra):
                        yield extra, (old.get(extra), new.get(extra))
            else:
                yield name, (old, new)

    def people(self) -> set[str]:
        """The person ids this change mentions (in its key or in its values)."""
        found: set[str] = set()
        if self.table not in SCHEMA:
            return found
        columns = _PERSON_COLUMNS.get(self.table, ())
        key_columns = SCHEMA[self.table].key
        for column, value in zip(key_columns, self.key, strict=True):
            if column in columns and value:
                found.add(value)
        for column in columns:
            if column in self.fields:
                found.update(v for v in self.fields[column] if isinstance(v, str) and v)
        return found


class Creations(Sequence[Change]):
    """Every record of a dataset as a creation, made on demand: the plan of an import into
    an empty store, which a first import of 100,000 people should not pay for record by
    record. History keeps it as one :data:`FROM_EMPTY` change."""

    def __init__(self, dataset: Dataset) -> None:
        self._tables = [(table, records, [c for c in dataset.columns.get(
            table, SCHEMA[table].column_names) if c not in SCHEMA[table].key])
            for table, records in dataset if records]

    def __len__(self) -> int:
        return sum(len(records) for _, records, _ in self._tables)

    @overload
    def __getitem__(self, index: int) -> Change: ...

    @overload
    def __getitem__(self, index: slice) -> list[Change]: ...

    def __getitem__(self, index: int | slice) -> Change | list[Change]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        for table, records, columns in self._tables:
            if index < len(records):
                return _creation(table, records[index], columns)
            index -= len(records)
        raise IndexError("creation index out of range")

    def __iter__(self) -> Iterator[Change]:
        for i in range(len(self)):
            yield self[i]

    def counts(self) -> dict[str, dict[str, int]]:
        """``table → {"create": n}``."""
        return {table: {CREATE: len(records)} for table, records, _ in self._tables}


def _shown(value: Any) -> str:
    return "(blank)" if value is None or value == "" else str(value)


def state_of(dataset: Dataset) -> State:
    """``table → key → record`` of a dataset (every table, empty when absent)."""
    return {table: {record_key(table, r): r for r in dataset.table(table)}
            for table in TABLE_ORDER}


def dataset_of(state: State) -> Dataset:
    """The dataset a state describes, records in key order."""
    return Dataset(records={t: [dict(state[t][k]) for k in sorted(state[t])] for t in state},
                   columns={t: SCHEMA[t].column_names for t in state})


def _creation(table: str, record: Record, columns: Iterable[str]) -> Change:
    """The creation of ``record`` with the values it brings."""
    return Change(table, CREATE, record_key(table, record),
                  {c: (None, record.get(c)) for c in columns if record.get(c) is not None})


def sync_scope(incoming: Dataset) -> tuple[set[str], set[str]]:
    """The projects whose stakeholder rows and the people whose ties among themselves an
    import with ``sync`` makes the files the truth for (see the module docs)."""
    projects: set[str] = set()
    if "stakeholders" in incoming.records:
        projects = {r["id"] for r in incoming.table("projects")}
        projects |= {r["project_id"] for r in incoming.table("stakeholders")}
    people: set[str] = set()
    if "relationships" in incoming.records:
        people = {r["id"] for r in incoming.table("people")}
        for tie in incoming.table("relationships"):
            people.update((tie["source"], tie["target"]))
    return projects, people


def departure_scope(incoming: Dataset) -> set[str]:
    """The organizations whose people a synced people sheet lists: the people of theirs it
    no longer lists have left (:func:`departures`)."""
    return {str(r["org_id"]) for r in incoming.table("people") if r.get("org_id")}


def departures(incoming: Dataset, stored: Dataset, day: str,
               owned: Callable[[list[str]], set[str]] | None = None) -> Dataset:
    """``incoming`` with the people who left: those ``stored`` at an organization whose
    people a synced people sheet lists (:func:`departure_scope`), still in post, whom the
    sheet no longer names — marked ``left`` as of ``day``, never deleted (their ties, roles
    and history stay; they are on no chain and in no plan). The sheet's own people keep
    the status the store holds unless it says otherwise. ``owned(ids)``: of those people,
    the ones this import's author entered (a sync marks as gone only what its author owns:
    a colleague's partial sheet says nothing of the people it leaves out).

    Example
    -------
    >>> from graphcrm.records import Dataset
    >>> held = Dataset({"people": [{"id": "a", "name": "甲", "org_id": "o"},
    ...                            {"id": "b", "name": "乙", "org_id": "o"}]})
    >>> sheet = Dataset({"people": [{"id": "a", "name": "甲", "org_id": "o", "extra": {}}]},
    ...                 columns={"people": ("id", "name", "org_id")})
    >>> [(p["id"], p.get("status")) for p in departures(sheet, held, "2026-12-06").table(
    ...     "people")]
    [('a', None), ('b', 'left')]
    """
    orgs = departure_scope(incoming)
    if not orgs:
        return incoming
    listed = {r["id"] for r in incoming.table("people")}
    gone = [{**r, "status": PersonStatus.LEFT.value, "status_since": day,
             "extra": r.get("extra") or {}}
            for r in stored.table("people")
            if r.get("org_id") in orgs and r["id"] not in listed and not is_former(
                r.get("status"))]
    if gone and owned is not None:
        mine = owned([r["id"] for r in gone])
        gone = [r for r in gone if r["id"] in mine]
    if not gone:
        return incoming
    successors = _successors(incoming, stored, gone)
    columns = tuple(dict.fromkeys((*incoming.columns.get("people", ()), "status",
                                   "status_since", "predecessor")))
    defaulted = {table: dict(keys) for table, keys in incoming.defaulted.items()}
    kept = defaulted.setdefault("people", {})
    said = incoming.columns.get("people", ())
    for record in incoming.table("people"):  # what the sheet does not say stays as stored
        key = record_key("people", record)
        unsaid = [f for f in ("status", "status_since") if "status" not in said]
        if "predecessor" not in said and record["id"] not in successors:
            unsaid.append("predecessor")
        kept[key] = tuple(dict.fromkeys((*kept.get(key, ()), *unsaid)))
    people = [{**r, "predecessor": successors[r["id"]]} if r["id"] in successors else r
              for r in incoming.table("people")]
    records = {**incoming.records, "people": [*people, *gone]}
    return replace(incoming, records=records, columns={**incoming.columns, "people": columns},
                   defaulted=defaulted)


def _successors(incoming: Dataset, stored: Dataset, gone: list[dict[str, Any]]
                ) -> dict[str, str]:
    """Who took over from whom: a person new to the store who holds the title of someone
    who left, at the same organization and under the same superior (a successor named in
    a 前任 column is left as the sheet says). New person id → the one they succeed."""
    known = {r["id"] for r in stored.table("people")}
    fresh = [r for r in incoming.table("people")
             if r["id"] not in known and not r.get("predecessor") and r.get("title")]
    found: dict[str, str] = {}
    for left in gone:
        if not left.get("title"):
            continue
        fits = [r["id"] for r in fresh if r["id"] not in found and
                (r.get("org_id"), r.get("title"), r.get("reports_to")) ==
                (left.get("org_id"), left.get("title"), left.get("reports_to"))]
        if len(fits) == 1:
            found[fits[0]] = left["id"]
    return found


def plan(incoming: Dataset, stored: Dataset, *, sync: bool = False) -> Sequence[Change]:
    """What importing ``incoming`` into a store holding ``stored`` would change.

    Parameters
    ----------
    incoming
        Validated records; ``incoming.columns`` says which columns the files carried (an
        upsert writes those and leaves the others alone; extra columns are merged).
    stored
        What the store holds for at least the keys of ``incoming`` (and, with ``sync``, the
        stakeholder rows of the covered projects and the ties among the covered people).
    sync
        Also remove what the files cover but no longer list (module docs).

    Returns
    -------
    sequence of Change
        In table order: creations and updates as the files give them, then removals (for an
        empty store, :class:`Creations`).

    Examples
    --------
    >>> from graphcrm.records import Dataset
    >>> tie = {"source": "a", "target": "b", "type": "KNOWS", "strength": 3, "extra": {}}
    >>> stored = Dataset({"relationships": [tie], "people": []})
    >>> incoming = Dataset({"people": [], "relationships": []},
    ...                    columns={"people": ("id",), "relationships": ("source",)})
    >>> plan(incoming, stored)
    []
    >>> [str(c) for c in plan(Dataset({"people": [{"id": "a"}, {"id": "b"}],
    ...                                "relationships": []},
    ...                               columns={"people": ("id",)}), stored, sync=True)]
    ['people a: create', 'people b: create', 'relationships a — b KNOWS: remove']
    """
    if not any(stored.records.values()):  # an empty store: everything is new
        return Creations(incoming)
    held = {t: {record_key(t, r): r for r in stored.table(t)} for t in TABLE_ORDER}
    listed: dict[str, set[Key]] = {}
    changes: list[Change] = []
    for table, records in incoming:  # keys are unique: validation refuses duplicates
        key_columns = SCHEMA[table].key
        columns = [c for c in incoming.columns.get(table, SCHEMA[table].column_names)
                   if c not in key_columns and c != "extra"]
        current = held[table]
        keys = listed[table] = set()
        for record in records:
            key = record_key(table, record)
            keys.add(key)
            old = current.get(key)
            if old is None:
                changes.append(_creation(table, record, columns))
                continue
            fields = {c: (before, after) for c in columns
                      if (before := old.get(c)) != (after := record.get(c))}
            extra = record.get("extra") or {}
            if extra:
                kept = old.get("extra") or {}
                merged = {**kept, **extra}
                if merged != kept:
                    fields["extra"] = (kept, merged)
            if fields:
                changes.append(Change(table, UPDATE, key, fields))
    if sync:
        changes += _removals(incoming, held, listed)
    return labelled(changes, incoming, stored)


def labelled(changes: Sequence[Change], *datasets: Dataset) -> list[Change]:
    """The changes with labels naming people, organizations and projects by name."""
    names: dict[str, dict[str, str]] = {"people": {}, "organizations": {}, "projects": {}}
    for dataset in reversed(datasets):  # the first dataset's names win
        for table, known in names.items():
            known.update({r["id"]: r["name"] for r in dataset.table(table) if r.get("name")})
    people = names["people"]

    def person(pid: str) -> str:
        return people.get(pid, pid)

    labelled = []
    for change in changes:
        key = change.key
        if not key:  # the first import into an empty store, recorded as one change
            labelled.append(change)
            continue
        if change.table in names:
            label = names[change.table].get(key[0], key[0])
            label = label if label == key[0] else f"{label} ({key[0]})"
        elif change.table == "relationships":
            label = f"{person(key[0])} — {person(key[1])} {key[2]}"
        elif change.table == "stakeholders":
            label = f"{key[0]} {person(key[1])} {key[2]}"
        else:
            label = " ".join(filter(None, (key[0], person(key[1]), key[3])))
        labelled.append(Change(change.table, change.action, key, change.fields, label))
    return labelled


def _removals(incoming: Dataset, held: State, listed: dict[str, set[Key]]) -> list[Change]:
    projects, people = sync_scope(incoming)
    roles, ties = listed.get("stakeholders", set()), listed.get("relationships", set())
    gone = [(("stakeholders", *key), record) for key, record in held["stakeholders"].items()
            if record["project_id"] in projects and key not in roles]
    gone += [(("relationships", *key), record) for key, record in held["relationships"].items()
             if record["source"] in people and record["target"] in people
             and key not in ties]
    return [_removal(key[0], key[1:], record) for key, record in sorted(gone)]


def _removal(table: str, key: Key, record: Record) -> Change:
    return Change(table, REMOVE, key, {c: (record.get(c), None)
                                       for c in (*SCHEMA[table].column_names, "extra")})


def diff_states(before: State, after: State) -> list[Change]:
    """Every record created, updated (every column) or removed between two states."""
    changes: list[Change] = []
    for table in TABLE_ORDER:
        old, new = before.get(table, {}), after.get(table, {})
        columns = [*SCHEMA[table].column_names, "extra"]
        for key in sorted(set(old) | set(new)):
            if key not in old:
                changes.append(Change(table, CREATE, key, {c: (None, new[key].get(c))
                                                           for c in columns}))
            elif key not in new:
                changes.append(_removal(table, key, old[key]))
            else:
                fields = {c: (old[key].get(c), new[key].get(c)) for c in columns
                          if _value(old[key], c) != _value(new[key], c)}
                if fields:
                    changes.append(Change(table, UPDATE, key, fields))
    return changes


def _value(record: Record, column: str) -> Any:
    value = record.get(column)
    return (value or None) if column == "extra" else value


def revert(state: State, changes: Sequence[Change]) -> State:
    """The state before ``changes`` (in the order they were made) were applied to reach
    ``state``; ``state`` itself is left alone.

    Examples
    --------
    >>> after = {t: {} for t in TABLE_ORDER}
    >>> after["people"][("c1",)] = {"id": "c1", "name": "李主任", "org_id": "acme"}
    >>> rename = Change("people", UPDATE, ("c1",), {"name": ("王建国", "李主任")})
    >>> revert(after, [rename])["people"][("c1",)]["name"]
    '王建国'
    >>> revert(after, [Change("people", CREATE, ("c1",)), rename])["people"]
    {}
    """
    before = {t: dict(records) for t, records in state.items()}
    for change in reversed(changes):
        if change.action == FROM_EMPTY:
            before = {t: {} for t in before}
            continue
        records = before.setdefault(change.table, {})
        if change.action == CREATE:
            records.pop(change.key, None)
        elif change.action == UPDATE:
            if change.key in records:
                record = dict(records[change.key])
                for column, (old, _) in change.fields.items():
                    record[column] = old
                records[change.key] = record
        else:
            record = {c: old for c, (old, _) in change.fields.items()}
            record.update(zip(SCHEMA[change.table].key, change.key, strict=True))
            for column in SCHEMA[change.table].key:  # blank optional key parts: None
                if record[column] == "":
                    record[column] = None
            record.setdefault("extra", {})
            records[change.key] = record
    return before


def encode(changes: Sequence[Change]) -> tuple[str, list[str]]:
    """Changes as history keeps them: a JSON text, and the person ids they mention (sorted).
    A creation keeps only its key."""
    rows = []
    people: set[str] = set()
    for change in changes:
        fields = {} if change.action == CREATE else change.fields
        rows.append([change.table, change.action, list(change.key),
                     {c: list(v) for c, v in fields.items()}])
        people |= change.people()
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")), sorted(people)


def decode(text: str) -> list[Change]:
    """The changes :func:`encode` wrote."""
    return [Change(table, action, tuple(key), {c: (v[0], v[1]) for c, v in fields.items()})
            for table, action, key, fields in json.loads(text)]


def chunks(changes: Sequence[Change]) -> Iterator[tuple[str, list[str]]]:
    """History chunks of :data:`CHUNK` changes: (JSON text, person ids mentioned); the
    creations of an import into an empty store are one :data:`FROM_EMPTY` change."""
    if isinstance(changes, Creations):
        yield encode([Change("*", FROM_EMPTY, ())])
        return
    for start in range(0, len(changes), CHUNK):
        yield encode(changes[start:start + CHUNK])


def scrub(text: str, person: str) -> tuple[str, list[str]]:
    """A history chunk without the changes that mention ``person`` (for ``forget``): the
    JSON text and the person ids still mentioned."""
    return encode([c for c in decode(text) if person not in c.people()])


def removal(table: str, record: Record) -> Change:
    """The removal of a stored ``record`` (every column kept, so that it can come back)."""
    return _removal(table, record_key(table, record), record)


def people_of(dataset: Dataset) -> set[str]:
    """Every person id ``dataset`` names: its people, tie ends, stakeholders and the people
    of its interactions."""
    people = {r["id"] for r in dataset.table("people")}
    for tie in dataset.table("relationships"):
        people.update((tie["source"], tie["target"]))
    people.update(r["person_id"] for r in dataset.table("stakeholders"))
    for row in dataset.table("interactions"):
        people.add(row["person_id"])
        if row.get("our_person_id"):
            people.add(row["our_person_id"])
    return people
