"""Hostile files: each is refused quickly with a message naming the file, the place and the
limit (and how to raise it), or read correctly; none hangs, none eats the machine."""

from __future__ import annotations

import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from graphcrm.errors import InputError, ValidationFailed
from graphcrm.ingest import Limits, read_dataset
from graphcrm.ingest.readers import decode_csv, read_paths
from graphcrm.words import say
from tests.conftest import TINY, write_tables


def workbook(tmp_path: Path, tables=TINY) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "bid.xlsx"
    book.save(path)
    return path


def rewrite(path: Path, member: str, change) -> Path:
    """Rewrite one part of a workbook's zip with ``change(text) -> text`` (or bytes)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    changed = change(parts[member].decode("utf-8"))
    parts[member] = changed if isinstance(changed, bytes) else changed.encode("utf-8")
    out = path.with_name("hostile.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out


def sheet_of(path: Path, title: str) -> str:
    book = openpyxl.load_workbook(path)
    index = book.sheetnames.index(title) + 1
    return f"xl/worksheets/sheet{index}.xml"


def test_a_workbook_claiming_every_cell_of_the_sheet_is_read_as_stored(tmp_path):
    """16 KB that claims A1:XFD1048576 and stores a row at 1048576: read in well under a
    second (openpyxl alone pads 17 billion cells), the far row found where it is."""
    path = workbook(tmp_path)
    member = sheet_of(path, "people")

    def bomb(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        far = ('<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>z</t></is></c>'
               '<c r="B1048576" t="inlineStr"><is><t>Zed</t></is></c>'
               '<c r="C1048576" t="inlineStr"><is><t>o-c</t></is></c></row>')
        return xml.replace("</sheetData>", far + "</sheetData>")

    hostile = rewrite(path, member, bomb)
    assert hostile.stat().st_size < 20_000
    started = time.perf_counter()
    dataset = read_dataset([hostile])
    assert time.perf_counter() - started < 30  # a hang guard, not a speed test
    assert {p["id"] for p in dataset.table("people")} >= {"z", "a"}


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused_before_reading(tmp_path):
    path = workbook(tmp_path)
    big = path.with_name("big.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info))
        out.writestr("xl/sharedStrings.xml", b"<sst>" + b"x" * (3 * 1024 * 1024) + b"</sst>")
    tracemalloc.start()
    with pytest.raises(InputError, match=r"big.xlsx: 3.0 MiB, over the limit of 2 MiB "
                                         r"unpacked in one workbook \(raise it with "
                                         r"--max-file-mb\)"):
        read_dataset([big], limits=Limits(max_file_mb=1))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * 1024 * 1024  # refused from the zip's directory, nothing unpacked


def body(xml: str) -> str:
    return xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml


@pytest.mark.parametrize(("change", "message"), [
    (lambda xml: xml.replace("</sheetData>", "<row><c><v>1</v></sheetData>"),
     "cannot be read as an Excel workbook"),
    (lambda xml: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
     '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + body(xml), "declares entities"),
    (lambda xml: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
     + body(xml).replace("<v>", "<v>&e;", 1), "declares entities"),
    # bytes that are no UTF-8 in a cell's text (whether the writer kept 客户 as UTF-8 or as
    # character references, as openpyxl does with lxml installed)
    (lambda xml: xml.encode("utf-8").replace(b"<t>name</t>", b"<t>\xff\xfe</t>", 1),
     "cannot be read as an Excel workbook"),
])
def test_malformed_workbook_xml_is_an_input_error_naming_the_sheet(tmp_path, change, message):
    path = workbook(tmp_path)
    member = sheet_of(path, "organizations")
    hostile = rewrite(path, member, change)
    with pytest.raises(InputError, match=message) as caught:
        read_dataset([hostile])
    assert "hostile.xlsx" in str(caught.value)


def test_a_huge_csv_header_is_refused_at_its_line(tmp_path):
    folder = tmp_path / "wide"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name" + ",x" * 2_000_000 + "\n", "utf-8")
    tracemalloc.start()
    with pytest.raises(InputError, match=r"organizations.csv, line 1: more than 1,048,544 "
                                         r"characters on one line"):
        read_paths([folder])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 60 * 1024 * 1024  # the file's text, not a list of two million cells


def test_rows_columns_and_cells_over_the_limits(tmp_path):
    folder = write_tables(tmp_path / "t", TINY)
    with pytest.raises(InputError, match=r"people.csv: more than 3 rows in one table "
                                         r"\(the limit; raise it with --max-rows\)"):
        read_dataset([folder], limits=Limits(max_rows=3))
    with pytest.raises(InputError, match=r"interactions.csv, row 1: more than 5 columns"):
        read_dataset([folder], limits=Limits(max_columns=5))
    long = {**TINY, "people": [r[:] for r in TINY["people"]]}
    long["people"][2][1] = "长" * 40
    with pytest.raises(InputError, match=r"people.csv, row 3, column 2: more than 30 "
                                         r"characters in one cell .*--max-cell-chars"):
        read_dataset([write_tables(tmp_path / "l", long)], limits=Limits(max_cell_chars=30))


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    folder = write_tables(tmp_path / "t", TINY)
    with (folder / "interactions.csv").open("a") as handle:
        handle.write("2026-01-01,c,a,meal,0,\n" * 60_000)
    with pytest.raises(InputError, match=r"interactions.csv: 1.3 MiB, over the limit of 1 MiB"):
        read_dataset([folder], limits=Limits(max_file_mb=1))


def test_an_unterminated_quote_is_reported_where_it_starts(tmp_path):
    folder = write_tables(tmp_path / "q", TINY)
    lines = (folder / "people.csv").read_text("utf-8").splitlines()
    lines[2] = lines[2].replace("Bo 王", '"Bo 王')
    (folder / "people.csv").write_text("\n".join(lines + ["z,Zed,o-c,,,,"] * 3) + "\n", "utf-8")
    with pytest.raises(InputError, match=r"people.csv, line 3: a quoted cell starts on this "
                                         r"line and is never closed"):
        read_dataset([folder])


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("deadline", "2026-03-01 garbage", "not a date"),
    ("deadline", "2026-03-01T25:00", "not a date"),
    ("value", "1e20", "out of range"),
    ("value", "-1e16", "out of range"),
])
def test_values_that_used_to_be_truncated_or_overflow_are_row_errors(tmp_path, column, value,
                                                                     reason):
    tables = {**TINY, "projects": [r[:] for r in TINY["projects"]]}
    tables["projects"][1][tables["projects"][0].index(column)] = value
    with pytest.raises(ValidationFailed) as caught:
        read_dataset([write_tables(tmp_path / "v", tables)])
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (2, column, value)
    assert reason in problem.reason


def test_date_times_keep_their_date(tmp_path):
    tables = {**TINY, "projects": [r[:] for r in TINY["projects"]]}
    tables["projects"][1][5] = "2027-01-15 09:30:00"
    [project] = read_dataset([write_tables(tmp_path / "d", tables)]).table("projects")
    assert project["deadline"] == "2027-01-15"


def test_a_missing_required_table_is_named(tmp_path):
    folder = tmp_path / "ties"
    write_tables(folder, {"relationships": TINY["relationships"]})
    with pytest.raises(ValidationFailed) as caught:
        read_dataset([folder])
    assert [str(p) for p in caught.value.problems] == [
        "input: required table organizations is missing (a file organizations.csv or a sheet "
        "named organizations)",
        "input: required table people is missing (a file people.csv or a sheet named people)"]
    known = {"organizations": {"o-us", "o-c", "o-x"}, "people": set("abcdex")}
    assert len(read_dataset([folder], known_ids=known).table("relationships")) == 5


def test_a_limit_and_an_encoding_are_said_in_chinese(tmp_path):
    """What an import refuses before reading a file, in the reader's language: the bound
    by its words and the option that raises it; bytes that are neither UTF-8 nor GB18030."""
    folder = write_tables(tmp_path / "t", TINY)
    with (folder / "interactions.csv").open("a") as handle:
        handle.write("2026-01-01,c,a,meal,0,\n" * 60_000)
    with pytest.raises(InputError) as big:
        read_dataset([folder], limits=Limits(max_file_mb=1))
    assert say(big.value.args[0], "zh").endswith(
        "interactions.csv：1.3 MiB，超过单个文件上限 1 MiB（可用 --max-file-mb 调高）")
    with pytest.raises(InputError) as rows:
        read_dataset([write_tables(tmp_path / "r", TINY)], limits=Limits(max_rows=2))
    assert re.search(r"\.csv：单张表的行数超过 2（上限；可用 --max-rows 调高）$",
                     say(rows.value.args[0], "zh")), say(rows.value.args[0], "zh")
    with pytest.raises(InputError) as mixed:
        decode_csv(b"id,name\n\xff\xff\xff\n", "人员.csv")
    assert say(mixed.value.args[0], "zh") == (
        "人员.csv：既不是 UTF-8 也不是 GB18030 编码（第 8 个字节）；请另存为“CSV UTF-8”，"
        "或用 --encoding 指定编码")
