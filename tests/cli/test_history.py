"""Two weeks of a bid team's data on both stores, through the command line: a snapshot at the
gate review, a synced import with a deleted tie, a changed stance and role and a new decision
maker, and what `changes --since` says about each, coverage before and after included."""

from __future__ import annotations

import datetime as dt
import json
import re

from graphcrm.api import GraphCRM
from tests.conftest import TINY, run_on
from tests.stores.test_contract import week_two

run = run_on
AS_OF = "2026-11-26"


def bid(target) -> GraphCRM:
    store, env = target
    if not env:
        return GraphCRM(store)
    from graphcrm.stores import Neo4jSettings

    return GraphCRM(Neo4jSettings(store, username=env["NEO4J_USERNAME"],
                                  password=env["NEO4J_PASSWORD"]))


def test_two_weeks_of_a_bid(target, make_tables):
    assert run(target, "import", make_tables(TINY), "--author", "王明").exit_code == 0
    week1 = bid(target).gaps("P1", as_of=dt.date.fromisoformat(AS_OF))
    made = run(target, "snapshot", "第一次评审")
    assert made.exit_code == 0 and made.stdout == \
        "snapshot '第一次评审': the state after change set 1\n"

    second = make_tables(week_two(TINY))
    plan = run(target, "import", second, "--sync", "--dry-run")
    assert plan.exit_code == 0, plan.output
    for line in ("  ~ stakeholders P1 陈总 decision_maker: stance: neutral → opponent",
                 "  - relationships 陈总 — 张工 KNOWS (entered by 王明)",
                 "  - stakeholders P1 张工 evaluator (entered by 王明)",
                 "  + people 冯总 (f)", "valid; nothing written (dry run)"):
        assert line in plan.stdout.splitlines(), plan.stdout
    # 李华 takes over 王明's week: removing his records and changing his values, on purpose
    refused = run(target, "import", second, "--sync", "--author", "李华")
    assert refused.exit_code == 2 and "entered by 王明" in refused.stderr
    settle = run(target, "import", second, "--sync", "--author", "李华", "--take-over")
    assert settle.exit_code == 2 and "王明 set neutral" in settle.stderr, settle.output
    assert run(target, "import", second, "--sync", "--author", "李华", "--take-over",
               "--mine").exit_code == 0

    history = json.loads(run(target, "history", "--format", "json").stdout)
    assert [(h["command"], h["author"], h["snapshots"]) for h in history] == [
        ("import", "王明", ["第一次评审"]), ("import --sync", "李华", [])]
    assert (history[1]["created"], history[1]["updated"], history[1]["removed"]) == (4, 1, 2)
    detail = run(target, "history", "2", "--lang", "zh").stdout.splitlines()  # in its words
    assert any(re.search(r"关系 +删除 +陈总 — 张工 认识 +关系类型 +认识 *$", line)
               for line in detail), detail
    assert any(re.search(r"项目角色 +更新 +P1 陈总 决策者 +立场 +中立 +反对 *$", line)
               for line in detail), detail
    assert not [w for line in detail[2:] for w in re.findall("[A-Za-z]{3,}", line)]

    shown = run(target, "changes", "--since", "第一次评审", "--project", "储能监控",
                "--as-of", AS_OF, "--format", "json")
    assert shown.exit_code == 0, shown.output
    rows = json.loads(shown.stdout)
    found = {(r["what"], r["who"]): (r["field"], r["before"], r["after"]) for r in rows}
    assert found[("tie removed", "陈总 — 张工")] == ("KNOWS", 3, None)
    assert found[("stance changed", "陈总 (decision_maker)")] == ("stance", "neutral", "opponent")
    assert found[("role changed", "张工")] == ("role", "evaluator", "decision_maker")
    assert found[("role added", "冯总")] == ("role", None, "decision_maker (influence 4; "
                                                         "stance neutral)")
    assert found[("person added", "冯总")] == (None, None, "客户公司")
    assert found[("tie added", "Bo 王 — 冯总")] == ("KNOWS", None, 3)
    # coverage before is what gaps said in week one, after is what it says now
    week2 = bid(target).gaps("P1", as_of=dt.date.fromisoformat(AS_OF))
    for record in week2.records()["stakeholders"]:
        earlier = next((r["coverage"] for r in week1.records()["stakeholders"]
                        if r["person_id"] == record["person_id"]), None)
        assert found[("coverage", record["name"])] == ("coverage", earlier,
                                                       record["coverage"])
    assert found[("coverage", "冯总")][1] is None  # not a stakeholder a week ago
    # the score as gaps says it: a percentage
    assert found[("coverage score", None)] == (None, f"{week1.score['percent']}%",
                                               f"{week2.score['percent']}%")
    table = run(target, "changes", "--since", "第一次评审", "--as-of", AS_OF)
    assert table.stdout.startswith("Since snapshot '第一次评审' (")
    assert "): 6 changes; coverage of 1 project before and after\n" in table.stdout
    csv = run(target, "changes", "--since", "第一次评审", "--as-of", AS_OF, "--format", "csv")
    assert csv.stdout.splitlines()[0] == "\ufeffwhat,project,who,field,before,after,author"
    for text in (table.stdout, csv.stdout, shown.stdout):
        assert "nan" not in text and "None" not in text and "NaT" not in text


def test_hostile_history_commands_get_one_line_and_change_nothing(target, make_tables):
    assert run(target, "import", make_tables(TINY)).exit_code == 0
    assert run(target, "snapshot", "gate-1").exit_code == 0
    twice = run(target, "snapshot", "gate-1")
    assert twice.exit_code == 2
    assert "a snapshot named 'gate-1' exists already" in twice.stderr
    early = run(target, "changes", "--since", "2020-01-01")
    assert early.exit_code == 2 and "the history of" in early.stderr
    assert "starts on" in early.stderr and "choose that day or later" in early.stderr
    unknown = run(target, "changes", "--since", "gate-9")
    assert unknown.exit_code == 5
    assert "since 'gate-9': no snapshot of that name and not a date (snapshots: 'gate-1')" \
        in unknown.stderr
    today = run(target, "changes", "--since", dt.date.today().strftime("%Y年%m月%d日"),
                "--format", "json")
    assert today.exit_code == 0, today.output
    assert {"person added", "tie added", "role added"} <= {r["what"]
                                                           for r in json.loads(today.stdout)}
    for result in (twice, early, unknown):
        assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1
    assert len(json.loads(run(target, "history", "--format", "json").stdout)) == 1
