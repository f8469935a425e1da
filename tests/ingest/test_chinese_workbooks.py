"""A Chinese bid team's own workbook imports whole, with no mapping file (issue 23): sheets
recognised by what they hold, the team's column names and words, section rows, 序号,
namesakes written 张伟（部门）, dates to the month or the year, 万元, 倾向XX — or it is refused
saying exactly what was not read. On both stores."""

from __future__ import annotations

import json
import random

import openpyxl

from tests.conftest import run_on
from tests.fixtures.grid_tender import people_count, write_workbook


def _held(target):
    from tests.cli.test_team import open_store_of

    with open_store_of(target) as opened:
        return opened.load()


def test_the_grid_tender_workbook_imports_whole(target, tmp_path):
    book = write_workbook(tmp_path / "江南调度项目关系梳理.xlsx")
    planned = run_on(target, "--lang", "zh", "import", book, "--dry-run")
    assert planned.exit_code == 0, planned.output
    said = " ".join(planned.output.split())  # the lines as read, wherever they wrap
    assert "校验通过" in said
    assert "决策链条梳理 读作项目角色" in said  # read as what it holds, said in Chinese
    assert "序号 → 行号（不存）" in said and "直接上级 → 直接上级" in said
    assert "填写说明：说明页" in said and "表头在第 3 行" in said
    assert " as " not in said and "passed over" not in said
    done = run_on(target, "import", book)
    assert done.exit_code == 0, done.output
    held = _held(target)
    assert held.counts() == {"organizations": 5, "people": people_count(), "projects": 1,
                             "relationships": 21 + 0, "stakeholders": 14, "interactions": 4}
    people = {p["id"]: p for p in held.table("people")}
    by_name = {}
    for p in people.values():
        by_name.setdefault(p["name"], []).append(p)
    # namesakes told apart by department; superiors by name, qualified where needed
    zhang = {p["department"]: p["id"] for p in by_name["张伟"]}
    assert set(zhang) == {"调控中心", "科技信通部"}
    assert by_name["谢文斌"][0]["reports_to"] == zhang["调控中心"]
    assert by_name["魏东"][0]["reports_to"] == zhang["科技信通部"]
    # section rows give departments and are never people
    assert by_name["钟平"][0]["department"] == "经济技术研究院"
    assert not any(name.startswith(("一、", "二、")) for name in by_name)
    assert all("序号" not in p["extra"] for p in people.values())
    kinds = {o["name"]: o["kind"] for o in held.table("organizations")}
    assert kinds["国网江南省电力有限公司"] == "customer" and kinds["南方智控"] == "competitor"
    assert kinds["江南电力设计院"] == "partner" and kinds["华信智能科技"] == "own"
    project = held.table("projects")[0]
    assert project["value"] == 48_000_000 and project["stage"] == "bidding"  # 4800 万元
    ties = {(people[t["source"]]["name"], people[t["target"]]["name"]): t
            for t in held.table("relationships")}
    ties.update({(b, a): t for (a, b), t in list(ties.items())})
    old = ties[("郑凯", "陈国栋")]
    assert (old["strength"], old["level"], old["since"], old["last_contact"]) == \
        (4, 2, "2012", "2026-11")  # 能说上话, 老乡, 2012年, 2026年11月
    assert ties[("韩东", "吴海峰")]["level"] == 4 and ties[("赵刚", "何建华")]["strength"] == 5
    roles = {people[r["person_id"]]["name"]: r for r in held.table("stakeholders")}
    assert (roles["吴海峰"]["stance"], roles["吴海峰"]["leaning"]) == ("opponent", "南方智控")
    assert roles["周立新"]["leaning"] is None
    assert roles["陈国栋"]["project_id"] == project["id"]  # the workbook's only project
    visits = {people[v["person_id"]]["name"]: v for v in held.table("interactions")}
    assert (visits["刘洪涛"]["channel"], visits["刘洪涛"]["sentiment"]) == ("meeting", "positive")
    assert (visits["陈国栋"]["date"], visits["陈国栋"]["channel"]) == ("2026-11", "meal")
    assert visits["蔡明"]["sentiment"] == "negative"
    # and the bid reads as a bid: the competitor's man is opposition, our routes exist
    gaps = json.loads(run_on(target, "gaps", "--as-of", "2026-12-01", "--format",
                             "json").stdout)
    status = {r["name"]: r["coverage"] for r in gaps["stakeholders"]}
    assert status["何建华"] != "uncovered" and "陈国栋" in status


def _reordered(source, target, seed=3):
    """The same workbook with the people sheet's rows re-sorted and renumbered."""
    book = openpyxl.load_workbook(source)
    sheet = book["客户架构人员表"]
    rows = [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)]
    people = [r for r in rows if r[1]]
    random.Random(seed).shuffle(people)
    sheet.delete_rows(3, sheet.max_row)
    for number, row in enumerate(people, start=1):
        sheet.append([number, *row[1:]])
    book.save(target)
    return target


def test_re_sorting_a_sheet_changes_nothing(target, tmp_path):
    """序号 is no data: a sheet sorted another way (numbered again) is the same bid. (The
    re-sorted sheet has lost its section rows, so departments come from their column.)"""
    book = write_workbook(tmp_path / "week1.xlsx")
    assert run_on(target, "import", book).exit_code == 0
    again = run_on(target, "import", _reordered(book, tmp_path / "week2.xlsx"))
    assert again.exit_code == 0 and "nothing changed" in again.stdout, again.output


def test_a_namesake_written_plainly_is_refused_with_who_they_are(tmp_path):
    from click.testing import CliRunner

    from graphcrm.cli import cli

    book = write_workbook(tmp_path / "bid.xlsx")
    workbook = openpyxl.load_workbook(book)
    workbook["关系网络表"].append([99, "王倩", "张伟", "认识", 3, "商务", "2024年", ""])
    workbook.save(book)
    found = CliRunner().invoke(cli, ["--store", str(tmp_path / "x.db"), "import", str(book),
                                     "--dry-run"])
    assert found.exit_code == 3
    line = next(x for x in found.output.splitlines() if "张伟" in x and "row 23" in x)
    assert "2 people are called 张伟" in line
    assert "调控中心" in line and "科技信通部" in line and "副主任" in line
    assert "p-" not in line  # no internal id
    assert "张伟（department or organization）" in line


def test_a_sheet_that_names_people_but_matches_no_table_is_refused(tmp_path):
    from click.testing import CliRunner

    from graphcrm.cli import cli

    book = write_workbook(tmp_path / "bid.xlsx")
    workbook = openpyxl.load_workbook(book)
    odd = workbook.create_sheet("人脉梳理补充")  # the team's own words for its columns
    odd.append(["对象", "熟人", "备注"])
    odd.append(["陈国栋", "郑凯", "老乡会认识"])
    odd.append(["蔡明", "孙悦", ""])
    workbook.save(book)
    found = CliRunner().invoke(cli, ["--store", str(tmp_path / "x.db"), "import", str(book),
                                     "--dry-run"])
    assert found.exit_code == 3, found.output
    assert "人脉梳理补充" in found.output and "names people of the import" in found.output
    assert "mapping file" in found.output and "校验通过" not in found.output


def test_a_roles_sheet_without_projects_needs_one_project(tmp_path):
    from click.testing import CliRunner

    from graphcrm.cli import cli

    book = write_workbook(tmp_path / "bid.xlsx")
    workbook = openpyxl.load_workbook(book)
    workbook["项目一览"].append(["JN-2026-DD02", "江南省配网自动化", "国网江南省电力有限公司",
                               "线索", 900, "2027-05-01"])
    workbook.save(book)
    found = CliRunner().invoke(cli, ["--store", str(tmp_path / "x.db"), "import", str(book),
                                     "--dry-run"])
    assert found.exit_code == 3
    assert "no project column, and there are 2 projects" in found.output


def test_owners_next_steps_and_concerns_are_fields_the_plan_uses(target, tmp_path):
    """我方负责人, 下一步/完成时间 and 关注点 are fields, not extras (issue 25, 4): the call plan
    proposes the owner first and says when the owner has no working tie; an overdue next
    step is a reason to call; a decision maker without an owner is a hole; forgetting an
    owner clears the ownership on both stores."""
    book = write_workbook(tmp_path / "bid.xlsx")
    assert run_on(target, "import", book).exit_code == 0
    held = _held(target)
    people = {p["id"]: p["name"] for p in held.table("people")}
    roles = {people[r["person_id"]]: r for r in held.table("stakeholders")}
    chen = roles["陈国栋"]
    assert (people[chen["owner"]], chen["next_step"], chen["due"], chen["concerns"]) == \
        ("郑凯", "安排高层拜访", "2026-12", "安全可靠、国产化")
    assert "我方负责人" not in chen["extra"] and "关注点" not in chen["extra"]
    plan = json.loads(run_on(target, "health", "--as-of", "2026-12-06", "--format",
                             "json").stdout)
    by = {r["name"]: r for r in plan}
    assert by["陈国栋"]["by_name"] == "郑凯"  # the owner, not whoever has the best chain
    assert "next step overdue since 2026-12-05: 递交资质文件" in by["曾凡"]["reason"]
    assert "their owner 周婷 has no working tie" in by["蔡明"]["reason"]
    assert len(plan) == len({r["person_id"] for r in plan})  # nobody twice
    zh = run_on(target, "--lang", "zh", "health", "--as-of", "2026-12-06")
    assert "负责人周婷与其没有可用关系" in zh.stdout
    assert run_on(target, "forget", "郑凯", "--yes").exit_code == 0
    after = {r["person_id"]: r for r in _held(target).table("stakeholders")}
    assert after[chen["person_id"]]["owner"] is None
    gaps = json.loads(run_on(target, "gaps", "--as-of", "2026-12-06", "--format",
                             "json").stdout)
    assert {"hole": "no owner", "where": "陈国栋"} in [
        {k: h[k] for k in ("hole", "where")} for h in gaps["holes"]]


def test_a_stakeholder_who_leans_to_the_competitor_says_so(target, tmp_path):
    """倾向南方智控 (issue 25, 5): opposition in the matrix and coverage, with whom he leans
    to — in the matrix's table, its JSON, gaps' JSON and the map's card; not in a redacted
    map."""
    assert run_on(target, "import", write_workbook(tmp_path / "bid.xlsx")).exit_code == 0
    table = run_on(target, "--lang", "zh", "matrix", "--as-of", "2026-12-06")
    assert "反对，倾向南方智控" in table.stdout
    rows = {r["name"]: r for r in json.loads(run_on(
        target, "matrix", "--as-of", "2026-12-06", "--format", "json").stdout)}
    assert (rows["吴海峰"]["stance"], rows["吴海峰"]["leaning"]) == ("opponent", "南方智控")
    assert rows["刘洪涛"]["owner_name"] == "王倩"
    gaps = json.loads(run_on(target, "gaps", "--as-of", "2026-12-06", "--format",
                             "json").stdout)
    assert {r["name"]: r["leaning"] for r in gaps["stakeholders"]}["吴海峰"] == "南方智控"
    from graphcrm import api
    from graphcrm.stores import Neo4jSettings

    store, env = target
    bid = api.GraphCRM(Neo4jSettings(store, username=env["NEO4J_USERNAME"],
                                     password=env["NEO4J_PASSWORD"]) if env else store)
    card = next(n for n in bid.map("JN-2026-DD01", as_of="2026-12-06", lang="zh").data[
        "nodes"] if n["name"] == "吴海峰")
    hidden = next(n for n in bid.map("JN-2026-DD01", as_of="2026-12-06", lang="zh",
                                     redact=True).data["nodes"] if n["name"] == "吴海峰")
    assert "倾向南方" in card["label"] and ("倾向", "南方智控") in card["facts"]
    assert ("我方负责人", "郑凯") in card["facts"]
    assert "倾向" not in hidden["label"] and "南方智控" not in str(hidden["facts"])


def test_a_refused_workbook_is_told_in_chinese(tmp_path):
    """In Chinese mode a refused import says where and why in Chinese (issue 23, 8): the
    sheet, row and column as the user sees them, and the words a cell may hold."""
    from click.testing import CliRunner

    from graphcrm.cli import cli

    book = write_workbook(tmp_path / "bid.xlsx")
    workbook = openpyxl.load_workbook(book)
    workbook["决策链条梳理"].append([99, "蔡明", "评估者", 9, "很难说", "", "", "", "下个月"])
    workbook["拜访记录"].append(["", "刘洪涛", "王倩", "拜访", "好", ""])
    workbook.save(book)
    found = CliRunner().invoke(cli, ["--store", str(tmp_path / "x.db"), "--lang", "zh",
                                     "import", str(book), "--dry-run"])
    assert found.exit_code == 3
    text = found.stderr
    assert "输入中有" in text
    assert "决策链条梳理，第 16 行，列 态度：'很难说'：无法识别（可用：铁杆" in text
    assert "列 影响力：'9'：超出范围（应为 1–5）" in text
    assert "列 完成时间：'下个月'：不是日期" in text
    assert "拜访记录，第 6 行，列 日期：''：缺少值" in text
    english = [w for w in ("row", "column", "missing", "unknown", "expected", "problem",
                           "written") if w in text]
    assert english == [], english


def test_people_called_by_surname_and_title_in_cells(target, tmp_path):
    """A ties sheet that writes 陈总 and 蔡处 (the 总经理 陈国栋, the 处长 蔡明) reads them as
    those people; 张主任, fitting two people, is refused naming both (issue 23, 4)."""
    path = write_workbook(tmp_path / "关系.xlsx")
    book = openpyxl.load_workbook(path)
    ties = book["关系网络表"]
    ties.append([ties.max_row, "王倩", "陈总", "认识", "3", "商务", "2024年", "2026年11月"])
    ties.append([ties.max_row, "周婷", "蔡处", "认识", "2", "商务", "2025年", "2026年10月"])
    book.save(path)
    done = run_on(target, "import", path)
    assert done.exit_code == 0, done.output
    held = _held(target)
    names = {p["id"]: p["name"] for p in held.table("people")}
    pairs = {frozenset((names[t["source"]], names[t["target"]]))
             for t in held.table("relationships")}
    assert {"王倩", "陈国栋"} in pairs and {"周婷", "蔡明"} in pairs
    ties.append([ties.max_row, "钱峰", "张主任", "认识", "2", "商务", "2025年", "2026年10月"])
    book.save(path)
    refused = run_on(target, "--lang", "zh", "import", path, "--dry-run")
    assert refused.exit_code == 3 and "张主任 可能是 2 人中的任一位" in refused.output
    assert "调控中心" in refused.output and "科技信通部" in refused.output


def test_a_second_teams_workbook_imports_whole_its_own_way(target, tmp_path):
    """Another team, other habits (``tests/fixtures/metro_tender.py``): 组织机构 with 性质,
    人员名单 with 所属单位 and 汇报给 (one superior written 李总), sections written （一）…,
    关系图谱 with 我方/关系人 and 对方, 2026.10 and 2026/11/3, a budget in 亿元, 新任 and
    倾向北方交控 — read whole with no mapping file, on both stores."""
    from tests.fixtures.metro_tender import people_count
    from tests.fixtures.metro_tender import write_workbook as write_metro

    book = write_metro(tmp_path / "江城地铁7号线.xlsx")
    planned = run_on(target, "--lang", "zh", "import", book, "--dry-run")
    assert planned.exit_code == 0, planned.output
    said = " ".join(planned.output.split())
    assert "关系图谱 读作关系" in said and "我方/关系人 → 人员甲" in said
    assert "所属单位 → 单位" in said and "汇报给 → 直接上级" in said
    assert "我方负责人 → 我方负责人" in said and "owner" not in said
    assert run_on(target, "import", book).exit_code == 0
    held = _held(target)
    assert held.counts()["people"] == people_count()
    people = {p["name"]: p for p in held.table("people")}
    assert people["刘超"]["reports_to"] == people["李伟"]["id"]  # written 李总
    assert people["陈红"]["status"] == "new" and people["王建国"]["department"] == "领导班子"
    project = held.table("projects")[0]
    assert project["value"] == 235_000_000 and project["deadline"] == "2027-01-15"
    roles = {people_by_id["name"]: r for r in held.table("stakeholders")
             for people_by_id in [next(p for p in people.values() if p["id"] == r["person_id"])]}
    assert (roles["刘超"]["stance"], roles["刘超"]["leaning"]) == ("opponent", "北方交控")
    gaps = json.loads(run_on(target, "gaps", "--as-of", "2026-12-01", "--format", "json").stdout)
    level = {r["name"]: r["coverage"] for r in gaps["stakeholders"]}
    assert level["陈红"] == "reachable"  # the new deputy: formal lines only
    assert level["王建国"] == "contacted" and gaps["score"]["map_status"] == "ok"
