"""One output path in two languages: every command with --lang zh, the options that must do
what they say, and no nan/None/NaT anywhere, on the sample and on a sparse hostile store."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from graphcrm import api
from graphcrm.words import WORDS
from tests.conftest import english_words, run_cli
from tests.conftest import write_tables as _write_rows

AS_OF = ["--as-of", "2026-11-26"]
COMMANDS = [
    ["path", "王建国", "--project", "prj-js-ess"],
    ["path", "林晓", "高明", "--max-hops", "1"],  # no path: the reason
    ["gaps", "prj-bh-bms"],
    ["gaps", "--project", "prj-js-ess"],
    ["informants", "prj-js-ess"],
    ["health", "prj-js-ess"],
    ["health"],
    ["matrix", "江苏储能电站智能监控系统"],  # a project by its name
    ["changes", "--since", "gate-0"],
]
QUERIES = [c for c in COMMANDS if c[0] != "changes"]


@pytest.fixture(scope="module")
def store(demo):
    api.open(demo).snapshot("gate-0")
    return demo


def write_tables(folder, tables):
    """Tables of records as CSV files (header, then rows)."""
    rows = {}
    for name, records in tables.items():
        columns = list(dict.fromkeys(c for r in records for c in r))
        rows[name] = [columns] + [[r.get(c, "") for c in columns] for r in records]
    return _write_rows(folder, rows)


def run(*args, lang=None):
    return run_cli(None, *args, *(["--lang", lang] if lang else []))


def _english_words() -> list[str]:
    """The English words that must not survive --lang zh: roles, stances, levels, tie
    types, statuses, brokerage roles, quadrants, plan kinds, holes and the headings."""
    prefixes = ("Role.", "Stance.", "TieLevel.", "TieType.", "Coverage.", "MapStatus.", "gf.",
                "quadrant.", "kind.", "hole.", "what.", "approach.")
    words = {english for key, (english, _) in WORDS.items()
             if key.startswith(prefixes) and not key.endswith(".means")}
    words |= {"Coverage", "map status", "routes that count", "Plan (one step", "Org-chart holes",
              "through", "knows them", "independent of", "after the plan", "single-threaded",
              "chain strength", "call", "No path", "Since", "reaches", "we reach them",
              "already recorded", "hops", "days", "undated", "name", "influence"}
    return sorted(words - {"other"}, key=len, reverse=True)


ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, _english_words())) +
                     r")(?![\w-])", re.IGNORECASE)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_every_command_speaks_chinese(store, args):
    result = run("--store", store, *args, *AS_OF, lang="zh")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert re.search(r"[\u4e00-\u9fff]", text)
    left = sorted({m.group(0) for m in ENGLISH.finditer(text)})
    assert not left, f"English left in `{' '.join(args)} --lang zh`: {left}\n{text}"


@pytest.mark.parametrize("args", [["stats"], ["history"], ["import", "DATA", "--dry-run"]],
                         ids=lambda a: a[0])
def test_store_commands_speak_chinese(store, args):
    from graphcrm.resources import sample_dir

    args = [str(sample_dir()) if a == "DATA" else a for a in args]
    result = run("--store", store, *args, lang="zh")
    assert result.exit_code == 0, result.output
    text = "\n".join(line for line in result.stdout.splitlines()
                     if "→" not in line and "header row" not in line)  # headers as read
    assert re.search(r"[\u4e00-\u9fff]", text)
    assert not ENGLISH.findall(text), (ENGLISH.findall(text), text)
    for english in ("would be created", "change plan", "stakeholders", "interactions"):
        assert english not in text


def test_the_demo_in_chinese(tmp_path):
    result = run("--lang", "zh", "demo", "--dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "谁能帮我们接触到" in result.stdout and "覆盖率 42%" in result.stdout
    assert "【重点经营】" in result.stdout
    shown = "\n".join(line for line in result.stdout.splitlines()
                      if not line.strip().startswith("graphcrm ") and "graphcrm --store" not in line
                      and "/" not in line)
    assert not ENGLISH.findall(shown), ENGLISH.findall(shown)


def test_the_demo_runs_the_real_commands(tmp_path, store):
    """The demo's sections are the commands it prints, run as they are (DEMO)."""
    from graphcrm.cli.analysis_commands import DEMO

    demo = run("demo", "--dir", str(tmp_path), lang="en").stdout
    for _, args in DEMO:
        alone = run("--store", store, *args, *AS_OF, lang="en").stdout
        assert alone in demo, args


def test_csv_headers_and_words_follow_the_language_and_json_does_not(store):
    zh = run("--store", store, "matrix", "prj-js-ess", "--format", "csv", *AS_OF, lang="zh")
    rows = list(csv.reader(io.StringIO(zh.stdout.lstrip("\ufeff"))))
    assert rows[0][:3] == ["象限", "人员编号", "姓名"]
    assert rows[1][0] == "重点经营"
    as_json = json.loads(run("--store", store, "matrix", "prj-js-ess", "--format", "json",
                             *AS_OF, lang="zh").stdout)
    assert as_json[0]["quadrant"] == "manage closely" and "stance" in as_json[0]
    english = json.loads(run("--store", store, "matrix", "prj-js-ess", "--format", "json",
                             *AS_OF, lang="en").stdout)
    assert as_json == english  # JSON is an interface: the language changes nothing in it


def test_gaps_json_is_one_object_and_csv_has_parts(store):
    found = json.loads(run("--store", store, "gaps", "prj-bh-bms", "--format", "json",
                           *AS_OF).stdout)
    assert list(found) == ["score", "stakeholders", "plan", "holes"]
    assert found["score"]["score"] == pytest.approx(0.424)
    assert found["score"]["map_status"] == "no_key_player"
    assert [s["name"] for s in found["stakeholders"]][:2] == ["田蕾", "高明"]
    steps = ["高明", "罗燕", "陆振华", "谢强", "韩梅", "邓晓", "田蕾"]
    assert [p["meet_name"] for p in found["plan"]] == steps
    assert {"hole", "where", "detail"} == set(found["holes"][0])
    plan = run("--store", store, "gaps", "prj-bh-bms", "--format", "csv", "--part", "plan",
               *AS_OF).stdout
    rows = list(csv.DictReader(io.StringIO(plan.lstrip("\ufeff"))))
    assert [r["meet_name"] for r in rows] == steps and rows[2]["via"] == "韩梅"
    holes = run("--store", store, "gaps", "prj-bh-bms", "--format", "csv", "--part", "holes",
                *AS_OF).stdout
    assert "superior unknown" in holes and "设备科" in holes


def test_informants_and_health_machine_outputs_carry_the_reasons(store):
    informants = json.loads(run("--store", store, "informants", "prj-js-ess", "--format",
                                "json", *AS_OF).stdout)
    assert informants[0]["reasons"].startswith("reaches ")
    health = json.loads(run("--store", store, "health", "prj-js-ess", "--format", "json",
                            *AS_OF).stdout)
    assert health[0]["reason"] and health[0]["by_name"] == "林晓"


@pytest.mark.parametrize(("args", "message"), [
    (["path", "王建国", "--k", "0"], "0 is not in the range x>=1"),
    (["path", "王建国", "--max-hops", "0"], "0 is not in the range x>=1"),
    (["informants", "prj-js-ess", "--top", "0"], "0 is not in the range x>=1"),
    (["gaps"], "name a project (projects: prj-bh-bms, prj-js-ess, prj-metro5)"),
    (["gaps", "prj-js-ess", "--project", "prj-bh-bms"], "two projects given"),
    (["gaps", "no-such"], "no project 'no-such'"),
    (["path", "马建华", "--avoid-opponents"], "avoiding opponents needs a project"),
    (["matrix", "prj-js-ess", "--as-of", "2026-13-01"], "not a calendar date"),
    (["matrix", "prj-js-ess", "--as-of", "01/11/2026"], "not a date"),
])
def test_options_that_cannot_work_say_why(store, args, message):
    result = run("--store", store, *args)
    assert result.exit_code in (2, 5), result.output
    assert message in result.output
    said = run("--store", store, *args, lang="zh")  # and in Chinese, the same refusal
    assert said.exit_code == result.exit_code
    assert _english_sentences(said.output, store, *args, "--help", "cli ") == [], said.output


def test_the_api_refuses_counts_below_one(store):
    from graphcrm.errors import BadArgument

    bid = api.open(store)
    with pytest.raises(BadArgument, match="k must be at least 1"):
        bid.paths("王建国", k=0)
    with pytest.raises(BadArgument, match="top must be at least 1"):
        bid.informants("prj-js-ess", top=0)


def test_avoid_opponents_without_a_project_uses_the_targets_projects(store):
    found = json.loads(run("--store", store, "path", "王建国", "--avoid-opponents", "--k", "10",
                           "--format", "json", *AS_OF).stdout)
    assert found and all("p204" not in r["nodes"] for r in found)  # 刘洋 opposes us


def test_store_lang_and_format_after_the_subcommand(store):
    before = run("--store", store, "--lang", "zh", "matrix", "prj-js-ess", *AS_OF).stdout
    after = run("matrix", "prj-js-ess", *AS_OF, "--store", store, "--lang", "zh").stdout
    assert before == after and "【重点经营】" in after


@pytest.mark.parametrize("form", ["2026/11/26", "2026年11月26日", "2026.11.26",
                                  "2026-11-26T09:00:00+08:00"])
def test_as_of_takes_every_date_form_the_import_takes(store, form):
    iso = run("--store", store, "health", "prj-js-ess", *AS_OF, "--format", "json").stdout
    assert run("--store", store, "health", "prj-js-ess", "--as-of", form,
               "--format", "json").stdout == iso


def test_a_single_project_store_needs_no_project(tmp_path):
    tables = {
        "organizations": [{"id": "us", "name": "我们", "kind": "own"},
                          {"id": "c", "name": "客户", "kind": "customer"}],
        "people": [{"id": "a", "name": "甲", "org_id": "us"},
                   {"id": "b", "name": "乙", "org_id": "c"}],
        "relationships": [{"source": "a", "target": "b", "type": "KNOWS", "strength": 4}],
        "projects": [{"id": "P", "name": "ＰＲＯＪＥＣＴ Ａ", "customer_id": "c"}],
        "stakeholders": [{"project_id": "P", "person_id": "b", "role": "decision_maker"}],
    }
    folder = write_tables(tmp_path / "one", tables)
    db = str(tmp_path / "one.db")
    assert run("--store", db, "import", str(folder)).exit_code == 0
    alone = run("--store", db, "gaps", "--format", "json", *AS_OF)
    named = run("--store", db, "gaps", "project a", "--format", "json", *AS_OF)  # any width
    assert alone.exit_code == 0 and alone.stdout == named.stdout
    assert json.loads(alone.stdout)["stakeholders"][0]["name"] == "乙"


# -- no nan, None or NaT reaches a user -----------------------------------------------------

SPARSE = {  # a store as people fill it in: most optional cells empty, odd shapes
    "organizations": [{"id": "us", "name": "我们", "kind": "own"},
                      {"id": "c", "name": "客户", "kind": ""},
                      {"id": "x", "name": "=HYPERLINK(\"http://x\")", "kind": "competitor"}],
    "people": [{"id": "a", "name": "甲", "org_id": "us"},
               {"id": "b", "name": "乙", "org_id": "c"},
               {"id": "d", "name": "丁", "org_id": "c", "reports_to": "b"},
               {"id": "e", "name": "戊", "org_id": "x"},
               {"id": "f", "name": "己", "org_id": "c"}],
    "relationships": [{"source": "a", "target": "b", "type": "KNOWS", "strength": 3},
                      {"source": "b", "target": "d", "type": "INFLUENCES"},
                      {"source": "e", "target": "f", "type": "KNOWS", "strength": 2,
                       "last_contact": "2020-01-01"}],
    "projects": [{"id": "P", "name": "项目", "customer_id": "c"}],
    "stakeholders": [{"project_id": "P", "person_id": "b", "role": "decision_maker"},
                     {"project_id": "P", "person_id": "d", "role": "evaluator",
                      "stance": "opponent"},
                     {"project_id": "P", "person_id": "f", "role": "procurement"},
                     {"project_id": "P", "person_id": "a", "role": "bid_team"}],
}
MISSING = re.compile(r"(?<![\w-])(nan|NaN|None|NaT|null_)(?![\w-])")


@pytest.fixture(scope="module")
def sparse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sparse")
    db = str(folder / "sparse.db")
    result = run("--store", db, "import", str(write_tables(folder / "csv", SPARSE)))
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_missing_value_words_anywhere(store, sparse, fmt, lang):
    commands = [(store, c) for c in QUERIES] + [
        (sparse, ["gaps", "P"]), (sparse, ["informants", "P", "--include-competitors"]),
        (sparse, ["health"]), (sparse, ["matrix"]), (sparse, ["path", "丁"]),
        (sparse, ["path", "己"]), (sparse, ["stats"]), (sparse, ["history"])]
    for where, args in commands:
        result = run("--store", where, *args, *AS_OF if args[0] not in ("stats", "history")
                     else [], "--format", fmt, lang=lang)
        assert result.exit_code == 0, (args, result.output)
        assert not MISSING.findall(result.output), (args, result.output)


def test_piping_into_head_ends_quietly(store):
    done = subprocess.run(
        f"{sys.executable} -c 'from graphcrm.cli import main; main()' --store {store} "
        "informants prj-js-ess --format json --as-of 2026-11-26 | head -1",
        shell=True, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "["
    assert done.stderr == ""


def test_the_map_follows_the_language(store, tmp_path):
    page = tmp_path / "map.html"
    result = run("--store", store, "map", "prj-js-ess", "-o", str(page), *AS_OF, lang="zh")
    assert result.exit_code == 0, result.output
    html = page.read_text("utf-8")
    assert "显示全部" in html and "我方最佳链路" in html and "best path from us" not in html


def test_wide_characters_stay_aligned_in_chinese(store):
    from wcwidth import wcswidth

    text = run("--store", store, "gaps", "prj-bh-bms", *AS_OF, lang="zh").stdout
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("姓名"))
    table = [line for line in lines[start:start + 9] if line.strip()]

    def second_column(line: str) -> int:
        first = line.split()[0]
        rest = line[len(first):]
        return wcswidth(line[:len(first) + len(rest) - len(rest.lstrip())])

    assert len({second_column(line) for line in table if not line.startswith("-")}) == 1


def test_notebook_displays_follow_graphcrm_lang(store, monkeypatch):
    monkeypatch.setenv("GRAPHCRM_LANG", "zh")
    bid = api.open(store)
    assert "覆盖率" in bid.gaps("prj-bh-bms", as_of=api.DEMO_AS_OF)._repr_html_()
    assert "<th>姓名</th>" in bid.matrix("prj-js-ess", as_of=api.DEMO_AS_OF)._repr_html_()
    monkeypatch.setenv("GRAPHCRM_LANG", "en")
    assert "Coverage 42%" in bid.gaps("prj-bh-bms", as_of=api.DEMO_AS_OF)._repr_html_()


def test_both_stores_say_the_same_in_chinese(target, tmp_path):
    """The words come from the results, not the store: a Neo4j store shared by colleagues
    answers in Chinese exactly as the embedded file does."""
    from graphcrm.resources import sample_dir
    from tests.conftest import run_on

    assert run_on(target, "import", sample_dir()).exit_code == 0
    embedded = str(tmp_path / "reference.db")
    assert run("--store", embedded, "import", str(sample_dir())).exit_code == 0
    for args in (["gaps", "prj-bh-bms"], ["path", "王建国", "-p", "prj-js-ess"],
                 ["health", "prj-js-ess"], ["matrix", "prj-js-ess", "--format", "csv"]):
        shared = run_on(target, *args, *AS_OF, "--lang", "zh")
        assert shared.exit_code == 0, shared.output
        assert shared.stdout == run("--store", embedded, *args, *AS_OF, lang="zh").stdout


#: Words a Chinese reader still sees in an error: the program, commands, options, files.
_NAMES = {"graphcrm", "import", "import_data", "Python", "history", "dry", "run", "yes",
          "take", "over", "theirs", "mine", "sync", "gate", "Neo4j", "NEO4J_USERNAME",
          "NEO4J_PASSWORD", "NEO4J_DATABASE", "prj", "bms", "ess", "metro"}


def _english_sentences(text: str, *names: str) -> list[str]:
    """The English words left in ``text`` (three letters or more), but names."""
    return english_words(text, *names, allowed=_NAMES)


@pytest.mark.parametrize("args", [
    ("path", "无此人"), ("gaps", "无此项目"), ("changes", "--since", "没有这个快照"),
    ("history", "999"), ("revert", "999"), ("snapshot", " "),
    ("path", "吴涛", "-p", "prj-js-ess"),
])
def test_errors_in_chinese_say_no_english(store, args):
    """What a Chinese reader meets when something is wrong is said in Chinese: unknown
    people and projects, a snapshot that does not exist, a change set that does not, one
    of ours as the target."""
    result = run("--store", store, *args, lang="zh")
    assert result.exit_code != 0, result.output
    said = result.output.strip()
    assert said.startswith("graphcrm: ") and len(said) > len("graphcrm: ") + 4
    assert _english_sentences(said, store, *args) == [], said


def test_a_missing_store_and_check_in_chinese(store, tmp_path):
    missing = str(tmp_path / "nope.db")
    result = run("--store", missing, "stats", lang="zh")
    assert result.exit_code != 0
    assert "没有数据库" in result.output
    assert _english_sentences(result.output, missing) == [], result.output
    checked = run("--store", store, "check", lang="zh")
    assert checked.exit_code == 0 and checked.output.strip() == "检查通过：数据库完整"


def test_file_errors_in_chinese(store, tmp_path):
    """A file that is not there, a folder that is not there: said in Chinese."""
    missing = str(tmp_path / "无此文件夹")
    result = run("--store", store, "import", missing, lang="zh")
    assert result.exit_code == 3 and "没有这个文件或文件夹" in result.output
    out = str(tmp_path / "nofolder" / "x.html")
    result = run("--store", store, "map", "prj-bh-bms", "-o", out, lang="zh")
    assert result.exit_code == 6 and "不存在（请先创建）" in result.output
    for said in (result.output,):
        assert _english_sentences(said, out, str(tmp_path / "nofolder")) == [], said


def test_refused_rows_in_chinese(tmp_path):
    """A duplicate id and a reporting cycle: each refused row said in Chinese, the field by
    its word."""
    (tmp_path / "organizations.csv").write_text("id,name,kind\no,某公司,customer\n",
                                                encoding="utf-8")
    (tmp_path / "people.csv").write_text("id,name,org_id,reports_to\na,甲,o,b\nb,乙,o,a\n"
                                         "a,丙,o,\n", encoding="utf-8")
    store = str(tmp_path / "s.db")
    said = run("--store", store, "import", str(tmp_path), lang="zh").output
    assert "编号重复（第一次出现在第 2 行）" in said
    (tmp_path / "people.csv").write_text("id,name,org_id,reports_to\na,甲,o,b\nb,乙,o,a\n",
                                         encoding="utf-8")
    said = run("--store", store, "import", str(tmp_path), lang="zh").output
    assert "直接上级 形成了循环：a → b → a" in said and "forms" not in said


def test_calendar_problems_in_chinese(store, tmp_path):
    calendar = tmp_path / "会议.ics"
    calendar.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x1\r\n"
                        "SUMMARY:技术交流\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    said = run("--store", store, "import", str(calendar), lang="zh").output
    assert "第 1 个日程：没有开始时间（DTSTART）" in said, said
    assert "event" not in said and "no start" not in said


def test_check_says_what_is_wrong_in_chinese(demo, tmp_path):
    """An organization and a person deleted behind graphcrm's back (foreign keys off, as a
    hand edit in a SQLite browser does): ``check`` names each record left pointing at
    nothing by its key, the column and the value, in either language, and says what to do;
    in Chinese, no English but the ids."""
    store = tmp_path / "edited.db"
    store.write_bytes(Path(demo).read_bytes())
    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM organizations WHERE id = 'assoc'")  # 2 people work there
        conn.execute("DELETE FROM people WHERE id = 'p204'")
        ties = conn.execute("SELECT count(*) FROM relationships WHERE 'p204' IN "
                            "(source, target)").fetchone()[0]
    expected = {
        "en": ("graphcrm: {n} problems in the store:",
               "restore a backup, or import your files into a new store",
               ["people p801: org_id assoc is not in organizations",
                "people p920: reports_to p204 is not in people",
                "stakeholders prj-js-ess p204 procurement: person_id p204 is not in people"]),
        "zh": ("graphcrm: 数据库有 {n} 处问题：", "请恢复备份，或把文件导入一个新的数据库",
               ["人员 p801：单位 assoc 在单位表中不存在",
                "人员 p920：直接上级 p204 在人员表中不存在",
                "项目角色 prj-js-ess p204 采购：人员编号 p204 在人员表中不存在"])}
    said = {lang: run("--store", str(store), "check", lang=lang) for lang in expected}
    for lang, (head, advice, shown) in expected.items():
        lines = said[lang].stderr.splitlines()
        assert said[lang].exit_code == 4 and lines[0] == head.format(n=len(lines) - 2)
        assert lines[-1] == advice and all(f"  {line}" in lines for line in shown), lines
    lines = said["en"].stderr.splitlines()
    assert sum(" p204 is not in people" in line for line in lines) == len(lines) - 4
    assert sum(line.startswith("  relationships ") for line in lines) == ties > 2
    assert len(said["zh"].stderr.splitlines()) == len(lines)
    assert _english_sentences(said["zh"].stderr, "assoc", "prj-js-ess") == [], said["zh"].stderr


def test_a_file_that_is_no_dump_in_both_languages(tmp_path):
    """``restore`` of a JSON file that is no dump, or a dump of another version: refused
    (exit 3), said in the reader's language."""
    store = str(tmp_path / "new.db")
    (tmp_path / "other.json").write_text('{"name": "x"}', encoding="utf-8")
    (tmp_path / "v9.json").write_text('{"graphcrm": "graphcrm-dump", "version": 9}',
                                      encoding="utf-8")
    said = {(name, lang): run("--store", store, "restore", str(tmp_path / name), lang=lang)
            for name in ("other.json", "v9.json") for lang in ("en", "zh")}
    assert {r.exit_code for r in said.values()} == {3}
    assert 'not a graphcrm dump (no "graphcrm": "graphcrm-dump")' in \
        said["other.json", "en"].stderr
    assert '不是 graphcrm 备份文件（缺少 "graphcrm": "graphcrm-dump"）' in \
        said["other.json", "zh"].stderr
    assert "(a dump of version 9; this graphcrm reads version 1)" in said["v9.json", "en"].stderr
    assert "（备份格式版本为 9；本版本 graphcrm 只能读版本 1）" in said["v9.json", "zh"].stderr
    assert not (tmp_path / "new.db").exists()
