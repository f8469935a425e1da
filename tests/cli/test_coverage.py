"""Coverage a bid manager can defend, on a realistic Chinese bid, on both stores (issue 24).

The bid is the provincial grid tender of ``tests/fixtures/grid_tender.py`` (62 people, the
team's own workbook), with one more decision maker: 郑晓明, a deputy general manager
newly appointed, whom nobody of ours has worked with — 钱峰 has only met him once (见过,
strength 1) — and whose only other routes are formal lines: down from his superior 陈国栋
(our 郑凯 can talk to him), up from his subordinate 张伟 of 科技信通部 (赵刚's old schoolmate).
As of 2026-12-01, with the model's defaults (strength → .2 .4 .6 .8 .95; a reporting line
.6 down, .4 up; a route counts from .3; a working tie is 2.5 or more today).
"""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.conftest import run_on
from tests.fixtures.grid_tender import write_workbook

AS_OF = ("--as-of", "2026-12-01")


def _with_new_deputy(path):
    book = openpyxl.load_workbook(write_workbook(path))
    roles = book["决策链条梳理"]
    roles.append([roles.max_row, "郑晓明", "决策者", 4, "中立", "", "网络安全", "", ""])
    ties = book["关系网络表"]
    ties.append([ties.max_row, "钱峰", "郑晓明", "认识", "见过", "商务", "2026年11月",
                 "2026年11月"])
    book.save(path)
    return path


@pytest.fixture
def bid(target, tmp_path):
    done = run_on(target, "import", _with_new_deputy(tmp_path / "江南调度项目关系梳理.xlsx"))
    assert done.exit_code == 0, done.output
    found = run_on(target, "gaps", *AS_OF, "--format", "json")
    assert found.exit_code == 0, found.output
    return target, json.loads(found.stdout)


def _rows(found):
    return {r["name"]: r for r in found["stakeholders"]}


def test_each_level_on_the_grid_tender(bid):
    _, found = bid
    level = {name: r["coverage"] for name, r in _rows(found).items()}
    assert level == {
        "陈国栋": "in_depth", "周立新": "in_depth", "何建华": "in_depth", "刘洪涛": "in_depth",
        "张伟（科技信通部）": "contacted",  # 赵刚 alone
        "郑晓明": "reachable", "吴海峰": "reachable", "蔡明": "reachable",
        "张伟（调控中心）": "reachable",  # 王倩 knows him at 2: no working tie
        "曾凡": "contested",  # only through 吴海峰, who leans to 南方智控
        "田甜": "uncovered",  # only the competitor's 贺伟 knows her
    }


def test_a_new_deputy_behind_formal_lines_is_reachable_not_contacted(bid):
    _, found = bid
    deputy = _rows(found)["郑晓明"]
    assert deputy["working_ids"] == [] and deputy["coverage"] == "reachable"
    counted = [r["name"] for r in deputy["counted_routes"]]
    # down from 陈国栋 (4, cooled a little since mid-November: .77 × .6), up from 张伟
    # (4, a month ago: .76 × .4): two independent routes
    assert counted == ["郑凯 → 陈国栋 → 郑晓明 (0.46)",
                       "赵刚 → 张伟（科技信通部） → 郑晓明 (0.30)"]
    assert not deputy["single_threaded"]
    # 钱峰 met him once: listed, not counted
    assert [r["name"] for r in deputy["weak_routes"]] == ["钱峰 → 郑晓明 (0.20)"]


def test_a_competitors_man_blocks_and_is_named(bid):
    _, found = bid
    procurement = _rows(found)["曾凡"]
    assert (procurement["routes"], procurement["blocker_names"]) == (0, ["吴海峰"])
    # 郑凯 met him once, in June: weak
    assert [r["name"] for r in procurement["weak_routes"]] == ["郑凯 → 曾凡 (0.20)"]


def test_single_threads_name_their_broker_and_the_plan_adds_someone_else(bid):
    _, found = bid
    rows, plan = _rows(found), {s["stakeholder"]: s for s in found["plan"]}
    assert rows["张伟（科技信通部）"]["broker_names"] == ["赵刚"]
    assert plan["张伟（科技信通部）"]["approach"] == "second_thread"
    assert plan["张伟（科技信通部）"]["who_name"] != "赵刚"
    assert rows["蔡明"]["broker_names"] == ["孙悦"]
    # the team assigned 周婷 to 蔡明: she takes the second thread, not 孙悦 again
    assert (plan["蔡明"]["who_name"], plan["蔡明"]["coverage_after"]) == ("周婷", "in_depth")
    assert "周婷 owns them on our side" in plan["蔡明"]["why"]
    # the contested one: a way around the blocker, by his owner 孙悦
    assert (plan["曾凡"]["approach"], plan["曾凡"]["who_name"]) == ("way_around", "孙悦")
    # nobody of ours reaches 田甜: said, not simulated
    assert (plan["田甜"]["approach"], plan["田甜"]["coverage_after"]) == ("cold", None)


def test_the_score_and_its_simulation(bid):
    _, found = bid
    score = found["score"]
    # 5+5+4+4 in depth, 3 × .7, (4+4+3+3) × .4, 3 × .1, 3 × 0 — of 41
    assert score["score"] == pytest.approx((18 + 2.1 + 5.6 + 0.3) / 41, abs=1e-3)
    assert score["map_status"] == "ok"  # 周立新 (决策者, 支持) is in depth
    assert score["after_plan"]["percent"] > score["percent"]
    assert score["after_plan"]["people"]["uncovered"] == 1  # 田甜: nobody named


def test_chinese_says_it_all_in_chinese(bid):
    target, found = bid
    text = run_on(target, "--lang", "zh", "gaps", *AS_OF).stdout
    flat = "".join(text.split())
    assert f"覆盖率{found['score']['percent']}%（深度覆盖4·已接触1·可引荐4·受阻1·未覆盖1）" \
        in flat
    assert "曾凡【受阻，受阻于吴海峰】" in flat
    assert "郑晓明【可引荐】：有效路线：郑凯→陈国栋→郑晓明(0.46)" in flat
    assert "给张伟（科技信通部）加第二条线" in flat
    for english in ("in depth", "reachable", "contested", "routes", "owns", "through"):
        assert english not in text
    chain = run_on(target, "--lang", "zh", "path", "郑晓明", *AS_OF, "--k", "1").stdout
    assert "经上级引荐" in chain  # 陈国栋 → 郑晓明: the superior introduces, never reversed


def test_map_of_a_one_project_store_is_that_projects_org_chart(bid, tmp_path):
    """A store of one project: ``map`` draws its org chart, titled by the project's name,
    with the coverage as gaps says it in the subtitle (issue 26, 6)."""
    target, found = bid
    page = tmp_path / "m.html"
    drawn = run_on(target, "--lang", "zh", "map", "-o", page, "--as-of", "2026-12-01")
    assert drawn.exit_code == 0, drawn.output
    html = page.read_text(encoding="utf-8")
    assert '"layout": "orgchart"' in html or '"layout":"orgchart"' in html
    assert "<title>江南省调度自动化系统升级</title>" in html
    assert f"覆盖率 {found['score']['percent']}%" in html
