"""The analysis commands through click's CliRunner, on the sample bid as of 2026-11-26."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from tests.conftest import run_cli

AS_OF = ["--as-of", "2026-11-26"]


@pytest.fixture(scope="module")
def store(demo):
    return demo


def test_path_table_shows_every_hop(store):
    result = run_cli(store, "path", "王建国", "--project", "prj-js-ess", *AS_OF)
    assert result.exit_code == 0, result.output
    assert "#1  chain strength 0.69  (3 hops)  吴涛 → 胡斌 → 周建平 → 王建国" in result.stdout
    assert "last contact" in result.stdout and "undated" in result.stdout
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


def test_path_json_records(store):
    result = run_cli(store, "path", "p201", "--project", "prj-js-ess", "--format", "json", *AS_OF)
    records = json.loads(result.stdout)
    assert [r["rank"] for r in records] == [1, 2, 3]
    assert records[0]["nodes"] == ["p005", "p504", "p502", "p201"]
    assert records[0]["names"][-1] == "王建国"
    assert {"from", "to", "type", "strength", "level", "last_contact"} <= set(
        records[0]["hops"][0])
    assert records[0]["strength"] >= records[1]["strength"]


def test_path_options(store):
    one = json.loads(run_cli(store, "path", "林晓", "王建国", "--k", "1", "--format", "json",
                         *AS_OF).stdout)
    assert len(one) == 1 and one[0]["nodes"][0] == "p002"
    avoided = json.loads(run_cli(store, "path", "王建国", "-p", "prj-js-ess", "--avoid", "周建平",
                             "--avoid", "p101", "--format", "json", *AS_OF).stdout)
    assert all("p502" not in r["nodes"] and "p101" not in r["nodes"] for r in avoided)
    opponents = json.loads(run_cli(store, "path", "王建国", "-p", "prj-js-ess", "--k", "10",
                               "--avoid-opponents", "--format", "json", *AS_OF).stdout)
    assert all("p204" not in r["nodes"] for r in opponents)  # 刘洋 opposes us
    strict = json.loads(run_cli(store, "path", "p201", "-p", "prj-js-ess", "--k", "10",
                            "--avoid-opponents", "--strict", "--format", "json",
                            *AS_OF).stdout)
    assert all("p208" not in r["nodes"] for r in strict)  # 徐明 is a skeptic
    short = json.loads(run_cli(store, "path", "王建国", "--max-hops", "2", "--format", "json",
                           *AS_OF).stdout)
    assert all(len(r["nodes"]) <= 3 for r in short)
    rivals = json.loads(run_cli(store, "path", "刘洋", "-p", "prj-js-ess", "--k", "10",
                            "--include-competitors", "--format", "json", *AS_OF).stdout)
    assert any(n.startswith("p70") for r in rivals for n in r["nodes"])


def test_path_csv_is_one_row_per_hop(store):
    text = run_cli(store, "path", "王建国", "-p", "prj-js-ess", "--format", "csv", *AS_OF).stdout
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0]["rank"] == "1" and rows[0]["from"] == "吴涛"


def test_no_path_says_why(store):
    result = run_cli(store, "path", "田蕾", "-p", "prj-bh-bms", *AS_OF)
    assert result.exit_code == 0
    assert "No path: no route: nobody on our side is connected to 田蕾" in result.stdout
    short = run_cli(store, "path", "高明", "--max-hops", "1", "--format", "json", *AS_OF)
    assert short.stdout.strip() == "[]" and "no route within 1 hops" in short.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["path", "Nobody"], 5, "nobody called 'Nobody'"),
        (["path", "王建国", "-p", "nope"], 5, "no project 'nope'"),
        (["path", "a", "b", "c"], 2, "at most a SOURCE and a TARGET"),
        (["path", "王建国", "--as-of", "26/11/2026"], 2, "not a date"),
        (["gaps", "nope"], 5, "no project 'nope' (projects: prj-bh-bms, prj-js-ess, prj-metro5)"),
        (["informants", "nope"], 5, "no project"),
        (["matrix", "nope"], 5, "no project"),
        (["health", "-p", "nope"], 5, "no project"),
        (["path", "陈志远", "王建国", "-p", "prj-js-ess"], 0, ""),
    ],
)
def test_errors(store, args, code, message):
    result = run_cli(store, *args)
    assert result.exit_code == code, result.output
    assert message in (result.stderr if code else result.stdout)


def test_ambiguous_names_list_candidates(tmp_path, make_tables):
    from tests.conftest import TINY

    tables = {k: [list(r) for r in v] for k, v in TINY.items()}
    tables["people"].append(["c2", "陈总", "o-x", "", "", "", ""])
    store = str(tmp_path / "amb.db")
    assert run_cli(store, "import", str(make_tables(tables))).exit_code == 0
    result = run_cli(store, "path", "陈总")
    assert result.exit_code == 5
    assert "'陈总' matches 2 people" in result.stderr
    assert "c  陈总" in result.stderr and "c2  陈总" in result.stderr
    in_zh = run_cli(store, "--lang", "zh", "path", "陈总")
    assert "'陈总' 对应 2 人；请写明是哪一位，如 陈总（单位或部门的一部分）" in in_zh.stderr
    assert "c  陈总" in in_zh.stderr and "matches" not in in_zh.stderr


def test_gaps(store):
    table = run_cli(store, "gaps", "prj-bh-bms", *AS_OF).stdout
    flat = " ".join(table.split())
    assert "Coverage 42% (contacted 2 · reachable 4 · uncovered 1); map status: no key " \
        "player contacted" in flat
    assert "after the plan's 7 steps (simulated): 83%" in flat
    assert "周敏 meets 陆振华 through 韩梅" in flat
    assert "superior unknown: 高明" in table
    records = json.loads(run_cli(store, "gaps", "prj-bh-bms", "--format", "json",
                             *AS_OF).stdout)["stakeholders"]
    by_id = {r["person_id"]: r for r in records}
    assert by_id["p322"]["coverage"] == "uncovered"
    # 陆振华: only 周敏 → 韩梅 → 陆振华 counts, both on it are the single thread
    assert (by_id["p321"]["coverage"], by_id["p321"]["broker_ids"]) == (
        "reachable", ["p004", "p304"])
    assert {"person_id", "coverage", "best_strength", "broker_ids"} <= set(records[0])
    fewer = json.loads(run_cli(store, "gaps", "prj-bh-bms", "--max-hops", "2", "--format", "json",
                           *AS_OF).stdout)["stakeholders"]
    assert sum(r["routes"] for r in fewer) < sum(r["routes"] for r in records)


def test_informants(store):
    table = run_cli(store, "informants", "prj-js-ess", "--top", "3", *AS_OF).stdout
    assert "1. 张伟: reaches" in table
    records = json.loads(run_cli(store, "informants", "prj-js-ess", "--format", "json",
                             *AS_OF).stdout)
    assert {"person_id", "score", "access", "our_tie", "brokerage", "structural_holes",
            "stance", "gf_role", "reasons"} <= set(records[0])
    assert records == sorted(records, key=lambda r: -r["score"])
    rivals = json.loads(run_cli(store, "informants", "prj-js-ess", "--top", "100",
                            "--include-competitors", "--format", "json", *AS_OF).stdout)
    assert any(r["risk"] == "competitor staff" for r in rivals)


def test_health(store):
    table = run_cli(store, "health", "-p", "prj-js-ess", *AS_OF).stdout
    assert table.splitlines()[0].startswith(" 1. call 刘洋")
    records = json.loads(run_cli(store, "health", "--format", "json", *AS_OF).stdout)
    assert {"person_id", "reason", "by_id", "kind"} <= set(records[0])
    later = json.loads(run_cli(store, "health", "-p", "prj-js-ess", "--as-of", "2027-06-01",
                           "--format", "json").stdout)
    assert len(later) > len(json.loads(run_cli(store, "health", "-p", "prj-js-ess", "--format",
                                           "json", *AS_OF).stdout))


def test_matrix(store):
    table = run_cli(store, "matrix", "prj-js-ess", *AS_OF).stdout
    assert table.splitlines()[0].startswith("Coverage 58% (in depth 2 · contacted 1 · ")
    assert table.splitlines()[2] == "MANAGE CLOSELY"
    records = json.loads(run_cli(store, "matrix", "prj-js-ess", "--format", "json", *AS_OF).stdout)
    assert {r["quadrant"] for r in records} == {"manage closely", "keep satisfied",
                                                "keep informed", "monitor"}


def test_demo_shows_each_analysis(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for command in ("graphcrm path", "graphcrm gaps", "graphcrm informants", "graphcrm health",
                    "graphcrm matrix"):
        assert command in result.stdout


@pytest.mark.parametrize(
    "args",
    [["path", "王建国", "-p", "prj-js-ess"], ["gaps", "prj-bh-bms"], ["gaps", "prj-js-ess"],
     ["informants", "prj-js-ess"], ["health"], ["matrix", "prj-js-ess"], ["stats"]],
)
def test_tables_fit_100_terminal_columns(store, args):
    from wcwidth import wcswidth

    result = run_cli(store, *args, *(AS_OF if args[0] != "stats" else []))
    assert result.exit_code == 0
    too_wide = [line for line in result.stdout.splitlines() if wcswidth(line) > 100]
    assert too_wide == []


def test_demo_fits_100_terminal_columns(tmp_path):
    from wcwidth import wcswidth

    result = CliRunner().invoke(cli, ["demo", "--dir", str(tmp_path)])
    lines = [line for line in result.stdout.splitlines() if str(tmp_path) not in line]
    assert [line for line in lines if wcswidth(line) > 100] == []


def test_map_command(store, tmp_path):
    out = tmp_path / "maps" / "js.html"
    out.parent.mkdir()
    result = run_cli(store, "map", "prj-js-ess", "-o", str(out), "--paths", *AS_OF)
    assert result.exit_code == 0, result.output
    # the org chart: the organizations that matter to the bid (62 of the 82 around it)
    # the org chart: the organizations in the bid, and the competitor's two people who
    # have ties to its stakeholders
    assert result.stdout.startswith(f"{out}: 64 people, ")
    network = tmp_path / "network.html"
    result = run_cli(store, "map", "prj-js-ess", "-o", str(network), "--layout", "network", *AS_OF)
    assert result.stdout.startswith(f"{network}: 82 people, ")
    assert [p.name for p in out.parent.iterdir()] == ["js.html"]  # nothing beside it
    assert "王建国" in out.read_text(encoding="utf-8")
    shared = tmp_path / "share.html"
    assert run_cli(store, "map", "prj-js-ess", "-o", str(shared), "--pseudonymize").exit_code == 0
    assert "王建国" not in shared.read_text(encoding="utf-8")
    whole = tmp_path / "all.html"
    assert run_cli(store, "map", "-o", str(whole)).exit_code == 0
    assert run_cli(store, "map", "prj-js-ess").exit_code == 2  # -o is required
    assert run_cli(store, "map", "nope", "-o", str(whole)).exit_code == 5


@pytest.mark.browser
def test_map_png(store, tmp_path, browser):
    png = tmp_path / "js.png"
    result = run_cli(store, "map", "prj-bh-bms", "-o", str(tmp_path / "bh.html"), "--png", str(png))
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
