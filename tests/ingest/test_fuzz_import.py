"""Property tests of the import: random tables as people make them, and worse.

Headers missing, extra, duplicated or in another case; cells of random Unicode (CJK, RTL,
emoji, control characters, formulas), numbers where text belongs and the reverse, dates in
every accepted form and malformed ones; files in UTF-8, UTF-8 with BOM, GB18030, and UTF-8
holding lone surrogates. Every case either imports correctly (and importing it again changes
nothing) or is refused with the row-level report (exit 3): never a traceback, an internal
error, a hang or a partial write.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import event, given
from hypothesis import strategies as st

from graphcrm.cli import cli
from graphcrm.stores import open_store
from tests.conftest import TINY, write_tables
from tests.fuzz import fuzz
from tests.stores.test_contract import canonical

IDS = ["a", "b", "c", "A", "x1", "陈", " a ", ""]
SPECIAL = ["", " ", "=1+1", "@SUM(A1)", "NA", "None", "null", "nan", "😀🚀", "مرحبا",
           "\u202eevil", "a\x00b", "tab\there", "line\nbreak", '"quoted"', "1e400", "-0",
           "３", "二〇二六年三月一日", "0x10", "1,234.5", "¥12,800,000"]
DATES = ["2026-03-01", "2026/3/1", "2026.03.01", "2026年3月1日", "2026-03-01T09:30:00",
         "2026-03-01 09:30", "2026-02-30", "03/01/2026", "2026-03-01 garbage", "yesterday",
         "45000", ""]
WORDS = {
    "kind": ["customer", "own", "partner", "competitor", "other", "客户", "Own", "enemy"],
    "type": ["KNOWS", "knows", "INFLUENCES", "REFERRED", "LIKES", ""],
    "strength": ["1", "3", "5", "0", "6", "3.5", "２", "strong", ""],
    "level": ["1", "4", "5", "友情", "family", ""],
    "role": ["decision_maker", "evaluator", "决策者", "项目线人", "bid_team", "boss", ""],
    "influence": ["1", "5", "9", "-1", ""],
    "stance": ["champion", "+2", "-2", "支持", "反对", "maybe", ""],
    "stage": ["lead", "bidding", "won", "done", ""],
    "channel": ["meeting", "meal", "微信", ""],
    "sentiment": ["-1", "0", "1", "positive", "meh", ""],
}
COLUMNS = {
    "organizations": ["id", "name", "kind", "industry", "parent_id"],
    "people": ["id", "name", "org_id", "title", "reports_to", "email", "notes"],
    "relationships": ["source", "target", "type", "strength", "level", "since",
                      "last_contact"],
    "projects": ["id", "name", "customer_id", "stage", "value", "deadline"],
    "stakeholders": ["project_id", "person_id", "role", "influence", "stance"],
    "interactions": ["date", "person_id", "our_person_id", "channel", "sentiment"],
}
REFERENCES = {"org_id": "org", "parent_id": "org", "customer_id": "org", "reports_to": "id",
              "source": "id", "target": "id", "person_id": "id", "our_person_id": "id",
              "project_id": "prj"}

text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)


@st.composite
def cell(draw, column: str) -> str:
    if column in WORDS and draw(st.integers(0, 4)):
        return draw(st.sampled_from(WORDS[column]))
    if column in ("since", "last_contact", "deadline", "date") and draw(st.integers(0, 4)):
        return draw(st.sampled_from(DATES))
    if column in REFERENCES or column == "id":
        pool = {"org": ["o1", "o2", "o3", "nope"], "prj": ["P1", "P2", "?"]}.get(
            REFERENCES.get(column, ""), IDS)
        if draw(st.integers(0, 5)):
            return draw(st.sampled_from(pool))
    if column == "value" and draw(st.booleans()):
        return draw(st.sampled_from(["1200000", "1,200,000", "1e20", "-5", "12.5", "abc"]))
    return draw(st.one_of(st.sampled_from(SPECIAL), text,
                          st.integers(-10**6, 10**6).map(str)))


@st.composite
def table(draw, name: str) -> list[list[str]]:
    columns = [c for c in COLUMNS[name] if draw(st.integers(0, 7))]  # sometimes one is gone
    columns += draw(st.lists(st.sampled_from(["WeChat", "备注", "E-mail", "Id", "NAME",
                                              " name ", "x"]), max_size=2))
    columns = [c.upper() if draw(st.integers(0, 9)) == 0 else c for c in columns]
    header = draw(st.permutations(columns)) if columns else []
    rows = draw(st.lists(st.tuples(*(cell(c.strip().lower()) for c in header)),
                         max_size=5)) if header else []
    return [list(header), *[list(r) for r in rows]]


@st.composite
def bids(draw) -> dict[str, list[list[str]]]:
    tables = {"organizations": [["id", "name", "kind"], ["o1", "客户", "customer"],
                                ["o2", "我们", "own"], ["o3", "对手", "competitor"]]}
    if draw(st.booleans()):
        tables["organizations"] = draw(table("organizations"))
    for name in ("people", "relationships", "projects", "stakeholders", "interactions"):
        if name == "people" or draw(st.booleans()):
            tables[name] = draw(table(name))
    return tables


free = st.one_of(st.sampled_from([s for s in SPECIAL if s.strip()]), text).filter(
    lambda t: t.strip() != "")
VALID_DATES = DATES[:6]


@st.composite
def valid_bids(draw) -> dict[str, list[list[str]]]:
    """Bids that should import: every reference resolves, every word is known; the free
    text (names, titles, notes, extra columns) is as hostile as it gets."""
    people = [f"p{i}" for i in range(draw(st.integers(1, 6)))]
    orgs = [["id", "name", "kind", "备注"]] + [
        [o, draw(free), kind, draw(free)] for o, kind in
        (("o1", "customer"), ("o2", "own"), ("o3", draw(st.sampled_from(WORDS["kind"][:6]))))]
    rows = [["id", "name", "org_id", "title", "reports_to", "WeChat", "notes"]]
    for i, p in enumerate(people):
        boss = people[draw(st.integers(0, i - 1))] if i and draw(st.booleans()) else ""
        rows.append([p, draw(free), draw(st.sampled_from(["o1", "o2", "o3"])), draw(free),
                     boss, draw(free), draw(free)])
    pairs = draw(st.lists(st.tuples(st.sampled_from(people), st.sampled_from(people)),
                          max_size=6, unique_by=lambda ab: frozenset(ab)))
    ties = [["source", "target", "type", "strength", "level", "last_contact", "notes"]]
    ties += [[a, b, "KNOWS", draw(st.sampled_from(["1", "2", "3", "4", "5", "５"])),
              draw(st.sampled_from(["", "1", "友情", "family"])),
              draw(st.sampled_from(VALID_DATES)), draw(free)] for a, b in pairs if a != b]
    roles = [["project_id", "person_id", "role", "influence", "stance", "notes"]]
    roles += [["P1", p, draw(st.sampled_from(WORDS["role"][:5])), draw(st.sampled_from(
        ["", "1", "5"])), draw(st.sampled_from(WORDS["stance"][:5])), draw(free)]
        for p in draw(st.lists(st.sampled_from(people), unique=True, max_size=4))]
    return {"organizations": orgs, "people": rows, "relationships": ties,
            "projects": [["id", "name", "customer_id", "stage", "value", "deadline"],
                         ["P1", draw(free), "o1", "bidding",
                          draw(st.sampled_from(["", "1,200,000", "¥12,800,000", "12.5"])),
                          draw(st.sampled_from(VALID_DATES))]],
            "stakeholders": roles}


def write(folder: Path, tables: dict[str, list[list[str]]], encoding: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        content = buffer.getvalue()
        if encoding == "surrogates":  # UTF-8 bytes of a lone surrogate: not valid UTF-8
            data = (content + "\ud800\n").encode("utf-8", "surrogatepass")
        else:
            data = content.encode(encoding, "replace")
        (folder / f"{name}.csv").write_bytes(data)
    return folder


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "surrogates"])


def imported(store: Path, folder: Path, *options: str):
    """``graphcrm import`` of ``folder``: imported (exit 0) or refused (exit 3), never an
    internal error."""
    result = CliRunner().invoke(cli, ["--store", str(store), "import", str(folder), *options])
    assert "Traceback" not in result.output and "internal error" not in result.output, \
        result.output
    assert result.exit_code in (0, 3), result.output
    return result


def loaded(store: Path) -> dict:
    with open_store(store) as opened:
        return canonical(opened.load())


@fuzz(150)
@given(tables=st.one_of(valid_bids(), bids()), encoding=ENCODINGS)
def test_a_new_store_gets_the_whole_file_or_nothing(tmp_path_factory, tables, encoding):
    base = tmp_path_factory.mktemp("new")
    folder = write(base / "in", tables, encoding)
    store = base / "new.db"
    result = imported(store, folder)
    event(f"exit {result.exit_code}")
    if result.exit_code == 3:
        assert not store.exists()
        lines = result.stderr.strip().splitlines()
        assert lines and lines[0].startswith("graphcrm: ")
        return
    state = loaded(store)
    people = [r for r in tables["people"][1:] if any(c.strip() for c in r)]
    assert len(state["people"]) == len(people)
    again = imported(store, folder)
    assert again.exit_code == 0 and "nothing changed" in again.stdout
    assert loaded(store) == state


@fuzz(100)
@given(tables=st.one_of(valid_bids(), bids()), encoding=ENCODINGS)
def test_a_refused_file_leaves_a_store_exactly_as_it_was(tmp_path_factory, tables, encoding):
    base = tmp_path_factory.mktemp("base")
    store = base / "bid.db"
    assert imported(store, write_tables(base / "tiny", TINY)).exit_code == 0
    before = loaded(store)
    result = imported(store, write(base / "in", tables, encoding))
    if result.exit_code == 3:
        assert loaded(store) == before
    else:
        assert json.dumps(loaded(store)) != "" and imported(
            store, base / "in").stdout.strip().endswith("nothing changed")


@fuzz(100)
@given(tables=valid_bids(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_valid_bids_with_hostile_text_import_exactly(tmp_path_factory, tables, encoding):
    base = tmp_path_factory.mktemp("valid")
    store = base / "bid.db"
    result = imported(store, write(base / "in", tables, encoding))
    assert result.exit_code == 0, result.output
    with open_store(store) as opened:
        people = {p["id"]: p for p in opened.load().table("people")}
    for row in tables["people"][1:]:
        person = people[row[0]]
        assert person["name"] == row[1].strip()
        assert person["extra"].get("WeChat", "") == row[5].strip()
