"""A team on one store (issue 30, first part), on both stores: who did what — the author of
every change set (on Neo4j the login by default), the field-level changes of one change set,
no change set for an import that changed nothing — and blank cells that keep what a
colleague filled in."""

from __future__ import annotations

import json
import re
import shutil

from graphcrm.resources import sample_dir
from tests.conftest import english_words, run_on


def _sheet(folder, rows: str):
    folder.mkdir(exist_ok=True)
    (folder / "people.csv").write_text("id,name,org_id,title,phone\n" + rows,
                                       encoding="utf-8")
    return folder


def test_who_changed_what_field_by_field(target, tmp_path):
    _store, env = target
    assert run_on(target, "import", sample_dir()).exit_code == 0
    week2 = _sheet(tmp_path / "w2", "p201,王建国,dfny-js,董事长,139-1111-0201\n")
    # the sample's import was by another author (the default): 王明 writes his on purpose
    assert run_on(target, "import", week2, "--author", "王明", "--mine").exit_code == 0
    again = run_on(target, "import", week2, "--author", "孙佳")
    assert again.exit_code == 0 and "nothing changed" in again.stdout
    history = json.loads(run_on(target, "history", "--format", "json").stdout)
    assert [(h["change_set"], h["author"]) for h in history][1:] == [(2, "王明")]  # no 3
    default = history[0]["author"]
    if env:  # a team's Neo4j store: the login, not the machine's user
        assert default == env["NEO4J_USERNAME"]
    detail = run_on(target, "--lang", "zh", "history", "2")
    assert detail.exit_code == 0, detail.output
    assert "王明" in detail.stdout and "王建国 (p201)" in detail.stdout
    assert "职务" in detail.stdout and "总经理" in detail.stdout and "董事长" in detail.stdout
    rows = json.loads(run_on(target, "history", "2", "--format", "json").stdout)
    assert [(r["table"], r["action"], r["field"], r["before"], r["after"]) for r in rows] == [
        ("people", "update", "title", "总经理", "董事长")]
    missing = run_on(target, "history", "9")
    assert missing.exit_code == 5 and "no change set 9" in missing.output


def test_a_blank_cell_keeps_what_a_colleague_filled_in(target, tmp_path):
    """An older copy of a sheet with the title and phone not yet filled in erases nothing;
    --clear-blanks erases on purpose."""
    assert run_on(target, "import", sample_dir()).exit_code == 0
    older = _sheet(tmp_path / "old", "p201,王建国,dfny-js,,\n")
    kept = run_on(target, "import", older)
    assert kept.exit_code == 0 and "nothing changed" in kept.stdout, kept.output
    cleared = run_on(target, "import", older, "--clear-blanks")
    assert cleared.exit_code == 0
    assert "title: 总经理 → (blank); phone: 139-1111-0201 → (blank)" in cleared.stdout


def test_changes_say_who_made_each(target, tmp_path):
    assert run_on(target, "import", sample_dir()).exit_code == 0
    assert run_on(target, "snapshot", "gate").exit_code == 0
    week2 = _sheet(tmp_path / "w2", "p201,王建国,dfny-js,董事长,139-1111-0201\n")
    assert run_on(target, "import", week2, "--author", "王明", "--mine").exit_code == 0
    assert run_on(target, "remove", "role", "prj-js-ess", "杨帆", "informant",
                  "--author", "孙佳").exit_code == 0
    found = run_on(target, "changes", "--since", "gate", "--project", "prj-js-ess",
                   "--format", "json")
    assert found.exit_code == 0, found.output
    rows = {r["what"]: r for r in json.loads(found.stdout)}
    assert rows["person changed"]["author"] == "王明"
    assert rows["role removed"]["author"] == "孙佳"
    assert all(r["author"] is None for r in json.loads(found.stdout) if r["what"] == "coverage")
    chinese = run_on(target, "--lang", "zh", "changes", "--since", "gate", "--project",
                     "prj-js-ess")
    assert chinese.stdout.startswith("自快照 'gate' (") and "snapshot" not in chinese.stdout
    assert "王明" in chinese.stdout and "孙佳" in chinese.stdout  # the author column


def _ties_sheet(folder, ties: list[str]):
    folder.mkdir(exist_ok=True)
    (folder / "people.csv").write_text(
        "id,name,org_id\np203,张伟,dfny-js\np206,杨帆,dfny-js\np207,黄蕾,dfny-js\n",
        encoding="utf-8")
    (folder / "relationships.csv").write_text(
        "source,target,type,strength\n" + "".join(
            f"{a},{b},KNOWS,{'4' if {a, b} == {'p203', 'p206'} else '3'}\n"  # as stored
            for a, b in (t.split(",") for t in ties)),
        encoding="utf-8")
    return folder


def test_a_sync_removes_only_what_its_author_entered(target, tmp_path):
    """王明 imported the bid; 林晓 syncs her sheet of three engineers, which lists one of
    the two ties among them: the sync would remove 王明's other tie, so it is refused
    (exit 2) and the plan says whose it is. A tie 林晓 entered herself, her sync removes;
    --take-over removes 王明's too."""
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    sheet = _ties_sheet(tmp_path / "lin", ["p206,p207"])
    refused = run_on(target, "import", sheet, "--sync", "--author", "林晓")
    assert refused.exit_code == 2, refused.output
    assert "1 entered by 王明" in refused.output and "--take-over" in refused.output
    plan = run_on(target, "import", sheet, "--sync", "--author", "林晓", "--dry-run")
    assert "- relationships 张伟 — 杨帆 KNOWS (entered by 王明)" in plan.stdout, plan.output
    hers = _ties_sheet(tmp_path / "hers", ["p206,p207", "p203,p206", "p203,p207"])
    assert run_on(target, "import", hers, "--author", "林晓").exit_code == 0
    mine = run_on(target, "import", _ties_sheet(tmp_path / "again", ["p206,p207", "p203,p206"]),
                  "--sync", "--author", "林晓")
    assert mine.exit_code == 0, mine.output
    assert "- relationships 张伟 — 黄蕾 KNOWS" in mine.stdout
    taken = run_on(target, "import", sheet, "--sync", "--author", "林晓", "--take-over")
    assert taken.exit_code == 0, taken.output
    assert "- relationships 张伟 — 杨帆 KNOWS (entered by 王明)" in taken.stdout


def test_a_colleagues_newer_value_is_a_conflict_told(target, tmp_path):
    """王明 imported the bid; 林晓, who never imported, sends 王建国 as 董事长: a conflict
    with 王明's value, refused and listed (field, theirs, mine, who, when); --theirs keeps
    his, --mine writes hers. After her own import, a value she set last is hers to change."""
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    hers = _sheet(tmp_path / "lin", "p201,王建国,dfny-js,董事长,139-1111-0201\n")
    refused = run_on(target, "import", hers, "--author", "林晓")
    assert refused.exit_code == 2, refused.output
    assert "王建国 (p201) title: 王明 set 总经理 (" in refused.stderr
    assert "this import 董事长" in refused.stderr and "--theirs" in refused.stderr
    listed = run_on(target, "import", hers, "--author", "林晓", "--dry-run")
    assert listed.exit_code == 0 and "王明 set 总经理" in listed.output
    kept = run_on(target, "import", hers, "--author", "林晓", "--theirs")
    assert kept.exit_code == 0 and "nothing changed" in kept.stdout, kept.output
    written = run_on(target, "import", hers, "--author", "林晓", "--mine")
    assert written.exit_code == 0 and "title: 总经理 → 董事长" in written.stdout
    again = _sheet(tmp_path / "lin2", "p201,王建国,dfny-js,副董事长,139-1111-0201\n")
    assert run_on(target, "import", again, "--author", "林晓").exit_code == 0
    back = run_on(target, "import", hers, "--author", "王明")  # 林晓 set it after his import
    assert back.exit_code == 2 and "林晓 set 副董事长" in back.stderr


def test_gaps_without_a_colleague_shows_whom_only_they_cover(target):
    """陆振华 is reached only through 韩梅: without her he is uncovered; an unknown name is
    refused by name."""
    assert run_on(target, "import", sample_dir()).exit_code == 0
    def statuses(*avoid):
        found = run_on(target, "gaps", "prj-bh-bms", "--as-of", "2026-11-26", "--format",
                       "json", *[a for person in avoid for a in ("--avoid", person)])
        assert found.exit_code == 0, found.output
        return {r["name"]: r["coverage"] for r in json.loads(found.stdout)["stakeholders"]}
    assert statuses()["陆振华"] == "reachable"
    without = statuses("韩梅")
    assert without["陆振华"] == "uncovered" and "韩梅" not in without
    missing = run_on(target, "gaps", "prj-bh-bms", "--avoid", "无此人")
    assert missing.exit_code == 5 and "nobody called '无此人'" in missing.output


def test_handover_says_what_the_team_loses(target):
    """When 韩梅 (on the one route to 陆振华 and to 邓晓) leaves: both fall from reachable to
    uncovered, 邓晓 with 周敏's weak direct tie left; in Chinese, with no English word and no
    internal id."""
    assert run_on(target, "import", sample_dir()).exit_code == 0
    found = run_on(target, "handover", "韩梅", "--as-of", "2026-11-26", "--format", "json")
    assert found.exit_code == 0, found.output
    rows = json.loads(found.stdout)["stakeholders"]
    assert [(r["name"], r["status_now"], r["status_without"], r["who_else_name"]) for r in rows] \
        == [("陆振华", "reachable", "uncovered", None), ("邓晓", "reachable", "uncovered", "周敏")]
    shown = run_on(target, "--lang", "zh", "handover", "韩梅", "--as-of", "2026-11-26")
    assert "陆振华  可引荐  未覆盖" in shown.stdout and "p321" not in shown.stdout
    assert not any(w in shown.stdout for w in ("covered", "reachable", "None", "nan"))
    calls = json.loads(run_on(target, "handover", "林晓", "--as-of", "2026-11-26", "--format",
                              "json").stdout)["calls"]
    assert calls and all(c["who_else_name"] and c["who_else_id"] for c in calls)


def _everything(where) -> dict:
    from graphcrm.stores import open_store
    from tests.stores.test_contract import canonical

    with open_store(where) as opened:
        return {"tables": canonical(opened.load()),
                "history": [(s.id, s.at, s.author, s.command, s.files, s.counts,
                             [str(c) for c in s.changes])
                            for s in opened.history(changes=True)],
                "snapshots": [vars(n) for n in opened.snapshots()],
                "review": opened.review_entries()}


def test_dump_and_restore_between_both_kinds_of_store(target, tmp_path, request):
    """A team's store — imports by three colleagues, a snapshot, a removal, a review list
    with a decision — dumped and restored into an empty store of the other kind (Neo4j to a
    file and back), whole: records, history (ids, authors, times, changes), snapshots and
    the review list; it answers `changes --since` as the original did; a store that is not
    empty refuses it."""
    from graphcrm.stores import open_store
    from tests.conftest import run_on as run_at

    store, env = target
    where = request.getfixturevalue("neo4j_settings") if env else store
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    assert run_on(target, "snapshot", "gate").exit_code == 0
    week2 = _sheet(tmp_path / "w2", "p201,王建国,dfny-js,董事长,139-1111-0201\n")
    assert run_on(target, "import", week2, "--author", "林晓", "--mine").exit_code == 0
    assert run_on(target, "remove", "role", "prj-js-ess", "杨帆", "informant",
                  "--author", "孙佳").exit_code == 0
    with open_store(where) as opened:
        opened.remember_review([{"key": "x@qq.com", "address": "x@qq.com", "name": "X",
                                 "meetings": [["2026-11-20", "p002", "email"]]}])
        opened.set_review_status("x@qq.com", "ignored")
    original = _everything(where)
    since = run_on(target, "changes", "--since", "gate", "--format", "json").stdout

    dumped = run_on(target, "dump", tmp_path / "team.json")
    assert dumped.exit_code == 0, dumped.output
    copy = tmp_path / "copy.db"
    assert run_at((str(copy), {}), "restore", tmp_path / "team.json").exit_code == 0
    assert _everything(copy) == original
    assert run_at((str(copy), {}), "changes", "--since", "gate", "--format",
                  "json").stdout == since
    again = run_on(target, "restore", tmp_path / "team.json")
    assert again.exit_code == 2 and "is not empty" in again.output
    if env:  # and back into the emptied Neo4j database
        from tests.neo4j_server import erase

        erase(where)
        assert run_at((str(copy), {}), "dump", tmp_path / "back.json").exit_code == 0
        back = run_on(target, "restore", tmp_path / "back.json")
        assert back.exit_code == 0, back.output
        assert _everything(where) == original
        after = run_on(target, "import", week2, "--author", "林晓")
        assert after.exit_code == 0 and "nothing changed" in after.stdout


def test_three_colleagues_sync_at_once_and_lose_nothing(target, tmp_path, request):
    """Three account managers, each covering their part of the customer, sync their sheets
    into one store at the same moment, each adding a tie: every import runs whole, one after
    the other; none removes another's tie or 王明's; the history says who did what."""
    import threading

    from graphcrm import api
    from graphcrm.stores import open_store

    store, env = target
    where = request.getfixturevalue("neo4j_settings") if env else store
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    parts = {"林晓": ("p201", "王建国", "p205", "陈静"),
             "赵磊": ("p202", "李娜", "p208", "徐明"),
             "孙佳": ("p203", "张伟", "p209", "孙浩")}
    folders = {}
    for who, (a, a_name, b, b_name) in parts.items():
        folder = tmp_path / who
        folder.mkdir()
        (folder / "people.csv").write_text(
            f"id,name,org_id\n{a},{a_name},dfny-js\n{b},{b_name},dfny-js\n",
            encoding="utf-8")
        (folder / "relationships.csv").write_text(
            f"source,target,type,strength\n{a},{b},KNOWS,3\n", encoding="utf-8")
        folders[who] = folder
    with open_store(where) as opened:
        before = len(opened.load().table("relationships"))
    failures: list[BaseException] = []

    def sync(who: str) -> None:
        try:
            api.GraphCRM(where).import_data([folders[who]], sync=True, author=who)
        except BaseException as err:
            failures.append(err)

    threads = [threading.Thread(target=sync, args=(who,)) for who in parts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert failures == []
    with open_store(where) as opened:
        ties = opened.load().table("relationships")
        synced = sorted(s.author for s in opened.history() if s.command == "import --sync")
    assert len(ties) == before + 3
    held = {frozenset((t["source"], t["target"])) for t in ties}
    assert all(frozenset((a, b)) in held for a, _, b, _ in parts.values())
    assert synced == sorted(parts)


def test_revert_a_bad_sync(target, tmp_path):
    """林晓 enters three ties, then syncs a copy of her sheet that lost two rows: the two go.
    `revert` brings them back whole, as a change set of its own; reverting the same set
    again, or the first import, or a change set whose records changed since, is refused."""
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    people = [("p201", "p205"), ("p206", "p208"), ("p916", "p917")]  # no tie among them yet
    folder = tmp_path / "lin"
    folder.mkdir()
    (folder / "relationships.csv").write_text(
        "source,target,type,strength,notes\n" + "".join(
            f"{a},{b},KNOWS,4,饭局认识\n" for a, b in people), encoding="utf-8")
    assert run_on(target, "import", folder, "--author", "林晓").exit_code == 0
    lost = tmp_path / "lost"
    lost.mkdir()
    names = {"p201": "王建国", "p205": "陈静", "p206": "杨帆", "p208": "徐明", "p916": "熊杰",
             "p917": "徐鹏"}
    (lost / "people.csv").write_text(
        "id,name,org_id\n" + "".join(f"{p},{names[p]},dfny-js\n" for pair in people
                                     for p in pair), encoding="utf-8")
    (lost / "relationships.csv").write_text(
        "source,target,type,strength,notes\np201,p205,KNOWS,4,饭局认识\n", encoding="utf-8")
    synced = run_on(target, "import", lost, "--sync", "--author", "林晓", "--yes")
    assert synced.exit_code == 0 and synced.stdout.count("- relationships") == 2, synced.output
    assert "relationships: 2 were removed by --sync, more than the 1" in synced.output
    bad = json.loads(run_on(target, "history", "--format", "json").stdout)[-1]["change_set"]
    planned = run_on(target, "revert", str(bad), "--dry-run")
    assert planned.exit_code == 0 and planned.stdout.count("+ relationships") == 2
    assert "--sync" not in planned.output  # a revert is no sync: no sync warning
    done = run_on(target, "revert", str(bad), "--author", "林晓")
    assert done.exit_code == 0, done.output
    with open_store_of(target) as opened:
        ties = {(t["source"], t["target"]): (t["strength"], t["notes"])
                for t in opened.load().table("relationships")}
    assert all(ties[pair] == (4, "饭局认识") for pair in people)
    history = json.loads(run_on(target, "history", "--format", "json").stdout)
    assert (history[-1]["command"], history[-1]["author"]) == (f"revert {bad}", "林晓")
    again = run_on(target, "revert", str(bad))
    assert again.exit_code == 2
    assert f"change set {bad + 1} changed its records again" in again.output
    first = run_on(target, "revert", "1")
    assert first.exit_code == 2 and "made the store from empty" in first.output


def open_store_of(target):
    from graphcrm.stores import Neo4jSettings, open_store

    store, env = target
    if not env:
        return open_store(store)
    return open_store(Neo4jSettings(store, username=env["NEO4J_USERNAME"],
                                    password=env["NEO4J_PASSWORD"]))


def _status_sheet(folder, rows: str):
    folder.mkdir(exist_ok=True)
    (folder / "人员.csv").write_text("编号,姓名,单位,状态,变动日期\n" + rows, encoding="utf-8")
    return folder


def test_one_of_ours_who_left_is_on_no_chain_and_in_no_plan(target, tmp_path):
    """林晓 (ours) leaves and 韩梅 (the hospital's broker) is transferred away, told by a
    status column: neither is on a chain, among the stakeholders or in a plan; their ties
    and roles stay in the store; a chain to or from them is refused, saying why."""
    assert run_on(target, "import", sample_dir()).exit_code == 0
    def rows(*args):
        found = run_on(target, *args, "--as-of", "2026-11-26", "--format", "json")
        assert found.exit_code == 0, found.output
        return json.loads(found.stdout)
    assert any(r["by_name"] == "林晓" for r in rows("health"))
    assert any("林晓" in chain["names"] for chain in rows("path", "王建国"))
    sheet = _status_sheet(tmp_path / "left", "p002,林晓,huaxin,离职,2026-11-02\n"
                                             "p304,韩梅,binhai-h1,调离,2026-11-20\n")
    imported = run_on(target, "import", sheet)
    assert imported.exit_code == 0, imported.output
    assert "status: (blank) → left" in imported.stdout
    plan = rows("health")
    assert plan and not any("林晓" in (r["by_name"], r["name"]) for r in plan)
    assert not any(r["name"] == "韩梅" for r in plan)
    gaps = rows("gaps", "prj-bh-bms")
    names = {r["name"]: r["coverage"] for r in gaps["stakeholders"]}
    assert names["陆振华"] == "uncovered" and "韩梅" not in names  # only she reached him
    assert not any("林晓" in str(step) or "韩梅" in str(step) for step in gaps["plan"])
    chains = rows("path", "王建国")
    assert chains and not any("林晓" in chain["names"] for chain in chains)
    to_her = run_on(target, "path", "韩梅")
    assert to_her.exit_code == 2 and "Traceback" not in to_her.output
    assert "韩梅 is no longer in post (transferred away since 2026-11-20)" in to_her.output
    in_zh = run_on(target, "--lang", "zh", "path", "韩梅")
    assert "韩梅 已不在任（2026-11-20 起调离）" in in_zh.output
    from_him = run_on(target, "path", "王建国", "林晓")
    assert from_him.exit_code == 2 and "林晓 is no longer in post (left since 2026-11-02)" \
        in from_him.output
    with open_store_of(target) as opened:  # history intact: her ties and roles are kept
        held = opened.load()
    assert any("p304" in (t["source"], t["target"]) for t in held.table("relationships"))
    assert [p["status"] for p in held.table("people") if p["id"] == "p002"] == ["left"]
    back = _status_sheet(tmp_path / "back", "p002,林晓,huaxin,在职,2026-12-01\n")
    assert run_on(target, "import", back).exit_code == 0  # rehired: on chains again
    assert any(r["by_name"] == "林晓" for r in rows("health"))


def test_revert_an_import_that_added_people_and_an_organization(target, tmp_path):
    """An import by mistake into the team store: a new organization, two people there, a
    tie and a role. Its revert takes all of them back — unless a colleague has since tied
    one of ours to one of them: then it is refused, naming that tie, and nothing changes."""
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "organizations.csv").write_text("id,name,kind\nx-org,某设计院,partner\n",
                                             encoding="utf-8")
    (wrong / "people.csv").write_text("id,name,org_id\nx1,甲工,x-org\nx2,乙工,x-org\n",
                                      encoding="utf-8")
    (wrong / "relationships.csv").write_text("source,target,type,strength\nx1,x2,KNOWS,3\n",
                                             encoding="utf-8")
    (wrong / "stakeholders.csv").write_text("project_id,person_id,role\nprj-js-ess,x1,user\n",
                                            encoding="utf-8")
    assert run_on(target, "import", wrong, "--author", "孙佳").exit_code == 0
    bad = json.loads(run_on(target, "history", "--format", "json").stdout)[-1]["change_set"]
    colleague = tmp_path / "colleague"
    colleague.mkdir()
    (colleague / "relationships.csv").write_text(
        "source,target,type,strength\np002,x2,KNOWS,2\n", encoding="utf-8")
    assert run_on(target, "import", colleague, "--author", "林晓").exit_code == 0
    refused = run_on(target, "revert", str(bad))
    assert refused.exit_code == 2, refused.output
    assert "referred to by records it did not make: relationships p002 x2 knows (target x2)" \
        in refused.output
    said = run_on(target, "--lang", "zh", "revert", str(bad)).stderr
    assert f"变更 {bad} 无法撤销：它新建的记录被其他记录引用：关系 p002 x2 认识（人员乙 x2）" \
        in said
    assert run_on(target, "remove", "tie", "p002", "x2").exit_code == 0
    done = run_on(target, "revert", str(bad), "--author", "孙佳")
    assert done.exit_code == 0, done.output
    assert "- people 甲工 (x1)" in done.stdout or "- people x1" in done.stdout, done.stdout
    with open_store_of(target) as opened:
        held = opened.load()
    assert not {"x1", "x2"} & {p["id"] for p in held.table("people")}
    assert "x-org" not in {o["id"] for o in held.table("organizations")}
    assert not any(r["person_id"] == "x1" for r in held.table("stakeholders"))
    check = run_on(target, "check")
    assert check.exit_code == 0, check.output


def test_two_colleagues_changing_one_value_at_once_are_told(target, tmp_path, request):
    """Three rounds: 林晓 has just set a person's title and 孙佳 has imported since, so each
    may change it; both send a different title at the same moment. Whoever the lock lets in
    second finds the value the other has just set — a conflict, refused — so in every round
    exactly one import changes it and the title never flips silently."""
    import threading

    from graphcrm import api
    from graphcrm.errors import Conflict
    from graphcrm.stores import open_store

    store, env = target
    where = request.getfixturevalue("neo4j_settings") if env else store
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    people = [("p201", "王建国"), ("p203", "张伟"), ("p204", "刘洋")]
    for n, (pid, name) in enumerate(people):
        base = _sheet(tmp_path / f"base{n}", f"{pid},{name},dfny-js,原职务{n},\n")
        assert run_on(target, "import", base, "--author", "林晓", "--mine").exit_code == 0
        other = _sheet(tmp_path / f"other{n}", f"p205,陈静,dfny-js,运维班长{n},\n")
        assert run_on(target, "import", other, "--author", "孙佳", "--mine").exit_code == 0
        sheets = {who: _sheet(tmp_path / f"{who}{n}", f"{pid},{name},dfny-js,{who}的职务{n},\n")
                  for who in ("林晓", "孙佳")}
        outcome: dict[str, str] = {}

        def send(who: str, sheets=sheets, outcome=outcome) -> None:
            try:
                api.GraphCRM(where).import_data([sheets[who]], author=who)
                outcome[who] = "written"
            except Conflict as err:
                outcome[who] = "conflict" if "set" in str(err) else str(err)
            except BaseException as err:  # anything else is a failure of the test
                outcome[who] = repr(err)

        threads = [threading.Thread(target=send, args=(who,)) for who in sheets]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert sorted(outcome.values()) == ["conflict", "written"], outcome
        winner = next(who for who, said in outcome.items() if said == "written")
        with open_store(where) as opened:
            title = opened.load(people=[pid]).table("people")[0]["title"]
        assert title == f"{winner}的职务{n}"


def _dfny_sheet(folder, leave_out=(), add=""):
    """The sample's people of 东方新能源江苏 (dfny-js) as a team's people sheet, some left
    out, a successor added."""
    import csv as _csv

    folder.mkdir(exist_ok=True)
    with open(sample_dir() / "people.csv", encoding="utf-8") as handle:
        rows = [r for r in _csv.DictReader(handle) if r["org_id"] == "dfny-js"
                and r["id"] not in leave_out]
    text = "id,name,org_id,title,department,reports_to\n" + "".join(
        f"{r['id']},{r['name']},dfny-js,{r['title']},{r['department']},{r['reports_to']}\n"
        for r in rows) + add
    (folder / "people.csv").write_text(text, encoding="utf-8")
    return folder


def test_a_person_gone_from_a_synced_sheet_has_left_and_is_kept(target, tmp_path):
    """Week two: 王明's people sheet no longer lists 李娜 (transferred away) and lists her
    successor. Under --sync she is marked left as of the import — not deleted: her ties and
    roles stay in the store, she is on no chain and in no plan. A colleague's partial sheet
    marks nobody; a sheet cut short is refused unless --yes."""
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    partial = _dfny_sheet(tmp_path / "lin", leave_out=[f"p{n}" for n in range(203, 211)])
    kept = run_on(target, "import", partial, "--sync", "--author", "林晓", "--dry-run")
    assert kept.exit_code == 0 and "left" not in kept.stdout, kept.output  # not hers to say
    week2 = _dfny_sheet(tmp_path / "w2", leave_out=["p202"],
                        add="p230,钱进,dfny-js,副总经理（生产）,公司领导,p201\n")
    planned = run_on(target, "import", week2, "--sync", "--author", "王明", "--dry-run")
    assert planned.exit_code == 0, planned.output
    assert "李娜 (p202): status: (blank) → left" in planned.stdout
    done = run_on(target, "import", week2, "--sync", "--author", "王明")
    assert done.exit_code == 0, done.output
    held = _team_held(target)
    li = next(p for p in held.table("people") if p["id"] == "p202")
    assert li["status"] == "left" and li["status_since"] == __import__("datetime").date.today(
        ).isoformat()
    assert any("p202" in (t["source"], t["target"]) for t in held.table("relationships"))
    to_her = run_on(target, "path", "李娜")
    assert to_her.exit_code == 2 and "no longer in post (left" in to_her.output
    # 钱进 holds her title under the same superior: recorded as her successor (接任)
    qian = next(p for p in held.table("people") if p["id"] == "p230")
    assert qian["predecessor"] == "p202"
    assert "+ people 钱进 (p230), taking over from 李娜 (p202)" in planned.stdout
    her = json.loads(run_on(target, "whois", "李娜", "--format", "json").stdout)["person"][0]
    his = json.loads(run_on(target, "whois", "钱进", "--format", "json").stdout)["person"][0]
    assert (her["successor"], his["predecessor"]) == ("钱进", "李娜")
    short = _dfny_sheet(tmp_path / "short", leave_out=[f"p{n}" for n in range(203, 211)]
                        + [f"p{n}" for n in range(915, 925)])
    refused = run_on(target, "import", short, "--sync", "--author", "王明")
    assert refused.exit_code == 2 and "would mark 19 people as gone" in refused.output  # + 钱进
    assert run_on(target, "import", short, "--sync", "--author", "王明", "--yes").exit_code == 0


def _team_held(target):
    with open_store_of(target) as opened:
        return opened.load()


def test_changes_say_left_and_moved_in_one_row_each(target, tmp_path):
    """What changed since the gate: 李娜 left (one row: her post before, since when) and
    徐明 moved to the dispatch centre (one row: post before and after) — not field edits."""
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    assert run_on(target, "snapshot", "gate-1").exit_code == 0
    week2 = _dfny_sheet(tmp_path / "w2", leave_out=["p202"],
                        add="p230,钱进,dfny-js,副总经理（生产）,公司领导,p201\n")
    text = (week2 / "people.csv").read_text(encoding="utf-8").replace(
        "p208,徐明,dfny-js,信息中心主任,信息中心,", "p208,徐明,dfny-js,调控中心副主任,调控中心,")
    (week2 / "people.csv").write_text(text, encoding="utf-8")
    assert run_on(target, "import", week2, "--sync", "--author", "王明").exit_code == 0
    found = json.loads(run_on(target, "changes", "--since", "gate-1", "--format",
                              "json").stdout)
    people = [r for r in found if r["what"].startswith("person")]
    by_who = {}
    for row in people:
        by_who.setdefault(row["who"], []).append(row)
    assert [r["what"] for r in by_who["李娜"]] == ["person left"]
    assert [(r["what"], r["before"]) for r in by_who["钱进"]] == [("person succeeded", "李娜")]
    assert by_who["李娜"][0]["before"] == "公司领导 副总经理（生产）"
    moved = by_who["徐明"]
    assert [r["what"] for r in moved] == ["person moved"]
    assert (moved[0]["before"], moved[0]["after"]) == ("信息中心 信息中心主任",
                                                       "调控中心 调控中心副主任")
    zh = run_on(target, "--lang", "zh", "changes", "--since", "gate-1")
    assert "离任" in zh.stdout and "调任" in zh.stdout


def test_whois_shows_posts_over_time(target, tmp_path):
    """徐明 was head of the information centre, then moved to the dispatch centre under
    王建国; 李娜 left: whois shows each post from when to when (issue 25, 1)."""
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    moved = _dfny_sheet(tmp_path / "w2", leave_out=["p202"])
    text = (moved / "people.csv").read_text(encoding="utf-8").replace(
        "p208,徐明,dfny-js,信息中心主任,信息中心,p202",
        "p208,徐明,dfny-js,调控中心副主任,调控中心,p201")
    (moved / "people.csv").write_text(text, encoding="utf-8")
    assert run_on(target, "import", moved, "--sync", "--author", "王明").exit_code == 0
    found = json.loads(run_on(target, "whois", "徐明", "--format", "json").stdout)
    posts = [(p["title"], p["department"], p["superior"], p["to"] is None)
             for p in found["posts"]]
    assert posts == [("信息中心主任", "信息中心", "李娜", False),
                     ("调控中心副主任", "调控中心", "王建国", True)]
    assert found["posts"][0]["to"] == found["posts"][1]["from"]
    left = json.loads(run_on(target, "whois", "李娜", "--format", "json").stdout)
    assert [p["person_status"] for p in left["posts"]] == ["in_post", "left"]
    zh = run_on(target, "--lang", "zh", "whois", "李娜")
    assert zh.exit_code == 0 and "离职" in zh.stdout and "in_post" not in zh.stdout


def _english(text: str, *names: str) -> list[str]:
    return english_words(text, *names, allowed={"sync", "take", "over", "dry", "run",
                                                "theirs", "mine", "yes"})


def test_a_colleagues_work_is_told_in_chinese(target, tmp_path):
    """What the team store tells 林晓 about 王明's work, in Chinese with no English words:
    the conflict with his values (the field by its word, a blank as 空, a status by its
    word), the value kept with --theirs, a sync that would remove his tie (its type by its
    word, whose it is), and a sync that removes more than the sheet lists."""
    assert run_on(target, "import", sample_dir(), "--author", "王明").exit_code == 0
    hers = _sheet(tmp_path / "lin", "p201,王建国,dfny-js,董事长,139-1111-0201\n")
    (tmp_path / "lin" / "people.csv").write_text(
        "id,name,org_id,title,status\np201,王建国,dfny-js,董事长,left\n", encoding="utf-8")
    refused = run_on(target, "--lang", "zh", "import", hers, "--author", "林晓")
    assert refused.exit_code == 2, refused.output
    assert "你上次导入后同事改过的 2 个值会被改掉：王建国 (p201) 的职务：王明 于 " in refused.stderr
    assert "设为 总经理，本次导入为 董事长；王建国 (p201) 的状态：王明 于 " in refused.stderr
    assert "设为 （空），本次导入为 离职。" in refused.stderr
    assert re.search(r"王明 于 \d{4}-\d\d-\d\d \d\d:\d\d 设为 总经理", refused.stderr)  # local time
    assert _english(refused.stderr, "p201", "dfny") == [], refused.stderr
    kept = run_on(target, "--lang", "zh", "import", hers, "--author", "林晓", "--theirs")
    assert kept.exit_code == 0 and "警告：保留了同事的值：王建国 (p201) 的职务：" in kept.stderr
    assert _english(kept.stderr, "p201", "dfny") == [], kept.stderr
    sheet = _ties_sheet(tmp_path / "ties", ["p206,p207"])
    plan = run_on(target, "--lang", "zh", "import", sheet, "--sync", "--author", "林晓",
                  "--dry-run")
    assert "  - 关系 张伟 — 杨帆 认识（王明 录入）" in plan.stdout, plan.output
    assert "警告：--sync 会删除其他同事录入的记录：王明 录入的 1 条（不加 --take-over 将被拒绝）" \
        in plan.stderr
    cut = run_on(target, "--lang", "zh", "import", sheet, "--sync", "--author", "王明")
    assert cut.exit_code == 2, cut.output
    assert "（王建国 (p201)、李娜 (p202)、刘洋 (p204)、陈静 (p205)、徐明 (p208)、……另有 " \
        in cut.stderr
    for table in ("organizations", "people"):  # everyone, and one tie: more removed than kept
        shutil.copy(sample_dir() / f"{table}.csv", sheet)
    refused = run_on(target, "--lang", "zh", "import", sheet, "--sync", "--author", "王明")
    assert refused.exit_code == 2 and re.search("（关系：删除 \\d+ 条，列出 1 条）", refused.stderr)
    planned = [line for line in plan.stdout.splitlines() if line.startswith("  - ")]
    for said in (plan.stderr, *planned, cut.stderr, refused.stderr):  # the headers as read
        assert _english(said, "p2", "dfny") == [], said  # are the file's own: not checked
