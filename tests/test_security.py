"""Security regressions: what already holds, kept held.

A hostile bid (markup, script, formulas and Cypher in every string: ids, names, titles,
notes, organization and project names, extra columns) goes through every notebook display,
every export and every CSV output; Cypher injection goes through every option on a real
Neo4j. (The map page in a real browser: tests/map/test_page.py; redaction:
tests/test_export.py and tests/map/test_data.py; the test password: tests/conftest.py.)
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from graphcrm import api
from graphcrm.cli import cli
from tests.conftest import TINY

SCRIPT = '<script>alert("x")</script>'
IMG = '<img src=x onerror=alert("y")>'
ATTR = "\"'><svg onload=alert('z')>"
FORMULA = '=HYPERLINK("http://x","y")'
CYPHER = "x'}) DETACH DELETE n //"


def hostile_tables():
    tables = {name: [list(r) for r in rows] for name, rows in TINY.items()}
    tables["people"][0].append("备注<i>")
    for i, row in enumerate(tables["people"][1:], start=1):
        row.append([SCRIPT, IMG, ATTR, FORMULA, CYPHER, SCRIPT][i - 1])
    tables["people"][3][1] = SCRIPT                    # c, the decision maker
    tables["people"][4][1] = FORMULA                   # d
    tables["people"][5][1] = IMG                       # e, the informant
    tables["people"][4][3] = ATTR                      # d's title
    tables["people"].append([CYPHER, ATTR, "o-c", IMG, "c", "", ""])  # a hostile id
    tables["organizations"][2][1] = IMG
    tables["projects"][1][1] = SCRIPT
    tables["stakeholders"].append(["P1", CYPHER, "influencer", "4", "opponent"])
    tables["relationships"].append([CYPHER, "c", "KNOWS", "4", "", "", "2026-11-01", ATTR])
    tables["relationships"].append(["a", CYPHER, "KNOWS", "3", "", "", "", FORMULA])
    return tables


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    from tests.conftest import write_tables

    folder = tmp_path_factory.mktemp("hostile")
    path = str(folder / "hostile.db")
    api.open(path).import_data([write_tables(folder / "in", hostile_tables())])
    return path


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


SAFE_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "p", "iframe", "div", "span", "style"}


def test_every_notebook_display_shows_hostile_strings_as_text(store):
    bid = api.open(store)
    results = {
        "stats": bid.stats(), "paths": bid.paths("c", project="P1"),
        "no path": bid.paths(CYPHER, max_hops=1),
        "gaps": bid.gaps("P1"), "informants": bid.informants("P1", include_competitors=True),
        "health": bid.health(project="P1"), "matrix": bid.matrix("P1"),
        "map": bid.map("P1", paths=True),
    }
    for name, result in results.items():
        html = result._repr_html_()
        found = elements(html)
        assert found.tags <= SAFE_TAGS and found.handlers == [], (name, found.tags)
        if name == "map":  # the page itself travels escaped inside srcdoc
            page = elements(elements_srcdoc(html))
            assert "img" not in page.tags and "svg" not in page.tags
            assert page.handlers == []


def elements_srcdoc(html: str) -> str:
    import html as html_module

    start = html.index('srcdoc="') + len('srcdoc="')
    return html_module.unescape(html[start:html.index('"', start)])


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_exports_carry_hostile_strings_as_data(store, tmp_path, fmt):
    path = api.open(store).export(tmp_path / f"bid.{fmt}", fmt)
    text = path.read_text("utf-8")
    if fmt == "json":
        data = json.loads(text)
        names = {n.get("name") for n in data["nodes"]}
    else:
        root = ET.fromstring(text)
        tags = {e.tag.split("}")[-1] for e in root.iter()}
        assert not tags & {"script", "img", "svg"}
        names = {e.text for e in root.iter() if e.text}
        names |= {e.get("value") for e in root.iter() if e.get("value")}
    assert {SCRIPT, IMG, FORMULA, ATTR} <= names


def test_no_csv_output_holds_a_formula(store):
    runner = CliRunner()
    outputs = [["stats"], ["path", "c", "-p", "P1"], ["path", "c"], ["gaps", "P1"],
               ["informants", "P1", "--include-competitors"], ["health"],
               ["health", "--project", "P1", "--as-of", "2030-01-01"], ["matrix", "P1"]]
    cells_seen = 0
    for args in outputs:
        result = runner.invoke(cli, ["--store", store, *args, "--format", "csv"])
        assert result.exit_code == 0, (args, result.output)
        cells = [c for row in csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff")))
                 for c in row]
        cells_seen += len(cells)
        formulas = [c for c in cells if c.startswith(("=", "@", "\t", "\r"))
                    or (c[:1] in ("+", "-") and not c[1:].replace(".", "", 1).isdigit())]
        assert formulas == [], args
    assert cells_seen > 200


@pytest.mark.neo4j
def test_cypher_injection_through_every_option_is_only_a_name(neo4j_settings, tmp_path):
    from tests.conftest import write_tables

    env = {"NEO4J_USERNAME": neo4j_settings.username,
           "NEO4J_PASSWORD": neo4j_settings.password}
    uri = neo4j_settings.uri
    runner = CliRunner()
    folder = write_tables(tmp_path / "in", hostile_tables())
    assert runner.invoke(cli, ["--store", uri, "import", str(folder)], env=env).exit_code == 0
    before = runner.invoke(cli, ["--store", uri, "stats", "--format", "json"], env=env).stdout
    attacks = ["' OR 1=1 //", "y'}) DETACH DELETE n //", "`) MATCH (n) DETACH DELETE n //",
               "$password", "\\u0027 RETURN 1 //"]
    for attack in attacks:
        for args in (["path", attack], ["path", "c", attack], ["path", "c", "-p", attack],
                     ["path", "c", "--avoid", attack], ["gaps", attack], ["matrix", attack],
                     ["informants", attack], ["health", "--project", attack],
                     ["forget", attack, "--yes"],
                     ["export", "-o", str(tmp_path / "x.json"), "--format", "json", "-p",
                      attack]):
            result = runner.invoke(cli, ["--store", uri, *args], env=env)
            assert result.exit_code == 5, (args, result.output)
    # the hostile id itself is a person like any other
    assert runner.invoke(cli, ["--store", uri, "path", CYPHER, "-p", "P1"],
                         env=env).exit_code == 0
    after = runner.invoke(cli, ["--store", uri, "stats", "--format", "json"], env=env).stdout
    assert after == before
