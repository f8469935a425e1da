"""Each validation rule, on the tiny bid with one cell broken at a time."""

import re

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.ingest import read_dataset
from graphcrm.words import say
from tests.conftest import TINY, changed


def problems_of(make_tables, tables, **kw):
    with pytest.raises(ValidationFailed) as info:
        read_dataset([make_tables(tables)], **kw)
    return info.value.problems


def only_problem(make_tables, tables):
    problems = problems_of(make_tables, tables)
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "reason"),
    [
        ("people", 2, "org_id", "o-nowhere", "unknown organization"),
        ("people", 2, "reports_to", "zz", "unknown person"),
        ("organizations", 1, "kind", "vendor", "unknown organization kind"),
        ("relationships", 1, "source", "ghost", "unknown person"),
        ("relationships", 1, "target", "ghost", "unknown person"),
        ("relationships", 1, "strength", "6", "out of range (expected 1–5)"),
        ("relationships", 1, "strength", "0", "out of range"),
        ("relationships", 1, "strength", "strong", "not a whole number"),
        ("relationships", 1, "strength", "2.5", "not a whole number"),
        ("relationships", 1, "level", "5", "out of range (expected 1–4)"),
        ("relationships", 1, "level", "best friends", "unknown tie level"),
        ("relationships", 1, "type", "LIKES", "unknown relationship type"),
        ("relationships", 1, "since", "2026-02-30", "not a calendar date"),
        ("relationships", 1, "last_contact", "03/01/2026", "not a date"),
        ("projects", 1, "customer_id", "o-nowhere", "unknown organization"),
        ("projects", 1, "stage", "negotiating", "unknown project stage"),
        ("projects", 1, "value", "lots", "not a number"),
        ("projects", 1, "deadline", "soon", "not a date"),
        ("stakeholders", 1, "person_id", "ghost", "unknown person"),
        ("stakeholders", 1, "project_id", "P9", "unknown project"),
        ("stakeholders", 1, "role", "boss", "unknown stakeholder role"),
        ("stakeholders", 1, "influence", "9", "out of range (expected 1–5)"),
        ("stakeholders", 1, "stance", "maybe", "unknown stance"),
        ("interactions", 1, "date", "yesterday", "not a date"),
        ("interactions", 1, "person_id", "ghost", "unknown person"),
        ("interactions", 1, "our_person_id", "ghost", "unknown person"),
        ("interactions", 1, "channel", "pigeon", "unknown interaction channel"),
        ("interactions", 1, "sentiment", "2", "unknown sentiment"),
    ],
)
def test_each_bad_cell_is_reported_where_it_is(make_tables, table, row, column, value, reason):
    problem = only_problem(make_tables, changed(TINY, table, row, column, value))
    assert problem.table == table
    assert problem.source.endswith(f"{table}.csv")
    assert problem.row == row + 1  # the header is row 1
    assert problem.column == column
    assert problem.value == value
    assert reason in problem.reason
    chinese = say(problem.reason, "zh")  # every reason has its Chinese words
    assert not re.search(r"[A-Za-z]{3,}", chinese.replace("YYYY", "")), chinese


def test_parent_organization_must_exist(make_tables):
    tables = {**TINY, "organizations": [[*r, ""] for r in TINY["organizations"]]}
    tables["organizations"][0][-1] = "parent_id"
    tables["organizations"][2][-1] = "o-gone"
    problem = only_problem(make_tables, tables)
    assert (problem.row, problem.column, problem.reason) == (
        3, "parent_id", "unknown organization (no such id in organizations)"
    )


def test_required_value_missing(make_tables):
    problem = only_problem(make_tables, changed(TINY, "people", 3, "name", ""))
    assert (problem.row, problem.column, problem.reason) == (4, "name", "missing value")


def test_knows_needs_a_strength(make_tables):
    problem = only_problem(make_tables, changed(TINY, "relationships", 1, "strength", ""))
    assert (problem.row, problem.column) == (2, "strength")
    assert "required for KNOWS" in problem.reason


def test_influence_needs_no_strength(tiny):
    influence = [r for r in tiny.table("relationships") if r["type"] == "INFLUENCES"]
    assert influence[0]["strength"] is None


def test_a_tie_to_oneself(make_tables):
    problem = only_problem(make_tables, changed(TINY, "relationships", 1, "target", "a"))
    assert "to themselves" in problem.reason


def test_duplicate_ids_name_the_first_row(make_tables):
    tables = changed(TINY, "people", 6, "id", "c")  # x becomes a second c
    tables["relationships"] = [r for r in tables["relationships"] if "x" not in r[:2]]
    problem = only_problem(make_tables, tables)
    assert (problem.row, problem.column, problem.value) == (7, "id", "c")
    assert problem.reason == "duplicate id (first at row 4)"


def test_a_knows_tie_given_both_ways_is_a_duplicate(make_tables):
    tables = {**TINY, "relationships": [*TINY["relationships"], ["c", "a", "KNOWS", "3"]]}
    problem = only_problem(make_tables, tables)
    assert problem.row == 7 and "duplicate" in problem.reason and "row 2" in problem.reason


def test_an_influence_tie_both_ways_is_two_ties(make_tables):
    rows = [*TINY["relationships"], ["e", "c", "INFLUENCES", "", "", "", "", ""]]
    dataset = read_dataset([make_tables({**TINY, "relationships": rows})])
    assert len(dataset.table("relationships")) == 6


def test_reporting_cycle(make_tables):
    problem = only_problem(make_tables, changed(TINY, "people", 3, "reports_to", "d"))
    assert problem.column == "reports_to"
    assert "cycle" in problem.reason and "c → d → c" in problem.reason


def test_missing_tables_and_columns(make_tables):
    tables = {k: v for k, v in TINY.items() if k != "organizations"}
    problems = problems_of(make_tables, tables)
    assert any(p.table == "organizations" and "required table" in p.reason for p in problems)
    dropped = [[c for i, c in enumerate(r) if i != 2] for r in TINY["people"]]  # no org_id
    problem = only_problem(make_tables, {**TINY, "people": dropped})
    assert (problem.row, problem.column) == (1, "org_id")
    assert problem.reason == "required column is missing"


def test_duplicate_column(make_tables):
    people = [[*r, r[1]] for r in TINY["people"]]
    people[0][-1] = "NAME"
    problem = only_problem(make_tables, {**TINY, "people": people})
    assert (problem.row, problem.column, problem.reason) == (1, "NAME", "column appears twice")


def test_every_problem_at_once_in_file_and_row_order(make_tables):
    tables = changed(TINY, "relationships", 3, "strength", "7")
    tables = changed(tables, "people", 2, "org_id", "nowhere")
    tables = changed(tables, "relationships", 1, "since", "someday")
    tables = changed(tables, "stakeholders", 2, "stance", "hmm")
    error = None
    with pytest.raises(ValidationFailed) as info:
        read_dataset([make_tables(tables)])
    error = info.value
    where = [(p.table, p.row) for p in error.problems]
    assert where == [("people", 3), ("relationships", 2), ("relationships", 4),
                     ("stakeholders", 3)]
    lines = str(error).splitlines()
    assert lines[0] == "4 problems in the input; nothing was written"
    assert lines[1].endswith("people.csv, row 3, column org_id: 'nowhere': "
                             "unknown organization (no such id in organizations)")


def test_na_none_null_are_names(make_tables):
    tables = changed(TINY, "people", 2, "name", "None")
    tables = changed(tables, "people", 4, "name", "null")
    dataset = read_dataset([make_tables(tables)])
    names = {p["id"]: p["name"] for p in dataset.table("people")}
    assert (names["b"], names["d"], names["e"]) == ("None", "null", "NA")


def test_values_are_parsed(tiny):
    people = {p["id"]: p for p in tiny.table("people")}
    assert people["a"]["extra"] == {"WeChat": "alice_w"}  # extra columns are kept
    assert people["b"]["extra"] == {}
    assert people["c"]["reports_to"] is None
    project = tiny.table("projects")[0]
    assert (project["value"], project["deadline"], project["stage"]) == (1200000, "2027-01-15",
                                                                         "bidding")
    stance = {s["person_id"]: s["stance"] for s in tiny.table("stakeholders")}
    assert stance == {"c": "neutral", "d": "supporter", "e": "champion", "a": None, "b": None}
    knows = {(r["source"], r["target"]): r for r in tiny.table("relationships")}
    assert ("b", "d") in knows  # a KNOWS tie is stored once, its ends in order
    assert knows[("a", "c")]["level"] == 2
    assert tiny.table("interactions")[1]["sentiment"] == "neutral"


def test_defaults_and_case_insensitive_headers(make_tables):
    orgs = [["ID", " Name "], ["o-us", "Us"], ["o-c", "Them"], ["o-x", "X"]]
    dataset = read_dataset([make_tables({"organizations": orgs, "people": TINY["people"]})])
    assert {o["kind"] for o in dataset.table("organizations")} == {"customer"}
    assert "kind" in dataset.columns["organizations"]


def test_dates_in_spreadsheet_spellings(make_tables):
    for text in ("2026/10/1", "2026.10.01", "2026年10月1日", "2026-10-01T09:30:00"):
        dataset = read_dataset([make_tables(changed(TINY, "relationships", 1, "since", text))])
        assert dataset.table("relationships")[0]["since"] == "2026-10-01"


def test_references_may_point_into_the_store(make_tables):
    people = [["id", "name", "org_id"], ["n", "New person", "o-old"]]
    orgs = [["id", "name"], ["o-new", "New org"]]
    dataset = read_dataset(
        [make_tables({"organizations": orgs, "people": people})],
        known_ids={"organizations": {"o-old"}},
    )
    assert dataset.table("people")[0]["org_id"] == "o-old"
