"""Validate raw tables against the data contract and turn them into a :class:`Dataset`.

Every problem is collected before anything is decided: a missing table or column, a missing
value, a duplicate key, an unknown reference, a value out of range, an unknown word for a
vocabulary, a bad date, a tie from a person to themselves, a reporting or parent cycle. Each
is located by source, spreadsheet row number (header = row 1), column and value. If any
exists, :class:`~graphcrm.errors.ValidationFailed` carries them all and nothing is returned.

Cells are text; a blank cell is a missing value and nothing else is: ``NA``, ``None`` and
``null`` are names like any other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graphcrm.domain import TieType
from graphcrm.errors import Problem, ValidationFailed
from graphcrm.ingest.readers import RawTable
from graphcrm.records import SCHEMA, TABLE_ORDER, Column, Dataset, Record, TableSpec, record_key

__all__ = ["validate", "parse_date", "normalize_header"]

Parser = Callable[[str], Any]
_SINGULAR = {"organizations": "organization", "people": "person", "projects": "project"}


@dataclass
class _Located:
    source: str
    row: int
    record: Record
    ok: bool = True


class _Invalid:
    """Marks a cell that failed to parse, so later checks pass over it."""

    def __repr__(self) -> str:
        return "<invalid>"


_INVALID = _Invalid()


def normalize_header(name: str) -> str:
    """Fold a header cell to a contract column name: ``" Org ID"`` → ``"org_id"``."""
    return "_".join(name.strip().casefold().replace("-", " ").split())


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   # an optional time of day, as spreadsheets and ISO 8601 write it
                   r"(?:[T ]\s*(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?\s*"
                   r"(?:Z|[+-]\d{2}:?\d{2})?)?$")
#: Numbers beyond this are not amounts anybody bids for (and overflow a store's integers).
_LARGEST_NUMBER = 10**15


def parse_date(text: str) -> str:
    """Parse a date cell to ISO ``YYYY-MM-DD``.

    Accepts ISO 8601 dates and date-times, and the year-first forms spreadsheets write
    (``2026/3/1``, ``2026.03.01``, ``2026年3月1日``), each optionally followed by a time of
    day. Day-first and month-first forms are ambiguous and rejected, and so is anything
    else after the date: nothing is silently cut off.

    >>> parse_date("2026/3/1")
    '2026-03-01'
    >>> parse_date("2026-03-01T09:30:00+08:00")
    '2026-03-01'
    >>> parse_date("2026-03-01 garbage")
    Traceback (most recent call last):
    ...
    ValueError: not a date (expected YYYY-MM-DD)
    """
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError("not a date (expected YYYY-MM-DD)")
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError as err:
        raise ValueError(f"not a calendar date ({err})") from None


def _parse_int(column: Column) -> Parser:
    def parse(text: str) -> int:
        try:
            number = float(text)
            if not number.is_integer():
                raise ValueError
            value = int(number)
        except ValueError:
            if column.vocabulary is None:
                raise ValueError("not a whole number") from None
            return column.vocabulary.parse(text).number  # type: ignore[attr-defined]
        if (column.low is not None and value < column.low) or (
            column.high is not None and value > column.high
        ):
            raise ValueError(f"out of range (expected {column.low}–{column.high})")
        return value

    return parse


def _parse_number(text: str) -> int | float:
    cleaned = text.strip().lstrip("¥$€£").replace(",", "").replace("_", "").strip()
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError("not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    if abs(number) >= _LARGEST_NUMBER:
        raise ValueError(f"out of range (at most {_LARGEST_NUMBER:.0e})")
    return int(number) if number.is_integer() else number


def _parser(column: Column) -> Parser:
    if column.kind == "int":
        return _parse_int(column)
    if column.kind == "number":
        return _parse_number
    if column.kind == "date":
        return parse_date
    if column.kind == "vocabulary":
        assert column.vocabulary is not None
        vocabulary = column.vocabulary
        return lambda text: vocabulary.parse(text).value
    return str.strip


def validate(
    tables: Iterable[RawTable],
    known_ids: Mapping[str, set[str]] | None = None,
    warnings: Iterable[str] = (),
) -> Dataset:
    """Validate ``tables`` and return the records, or raise with every problem found.

    Parameters
    ----------
    tables
        Raw tables from :func:`graphcrm.ingest.readers.read_paths`; several tables of the same
        name (from several paths) are one table.
    known_ids
        Ids already in the store by table (``organizations``, ``people``, ``projects``): a
        reference to one of them is valid even when the input does not carry it.
    warnings
        Warnings from reading, passed on in the dataset.

    Returns
    -------
    Dataset
        The validated records, with each table's contract columns that the input carried.

    Raises
    ------
    ValidationFailed
        With one :class:`~graphcrm.errors.Problem` for every invalid spot.
    """
    problems: list[Problem] = []
    located: dict[str, list[_Located]] = {}
    columns: dict[str, set[str]] = {}
    tables = list(tables)
    present = {t.name for t in tables}
    unreadable: set[str] = set()  # references into these would only repeat their problem
    held = {name for name, ids in (known_ids or {}).items() if ids}  # the store has them
    for spec in SCHEMA.values():
        if spec.required and spec.name not in present and spec.name not in held:
            problems.append(
                Problem("input", spec.name, None, None, None,
                        f"required table {spec.name} is missing (a file {spec.name}.csv or "
                        f"a sheet named {spec.name})")
            )
            unreadable.add(spec.name)
    for table in tables:
        spec = SCHEMA[table.name]
        parsed = _parse_table(table, spec, problems)
        if parsed is None:
            unreadable.add(table.name)
            continue
        rows, carried = parsed
        located.setdefault(table.name, []).extend(rows)
        columns.setdefault(table.name, set()).update(carried)
    for name in TABLE_ORDER:
        _check_duplicates(name, located.get(name, []), problems)
    _check_references(located, known_ids or {}, unreadable, problems)
    for table, column in (("people", "reports_to"), ("organizations", "parent_id")):
        _check_cycles(table, column, located.get(table, []), problems)
    if problems:
        problems.sort(key=lambda p: (p.source, p.row or 0))
        raise ValidationFailed(problems)
    assert all(row.ok for rows in located.values() for row in rows)
    for row in located.get("relationships", []):
        _order_knows(row.record)
    return Dataset(
        records={name: [r.record for r in rows] for name, rows in located.items()},
        columns={
            name: tuple(c for c in SCHEMA[name].column_names if c in carried)
            for name, carried in columns.items()
        },
        warnings=list(warnings),
    )


def _parse_table(
    table: RawTable, spec: TableSpec, problems: list[Problem]
) -> tuple[list[_Located], set[str]] | None:
    """Parse every row; ``None`` when the header makes the table unreadable."""
    fields: list[tuple[int, Column, Parser]] = []
    extras: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(table.header):
        if not cell.strip():
            continue
        name = normalize_header(cell)
        if name in seen:
            problems.append(
                Problem(table.source, spec.name, 1, cell.strip(), None, "column appears twice")
            )
            continue
        seen[name] = index
        if name in spec.column_names:
            column = spec.column(name)
            fields.append((index, column, _parser(column)))
        else:
            extras.append((index, cell.strip()))
    missing = [c.name for c in spec.columns if c.required and c.name not in seen]
    for name in missing:
        problems.append(
            Problem(table.source, spec.name, 1, name, None, "required column is missing")
        )
    if missing:
        return None
    defaults = [c for c in spec.columns if c.name not in seen and c.default is not None]
    carried = {c.name for _, c, _ in fields} | {c.name for c in defaults}
    rows: list[_Located] = []
    for number, cells in table.rows:
        record: Record = {c.name: c.default.value for c in defaults}
        ok = True
        for index, column, parse in fields:
            text = cells[index].strip() if index < len(cells) else ""
            if not text:
                if column.required:
                    problems.append(
                        Problem(table.source, spec.name, number, column.name, "", "missing value")
                    )
                    ok = False
                record[column.name] = column.default.value if column.default else None
                continue
            try:
                record[column.name] = parse(text)
            except ValueError as err:
                problems.append(
                    Problem(table.source, spec.name, number, column.name, text, str(err))
                )
                record[column.name] = _INVALID
                ok = False
        record["extra"] = {
            name: cells[index].strip()
            for index, name in extras
            if index < len(cells) and cells[index].strip()
        }
        if ok and spec.name == "relationships":
            ok = _check_tie(table.source, number, record, problems)
        rows.append(_Located(table.source, number, record, ok))
    return rows, carried


def _check_tie(source: str, number: int, record: Record, problems: list[Problem]) -> bool:
    if record["source"] == record["target"]:
        problems.append(
            Problem(source, "relationships", number, "target", record["target"],
                    "a tie from a person to themselves")
        )
        return False
    if record["type"] == TieType.KNOWS.value and record.get("strength") is None:
        problems.append(
            Problem(source, "relationships", number, "strength", "",
                    "required for KNOWS (1–5)")
        )
        return False
    return True


def _order_knows(record: Record) -> None:
    """A KNOWS tie is mutual: store it once, its two ends in order."""
    if record["type"] == TieType.KNOWS.value and record["target"] < record["source"]:
        record["source"], record["target"] = record["target"], record["source"]


def _check_duplicates(table: str, rows: list[_Located], problems: list[Problem]) -> None:
    first: dict[tuple[str, ...], _Located] = {}
    key_columns = SCHEMA[table].key
    for row in rows:
        if any(row.record.get(c) is _INVALID for c in key_columns):
            continue
        key = record_key(table, row.record)
        if key in first:
            earlier = first[key]
            where = f"row {earlier.row}" + (
                "" if earlier.source == row.source else f" of {earlier.source}"
            )
            what = "id" if key_columns == ("id",) else "row for " + "/".join(key_columns)
            problems.append(
                Problem(row.source, table, row.row, key_columns[0], "/".join(k for k in key if k),
                        f"duplicate {what} (first at {where})")
            )
        else:
            first[key] = row


def _check_references(
    located: dict[str, list[_Located]],
    known_ids: Mapping[str, set[str]],
    unreadable: set[str],
    problems: list[Problem],
) -> None:
    ids = {
        name: {str(r.record["id"]) for r in located.get(name, [])} | set(known_ids.get(name, ()))
        for name in ("organizations", "people", "projects")
    }
    for name in TABLE_ORDER:
        references = [
            c for c in SCHEMA[name].columns if c.references and c.references not in unreadable
        ]
        for row in located.get(name, []):
            for column in references:
                value = row.record.get(column.name)
                if isinstance(value, str) and value not in ids[column.references or ""]:
                    problems.append(
                        Problem(row.source, name, row.row, column.name, value,
                                f"unknown {_SINGULAR[column.references or '']} "
                                f"(no such id in {column.references})")
                    )


def _check_cycles(table: str, column: str, rows: list[_Located], problems: list[Problem]) -> None:
    parent = {
        r.record["id"]: r.record.get(column)
        for r in rows
        if isinstance(r.record.get(column), str) or r.record.get(column) is None
    }
    where = {r.record["id"]: r for r in rows}
    done: set[str] = set()
    for start in parent:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in parent and node not in done and node not in chain:
            chain.append(node)
            node = parent[node]
        if node is not None and node in chain:
            cycle = chain[chain.index(node):]
            row = where[cycle[0]]
            loop = " → ".join([*cycle, cycle[0]])
            problems.append(
                Problem(row.source, table, row.row, column, row.record[column],
                        f"{column} forms a cycle: {loop}")
            )
        done.update(chain)
