"""What an import did, as people read it: counts, then the plan with what matters first."""

from __future__ import annotations

from graphcrm.changes import Change
from graphcrm.import_report import ImportReport
from graphcrm.stores.base import ImportSummary, TableChanges


def test_the_plan_puts_people_coming_and_going_first_then_roles_ties_and_details():
    changes = (
        Change("people", "update", ("p208",), {"phone": ("1", "2")}, "徐明 (p208)"),
        Change("relationships", "update", ("p201", "p208", "KNOWS"), {"strength": (3, 4)},
               "王建国 — 徐明 KNOWS"),
        Change("stakeholders", "update", ("P", "p201", "decision_maker"),
               {"stance": ("neutral", "supporter")}, "P 王建国 decision_maker"),
        Change("people", "update", ("p202",), {"status": (None, "left")}, "李娜 (p202)"),
    )
    report = ImportReport.showing(ImportSummary((TableChanges("people", 1, 0, 2, 0),),
                                                dry_run=True, changes=changes))
    lines = [line for line in report.text("zh").splitlines() if line.startswith("  ~")]
    assert [line.split()[2] for line in lines] == ["李娜", "P", "王建国", "徐明"]
    assert "状态：（空） → 离职" in lines[0] and "立场：中立 → 支持" in lines[1]
    assert "P 王建国 决策者" in lines[1] and "王建国 — 徐明 认识" in lines[2]  # no English
