"""The import template: exact sheets and headers, drop-downs, examples, an explanation; it
imports as written, in English and in Chinese, as a workbook and as CSV files."""

from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.records import SCHEMA


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("target", ["bid.xlsx", "bid-csv"])
def test_the_template_imports_as_written(tmp_path, lang, target):
    runner = CliRunner()
    path = tmp_path / target
    written = runner.invoke(cli, ["template", str(path), "--lang", lang])
    assert written.exit_code == 0, written.output
    store = str(tmp_path / "bid.db")
    imported = runner.invoke(cli, ["--store", store, "import", str(path)])
    assert imported.exit_code == 0, imported.output
    stats = json.loads(runner.invoke(cli, ["--store", store, "stats", "--format",
                                           "json"]).stdout)
    counts = {(r["category"], r["kind"]): r["count"] for r in stats if r["scope"] == "all"}
    assert counts[("people", "customer")] == 2 and counts[("people", "own")] == 1
    assert counts[("relationships", "KNOWS")] == 1
    assert counts[("relationships", "INFLUENCES")] == 1
    assert counts[("stakeholders", "decision_maker")] == 1


@pytest.mark.parametrize(("lang", "sheets", "words"), [
    ("en", ["README", "organizations", "people"], ["decision_maker", "champion", "friendship",
                                                    "transferred"]),
    ("zh", ["说明", "单位", "人员"], ["决策者", "铁杆", "友情", "调离"]),
])
def test_the_workbook_has_drop_downs_and_explains_every_column(tmp_path, lang, sheets, words):
    path = tmp_path / "bid.xlsx"
    assert CliRunner().invoke(cli, ["template", str(path), "--lang", lang]).exit_code == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == sheets
    lists = " ".join(v.formula1 for sheet in book.worksheets
                     for v in sheet.data_validations.dataValidation)
    assert all(word in lists for word in words)
    assert len([v for s in book.worksheets for v in s.data_validations.dataValidation]) == 9
    explained = " ".join(str(c.value) for row in book.worksheets[0].iter_rows() for c in row)
    assert sum(len(spec.columns) for spec in SCHEMA.values()) + len(SCHEMA) + 1 == \
        book.worksheets[0].max_row
    assert "YYYY-MM-DD" in explained
    if lang == "zh":  # every header a Chinese team reads is Chinese: 倾向厂家, 前任 …
        headers = [c.value for sheet in book.worksheets[1:] for c in sheet[1]]
        assert not [h for h in headers if h and str(h).isascii()], headers
        assert "倾向厂家" in headers and "前任" in headers


def test_a_template_into_a_missing_folder_is_an_output_error(tmp_path):
    result = CliRunner().invoke(cli, ["template", str(tmp_path / "nowhere" / "bid.xlsx")])
    assert result.exit_code == 6 and "there is no folder" in result.stderr
