"""Read the import format's files into raw tables of text cells, with spreadsheet row numbers.

Three kinds of path are accepted: a folder of CSV files named after the tables
(``people.csv`` ...), a single CSV file named after its table, and an Excel workbook
(``.xlsx``/``.xlsm``) whose sheets carry the table names. Names match case-insensitively.

CSV text is UTF-8 (with or without BOM) or GB18030/GBK, as Excel writes it on Chinese
Windows: a file that is not valid UTF-8 is decoded as GB18030, unless ``encoding`` forces
one. The delimiter is a comma, or the semicolon or tab Excel uses in some locales.

Cells stay text here; Excel numbers and dates become the text a person would type
(``3``, ``2026-03-01``). Validation happens in :mod:`graphcrm.ingest.validate`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from graphcrm.errors import InputError
from graphcrm.records import SCHEMA

__all__ = ["RawTable", "read_paths", "decode_csv"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class RawTable:
    """One table as read: ``rows`` holds ``(row_number, cells)`` with the header as row 1."""

    name: str
    source: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_paths(
    paths: list[str | Path], encoding: str | None = None
) -> tuple[list[RawTable], list[str]]:
    """Read every path; return the tables found and warnings about what was passed over.

    Raises
    ------
    InputError
        A path does not exist or is not a folder, CSV file or workbook, or cannot be decoded.
    """
    tables: list[RawTable] = []
    warnings: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _read_folder(path, encoding, warnings)
            if not found:
                raise InputError(f"{path}: no table files found (expected {_expected()}.csv)")
            tables += found
        elif path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
            tables += _read_workbook(path, warnings)
        elif path.is_file() and path.suffix.lower() == ".csv":
            name = _table_name(path.stem)
            if name is None:
                raise InputError(f"{path}: the file name names no table (expected {_expected()})")
            tables.append(_read_csv(path, name, encoding))
        elif not path.exists():
            raise InputError(f"{path}: no such file or folder")
        else:
            raise InputError(f"{path}: not a folder of CSV files, a CSV file or an .xlsx workbook")
    return tables, warnings


def _expected() -> str:
    return ", ".join(SCHEMA)


def _table_name(stem: str) -> str | None:
    name = stem.strip().casefold()
    return name if name in SCHEMA else None


def _read_folder(folder: Path, encoding: str | None, warnings: list[str]) -> list[RawTable]:
    tables = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".csv" or not path.is_file():
            continue
        name = _table_name(path.stem)
        if name is None:
            warnings.append(f"{path}: not a table of the import format; passed over")
            continue
        tables.append(_read_csv(path, name, encoding))
    return tables


def decode_csv(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode CSV bytes: forced ``encoding``, else UTF-8 (BOM optional), else GB18030."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as err:
            raise InputError(f"unknown encoding {encoding!r}") from err
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as err:
            raise InputError(f"{source}: not valid {encoding} at byte {err.start}") from err
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{source}: neither UTF-8 nor GB18030 (byte {err.start}); "
            "save it as CSV UTF-8 or give --encoding"
        ) from err


def _read_csv(path: Path, name: str, encoding: str | None) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from err
    text = decode_csv(data, str(path), encoding)
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else "\t" if "\t" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if not header or not any(c.strip() for c in header):
            raise InputError(f"{path}: the first row must be the header")
        table = RawTable(name, str(path), header)
        # the spreadsheet row number counts records (a quoted cell may span lines), header = 1
        for number, cells in enumerate(reader, start=2):
            if any(c.strip() for c in cells):
                table.rows.append((number, cells))
    except csv.Error as err:
        raise InputError(f"{path}, line {reader.line_num}: {err}") from err
    return table


def _read_workbook(path: Path, warnings: list[str]) -> list[RawTable]:
    import zipfile

    import openpyxl  # only the workbook path needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        raise InputError(f"{path}: cannot be opened as an Excel workbook ({err})") from err
    tables = []
    try:
        for sheet in book.worksheets:
            name = _table_name(sheet.title)
            if name is None:
                warnings.append(f"{path}, sheet {sheet.title!r}: not a table; passed over")
                continue
            tables.append(_read_sheet(sheet, name, f"{path}:{sheet.title}"))
    finally:
        book.close()
    return [t for t in tables if t.header]


def _read_sheet(sheet: object, name: str, source: str) -> RawTable:
    table = RawTable(name, source, [])
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
        cells = [_cell_text(v) for v in values]
        if number == 1:
            table.header = cells
        elif any(c.strip() for c in cells):
            table.rows.append((number, cells))
    return table


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

