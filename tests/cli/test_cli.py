"""The command line, driven through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.resources import sample_dir
from tests.conftest import TINY, changed, run_cli


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def store(tmp_path):
    return str(tmp_path / "bid.db")


def test_import_twice_gives_identical_stats(runner, store):
    first = run_cli(store, "import", sample_dir())
    assert first.exit_code == 0, first.output
    assert "people" in first.stdout and "98" in first.stdout
    stats_1 = run_cli(store, "stats", "--format", "json").stdout
    again = run_cli(store, "import", sample_dir())
    assert again.exit_code == 0
    assert "nothing changed" in again.stdout
    assert run_cli(store, "stats", "--format", "json").stdout == stats_1
    records = json.loads(stats_1)
    assert {"scope": "all", "category": "people", "kind": "own", "count": 16} in records


def test_broken_rows_are_all_listed_and_nothing_is_written(runner, store, make_tables, tiny_dir):
    assert run_cli(store, "import", tiny_dir).exit_code == 0
    before = run_cli(store, "stats", "--format", "json").stdout
    tables = changed(TINY, "people", 2, "org_id", "nowhere")
    tables = changed(tables, "relationships", 1, "strength", "9")
    tables = changed(tables, "stakeholders", 1, "role", "boss")
    tables["people"].append(["new", "New", "o-c", "", "", "", ""])  # valid, still not written
    result = run_cli(store, "import", make_tables(tables))
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "graphcrm: 3 problems in the input; nothing was written"
    assert any("people.csv, row 3, column org_id: 'nowhere'" in line for line in lines)
    assert any("relationships.csv, row 2, column strength: '9': out of range" in line
               for line in lines)
    assert any("stakeholders.csv, row 2, column role: 'boss'" in line for line in lines)
    assert "Traceback" not in result.output
    assert run_cli(store, "stats", "--format", "json").stdout == before


def test_a_rejected_first_import_creates_no_store(runner, tmp_path, make_tables):
    store = tmp_path / "fresh.db"
    result = run_cli(str(store), "import", make_tables(changed(TINY, "people", 1, "name", "")))
    assert result.exit_code == 3
    assert not store.exists()


def test_dry_run_writes_nothing(runner, store, tiny_dir, tmp_path):
    result = run_cli(store, "import", "--dry-run", tiny_dir)
    assert result.exit_code == 0
    assert "valid; nothing written" in result.stdout
    assert not (tmp_path / "bid.db").exists()


def test_gb18030_folder_and_forced_encoding(runner, store, make_tables):
    folder = make_tables(TINY, encoding="gb18030")
    assert run_cli(store, "import", folder).exit_code == 0
    result = run_cli(store, "import", "--encoding", "utf-8", folder)
    assert result.exit_code == 3
    assert "not valid utf-8" in result.stderr


def test_stats_formats(runner, store, tiny_dir):
    run_cli(store, "import", tiny_dir)
    table = run_cli(store, "stats").stdout
    assert "people" in table and "P1" in table and "储能监控" in table
    assert all(len(line) <= 100 for line in table.splitlines())
    csv_text = run_cli(store, "stats", "--format", "csv").stdout
    assert csv_text.splitlines()[0] == "\ufeffscope,category,kind,count"
    assert "P1,stakeholders,bid_team,2" in csv_text


def test_stats_without_a_store(runner, tmp_path):
    result = run_cli(str(tmp_path / "none.db"), "stats")
    assert result.exit_code == 4
    assert "no store at" in result.stderr and "graphcrm import" in result.stderr
    assert "Traceback" not in result.output


def test_store_from_the_environment(runner, tmp_path, tiny_dir):
    env = {"GRAPHCRM_STORE": str(tmp_path / "env.db")}
    assert runner.invoke(cli, ["import", str(tiny_dir)], env=env).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_missing_path_and_bad_usage(runner, store, tmp_path):
    result = run_cli(store, "import", tmp_path / "nope")
    assert result.exit_code == 3
    assert "no such file or folder" in result.stderr
    assert run_cli(store, "import").exit_code == 2
    assert run_cli(store, "stats", "--format", "xml").exit_code == 2


def test_demo(runner, tmp_path):
    result = runner.invoke(cli, ["demo", "--dir", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert "The sample bid, loaded into" in result.stdout
    assert "prj-js-ess" in result.stdout
    again = runner.invoke(cli, ["demo", "--dir", str(tmp_path / "d")])  # replaces the old demo
    assert again.exit_code == 0 and again.stdout == result.stdout


def test_every_command_is_documented_with_an_example(runner):
    assert "Examples:" in runner.invoke(cli, ["--help"]).stdout
    for name in cli.commands:
        help_text = runner.invoke(cli, [name, "--help"]).stdout
        assert "Example" in help_text, name


def test_internal_errors_have_no_traceback(runner, store, monkeypatch, tiny_dir):
    from graphcrm import api

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api.GraphCRM, "stats", broken)
    run_cli(store, "import", tiny_dir)
    result = runner.invoke(cli, ["--store", store, "stats"])  # the one place it may say so
    assert result.exit_code == 1
    assert "internal error: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.output
    said = runner.invoke(cli, ["--store", store, "--lang", "zh", "stats"])
    assert said.exit_code == 1 and said.stderr == (
        "graphcrm: 内部错误：RuntimeError：boom（设置 GRAPHCRM_DEBUG=1 运行可看到回溯）\n")


def test_forget(runner, store, tiny_dir):
    run_cli(store, "import", tiny_dir)
    refused = run_cli(store, "forget", "陈总")
    assert refused.exit_code == 2 and "add --yes" in refused.stderr  # no terminal, no --yes
    done = run_cli(store, "forget", "陈总", "--yes")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("Forgot 陈总 (c, 客户公司): 3 ties, 1 stakeholder roles, "
                                  "1 interactions; 2 people no longer report to them.")
    again = run_cli(store, "forget", "陈总", "--yes")
    assert again.exit_code == 5 and "nobody called '陈总'" in again.stderr


def test_stats_of_projects_with_blank_facts_show_no_nan(runner, store, make_tables):
    tables = {name: [list(r) for r in rows] for name, rows in TINY.items()}
    tables["projects"].append(["P2", "第二个项目", "o-c", "", "", ""])  # no value, no deadline
    assert run_cli(store, "import", make_tables(tables)).exit_code == 0
    text = run_cli(store, "stats").stdout
    assert "P2  第二个项目\n  customer 客户公司 · lead\n" in text  # stage defaults to lead
    assert "· due 2027-01-15" in text  # P1 still says when it is due
    for word in ("nan", "None", "NaT"):
        assert word not in text


def test_remove_a_tie_and_a_role_by_hand(runner, store, tiny_dir):
    assert run_cli(store, "import", tiny_dir).exit_code == 0
    assert run_cli(store, "remove", "tie", "张工", "陈总", "--type", "knows").stdout == \
        "removed 1 tie\n"
    again = run_cli(store, "remove", "tie", "张工", "陈总", "--type", "KNOWS")
    assert again.exit_code == 5 and "no tie (knows) between 张工 and 陈总" in again.stderr
    assert run_cli(store, "remove", "role", "储能监控", "NA", "线人").exit_code == 0
    gone = run_cli(store, "remove", "role", "P1", "e", "informant")
    assert gone.exit_code == 5 and "NA has no role informant in P1" in gone.stderr
    bad = run_cli(store, "remove", "role", "P1", "e", "boss")
    assert bad.exit_code == 5 and "unknown stakeholder role" in bad.stderr
    said = [run_cli(store, "--lang", "zh", "remove", *args).stderr for args in (
        ["tie", "张工", "陈总", "--type", "KNOWS"], ["role", "P1", "e", "informant"],
        ["role", "P1", "e", "boss"])]
    assert said[:2] == ["graphcrm: 张工 与 陈总 之间没有“认识”关系\n",
                        "graphcrm: NA 在 P1 中没有“项目线人”角色\n"]
    assert said[2].startswith("graphcrm: 'boss'：无法识别（可用：决策者、"), said[2]
    stats = json.loads(run_cli(store, "stats", "--format", "json").stdout)
    roles = {r["kind"] for r in stats if r["scope"] == "P1"}
    assert "informant" not in roles and "decision_maker" in roles
