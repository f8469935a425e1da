"""Imports that would lose or corrupt a team's data without a word (issue 22, item 6), on
both stores: a sync whose relationships sheet lost its rows, and a reporting line that
closes a cycle through what an earlier import stored."""

from __future__ import annotations

import shutil

from graphcrm.resources import sample_dir
from graphcrm.stores import open_store
from tests.conftest import run_on


def _ties(target, request) -> int:
    store, env = target
    where = request.getfixturevalue("neo4j_settings") if env else store
    with open_store(where) as opened:
        return len(opened.load().table("relationships"))


def test_a_sync_that_removes_more_than_it_keeps_asks(target, tmp_path, request):
    """The people sheet beside a relationships sheet that kept only its header: the sync
    would remove every tie among them. Refused with the count (exit 2, nothing removed)
    unless --yes; the dry run says so."""
    assert run_on(target, "import", sample_dir()).exit_code == 0
    before = _ties(target, request)
    emptied = tmp_path / "week2"
    emptied.mkdir()
    for table in ("organizations", "people"):
        shutil.copy(sample_dir() / f"{table}.csv", emptied)
    header = (sample_dir() / "relationships.csv").read_text(encoding="utf-8").splitlines()[0]
    (emptied / "relationships.csv").write_text(header + "\n", encoding="utf-8")

    refused = run_on(target, "import", emptied, "--sync")
    assert refused.exit_code == 2, refused.output
    assert f"relationships: {before} removed, 0 listed" in refused.output
    assert "Traceback" not in refused.output and _ties(target, request) == before
    planned = run_on(target, "import", emptied, "--sync", "--dry-run")
    assert planned.exit_code == 0
    assert f"relationships: {before} would be removed by --sync, more than the 0" in \
        planned.output
    done = run_on(target, "import", emptied, "--sync", "--yes")
    assert done.exit_code == 0, done.output
    assert _ties(target, request) == 0


def test_a_cycle_through_an_earlier_import_is_refused(target, tmp_path, request):
    """杨帆 reports to 张伟, who reports up to 王建国 in the store; a sheet that makes 王建国
    report to 杨帆 closes the loop, though the sheet alone has no cycle."""
    assert run_on(target, "import", sample_dir()).exit_code == 0
    sheet = tmp_path / "people.csv"
    sheet.write_text("id,name,org_id,reports_to\np201,王建国,dfny-js,p206\n", encoding="utf-8")
    refused = run_on(target, "import", sheet)
    assert refused.exit_code == 3, refused.output
    assert "reports_to forms a cycle: p201 → p206 → p203" in refused.output
    assert "Traceback" not in refused.output
