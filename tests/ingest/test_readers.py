import datetime as dt

import openpyxl
import pytest

from graphcrm.errors import InputError
from graphcrm.ingest import read_dataset
from graphcrm.ingest.readers import decode_csv, read_paths
from tests.conftest import TINY, write_tables


def names(dataset):
    return {p["id"]: p["name"] for p in dataset.table("people")}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    folder = write_tables(tmp_path / encoding, TINY, encoding=encoding)
    dataset = read_dataset([folder])
    assert names(dataset)["c"] == "陈总"
    assert dataset.table("organizations")[0]["name"] == "我们公司"


def test_forced_encoding(tmp_path):
    folder = write_tables(tmp_path / "gb", TINY, encoding="gb18030")
    assert names(read_dataset([folder], encoding="gb18030"))["d"] == "张工"
    with pytest.raises(InputError, match="not valid utf-8"):
        read_dataset([folder], encoding="utf-8")
    for codec in ("klingon", "base64", "rot13", "zlib"):  # the last three are not text
        with pytest.raises(InputError, match="unknown text encoding"):
            read_dataset([folder], encoding=codec)


def test_undecodable_bytes_name_the_file():
    with pytest.raises(InputError, match=r"people.csv: neither UTF-8 nor GB18030"):
        decode_csv(b"id,name\n\xff\xff\xff\n", "people.csv")


def test_semicolon_csv_from_a_spanish_excel(tmp_path):
    folder = write_tables(tmp_path / "es", TINY)
    text = (folder / "people.csv").read_text(encoding="utf-8").replace(",", ";")
    (folder / "people.csv").write_text(text, encoding="utf-8")
    assert names(read_dataset([folder]))["a"] == "Alice 林"


def test_row_numbers_count_records_and_blank_rows(tmp_path):
    folder = write_tables(tmp_path / "rows", TINY)
    lines = (folder / "people.csv").read_text(encoding="utf-8").splitlines()
    # a quoted note spanning two lines, then a blank row: Excel's row numbers still hold
    lines[1] = lines[1].replace("account manager", '"account\nmanager"')
    lines.insert(3, "")
    (folder / "people.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tables, _ = read_paths([folder])
    people = next(t for t in tables if t.name == "people")
    assert [number for number, _ in people.rows] == [2, 3, 5, 6, 7, 8]


def write_workbook(path, tables, extra_sheet=True):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name.capitalize())
        for row in rows:
            sheet.append(row)
    if extra_sheet:
        book.create_sheet("说明").append(["how to fill in this workbook"])
    book.save(path)
    return path


def test_xlsx_workbook_imports_like_the_csv_folder(tmp_path, tiny):
    tables = {name: [list(r) for r in rows] for name, rows in TINY.items()}
    # spreadsheet cells are typed: numbers and dates, not text
    tables["relationships"][1][3] = 4
    tables["relationships"][1][6] = dt.datetime(2026, 10, 1)
    tables["projects"][1][4] = 1200000
    tables["projects"][1][5] = dt.date(2027, 1, 15)
    path = write_workbook(tmp_path / "bid.xlsx", tables)
    dataset = read_dataset([path])
    assert dataset.records == tiny.records
    assert any("说明" in w and "passed over" in w for w in dataset.warnings)


def test_a_single_csv_file_names_its_table(tiny_dir):
    tables, _ = read_paths([tiny_dir / "people.csv"])
    assert [t.name for t in tables] == ["people"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing", None, "no such file or folder"),
        ("", None, "no table files found"),
        ("notes.txt", "x", "not a folder of CSV"),
        ("friends.csv", "x", "nor its columns name a table"),
        ("bad.xlsx", "not a zip", "cannot be opened as an Excel workbook"),
        ("people.csv", "", "header"),
        ("people.csv", '"id,name\n"unclosed', "people.csv"),
    ],
)
def test_unreadable_paths_are_input_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_paths([path])


def test_unknown_csv_in_a_folder_is_a_warning(tiny_dir):
    (tiny_dir / "contacts_old.csv").write_text("id\n1\n", encoding="utf-8")
    dataset = read_dataset([tiny_dir])
    assert any("contacts_old.csv" in w for w in dataset.warnings)
