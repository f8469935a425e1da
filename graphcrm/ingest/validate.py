"""Validate raw tables against the data contract and turn them into a :class:`Dataset`.

Every problem is collected before anything is decided: a missing table or column, a missing
value, a duplicate key, an unknown reference, a value out of range, an unknown word for a
vocabulary, a bad date, a tie from a person to themselves, a reporting or parent cycle. Each
is located by source, spreadsheet row number (header = row 1), column and value. If any
exists, :class:`~graphcrm.errors.ValidationFailed` carries them all and nothing is returned.

Cells are text; a blank cell is a missing value and nothing else is: ``NA``, ``None`` and
``null`` are names like any other.

Headers are matched as :mod:`graphcrm.ingest.headers` says. Where a file has no ids, the
people, organizations and projects it names are referred to by exact name: a reference that
is no id but the name of exactly one person (organization, project) in the input or the
store becomes that id; a name shared by several is a row error listing them. Organizations,
people and projects without an ``id`` column get a stable id derived from their name (and
organization, or customer), so re-importing the same sheet matches them again.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graphcrm.domain import Stance, TieType, normalize_token
from graphcrm.errors import Problem, ValidationFailed
from graphcrm.ingest.headers import (
    FIRST_NAME,
    LAST_NAME,
    ROW_NUMBER,
    UNITS,
    Headers,
    fold,
    header_unit,
)
from graphcrm.ingest.readers import RawTable
from graphcrm.lookup import QUALIFIED, by_title
from graphcrm.records import SCHEMA, TABLE_ORDER, Column, Dataset, Record, TableSpec, record_key
from graphcrm.words import Field, ReadAs, Said, VocabularyRefused

__all__ = ["validate", "parse_date", "parse_day", "refusal", "derived_id"]

Parser = Callable[[str], Any]
_SINGULAR = {"organizations": "organization", "people": "person", "projects": "project"}
#: Columns a sheet may carry twice (Phone and Mobile): the second is kept as an extra column.
_SECOND_KEPT_AS_EXTRA = {"phone", "email", "notes"}
#: Tables whose rows may come without an id (then derived from these columns).
_DERIVED = {"organizations": ("o", ("name",)), "people": ("p", ("name", "org_id")),
            "projects": ("prj", ("name", "customer_id"))}
#: ``table → name → ids``: who is called what (in the store, or in the input).
Names = Mapping[str, Mapping[str, Iterable[str]]]
#: ``(table, ids) → id → stored parent``: superiors (people) or parent organizations.
Parents = Callable[[str, Collection[str]], Mapping[str, str | None]]


def derived_id(table: str, record: Record) -> str:
    """The stable id of a row that came without one: a prefix and a hash of its name (and
    organization or customer).

    >>> derived_id("people", {"name": "王建国", "org_id": "dfny"})
    'p-bbb7698e28'
    """
    prefix, parts = _DERIVED[table]
    text = "\x1f".join(str(record.get(p) or "") for p in parts)
    return f"{prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}"


@dataclass
class _Located:
    source: str
    row: int
    record: Record
    ok: bool = True
    spelled: Mapping[str, str] | None = None  # contract column → header as the file has it
    #: columns whose value its file did not give: a column the file lacks (filled with its
    #: default) or, unless blanks clear, a blank cell
    preset: tuple[str, ...] = ()

    def column(self, name: str) -> str:
        return (self.spelled or {}).get(name, name)


class _Invalid:
    """Marks a cell that failed to parse, so later checks pass over it."""

    def __repr__(self) -> str:
        return "<invalid>"


_INVALID = _Invalid()


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   # an optional time of day, as spreadsheets and ISO 8601 write it
                   r"(?:[T ]\s*(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?\s*"
                   r"(?:Z|[+-]\d{2}:?\d{2})?)?$")
#: The numbering of a section row: 一、 （二） 第三部分 3. 四．
_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．:：]"
                      r"|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]"
                      r"|第\s*[一二三四五六七八九十\d]+\s*(?:部分|节|章|组)|\d{1,2}\s*[、．])\s*")
#: A stance that leans to a competitor: 倾向南方智控, 倾向于XX, leans to XX, favours XX.
_LEANING = re.compile(r"^\s*(?:倾向(?:于)?|偏向|leans?\s+(?:to(?:wards)?\s+)?|favou?rs\s+)"
                      r"\s*(.+?)\s*$", re.I)
#: The project of a roles sheet without a project column: the workbook's (or store's) only one.
_ONLY_PROJECT = "\x00the only project"
#: A date people remember to the month or the year: 2026年11月, 2026-11, 2026.11, 1998年, 1998.
_PARTIAL_DATE = re.compile(r"^((?:19|20)\d{2})\s*(?:年|(?=$))\s*(?:(\d{1,2})\s*月?)?$|"
                           r"^((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})$")
#: Numbers beyond this are not amounts anybody bids for (and overflow a store's integers).
_LARGEST_NUMBER = 10**15


@functools.lru_cache(maxsize=65536)  # a file repeats its dates: parse each once
def parse_date(text: str) -> str:
    """Parse a date cell to ISO text, keeping its precision: ``YYYY-MM-DD``, or ``YYYY-MM``
    and ``YYYY`` for a date people remember only to the month or the year.

    Accepts ISO 8601 dates and date-times, and the year-first forms spreadsheets write
    (``2026/3/1``, ``2026.03.01``, ``2026年3月1日``), each optionally followed by a time of
    day; and months and years (``2026年11月``, ``2026-11``, ``2026.11``, ``1998年``,
    ``1998``). Day-first and month-first forms are ambiguous and rejected, and so is
    anything else after the date: nothing is silently cut off.

    >>> parse_date("2026/3/1"), parse_date("2026年11月"), parse_date("1998年")
    ('2026-03-01', '2026-11', '1998')
    >>> parse_date("2026-03-01T09:30:00+08:00")
    '2026-03-01'
    >>> parse_date("2026-03-01 garbage")
    Traceback (most recent call last):
    ...
    ValueError: not a date (expected YYYY-MM-DD, or a month YYYY-MM, or a year YYYY)
    """
    value = text.strip()
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
        try:  # the common case, in C
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass  # left to the full check below, which says why
    match = _DATE.match(value)
    if not match:
        partial = _PARTIAL_DATE.match(value)
        if partial:
            year, month = partial.group(1) or partial.group(3), partial.group(2) or \
                partial.group(4)
            if month is None:
                return year
            if 1 <= int(month) <= 12:
                return f"{year}-{int(month):02d}"
        raise ValueError(Said("problem.date"))
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        raise ValueError(Said("problem.calendar_date")) from None


def _reason(column: Column, err: ValueError) -> str:
    """Why a cell was refused, as a :class:`~graphcrm.words.Said` the reader's language can
    say: an unknown word lists the accepted ones in that language."""
    text = str(err)
    if column.vocabulary is not None and text.startswith("unknown "):  # a level too (1–4)
        return VocabularyRefused(column.vocabulary, text)
    return refusal(err)


def refusal(err: ValueError) -> str:
    """Why a parser of this module refused a text: the sentence of the catalogue it raised
    (:class:`~graphcrm.words.Said`), else the error's text.

    >>> try:
    ...     parse_day("2026年11月")
    ... except ValueError as err:
    ...     print(refusal(err).in_lang("zh"))
    需要具体到日（如 2026-11-20），不能只有年月
    """
    said = err.args[0] if err.args else None
    return said if isinstance(said, Said) else str(err)


def parse_day(text: str) -> dt.date:
    """A whole day from any date form :func:`parse_date` takes (``--as-of``, ``--since``):
    a month or a year is not enough.

    >>> parse_day("2026年11月20日")
    datetime.date(2026, 11, 20)
    >>> parse_day("2026年11月")
    Traceback (most recent call last):
    ...
    ValueError: a day is needed (2026-11-20), not a month or a year
    """
    found = parse_date(text)
    if len(found) != 10:
        raise ValueError(Said("problem.day_needed"))
    return dt.date.fromisoformat(found)


def _parse_int(column: Column) -> Parser:
    def parse(text: str) -> int:
        try:
            number = float(text)
            if not number.is_integer():
                raise ValueError
            value = int(number)
        except ValueError:
            if column.name == "strength" and normalize_token(text) in _STRENGTH_WORDS:
                return _STRENGTH_WORDS[normalize_token(text)]
            if column.vocabulary is None:
                raise ValueError(Said("problem.whole_number")) from None
            return column.vocabulary.parse(text).number  # type: ignore[attr-defined]
        if (column.low is not None and value < column.low) or (
            column.high is not None and value > column.high
        ):
            raise ValueError(Said("problem.range", low=column.low, high=column.high))
        return value

    return parse


#: 亲密度 in words, as Chinese teams rate a tie (strength 1–5).
_STRENGTH_WORDS = {"见过": 1, "认识": 2, "能约到": 3, "能说上话": 4, "铁关系": 5}


def _parse_number(text: str, unit: int = 1) -> int | float:
    """An amount: digits with separators and a currency sign, and a unit (万元, 亿元, 元)
    after it or in the header (``unit``); stored in yuan.

    >>> _parse_number("4,800万元"), _parse_number("4800", 10_000), _parse_number("1.2亿")
    (48000000, 48000000, 120000000)
    """
    cleaned = text.strip().lstrip("¥$€£￥").replace(",", "").replace("，", "").replace(
        "_", "").strip()
    for word in sorted(UNITS, key=len, reverse=True):
        if cleaned.endswith(word) and cleaned != word:
            cleaned, unit = cleaned[:-len(word)].strip(), UNITS[word]
            break
    try:
        number = round(float(cleaned) * unit, 2)
    except ValueError:
        raise ValueError(Said("problem.number")) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(Said("problem.finite_number"))
    if abs(number) >= _LARGEST_NUMBER:
        raise ValueError(Said("problem.too_large"))
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
        # a column holds a few distinct words 500,000 times: each spelling is folded once
        return functools.lru_cache(maxsize=1024)(lambda text: vocabulary.parse(text).value)
    return str.strip


def validate(
    tables: Iterable[RawTable],
    known_ids: Mapping[str, set[str]] | None = None,
    warnings: Iterable[str] = (),
    *,
    headers: Headers | None = None,
    known_names: Names | None = None,
    known_people: Mapping[str, tuple[str, str]] | None = None,
    allow_reassign: bool = False,
    known_parents: Parents | None = None,
    clear_blanks: bool = False,
    defer_references: bool = False,
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
    headers
        How headers are matched (built-in synonyms, and the user's mapping).
    known_names
        Names of the organizations, people and projects in the store
        (``table → name → ids``), so that a file may refer to them by name.
    known_people
        ``id → (name, org_id)`` of the people in the store. A row that gives a stored id
        another name *and* another organization is refused (almost always a different
        person reusing the id) unless ``allow_reassign``; a new name at the same
        organization is a warning.

    known_parents
        ``known_parents(table, ids)``: the stored superior (``people``) or parent
        organization (``organizations``) of each of ``ids``, so that a reporting line or a
        parent that closes a cycle through what earlier imports stored is refused too.
    clear_blanks
        A blank cell erases the stored value. By default it leaves it (a colleague's older
        copy of a sheet, with cells not yet filled in, erases nothing): the record's
        ``Dataset.defaulted`` names the column, and the store settles it.
    defer_references
        A reference to an id neither the files nor ``known_ids`` hold is not refused here but
        left pending (``Dataset.pending``), for the store to check under its import lock: a
        colleague's import may add that person meanwhile. (When anything else is wrong, the
        pending references are listed with it.)

    Returns
    -------
    Dataset
        The validated records, with each table's contract columns that the input carried.

    Raises
    ------
    ValidationFailed
        With one :class:`~graphcrm.errors.Problem` for every invalid spot.
    """
    headers = headers or Headers()
    warnings = list(warnings)
    understood: list[str] = []
    problems: list[Problem] = []
    located: dict[str, list[_Located]] = {}
    columns: dict[str, set[str]] = {}
    tables = list(tables)
    unread = [t for t in tables if not t.name]
    tables = [t for t in tables if t.name]
    present = {t.name for t in tables}
    unreadable: set[str] = set()  # references into these would only repeat their problem
    held = {name for name, ids in (known_ids or {}).items() if ids}  # the store has them
    for spec in SCHEMA.values():
        if spec.required and spec.name not in present and spec.name not in held:
            problems.append(
                Problem("input", spec.name, None, None, None,
                        Said("problem.table_missing", table=spec.name))
            )
            unreadable.add(spec.name)
    for table in tables:
        spec = SCHEMA[table.name]
        parsed = _parse_table(table, spec, problems, headers, clear_blanks)
        if parsed is None:
            unreadable.add(table.name)
            continue
        rows, carried = parsed
        if not table.generated:
            understood.append(_understood(table, headers))
        located.setdefault(table.name, []).extend(rows)
        columns.setdefault(table.name, set()).update(carried)
    _resolve_names(located, known_ids or {}, known_names or {}, problems)
    _refuse_unread(unread, located.get("people", []), known_names or {}, problems)
    for name in TABLE_ORDER:
        _check_duplicates(name, located.get(name, []), problems)
    pending: list[tuple[str, str, Problem]] = []
    _check_references(located, known_ids or {}, unreadable, problems,
                      pending if defer_references else None)
    _check_reassigned(located.get("people", []), known_people or {}, allow_reassign, problems,
                      warnings)
    for kind, column in (("people", "reports_to"), ("organizations", "parent_id")):
        _check_cycles(kind, column, located.get(kind, []), problems, known_parents)
    if problems:
        problems += [problem for _, _, problem in pending]
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
        understood=understood,
        defaulted={name: {record_key(name, r.record): r.preset for r in rows if r.preset}
                   for name, rows in located.items() if any(r.preset for r in rows)},
        pending=pending,
    )


def _parse_table(
    table: RawTable, spec: TableSpec, problems: list[Problem], headers: Headers,
    clear_blanks: bool = False,
) -> tuple[list[_Located], set[str]] | None:
    """Parse every row; ``None`` when the header makes the table unreadable. A blank cell
    is a value the file did not give (the stored one stays) unless ``clear_blanks``."""
    fields: list[tuple[int, Column, Parser]] = []
    parts: dict[str, int] = {}  # a CRM export's first and last name
    extras: list[tuple[int, str]] = []
    seen: dict[str, tuple[int, str]] = {}
    spelled: dict[str, str] = {}
    head = table.header_row
    for index, cell in enumerate(table.header):
        if not cell.strip():
            continue
        name = headers.column(spec.name, cell)
        if name == ROW_NUMBER:  # 序号: a row's number in the sheet, never data
            continue
        if name in (FIRST_NAME, LAST_NAME):
            parts.setdefault(name, index)
            continue
        if name is not None and name in seen:
            if name not in _SECOND_KEPT_AS_EXTRA:
                earlier = seen[name][1].strip()
                reason = ("column appears twice" if fold(earlier) == fold(cell) else
                          f"means {name}, as {earlier!r} does (keep one, or map one to "
                          "another column with --mapping)")
                problems.append(Problem(table.source, spec.name, head, cell.strip(), None,
                                        reason))
                continue
            name = None  # a second phone, e-mail or notes column (Mobile beside Phone)
        if name is None:
            extras.append((index, cell.strip()))
            continue
        seen[name] = (index, cell)
        spelled[name] = cell.strip()
        column = spec.column(name)
        parser = _parser(column)
        if column.kind == "number" and header_unit(cell) != 1:  # 预算（万元）
            parser = functools.partial(_parse_number, unit=header_unit(cell))
        fields.append((index, column, parser))
    if "name" not in seen and parts:
        spelled["name"] = " + ".join(table.header[i].strip() for i in parts.values())
    derive = spec.name in _DERIVED and "id" not in seen and ("name" in seen or parts)
    one_project = spec.name == "stakeholders" and "project_id" not in seen  # filled later
    missing = [c.name for c in spec.columns if c.required and c.name not in seen
               and not (c.name == "name" and parts) and not (c.name == "id" and derive)
               and not (c.name == "project_id" and one_project)]
    for name in missing:
        problems.append(
            Problem(table.source, spec.name, head, name, None, Said("problem.no_column"))
        )
    if missing:
        return None
    defaults = [c for c in spec.columns if c.name not in seen and c.default is not None]
    carried = {c.name for _, c, _ in fields} | {c.name for c in defaults}
    if parts:
        carried.add("name")
    if derive:
        carried.add("id")
    rows: list[_Located] = []
    preset = {c.name: c.default.value for c in defaults}
    if one_project:
        carried.add("project_id")
        preset["project_id"] = _ONLY_PROJECT
    leans = spec.name == "stakeholders" and "stance" in seen and "leaning" not in seen
    if leans:
        carried.add("leaning")  # told by the stance cell: 倾向XX sets it, 支持 clears it
    blank = {c.name: c.default.value if c.default else None for _, c, _ in fields}
    keys = {index for index, column, _ in fields if column.required}
    section: str | None = None
    grouped = spec.name == "people" and not table.generated
    if grouped and any(_SECTION.match(c[0].strip() if c else "") for _, c in table.rows):
        carried.add("department")
    for number, cells in table.rows:
        filled = [(i, c.strip()) for i, c in enumerate(cells) if c.strip()]
        if len(filled) == 1 and not table.generated and (
                filled[0][0] not in keys or _SECTION.match(filled[0][1])):
            section = _SECTION.sub("", filled[0][1]).strip() or filled[0][1]
            continue  # 一、公司领导: a section row, never a record; it groups the rows below
        record: Record = dict(preset)
        ok = True
        given = list(preset)
        for index, column, parse in fields:
            text = cells[index].strip() if index < len(cells) else ""
            if not text:
                if column.required:
                    problems.append(Problem(table.source, spec.name, number,
                                            spelled[column.name], "", Said("problem.missing")))
                    ok = False
                elif not clear_blanks and not table.generated:
                    given.append(column.name)
                record[column.name] = blank[column.name]
                continue
            leaning = _LEANING.match(text) if column.name == "stance" else None
            if leaning:  # 倾向南方智控: leans to a competitor — opposition, and to whom
                record["stance"], record["leaning"] = Stance.OPPONENT.value, leaning.group(1)
                continue
            if leans and column.name == "stance":
                record["leaning"] = None
            try:
                record[column.name] = parse(text)
            except ValueError as err:
                problems.append(Problem(table.source, spec.name, number, spelled[column.name],
                                        text, _reason(column, err)))
                record[column.name] = _INVALID
                ok = False
        if leans and "leaning" not in record:  # a blank stance: the stored leaning stays
            record["leaning"] = None
            if not clear_blanks and not table.generated:
                given.append("leaning")
        if parts and not record.get("name"):
            ok = _join_name(table.source, spec.name, number, cells, parts, spelled, record,
                            problems) and ok
        record["extra"] = {
            name: cells[index].strip()
            for index, name in extras
            if index < len(cells) and cells[index].strip()
        }
        if grouped and section and not record.get("department"):
            record["department"] = section  # the section row above: the department
            given = [g for g in given if g != "department"]
        if ok and spec.name == "relationships":
            ok = _check_tie(table.source, number, record, problems)
        rows.append(_Located(table.source, number, record, ok, spelled, tuple(given)))
    return rows, carried


def _refuse_unread(unread: list[RawTable], people: list[_Located], known_names: Names,
                   problems: list[Problem]) -> None:
    """A sheet graphcrm could not read that names people of the import or the store is a
    problem, not a warning: its ties or roles would be lost without a word."""
    names = {r.record["name"] for r in people if isinstance(r.record.get("name"), str)}
    names |= set(known_names.get("people", {}))
    for table in unread:
        found = sorted({c.strip() for _, cells in table.rows for c in cells} & names)
        if len(found) >= 2:
            columns = ", ".join(c.strip() for c in table.header if c.strip())
            problems.append(Problem(
                table.source, "?", None, None, None,
                Said("problem.sheet_unread",
                     names=", ".join(found[:4]) + (" …" if len(found) > 4 else ""),
                     columns=columns,
                     first=table.header[0].strip() if table.header else "人员A")))


def _understood(table: RawTable, headers: Headers) -> str:
    """How a file's headers were read (:class:`~graphcrm.words.ReadAs`: ``people.csv as
    people (header row 1): 姓名 → name, WeChat → extra``, in the reader's language)."""
    joined = {FIRST_NAME: "name", LAST_NAME: "name"}  # a CRM export's name parts
    pairs = tuple((cell.strip(), joined.get(column, column) if column else None)
                  for cell in table.header if cell.strip()
                  for column in [headers.column(table.name, cell)])
    return ReadAs(table.source, table.name, table.header_row, pairs)


def _join_name(source: str, table: str, number: int, cells: list[str], parts: dict[str, int],
               spelled: dict[str, str], record: Record, problems: list[Problem]) -> bool:
    """First and last name into one: ``王`` + ``建国`` → ``王建国`` (Chinese, family name
    first), ``Ana`` + ``Lima`` → ``Ana Lima``."""
    def cell(name: str) -> str:
        index = parts.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    first, last = cell(FIRST_NAME), cell(LAST_NAME)
    if not first and not last:
        problems.append(Problem(source, table, number, spelled["name"], "",
                                Said("problem.missing")))
        return False
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in first + last)
    record["name"] = (last + first) if chinese else " ".join(p for p in (first, last) if p)
    return True


def _check_tie(source: str, number: int, record: Record, problems: list[Problem]) -> bool:
    if record["source"] == record["target"]:
        problems.append(
            Problem(source, "relationships", number, "target", record["target"],
                    Said("problem.self_tie"))
        )
        return False
    if record["type"] == TieType.KNOWS.value and record.get("strength") is None:
        problems.append(
            Problem(source, "relationships", number, "strength", "",
                    Said("problem.strength_required"))
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
            same = earlier.source == row.source
            problems.append(
                Problem(row.source, table, row.row, key_columns[0], "/".join(k for k in key if k),
                        Said(("problem.duplicate_id" if key_columns == ("id",) else
                              "problem.duplicate_row") + ("" if same else "_elsewhere"),
                             columns="/".join(key_columns), row=earlier.row,
                             source=earlier.source))
            )
        else:
            first[key] = row


def _resolve_names(located: dict[str, list[_Located]], known_ids: Mapping[str, set[str]],
                   known_names: Names, problems: list[Problem]) -> None:
    """Give rows without an id their derived id, and turn references that are names into
    ids, in dependency order (an organization's id before its people's)."""
    ids = {name: {r.record["id"] for r in located.get(name, [])
                  if isinstance(r.record.get("id"), str)}
           | set(known_ids.get(name, ())) for name in _SINGULAR}
    names: dict[str, dict[str, set[str]]] = {
        name: {k: set(v) for k, v in known_names.get(name, {}).items()} for name in _SINGULAR}
    org_names = {i: n for n, found in names["organizations"].items() for i in found}
    about: dict[str, list[str]] = {}  # how people are told apart: organization, department…
    called: dict[str, dict[str, Any]] = {}  # the import's people, by name and title (刘总)
    for table in TABLE_ORDER:
        rows = located.get(table, [])
        references = [c for c in SCHEMA[table].columns if c.references]
        if table == "stakeholders":
            _only_project(rows, located.get("projects", []), ids["projects"], problems)
        for column in references:  # other tables first: a person's id needs their org's
            target = column.references
            if target is not None and target != table:
                for row in _unresolved(rows, column.name, ids[target]):
                    _resolve(row, table, column.name, target, ids, names, problems, about,
                             called)
        if table in _DERIVED:
            for row in rows:
                if "id" not in row.record or row.record["id"] is None:
                    row.record["id"] = derived_id(table, row.record) if row.ok else _INVALID
                if isinstance(row.record["id"], str):
                    ids[table].add(row.record["id"])
                if isinstance(row.record.get("name"), str):
                    names[table].setdefault(row.record["name"], set()).add(
                        str(row.record.get("id")))
                if table == "organizations" and isinstance(row.record.get("name"), str):
                    org_names[str(row.record["id"])] = row.record["name"]
                if table == "people" and isinstance(row.record["id"], str):
                    org = str(row.record.get("org_id") or "")
                    about[row.record["id"]] = [str(v) for v in (
                        org_names.get(org, org), row.record.get("department"),
                        row.record.get("title")) if v]
                    called[row.record["id"]] = {"name": row.record.get("name"),
                                                "title": row.record.get("title")}
        for column in references:  # then superiors and parents, named in the same table
            if column.references == table:
                for row in _unresolved(rows, column.name, ids[table]):
                    _resolve(row, table, column.name, table, ids, names, problems, about,
                             called)


def _only_project(rows: list[_Located], projects: list[_Located], known: set[str],
                  problems: list[Problem]) -> None:
    """Give the roles of a sheet without a project column the one project there is: the
    workbook's, else the store's; refuse them when there are several."""
    waiting = [r for r in rows if r.record.get("project_id") == _ONLY_PROJECT]
    if not waiting:
        return
    mine = {r.record["id"] for r in projects if isinstance(r.record.get("id"), str)}
    choice = mine or known
    if len(choice) == 1:
        only = next(iter(choice))
        for row in waiting:
            row.record["project_id"] = only
        return
    first = waiting[0]
    problems.append(Problem(first.source, "stakeholders", None, "project_id", None,
                            Said("problem.no_project_column", n=len(choice),
                                 projects=", ".join(sorted(choice)[:5]))))
    for row in waiting:
        row.record["project_id"] = _INVALID
        row.ok = False


def _unresolved(rows: list[_Located], column: str, ids: set[str]) -> list[_Located]:
    """The rows whose ``column`` holds text that is no known id (usually none: then the
    rows are not walked one by one)."""
    values = {row.record.get(column) for row in rows}
    values.discard(None)
    if values <= ids:
        return []
    strange = values - ids
    return [row for row in rows if row.record.get(column) in strange]




def _resolve(row: _Located, table: str, column: str, target: str, ids: dict[str, set[str]],
             names: dict[str, dict[str, set[str]]], problems: list[Problem],
             about: Mapping[str, list[str]] | None = None,
             called: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Turn the name in ``column`` into an id. A person may be written with what tells
    namesakes apart — their organization, department or title, or a unique part of one:
    ``张伟（调控中心）``, ``张伟@信通`` — or as colleagues call them, by surname and title
    (``刘总``, ``王处``) when exactly one of the import's people (``called``) fits. A name
    several people share is refused with the candidates described by organization,
    department and title, never by internal ids."""
    value = row.record.get(column)
    if not isinstance(value, str) or value in ids[target]:
        return
    about = about or {}
    candidates = sorted(names[target].get(value, ()))
    qualified = QUALIFIED.match(value) if not candidates else None
    if qualified:
        base, hint = qualified.group(1), qualified.group(2) or qualified.group(3)
        named = sorted(names[target].get(base, ()))
        candidates = [c for c in named if any(hint in fact for fact in about.get(c, ()))] \
            or named
        if len(candidates) > 1 and len(named) > 1:
            value = base
    nickname = False
    if not candidates and not qualified and target == "people" and called:
        candidates = by_title(called, value)  # 刘总: the one 刘 whose title says 总
        nickname = len(candidates) > 1
    if len(candidates) == 1:
        row.record[column] = candidates[0]
    elif len(candidates) > 1:
        described = "; ".join("、".join(about.get(c) or [c]) for c in candidates[:8])
        problems.append(Problem(row.source, table, row.row, row.column(column), value,
                                Said("problem.nickname", n=len(candidates), name=value,
                                     described=described) if nickname else
                                Said("problem.namesakes", n=len(candidates), name=value,
                                     described=described)
                                if target == "people" else
                                Said("problem.same_name", n=len(candidates), table=target,
                                     ids=", ".join(candidates[:8]))))
        row.record[column] = _INVALID
        row.ok = False


def _check_references(
    located: dict[str, list[_Located]],
    known_ids: Mapping[str, set[str]],
    unreadable: set[str],
    problems: list[Problem],
    pending: list[tuple[str, str, Problem]] | None = None,
) -> None:
    """A problem for each reference to an id nobody holds; with ``pending``, such references
    go there instead (``(table referred to, id, problem)``), for the store to check."""
    ids = {
        name: {r.record["id"] for r in located.get(name, [])
               if isinstance(r.record.get("id"), str)}
        | set(known_ids.get(name, ()))
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
                    problem = Problem(row.source, name, row.row, row.column(column.name), value,
                                      Said(f"problem.unknown_ref.{column.references}"))
                    if pending is None:
                        problems.append(problem)
                    else:
                        pending.append((column.references or "", value, problem))


def _check_reassigned(rows: list[_Located], known: Mapping[str, tuple[str, str]],
                      allow: bool, problems: list[Problem], warnings: list[str]) -> None:
    for row in rows:
        person = row.record.get("id")
        if not isinstance(person, str) or person not in known or not row.ok:
            continue
        name, org = known[person]
        new_name, new_org = row.record.get("name"), row.record.get("org_id")
        if new_name == name or new_name is None:
            continue
        if new_org != org and not allow:
            problems.append(Problem(
                row.source, "people", row.row, row.column("id"), person,
                Said("problem.id_reused", person=person, name=name, org=org,
                     new_name=new_name, new_org=new_org)))
        else:
            warnings.append(Said("warn.renamed", source=row.source, row=row.row,
                                 person=person, old=name, new=new_name))


def _check_cycles(table: str, column: str, rows: list[_Located], problems: list[Problem],
                  known_parents: Parents | None = None) -> None:
    """A problem for each cycle the rows' ``column`` closes, through other rows or, with
    ``known_parents``, through what the store holds for the people (organizations) the
    rows' chains reach."""
    parent = {
        r.record["id"]: r.record.get(column)
        for r in rows
        if isinstance(r.record.get(column), str) or r.record.get(column) is None
    }
    where = {r.record["id"]: r for r in rows}
    if known_parents is not None:  # follow the chains into the store, a level at a time
        frontier = {p for p in parent.values() if p and p not in parent}
        while frontier:
            found = known_parents(table, frontier)
            for reached in frontier:
                parent[reached] = found.get(reached)
            frontier = {p for p in found.values() if p and p not in parent}
    done: set[str] = set()
    for start in where:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in parent and node not in done and node not in chain:
            chain.append(node)
            node = parent[node]
        if node is not None and node in chain:
            cycle = chain[chain.index(node):]
            first = next((n for n in cycle if n in where), None)
            if first is None:  # a cycle the store held already: not this file's
                done.update(chain)
                continue
            cycle = cycle[cycle.index(first):] + cycle[:cycle.index(first)]
            row = where[first]
            loop = " → ".join([*cycle, cycle[0]])
            problems.append(
                Problem(row.source, table, row.row, column, row.record[column],
                        Said("problem.cycle", column=Field(column), loop=loop))
            )
        done.update(chain)
