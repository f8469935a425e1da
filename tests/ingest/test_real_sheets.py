"""Spreadsheets as bid teams keep them: Chinese sheet names and headers, a merged title row,
names instead of ids, a CRM contact export, GB18030 CSV, a mapping file. Each imports to the
same graph as the canonical files (compared by names, since ids may be derived)."""

from __future__ import annotations

import csv

import openpyxl
import pytest
from click.testing import CliRunner

from graphcrm import api
from graphcrm.cli import cli
from graphcrm.errors import InputError, ValidationFailed
from graphcrm.graph import build_graph
from graphcrm.ingest import Headers, read_dataset, read_mapping
from tests.conftest import write_tables

# TINY again, as a Chinese bid team keeps it: Chinese names and headers, no ids anywhere,
# everyone and everything referred to by name.
ORGS = [["名称", "类型", "行业"], ["我们公司", "我方", "automation"],
        ["客户公司", "客户", "energy"], ["Rival Ltd", "竞争对手", ""]]
PEOPLE = [["姓名", "单位", "职务", "上级", "邮箱", "WeChat"],
          ["Alice 林", "我们公司", "account manager", "", "a@us.example", "alice_w"],
          ["Bo 王", "我们公司", "presales", "Alice 林", "", ""],
          ["陈总", "客户公司", "general manager", "", "", ""],
          ["张工", "客户公司", "engineer", "陈总", "", ""],
          ["NA", "客户公司", "assistant", "陈总", "", ""],
          ["Xavier", "Rival Ltd", "sales", "", "", ""]]
TIES = [["人员甲", "人员乙", "类型", "强度", "层级", "开始", "最近联系", "备注"],
        ["Alice 林", "陈总", "KNOWS", "4", "2", "2020-01-01", "2026-10-01", "met at expo"],
        ["张工", "Bo 王", "KNOWS", "2", "1", "", "", ""],
        ["陈总", "张工", "KNOWS", "3", "", "", "", ""],
        ["Xavier", "NA", "KNOWS", "5", "3", "", "2026-11-01", ""],
        ["陈总", "NA", "INFLUENCES", "", "", "", "", ""]]
PROJECTS = [["名称", "客户", "阶段", "金额", "截止日期"],
            ["储能监控", "客户公司", "bidding", "1,200,000", "2027-01-15"]]
ROLES = [["项目", "人员", "角色", "影响力", "立场"],
         ["储能监控", "陈总", "决策者", "5", "中立"], ["储能监控", "张工", "evaluator", "3", "+1"],
         ["储能监控", "NA", "项目线人", "1", "champion"],
         ["储能监控", "Alice 林", "bid_team", "", ""], ["储能监控", "Bo 王", "投标团队", "", ""]]
CONTACTS = [["日期", "人员", "我方人员", "方式", "感受", "备注"],
            ["2026-11-20", "陈总", "Alice 林", "meal", "positive", "dinner"],
            ["2026-09-01", "张工", "Bo 王", "email", "0", ""]]
CHINESE = {"单位": ORGS, "人员": PEOPLE, "关系": TIES, "商机": PROJECTS, "项目角色": ROLES,
           "拜访记录": CONTACTS}


def by_names(G):
    """The graph with names for ids: what a bid team would call the same graph."""
    name = {n: d["name"] for n, d in G.nodes(data=True)}
    people = {(d["name"], d["org_name"], d.get("title"), name.get(d.get("reports_to")))
              for _, d in G.nodes(data=True)}
    ties = {(frozenset((name[u], name[v])) if d["type"] == "KNOWS" else (name[u], name[v]),
             d["type"], d.get("strength"), d.get("level"), d.get("last_contact"))
            for u, v, d in G.edges(data=True)}
    roles = {(G.graph["projects"][p]["name"], d["name"], tuple(e["roles"]), e["influence"],
              e["stance"]) for _, d in G.nodes(data=True) for p, e in d["projects"].items()}
    return people, ties, roles


@pytest.fixture
def canonical(tiny):
    return by_names(build_graph(tiny))


def workbook(path, sheets, title=None):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        if title:  # a merged title row and a blank row above the header
            sheet.append([title])
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
            sheet.append([])
        for row in rows:
            sheet.append(row)
    hidden = book.create_sheet("联系人")  # an old copy of the people, hidden: passed over
    hidden.append(["姓名", "单位"])
    hidden.sheet_state = "hidden"
    book.save(path)
    return path


def test_a_chinese_workbook_with_a_title_row_and_names_instead_of_ids(tmp_path, canonical):
    path = workbook(tmp_path / "投标关系.xlsx", CHINESE, title="2026年 储能监控项目 关系图")
    dataset = read_dataset([path])
    assert by_names(build_graph(dataset)) == canonical
    assert any("the header is row 3" in w for w in dataset.warnings)
    assert any(":联系人: hidden; passed over" in w for w in dataset.warnings)


def test_derived_ids_are_stable_so_a_reimport_changes_nothing(tmp_path):
    path = workbook(tmp_path / "bid.xlsx", CHINESE)
    store = str(tmp_path / "bid.db")
    first = CliRunner().invoke(cli, ["--store", store, "import", str(path)])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(cli, ["--store", store, "import", str(path)])
    assert again.exit_code == 0 and "nothing changed" in again.stdout
    # a later file may name people the store already holds
    write_tables(tmp_path / "more", {"关系": [["人员甲", "人员乙", "类型", "强度"],
                                            ["Bo 王", "陈总", "KNOWS", "3"]]})
    more = CliRunner().invoke(cli, ["--store", store, "import", str(tmp_path / "more")])
    assert more.exit_code == 0, more.output
    assert api.open(store).graph().number_of_edges() == build_graph(
        read_dataset([path])).number_of_edges() + 1


def test_gb18030_csv_with_chinese_headers(tmp_path, canonical):
    folder = tmp_path / "gb"
    folder.mkdir()
    for name, rows in CHINESE.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="gb18030") as handle:
            csv.writer(handle).writerows(rows)
    assert by_names(build_graph(read_dataset([folder]))) == canonical


def test_a_crm_contact_export(tmp_path, canonical):
    contacts = [["First Name", "Last Name", "Account Name", "Title", "Reports To", "Email",
                 "Mobile", "Lead Source"]]
    split = {"Alice 林": ("Alice 林", ""), "Bo 王": ("Bo 王", ""), "陈总": ("总", "陈"),
             "张工": ("工", "张"), "NA": ("NA", ""), "Xavier": ("Xavier", "")}
    for row in PEOPLE[1:]:
        first, last = split[row[0]]
        contacts.append([first, last, row[1], row[2], row[3], row[4], "", "Expo"])
    folder = write_tables(tmp_path / "crm", {"organizations": ORGS, "Contacts": contacts,
                                            "relationships": TIES, "projects": PROJECTS,
                                            "stakeholders": ROLES, "interactions": CONTACTS})
    dataset = read_dataset([folder])
    assert by_names(build_graph(dataset)) == canonical
    assert {p["extra"].get("Lead Source") for p in dataset.table("people")} == {"Expo"}


def test_a_mapping_file_names_the_headers_nobody_else_would_know(tmp_path, canonical):
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("table,column,header\n人员,name,客户姓名\npeople,org_id,所属\n"
                       "relationships,strength,熟悉程度\n", encoding="utf-8")
    sheets = {k: [list(r) for r in v] for k, v in CHINESE.items()}
    sheets["人员"][0][:2] = ["客户姓名", "所属"]
    sheets["关系"][0][3] = "熟悉程度"
    folder = write_tables(tmp_path / "own", sheets)
    with pytest.raises(ValidationFailed, match="required column is missing"):
        read_dataset([folder])
    dataset = read_dataset([folder], headers=Headers(read_mapping(mapping)))
    assert by_names(build_graph(dataset)) == canonical
    store = str(tmp_path / "m.db")
    result = CliRunner().invoke(cli, ["--store", store, "import", str(folder), "--mapping",
                                      str(mapping)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("content", "message"), [
    ("table,column,header\n人脉图,name,x\n", r"row 2, column table: '人脉图' is not a table"),
    ("table,column,header\npeople,nickname,x\n", r"row 2, column column: 'nickname' is not"),
    ("table,column,header\npeople,name,x\npeople,title,X\n",
     r"row 3, column header: 'X' is mapped twice for people \(first at row 2\)"),
    ("table,header\npeople,x\n", r"row 1: missing column column"),
    ("table,column,header\npeople,name," + "x" * 1_100_000 + "\n",
     r"not a mapping file \(field larger than field limit"),
])
def test_a_broken_mapping_file_is_refused_with_its_row(tmp_path, content, message):
    path = tmp_path / "mapping.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_mapping(path)


def test_names_that_match_nobody_or_several_are_row_errors(tmp_path):
    people = [list(r) for r in PEOPLE] + [["陈总", "Rival Ltd", "另一位陈总", "", "", ""]]
    ties = [list(r) for r in TIES] + [["Alice 林", "王五", "KNOWS", "3", "", "", "", ""]]
    folder = write_tables(tmp_path / "amb", {**CHINESE, "人员": people, "关系": ties})
    with pytest.raises(ValidationFailed) as caught:
        read_dataset([folder])
    text = str(caught.value)
    line = next(x for x in text.splitlines() if "row 2, column 人员乙" in x)
    assert "'陈总': 2 people are called 陈总 (" in line and "Rival Ltd" in line
    assert "write which, as 陈总（department or organization）" in line
    assert "p-" not in line and "o-" not in line  # no internal ids
    assert "关系.csv, row 7, column 人员乙: '王五': unknown person" in text


def test_two_headers_for_one_column_are_refused_except_a_second_phone(tmp_path):
    people = [["姓名", "name", "单位"], ["甲", "甲", "我们公司"]]
    folder = write_tables(tmp_path / "dup", {"单位": ORGS, "人员": people})
    with pytest.raises(ValidationFailed, match=r"row 1, column name: 'name'|column name: .*"
                                               r"means name, as '姓名' does"):
        read_dataset([folder])
    people = [["姓名", "单位", "电话", "Mobile"], ["甲", "我们公司", "010-1", "139-2"]]
    folder = write_tables(tmp_path / "phones", {"单位": ORGS, "人员": people})
    [person] = read_dataset([folder]).table("people")
    assert person["phone"] == "010-1" and person["extra"] == {"Mobile": "139-2"}


def test_a_dry_run_says_how_each_header_was_understood(tmp_path):
    path = workbook(tmp_path / "bid.xlsx", CHINESE, title="关系图")
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "x.db"), "import",
                                      str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "bid.xlsx:人员 as people (header row 3): 姓名 → name, 单位 → org_id" in text
    assert "WeChat → extra" in text and "valid; nothing written (dry run)" in text
    assert not (tmp_path / "x.db").exists()
