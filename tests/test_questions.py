"""One declaration per question (issue 27, item 1; issue 29, items 1, 4, 5 and 8): the API
and the command line are both made from :data:`graphcrm.questions.QUESTIONS`, so the same
names in the same order, with the defaults, give the same answer both ways; arguments a
Python user has (a date as text or a Timestamp, one name for ``avoid``) work, and wrong ones
are refused as ``TypeError``/``ValueError``/``LookupError`` saying which argument."""

from __future__ import annotations

import datetime as dt
import inspect
import json

import pandas as pd
import pytest
from click.testing import CliRunner

import graphcrm
from graphcrm import api
from graphcrm.cli import cli
from graphcrm.errors import BadArgument, LookupFailed, WrongType
from graphcrm.output import emit
from graphcrm.questions import QUESTIONS, Param, Question, asks

AS_OF = "2026-11-26"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return str(api.demo_store(tmp_path_factory.mktemp("demo")))


def _cli(store: str, *args: str) -> object:
    found = CliRunner().invoke(cli, ["--store", store, *args, "--as-of", AS_OF, "--format",
                                     "json"])
    assert found.exit_code == 0, found.output
    return json.loads(found.stdout)


def _api(result) -> object:
    return json.loads(emit(result, "json", "en"))


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_command_and_method_have_the_declared_defaults(name):
    question = QUESTIONS[name]
    method = inspect.signature(getattr(api.GraphCRM, question.method))
    options = {p.name: p for p in cli.commands[name].params}
    for param in question.params:
        assert method.parameters[param.name].default == param.default
        if param.kind == "count":
            assert options[param.name].default == param.default
    assert ("project" in options) == question.project
    assert ("part" in options) == bool(question.parts)


# Each question asked with the same words both ways: (CLI arguments, API call).
SAME = [
    (["path", "王建国"], lambda b: b.paths("王建国", as_of=AS_OF)),
    (["path", "林晓", "王建国"], lambda b: b.paths("林晓", "王建国", as_of=AS_OF)),
    (["path", "王建国", "-p", "prj-js-ess", "--k", "2"],
     lambda b: b.paths("王建国", project="prj-js-ess", k=2, as_of=AS_OF)),
    (["gaps", "prj-bh-bms"], lambda b: b.gaps("prj-bh-bms", as_of=AS_OF)),
    (["gaps", "-p", "prj-bh-bms", "--avoid", "韩梅"],
     lambda b: b.gaps("prj-bh-bms", avoid="韩梅", as_of=AS_OF)),
    (["informants", "prj-js-ess"], lambda b: b.informants("prj-js-ess", as_of=AS_OF)),
    (["health", "prj-js-ess"], lambda b: b.health("prj-js-ess", as_of=AS_OF)),
    (["health", "--avoid", "林晓"], lambda b: b.health(avoid=["林晓"], as_of=AS_OF)),
    (["matrix", "-p", "prj-js-ess"], lambda b: b.matrix("prj-js-ess", as_of=AS_OF)),
    (["handover", "韩梅", "prj-bh-bms"],
     lambda b: b.handover("韩梅", "prj-bh-bms", as_of=AS_OF)),
    # since a snapshot taken in the test: a date would have to be on or after the store's
    # first day, which a run across midnight moves
    (["changes", "prj-js-ess", "--since", "both-ways"],
     lambda b: b.changes("both-ways", "prj-js-ess", as_of=AS_OF)),
]


@pytest.mark.parametrize(("args", "ask"), SAME, ids=[" ".join(a) for a, _ in SAME])
def test_the_cli_and_the_api_give_the_same_answer(demo, args, ask):
    bid = api.GraphCRM(demo)
    if "both-ways" in args:  # one case asks it, once
        bid.snapshot("both-ways")
    assert _cli(demo, *args) == _api(ask(bid))


def test_paths_take_source_then_target_as_the_command_does(demo):
    chains = api.GraphCRM(demo).paths("林晓", "王建国", as_of=AS_OF).paths
    assert chains and all(c.names[0] == "林晓" and c.names[-1] == "王建国" for c in chains)
    ids = {c.nodes[0] for c in chains}
    assert ids == {"p002"}


def test_informants_count_the_same_both_ways(demo):
    assert len(api.GraphCRM(demo).informants("prj-js-ess", as_of=AS_OF).records()) == 10 == \
        len(_cli(demo, "informants", "prj-js-ess"))


@pytest.mark.parametrize("day", ["2026-11-26", "2026/11/26", "2026年11月26日",
                                 dt.date(2026, 11, 26), dt.datetime(2026, 11, 26, 9, 30),
                                 pd.Timestamp("2026-11-26"), pd.Timestamp("2026-11-26").to_numpy()])
def test_a_date_in_any_form_a_python_user_has(demo, day):
    bid = api.GraphCRM(demo)
    assert bid.gaps("prj-bh-bms", as_of=day).records() == \
        bid.gaps("prj-bh-bms", as_of=dt.date(2026, 11, 26)).records()


@pytest.mark.parametrize(("ask", "error", "words"), [
    (lambda b: b.paths(201), TypeError, "people must be"),
    (lambda b: b.paths("王建国", k=0), ValueError, "k must be at least 1 (got 0)"),
    (lambda b: b.informants("prj-js-ess", top="5"), TypeError, "top must be a whole number"),
    (lambda b: b.gaps("prj-js-ess", avoid=[3]), TypeError, "avoid must be"),
    (lambda b: b.gaps("prj-js-ess", as_of=20261126), TypeError, "as_of must be a date"),
    (lambda b: b.gaps("prj-js-ess", as_of="next week"), ValueError, "as_of: 'next week'"),
    (lambda b: b.gaps(7), TypeError, "project must be"),
    (lambda b: b.paths("无此人"), LookupError, "nobody called '无此人'"),
    (lambda b: b.matrix("no-such-project"), LookupError, "no project 'no-such-project'"),
    (lambda b: b.paths("王建国", kk=3), TypeError, "paths() has no argument 'kk'; did you "
                                                   "mean 'k'?"),
    (lambda b: b.gaps("prj-js-ess", max_hop=3), TypeError, "did you mean 'max_hops'?"),
    (lambda b: b.informants("prj-js-ess", 5), TypeError, "informants(): too many positional"),
])
def test_wrong_arguments_are_refused_as_python_errors(demo, ask, error, words):
    with pytest.raises(error, match=None) as raised:
        ask(api.GraphCRM(demo))
    assert words in str(raised.value)


def test_errors_are_standard_exceptions():
    assert issubclass(LookupFailed, LookupError) and issubclass(BadArgument, ValueError)
    assert issubclass(WrongType, TypeError) and issubclass(WrongType, ValueError)


def test_one_name_to_avoid_is_one_person(demo):
    bid = api.GraphCRM(demo)
    assert bid.gaps("prj-bh-bms", avoid="韩梅", as_of=AS_OF).records() == \
        bid.gaps("prj-bh-bms", avoid=["韩梅"], as_of=AS_OF).records()


def test_a_method_that_drifts_from_its_question_is_refused_when_defined():
    question = Question("q", "q", "A question.", params=(Param("top", 10, "count", "How many."),))
    with pytest.raises(TypeError, match="parameter top must default to 10"):
        @asks(question)
        def q(self, project=None, *, top=15):
            return top


def test_the_names_in_examples_import_from_the_package():
    assert graphcrm.GraphCRM is api.GraphCRM and graphcrm.DEMO_AS_OF == api.DEMO_AS_OF
    assert callable(graphcrm.demo_store) and "GraphCRM" in dir(graphcrm)


# -- the graph a NetworkX user gets (issue 29, items 2 and 3) ----------------------------------


def test_to_networkx_is_the_graph_graphcrm_reasons_on(demo, tmp_path):
    import networkx as nx

    bid = api.GraphCRM(demo)
    G = bid.to_networkx(as_of=AS_OF)
    assert isinstance(G, nx.DiGraph) and not G.is_multigraph()
    assert all({"weight", "cost", "tie"} <= set(d) for *_, d in G.edges(data=True))
    assert G["p002"]["p203"]["weight"] == G["p203"]["p002"]["weight"]  # a mutual tie: both ways
    best = bid.paths("林晓", "王建国", k=1, as_of=AS_OF).paths[0]
    assert nx.shortest_path(G, "p002", "p201", weight="cost") == best.nodes
    assert nx.shortest_path_length(G, "p002", "p201", weight="cost") == \
        pytest.approx(-__import__("math").log(best.strength), abs=1e-6)
    nx.write_graphml(G, tmp_path / "g.graphml")  # flat attributes: writes as it is
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == G.number_of_edges()
    U = bid.to_networkx("prj-js-ess", as_of=AS_OF, directed=False)
    assert isinstance(U, nx.Graph) and not U.is_directed()
    assert nx.number_connected_components(U) >= 1  # no "not implemented for directed"
    assert set(U) <= set(G) and U.number_of_nodes() < G.number_of_nodes()


def test_the_graph_is_new_at_each_access(demo):
    bid = api.GraphCRM(demo)
    G = bid.graph()
    G.remove_node("p201")
    assert "p201" in bid.graph() and bid.paths("王建国", as_of=AS_OF).paths


@pytest.mark.parametrize("suffix", ["graphml", "gexf", "json"])
def test_exports_read_back_with_networkx_defaults(demo, tmp_path, suffix):
    import networkx as nx

    path = api.GraphCRM(demo).export(tmp_path / f"bid.{suffix}", as_of=AS_OF)
    if suffix == "json":
        back = nx.node_link_graph(json.loads(path.read_text("utf-8")))
    else:
        back = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}[suffix](path)
        assert path.read_text("utf-8").lstrip().startswith("<?xml")
    assert back.nodes["p201"]["label"] == "王建国"
    assert all(d["weight"] > 0 for *_, d in back.edges(data=True))
    if suffix == "gexf":
        assert "<gexf" in path.read_text("utf-8")  # the format from the suffix


def test_as_of_is_the_network_as_known_then(demo):
    """as_of a day past: no tie that began later, no interaction after it (issue 29, 4)."""
    bid = api.GraphCRM(demo)
    today = bid.gaps("prj-js-ess", as_of=AS_OF).score["score"]
    assert bid.gaps("prj-js-ess", as_of="2000-01-01").score["score"] == 0 < today
    assert bid.gaps("prj-js-ess", as_of="2020-01-01").score["score"] < today
    assert not bid.paths("王建国", as_of="2000-01-01").paths
    people = bid.graph()
    began: dict[frozenset, list[str]] = {}
    for u, v, d in people.edges(data=True):
        began.setdefault(frozenset((u, v)), []).append(d.get("since") or "")
    new = [tuple(pair) for pair, days in began.items() if min(days) > "2024-12-31"]
    assert new  # ties that all began in 2025 or later
    then, now = (bid.to_networkx(as_of=day) for day in ("2024-12-31", AS_OF))
    assert all(now.has_edge(u, v) for u, v in new)
    assert not any(then.has_edge(u, v) or then.has_edge(v, u) for u, v in new)


# -- displays (issue 29, 7) -------------------------------------------------------------------


def test_an_import_shows_itself_briefly(tmp_path):
    from graphcrm.resources import sample_dir

    bid = api.GraphCRM(str(tmp_path / "bid.db"))
    report = bid.import_data([sample_dir()])
    assert report.changed and report.tables  # still the summary it was
    assert len(repr(report)) < 200 and repr(report).startswith("<ImportReport (import)")
    assert "<table>" in report._repr_html_() and "people" in report.text("en")
    assert "人员" in report.text("zh") and "people" not in report.text("zh")
    assert set(report.records()) == {"dry_run", "changed", "tables", "changes", "warnings"}
    assert list(report.to_frame("tables")["table"])[:2] == ["organizations", "people"]
    again = bid.import_data([sample_dir()], dry_run=True)
    assert "nothing" not in repr(again) or "dry run" in repr(again)


def test_results_show_as_text_in_a_notebook(demo):
    import io

    from IPython.lib.pretty import RepresentationPrinter

    history = api.GraphCRM(demo).history()
    assert "at 0x" not in repr(history) and "rows" in repr(history)
    out = io.StringIO()
    printer = RepresentationPrinter(out)
    printer.pretty(history)
    printer.flush()
    assert "import" in out.getvalue()
    printer = RepresentationPrinter(out := io.StringIO())
    printer.pretty(api.GraphCRM(demo))
    printer.flush()
    assert out.getvalue().startswith("GraphCRM(") and "prj-js-ess" in out.getvalue()


def test_a_part_or_a_language_that_is_not_there_says_so(demo):
    result = api.GraphCRM(demo).gaps("prj-bh-bms", as_of=AS_OF)
    with pytest.raises(ValueError, match="no part 'nonsense' \\(its parts: stakeholders"):
        result.to_frame("nonsense")
    with pytest.raises(ValueError, match="lang must be one of en, zh \\(got 'fr'\\)"):
        result.text("fr")


# -- frames that join (issue 29, 6) ------------------------------------------------------------


def test_frames_join_on_person_id_with_one_meaning_per_column(demo):
    bid = api.GraphCRM(demo)
    people = bid.people()
    assert people["person_id"].is_unique and len(people) == 98
    plan = bid.health("prj-js-ess", as_of=AS_OF).to_frame()
    joined = plan.merge(people, left_on="by_id", right_on="person_id", suffixes=("", "_by"))
    assert (joined["name_by"] == joined["by_name"]).all() and len(joined) == len(plan)
    gaps = bid.gaps("prj-js-ess", as_of=AS_OF).to_frame()
    roles = bid.roles("prj-js-ess")
    assert set(gaps["person_id"]) <= set(roles["person_id"])
    assert roles["stance"].dropna().isin(["champion", "supporter", "neutral", "skeptic",
                                          "opponent"]).all()
    informants = bid.informants("prj-js-ess", as_of=AS_OF).to_frame()
    matrix = bid.matrix("prj-js-ess", as_of=AS_OF).to_frame()
    for frame in (informants, matrix):
        assert frame["stance"].dropna().map(type).eq(str).all()  # the word, in both
    assert informants["stance_fit"].between(0, 1).all()
    hops = bid.paths("王建国", as_of=AS_OF).to_frame()
    assert {"from_id", "to_id"} <= set(hops) and set(hops["from_id"]) <= set(people["person_id"])
    assert str(hops["last_contact"].dtype).startswith("datetime64")
    assert hops.loc[hops["undated"], "last_contact"].isna().all()
    assert "undated" not in set(hops["last_contact"].astype(str))
    ties = bid.ties(as_of=AS_OF)
    assert (ties["weight"].between(0, 1)).all() and ties["type"].isin(
        ["KNOWS", "INFLUENCES", "REFERRED", "DOTTED_LINE", "REPORTS_TO"]).all()
    assert str(ties["last_contact"].dtype).startswith("datetime64")
    for frame in (plan, gaps, informants, matrix, hops, ties, people, roles):
        for name in frame.columns:  # no column mixes kinds of value (dates, words, numbers)
            kinds = {type(v).__name__ for v in frame[name].dropna()
                     if not isinstance(v, (list, dict))}
            assert len(kinds - {"int", "float", "int64", "float64"}) <= 1, (name, kinds)


@pytest.mark.neo4j
def test_cypher_on_a_neo4j_store_gives_a_frame_and_only_reads(neo4j_settings):
    from graphcrm.errors import StoreError
    from graphcrm.resources import sample_dir

    bid = api.GraphCRM(neo4j_settings)
    bid.import_data([sample_dir()])
    deciders = bid.cypher(
        "MATCH (p:Person)-[s:STAKEHOLDER_IN {role: $role}]->(:Project {id: $project}) "
        "RETURN p.id AS person_id, p.name AS name, s.influence AS influence, p AS node "
        "ORDER BY person_id", role="decision_maker", project="prj-js-ess")
    assert deciders["name"].tolist() == ["刘国强", "王建国"]
    assert deciders.loc[1, "node"]["id"] == "p201"  # a node as its properties
    joined = deciders.merge(bid.gaps("prj-js-ess", as_of=AS_OF).to_frame(), on="person_id")
    assert len(joined) == 2
    with pytest.raises(StoreError, match=r"(?i)write"):
        bid.cypher("CREATE (:Person {id: 'x'})")
    assert bid.cypher("MATCH (p:Person {id: 'x'}) RETURN count(p) AS n")["n"].tolist() == [0]


def test_cypher_on_the_embedded_store_says_where_its_data_is(demo):
    with pytest.raises(ValueError, match="cypher\\(\\) needs a Neo4j store"):
        api.GraphCRM(demo).cypher("MATCH (n) RETURN n")


def test_a_result_as_of_a_day_past_says_what_the_store_cannot_date(demo):
    bid = api.GraphCRM(demo)
    past = bid.gaps("prj-js-ess", as_of="2020-01-01")
    assert "As of 2020-01-01: ties that began later" in past.text("en")
    assert "截至 2020-01-01" in past.text("zh") and "As of 2020-01-01" in past._repr_html_()
    assert "As of" not in bid.gaps("prj-js-ess").text("en")  # today: nothing to say
    assert "note" not in json.dumps(past.records())  # the JSON keeps its shape
