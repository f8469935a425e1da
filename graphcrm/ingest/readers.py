"""Read the import format's files into raw tables of text cells, with spreadsheet row numbers.

Three kinds of path are accepted: a folder of CSV files named after the tables
(``people.csv``, ``人员.csv`` ...), a single CSV file named after its table, and an Excel
workbook (``.xlsx``/``.xlsm``) whose sheets carry the table names. Names match as
:mod:`graphcrm.ingest.headers` says (case, full width, Chinese and CRM names). The header is
the row among the first ten that names the most columns of its table, so title rows and
blank rows above it are passed over (and said so); hidden sheets are passed over too.

CSV text is UTF-8 (with or without BOM) or GB18030/GBK, as Excel writes it on Chinese
Windows: a file that is not valid UTF-8 is decoded as GB18030, unless ``encoding`` forces
one. The delimiter is a comma, or the semicolon or tab Excel uses in some locales.

Cells stay text here; Excel numbers and dates become the text a person would type
(``3``, ``2026-03-01``). Validation happens in :mod:`graphcrm.ingest.validate`.

Reading is bounded (:class:`~graphcrm.ingest.limits.Limits`): sizes on disk and a
workbook's declared unpacked size are checked before reading; rows, columns, cells and
characters while reading. A workbook's own ``dimension`` is not trusted (a 16 KB file may
claim every cell of the sheet): sheets are read sparsely, row by row as they are stored.
Its XML is parsed with entity expansion and external entities refused (defusedxml).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphcrm.errors import InputError
from graphcrm.ingest.headers import Headers
from graphcrm.ingest.limits import Limits, check_size
from graphcrm.records import SCHEMA
from graphcrm.words import Said, os_reason

__all__ = ["RawTable", "read_paths", "decode_csv"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class RawTable:
    """One table as read: ``rows`` holds ``(row_number, cells)``, numbered as the spreadsheet
    shows them; the header is row ``header_row``. A ``generated`` table was made by graphcrm
    (from calendar, mail or contact-card files, or the review list), so it has no headers a
    person wrote to report on."""

    name: str
    source: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    header_row: int = 1
    generated: bool = False


def read_paths(
    paths: list[str | Path], encoding: str | None = None, limits: Limits | None = None,
    headers: Headers | None = None,
) -> tuple[list[RawTable], list[str]]:
    """Read every path; return the tables found and warnings about what was passed over.

    Raises
    ------
    InputError
        A path does not exist or is not a folder, CSV file or workbook, cannot be decoded,
        or is over one of ``limits``.
    """
    limits = limits or Limits()
    headers = headers or Headers()
    if encoding:
        _check_encoding(encoding)
    tables: list[RawTable] = []
    warnings: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _read_folder(path, encoding, warnings, limits, headers)
            if not found:
                raise InputError(Said("error.no_tables", path=path, expected=_expected()))
            tables += found
        elif path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
            tables += _read_workbook(path, warnings, limits, headers)
        elif path.is_file() and path.suffix.lower() == ".csv":
            single = _read_csv(path, headers.table(path.stem), encoding, limits, headers,
                               warnings)
            if not single.name:
                raise InputError(Said("error.csv_no_table", path=path, expected=_expected()))
            tables.append(single)
        elif not path.exists():
            raise InputError(Said("error.no_such_path", path=path))
        else:
            raise InputError(Said("error.not_input", path=path))
    _check_rows(tables, limits)
    return tables, warnings


def _check_rows(tables: list[RawTable], limits: Limits) -> None:
    rows: dict[str, int] = {}
    for table in tables:
        rows[table.name] = rows.get(table.name, 0) + len(table.rows)
        if rows[table.name] > limits.max_rows:
            raise InputError(limits.over("rows", rows[table.name], f"{table.source}"))


def _check_encoding(encoding: str) -> None:
    try:
        "".encode(encoding)  # a LookupError also for codecs that are not text (base64)
    except LookupError as err:
        raise InputError(Said("error.encoding_unknown", encoding=repr(encoding))) from err


def _expected() -> str:
    return ", ".join(SCHEMA)


def _read_folder(folder: Path, encoding: str | None, warnings: list[str],
                 limits: Limits, headers: Headers) -> list[RawTable]:
    tables = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".csv" or not path.is_file():
            continue
        found = _read_csv(path, headers.table(path.stem), encoding, limits, headers, warnings)
        if found.name or found.rows:
            tables.append(found)
    return tables


#: How far down a sheet the header is looked for.
HEADER_SEARCH_ROWS = 10


def _with_header(table: RawTable, records: list[tuple[int, list[str]]], headers: Headers,
                 warnings: list[str]) -> RawTable:
    """Pick the header among the first rows (``records`` holds the non-blank ones): the one
    naming the most columns of the table (the first such row); the rows above it are titles
    and pass over."""
    candidates = records[:HEADER_SEARCH_ROWS]
    if not candidates:
        return table

    def named(cells: list[str]) -> int:
        return len({headers.column(table.name, c) for c in cells if c.strip()} - {None})

    best = max(range(len(candidates)), key=lambda i: (named(candidates[i][1]), -i))
    if named(candidates[best][1]) == 0:
        best = 0
    number, header = candidates[best]
    table.header, table.header_row = header, number
    table.rows = records[best + 1:]
    if number != 1:
        warnings.append(Said("import.header_row", where=table.source, row=number))
    return table


def decode_csv(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode CSV bytes: forced ``encoding``, else UTF-8 (BOM optional), else GB18030."""
    if encoding:
        _check_encoding(encoding)
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as err:
            raise InputError(Said("error.encoding_invalid", source=source, encoding=encoding,
                                  at=err.start)) from err
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as err:
        raise InputError(Said("error.not_utf8_gb18030", source=source, byte=err.start)) from err


def _read_csv(path: Path, name: str | None, encoding: str | None, limits: Limits,
              headers: Headers, warnings: list[str]) -> RawTable:
    check_size(path, limits)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(Said("error.cannot_read", path=path, why=os_reason(err))) from err
    text = decode_csv(data, str(path), encoding)
    del data
    end = text.find("\n")
    end = len(text) if end < 0 else end
    if end > limits.max_line_chars:  # refused before anything is copied or split
        raise InputError(limits.over("line_chars", end, f"{path}, line 1"))
    first_line = text[:end]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else "\t" if "\t" in first_line else ","
    _check_lines(text, path, limits)
    csv.field_size_limit(limits.max_line_chars)  # longer cells are refused by _check_width
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    started = 1  # the line the record being read starts on
    columns, chars = limits.max_columns, limits.max_cell_chars
    records: list[tuple[int, list[str]]] = []
    try:
        # the spreadsheet row number counts records (a quoted cell may span lines)
        for number, cells in enumerate(reader, start=1):
            if len(cells) > columns or (cells and max(map(len, cells)) > chars):
                _check_width(cells, path, number, limits)  # says which and where
            if any(map(str.strip, cells)):
                records.append((number, cells))
                if len(records) > limits.max_rows + HEADER_SEARCH_ROWS:
                    raise InputError(limits.over("rows", len(records), str(path)))
            started = reader.line_num + 1
    except csv.Error as err:
        if "field larger than field limit" in str(err):
            raise InputError(limits.over("cell_chars", 0, f"{path}, line {started}")) from err
        if reader.line_num > started and ("end of data" in str(err) or "EOF" in str(err)):
            raise InputError(Said("error.unclosed_quote", path=path, line=started)) from err
        raise InputError(Said("error.csv_line", path=path, line=reader.line_num,
                              why=str(err))) from err
    if not records:
        raise InputError(Said("error.no_header", path=path))
    return _as_table(name, path.stem, str(path), records, headers, warnings, str(path))


def _check_lines(text: str, path: Path, limits: Limits) -> None:
    """Refuse a line longer than the limit before the CSV reader makes a row of it."""
    if max(map(len, text.split("\n")), default=0) <= limits.max_line_chars:
        return
    # the exact look, with every line ending the CSV reader knows ("\r" alone too)
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > limits.max_line_chars:
            raise InputError(limits.over("line_chars", len(line), f"{path}, line {number}"))


def _check_width(cells: list[str], source: object, row: int, limits: Limits) -> None:
    if len(cells) > limits.max_columns:
        while cells and not cells[-1]:
            cells.pop()  # trailing empty cells (a sheet formatted far to the right)
        if len(cells) > limits.max_columns:
            raise InputError(limits.over("columns", len(cells), f"{source}, row {row}"))
    if cells and max(map(len, cells)) > limits.max_cell_chars:
        index = next(i for i, c in enumerate(cells) if len(c) > limits.max_cell_chars)
        raise InputError(limits.over("cell_chars", len(cells[index]),
                                     f"{source}, row {row}, column {index + 1}"))


def _read_workbook(path: Path, warnings: list[str], limits: Limits,
                   headers: Headers) -> list[RawTable]:
    import zipfile
    from xml.etree.ElementTree import ParseError

    import openpyxl  # only the workbook path needs it
    from defusedxml import DefusedXmlException
    from openpyxl.utils.exceptions import InvalidFileException

    check_size(path, limits)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise InputError(Said("error.not_workbook", path=path, why=err)) from err
    if unpacked > limits.max_workbook_bytes:
        raise InputError(limits.over("workbook_bytes", unpacked, str(path)))
    broken = (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError,
              TypeError, AttributeError, IndexError, EOFError, ParseError,
              DefusedXmlException, UnicodeError)
    sheet_title = None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        tables = []
        try:
            for sheet in book.worksheets:
                sheet_title = sheet.title
                where = f"{path}:{sheet.title}"
                if getattr(sheet, "sheet_state", "visible") != "visible":
                    warnings.append(Said("import.hidden", where=where))
                    continue
                source = f"{path}:{sheet.title}"
                records = _sheet_records(sheet, source, limits)
                tables.append(_as_table(headers.table(sheet.title), sheet.title, source,
                                        records, headers, warnings, where))
        finally:
            book.close()
    except broken as err:
        where = f"{path}, sheet {sheet_title!r}" if sheet_title else str(path)
        causes = [err]
        while (causes[-1].__cause__ or causes[-1].__context__) and len(causes) < 10:
            causes.append(causes[-1].__cause__ or causes[-1].__context__)  # type: ignore[arg-type]
        root = causes[-1]
        if any(isinstance(c, DefusedXmlException) for c in causes):
            what = "its XML declares entities, which graphcrm does not expand"
        else:
            what = f"{type(root).__name__}: {str(root).splitlines()[0] if str(root) else ''}"
        raise InputError(Said("error.unreadable_workbook", path=where, why=what)) from err
    return [t for t in tables if t.header or (not t.name and t.rows)]


def _as_table(name: str | None, title: str, source: str,
              records: list[tuple[int, list[str]]], headers: Headers, warnings: list[str],
              where: str) -> RawTable:
    """The table a sheet or file holds: the one its name names, else the one its columns
    say (:meth:`Headers.classify`). A sheet of instructions is passed over, said so; a sheet
    whose columns match no table is kept unread (``name`` empty), for validation to refuse
    when it holds people of the import."""
    if name is None:
        name, why = headers.classify(title, [c for _, c in records[:HEADER_SEARCH_ROWS]])
        if name is None:
            if why == "instructions":
                warnings.append(Said("import.instructions", where=where))
                return RawTable("", source, [], [], generated=True)
            header = records[0][1] if records else []
            columns = ", ".join(c.strip() for c in header if c.strip())
            warnings.append(Said("import.not_read", where=where, columns=columns))
            return RawTable("", source, header, records[1:], records[0][0] if records else 1)
    return _with_header(RawTable(name, source, []), records, headers, warnings)


def _sheet_records(sheet: Any, source: str, limits: Limits) -> list[tuple[int, list[str]]]:
    """A sheet's non-blank rows, numbered as the spreadsheet shows them."""
    records: list[tuple[int, list[str]]] = []
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # read the rows as stored, not as the file claims
    cells_read = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells_read += len(values)
        if cells_read > limits.max_cells:
            raise InputError(limits.over("cells", cells_read, source))
        cells = [_cell_text(v) for v in values]
        _check_width(cells, source, number, limits)
        if any(c.strip() for c in cells):
            records.append((number, cells))
            if len(records) > limits.max_rows + HEADER_SEARCH_ROWS:
                raise InputError(limits.over("rows", len(records), source))
    return records


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

