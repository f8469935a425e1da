"""Export for Gephi, Cytoscape and D3: round trips, sanitized attributes, redaction."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from graphcrm.cli import cli
from graphcrm.export import export_graph, flatten
from graphcrm.graph import build_graph
from tests.schemas import read_back


@pytest.fixture(scope="module")
def G(sample):
    return build_graph(sample)


@pytest.mark.parametrize(("fmt", "read"), [("graphml", read_back), ("gexf", read_back)])
def test_round_trip(G, tmp_path, fmt, read):
    path = export_graph(G, tmp_path / f"bid.{fmt}", fmt)
    back = read(path)
    expected = flatten(G)
    assert set(back.nodes) == set(expected.nodes)
    assert back.number_of_edges() == expected.number_of_edges()
    shown = ("label", "color", "viz")  # how tools draw it: checked below, per format
    for node, attrs in expected.nodes(data=True):
        got = {k: v for k, v in back.nodes[node].items() if k not in shown}
        assert got == {k: v for k, v in attrs.items() if k not in shown}, node
    edges = sorted((u, v, d["tie"], d.get("strength"), d.get("last_contact"))
                   for u, v, d in back.edges(data=True))
    assert edges == sorted((u, v, d["tie"], d.get("strength"), d.get("last_contact"))
                           for u, v, d in expected.edges(data=True))


def test_attributes_are_plain_values(G):
    F = flatten(G)
    values = [v for _, d in F.nodes(data=True) for v in d.values()]
    values += [v for *_, d in F.edges(data=True) for v in d.values()]
    assert all(isinstance(v, (str, int, float, bool)) for v in values)
    assert F.nodes["p201"]["roles"] == "prj-js-ess:decision_maker"
    assert F.nodes["p201"]["x:name_en"] == "Wang Jianguo"


def test_json_node_link_for_d3(G, tmp_path):
    data = json.loads(export_graph(G, tmp_path / "bid.json").read_text("utf-8"))
    assert {"nodes", "edges", "graph"} <= set(data)
    assert len(data["nodes"]) == G.number_of_nodes()
    knows = sum(1 for *_, d in G.edges(data=True) if d["type"] == "KNOWS")
    assert len(data["edges"]) == G.number_of_edges() + knows  # a mutual tie is two arcs
    assert "prj-js-ess" in data["graph"]["projects"]
    back = nx.node_link_graph(data)  # NetworkX's defaults read it
    assert back.nodes["p201"]["name"] == "王建国"
    assert back.number_of_edges() == len(data["edges"])


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_redacted_exports_carry_no_private_fields(G, sample, tmp_path, fmt):
    text = export_graph(G, tmp_path / f"bid.{fmt}", fmt, redact=True).read_text("utf-8")
    secrets = [p[f] for p in sample.table("people") for f in ("email", "phone") if p.get(f)]
    secrets += [p["notes"] for p in sample.table("people") if p.get("notes")]
    assert [s for s in secrets if s in text] == []
    assert "informant" not in text
    plain = export_graph(G, tmp_path / f"plain.{fmt}", fmt).read_text("utf-8")
    assert any(s in plain for s in secrets)


def test_export_command(tmp_path):
    store = str(tmp_path / "demo.db")
    from graphcrm.resources import sample_dir

    runner = CliRunner()
    assert runner.invoke(cli, ["--store", store, "import", str(sample_dir())]).exit_code == 0
    result = runner.invoke(cli, ["--store", store, "export", "--format", "gexf", "-o",
                                 str(tmp_path / "bid.gexf"), "--project", "prj-js-ess"])
    assert result.exit_code == 0, result.output
    assert read_back(tmp_path / "bid.gexf").number_of_nodes() == 82
    bad = runner.invoke(cli, ["--store", store, "export", "--format", "dot", "-o", "x"])
    assert bad.exit_code == 2


def test_hyperlink_names_are_neutralized_in_every_csv_output(tmp_path, make_tables):
    from tests.conftest import TINY

    hostile = '=HYPERLINK("http://x","y")'
    tables = {k: [list(r) for r in v] for k, v in TINY.items()}
    tables["people"][3][1] = hostile  # c, the decision maker
    store = str(tmp_path / "csv.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", store, "import",
                               str(make_tables(tables))]).exit_code == 0
    outputs = {
        "path": ["path", "c", "--project", "P1"], "gaps": ["gaps", "P1"],
        "informants": ["informants", "P1", "--include-competitors"],
        "health": ["health", "--project", "P1", "--as-of", "2030-01-01"],
        "matrix": ["matrix", "P1"],
    }
    for name, args in outputs.items():
        text = runner.invoke(cli, ["--store", store, *args, "--format", "csv"]).stdout
        assert text.startswith("\ufeff"), name
        cells = [c for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for c in row]
        assert any("HYPERLINK" in c for c in cells), name  # the person is in this output
        formulas = [c for c in cells if c.startswith(("=", "@", "\t", "\r"))
                    or (c[:1] in ("+", "-") and not c[1:].replace(".", "", 1).isdigit())]
        assert formulas == [], name  # numbers such as -2 stay numbers
        if name != "informants":  # there the name is inside the reasons, not a cell of its own
            assert f"'{hostile}" in cells, name


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_redaction_is_an_allow_list(tmp_path, make_tables, fmt):
    """Columns the import does not recognise (E-mail, Mobile, 备注) and organizations' extra
    columns never reach a redacted export, whatever they are called."""
    from graphcrm import api
    from tests.conftest import TINY

    tables = {k: [list(r) for r in v] for k, v in TINY.items()}
    tables["people"][0] += ["E-mail", "Mobile", "备注"]
    for row in tables["people"][1:]:
        row += [f"{row[0]}@secret.example", f"+86-139-{row[0]}", f"机密-{row[0]}"]
    tables["organizations"][0].append("notes about them")
    for row in tables["organizations"][1:]:
        row.append(f"org-secret-{row[0]}")
    tables["relationships"][0].append("私聊")
    for row in tables["relationships"][1:]:
        row.append("tie-secret")
    store = str(tmp_path / "x.db")
    bid = api.open(store)
    bid.import_data([make_tables(tables)])
    plain = bid.export(tmp_path / f"plain.{fmt}", fmt).read_text("utf-8")
    assert "org-secret-" in plain or fmt != "json"
    assert "@secret.example" in plain and "机密-" in plain and "tie-secret" in plain
    text = bid.export(tmp_path / f"r.{fmt}", fmt, redact=True).read_text("utf-8")
    leaks = ["@secret.example", "+86-139-", "机密-", "org-secret-", "tie-secret", "E-mail",
             "Mobile", "备注", "私聊", "a@us.example", "alice_w", "met at expo", "informant"]
    assert [s for s in leaks if s in text] == []


@pytest.mark.parametrize(("fmt", "read"), [("graphml", read_back), ("gexf", read_back)])
def test_control_characters_still_give_parseable_xml(tmp_path, fmt, read):
    G = nx.MultiDiGraph()
    G.add_node("a\x01", name="Ana\x00\x1b[31m\ud800", projects={}, extra={"k\x02": "v\x07"})
    G.add_node("b", name="Bo", projects={})
    G.add_edge("a\x01", "b", key="KNOWS", type="KNOWS", strength=3, notes="x\x0b")
    back = read(export_graph(G, tmp_path / f"c.{fmt}", fmt))
    assert back.number_of_nodes() == 2 and back.number_of_edges() == 2  # mutual: both ways
    names = {d.get("name", d.get("label")) for _, d in back.nodes(data=True)}
    assert "Ana\ufffd\ufffd[31m\ufffd" in names


# -- what Gephi and Cytoscape read ------------------------------------------------------------


@pytest.fixture(scope="module")
def valued(G):
    from graphcrm.analysis.valued import value

    return value(G, dt.date(2026, 11, 26))


@pytest.mark.parametrize(("fmt", "schema"), [("graphml", "graphml.xsd"), ("gexf", "gexf.xsd")])
def test_exports_are_valid_against_their_schemas(G, valued, tmp_path, fmt, schema):
    from tests.schemas import validate

    path = export_graph(G, tmp_path / f"bid.{fmt}", fmt, valued=valued)
    assert validate(path, schema) == []
    broken = tmp_path / f"broken.{fmt}"
    broken.write_text(path.read_text("utf-8").replace(' source="', ' src="', 1), "utf-8")
    assert validate(broken, schema)  # the check can fail


def test_graphml_for_cytoscape(G, valued, tmp_path):
    import xml.etree.ElementTree as ET

    path = export_graph(G, tmp_path / "bid.graphml", "graphml", valued=valued)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    tree = ET.parse(path)
    ids = [e.get("id") for e in tree.iterfind(".//g:edge", ns)]
    knows = sum(1 for *_, d in G.edges(data=True) if d["type"] == "KNOWS")
    assert len(ids) == len(set(ids)) == G.number_of_edges() + knows  # no id twice
    assert not [e for e in tree.iterfind(".//g:edge", ns) if e.get("directed") == "false"]
    back = read_back(path)
    assert back.nodes["p201"]["label"] == "王建国" and back.nodes["p201"]["person_id"] == "p201"
    mutual = [(u, v) for u, v, d in back.edges(data=True) if d["mutual"]]
    assert len(mutual) == 2 * knows and all((v, u) in mutual for u, v in mutual)
    # each arc weighted as the model values it today: the probability it passes a request
    for u, v, data in back.edges(data=True):
        tie = next(d for a, b, d in G.edges(data=True) if {(a, b), (b, a)} & {(u, v)}
                   and d["type"] == data["tie"])
        assert data["weight"] == pytest.approx(valued.tie(u, v, tie).probability, abs=1e-4)


def test_gexf_for_gephi(G, valued, tmp_path):
    import xml.etree.ElementTree as ET

    from graphcrm.palette import KIND_COLOR, STANCE_COLOR, rgb

    path = export_graph(G, tmp_path / "bid.gexf", "gexf", valued=valued)
    tree = ET.parse(path)
    ns = {"x": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    node = tree.find(".//x:node[@id='p201']", ns)
    assert node.get("label") == "王建国"
    color = node.find("viz:color", ns)
    stance = G.nodes["p201"]["projects"]["prj-js-ess"]["stance"]
    assert tuple(int(color.get(c)) for c in "rgb") == rgb(STANCE_COLOR[stance])
    ours = tree.find(".//x:node[@id='p001']/viz:color", ns)  # no stance: the kind
    assert tuple(int(ours.get(c)) for c in "rgb") == rgb(KIND_COLOR["own"])
    assert tree.find(".//x:graph", ns).get("defaultedgetype") == "directed"
    assert not [e for e in tree.iterfind(".//x:edge", ns) if e.get("type") == "undirected"]
    back = read_back(path)  # nx.read_gexf, as it is
    knows = sum(1 for *_, d in G.edges(data=True) if d["type"] == "KNOWS")
    assert sum(1 for *_, d in back.edges(data=True) if d["mutual"]) == 2 * knows
