import csv
import io
import json

import pandas as pd
import pytest
from wcwidth import wcswidth

from graphcrm.output import render, safe_cell

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_cells_are_neutralized(text):
    assert safe_cell(text) == "'" + text


def test_csv_keeps_numbers_and_neutralizes_text():
    frame = pd.DataFrame({"name": HOSTILE, "count": [-1, 2, -3, 0, 1, 2],
                          "score": [-0.5, 2.5, -3.0, 0.0, 1.0, 2.0]})
    text = render(frame, "csv")
    assert text.startswith("\ufeff")  # UTF-8 with BOM, for Excel
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == ["name", "count", "score"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in HOSTILE]
    assert [row[1] for row in rows[1:]] == ["-1", "2", "-3", "0", "1", "2"]
    assert rows[1][2] == "-0.5"


def test_json_is_records_in_utf8():
    frame = pd.DataFrame({"id": ["p1"], "name": ["王建国"], "n": [float("nan")],
                          "tags": [["a", "b"]]})
    text = render(frame, "json")
    assert "王建国" in text
    assert json.loads(text) == [{"id": "p1", "name": "王建国", "n": None, "tags": ["a", "b"]}]


def test_tables_align_chinese_names():
    frame = pd.DataFrame({"name": ["王建国", "Ana"], "title": ["总经理", "CTO"]})
    lines = render(frame, "table").splitlines()
    title_column = [wcswidth(line[: line.index(t)]) for line, t in zip(lines[2:], ["总经理", "CTO"],
                                                                         strict=True)]
    assert title_column[0] == title_column[1]


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        render(pd.DataFrame(), "xml")
