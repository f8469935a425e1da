"""A shared store fed by several colleagues: an id reused for somebody else is refused, on
both stores, before anything is written; a rename at the same organization is a warning."""

from __future__ import annotations

from tests.conftest import TINY, run_on

run = run_on


def test_a_reused_id_is_refused_with_its_row_and_nothing_changes(target, make_tables):
    assert run(target, "import", make_tables(TINY)).exit_code == 0
    before = run(target, "stats", "--format", "json").stdout
    colleague = {"organizations": [["id", "name"], ["acme", "Acme 公司"]],
                 "people": [["id", "name", "org_id"], ["c", "李主任", "acme"]]}
    for args in (["--dry-run"], []):
        result = run(target, "import", make_tables(colleague), *args)
        assert result.exit_code == 3, result.output
        assert "people.csv, row 2, column id: 'c': the store has c as 陈总 at o-c; this row " \
               "names 李主任 at acme — a different person reusing the id?" in result.stderr
    assert run(target, "stats", "--format", "json").stdout == before
    assert "陈总" in run(target, "path", "c", "-p", "P1").stdout
    moved = run(target, "import", make_tables(colleague), "--allow-reassign")
    assert moved.exit_code == 0, moved.output


def test_a_rename_at_the_same_organization_is_a_warning(target, make_tables):
    assert run(target, "import", make_tables(TINY)).exit_code == 0
    renamed = {"organizations": TINY["organizations"],
               "people": [["id", "name", "org_id"], ["c", "陈建国", "o-c"]]}
    result = run(target, "import", make_tables(renamed))
    assert result.exit_code == 0, result.output
    assert "c renamed from 陈总 to 陈建国" in result.stderr
