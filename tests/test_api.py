"""The Python API mirrors the command line one to one, and both are documented."""

from __future__ import annotations

import inspect

import pytest
from click.testing import CliRunner

import graphcrm
from graphcrm import api
from graphcrm.cli import cli
from graphcrm.domain import Coverage
from graphcrm.errors import LookupFailed
from graphcrm.words import vocab

#: Each CLI command and the API it calls.
TWINS = {
    "import": api.GraphCRM.import_data, "stats": api.GraphCRM.stats,
    "path": api.GraphCRM.paths, "gaps": api.GraphCRM.gaps,
    "handover": api.GraphCRM.handover, "dump": api.GraphCRM.dump,
    "restore": api.GraphCRM.restore, "revert": api.GraphCRM.revert,
    "informants": api.GraphCRM.informants, "health": api.GraphCRM.health,
    "matrix": api.GraphCRM.matrix, "map": api.GraphCRM.map, "export": api.GraphCRM.export,
    "demo": api.demo_store, "forget": api.GraphCRM.forget, "check": api.GraphCRM.check,
    "template": api.GraphCRM.template, "remove": api.GraphCRM.remove_tie,
    "history": api.GraphCRM.history, "snapshot": api.GraphCRM.snapshot,
    "changes": api.GraphCRM.changes, "review": api.GraphCRM.review,
    "whois": api.GraphCRM.whois,
}


def test_every_command_has_a_documented_twin():
    assert set(cli.commands) == set(TWINS)
    for command, twin in TWINS.items():
        doc = inspect.getdoc(twin) or ""
        assert f"graphcrm {command}" in doc, twin.__name__
        assert "Example" in doc, twin.__name__
        assert "Example" in (cli.commands[command].help or ""), command


def test_graphcrm_open_is_the_facade(tmp_path):
    bid = graphcrm.open(str(tmp_path / "x.db"))
    assert isinstance(bid, api.GraphCRM)
    assert repr(api.open("neo4j://db.example:7687")) == "GraphCRM('neo4j://db.example:7687')"


@pytest.fixture(scope="module")
def store(demo):
    return demo


@pytest.mark.parametrize(
    ("args", "method"),
    [
        (["stats"], "stats"), (["path", "王建国"], "paths"), (["gaps", "prj-js-ess"], "gaps"),
        (["informants", "prj-js-ess"], "informants"), (["health"], "health"),
        (["matrix", "prj-js-ess"], "matrix"), (["map", "prj-js-ess", "-o", "{tmp}/m.html"], "map"),
        (["export", "-o", "{tmp}/g.graphml"], "export"), (["import", "{sample}"], "import_data"),
        (["check"], "check"), (["template", "{tmp}/t.xlsx"], "template"),
    ],
)
def test_each_command_calls_its_twin(store, tmp_path, monkeypatch, args, method):
    from graphcrm.resources import sample_dir

    calls = []
    original = getattr(api.GraphCRM, method)

    def spy(self, *a, **kw):
        calls.append(method)
        return original(self, *a, **kw)

    monkeypatch.setattr(api.GraphCRM, method, spy)
    argv = [a.format(tmp=tmp_path, sample=sample_dir()) for a in args]
    result = CliRunner().invoke(cli, ["--store", store, *argv])
    assert result.exit_code == 0, result.output
    assert calls == [method]


def test_results_show_themselves_in_jupyter(store):
    bid = api.open(store)
    for result in (bid.stats(), bid.paths("王建国"), bid.gaps("prj-bh-bms"),
                   bid.map("prj-bh-bms")):
        assert "<" in result._repr_html_()


def test_changes_loads_a_region_yet_answers_as_the_whole_store_would(tmp_path):
    """``changes`` rebuilds the earlier state from the part of the store the project needs;
    the reference rebuilds it from everything: the two agree."""
    from graphcrm.analysis.review import review_changes
    from graphcrm.changes import dataset_of, revert, state_of
    from graphcrm.stores import open_store, scratch_store

    bid = api.GraphCRM(api.demo_store(tmp_path / "demo"))
    bid.snapshot("gate")
    bid.remove_tie("胡斌", "周建平")  # on today's best chains to 王建国 and 刘国强
    bid.remove_tie("林晓", "张伟")
    bid.remove_role("prj-js-ess", "徐明", "evaluator")
    bid.forget("杨帆")
    project, as_of = "prj-js-ess", api.DEMO_AS_OF
    found = bid.changes("gate", project=project, as_of=as_of)

    with open_store(bid.store) as opened:
        boundary = {s.name: s.change_set for s in opened.snapshots()}["gate"]
        recorded = opened.history(after=boundary, changes=True)
        undone = [c for s in recorded for c in s.changes]
        authors = {(c.table, c.key): s.author for s in recorded for c in s.changes if c.key}
        after = state_of(opened.load())
    before = revert(after, undone)
    past = api.GraphCRM(scratch_store(dataset_of(before)))
    people = set(past.project_graph(project)) | set(bid.project_graph(project))
    reference = review_changes(before, after, {project: past.gaps(project, as_of=as_of)},
                               {project: bid.gaps(project, as_of=as_of)},
                               since=found.since, projects=[project], people=people,
                               authors=authors)
    assert found.records() == reference.records()
    chains = [r for r in found.records() if r["what"] == "best chain"]
    assert chains and all(r["before"] != r["after"] for r in chains)


def test_a_question_values_its_ties_once_and_the_map_follows_the_model(store, monkeypatch):
    """One valued graph per question: the map with its best chains, coverage and informant
    marks values the ties it reads once, and a custom TieModel reaches every tie it draws."""
    import graphcrm.analysis.valued as valued
    from graphcrm.analysis import TieModel

    calls = []
    original = valued.reach_arcs

    def counting(*args, **kwargs):
        calls.append(kwargs["as_of"])
        return original(*args, **kwargs)

    monkeypatch.setattr(valued, "reach_arcs", counting)
    default = api.open(store).map("prj-js-ess", paths=True, as_of=api.DEMO_AS_OF)
    assert calls == [api.DEMO_AS_OF]  # not once per analysis, not once per decision maker
    fast = TieModel(half_life_days=(1, 1, 1, 1))  # dated ties cool within days
    cooled = api.GraphCRM(store, model=fast).map("prj-js-ess", as_of=api.DEMO_AS_OF)
    before = {e["id"]: e["strength"] for e in default.data["edges"]}
    after = {e["id"]: e["strength"] for e in cooled.data["edges"]}
    changed = [e for e in before if before[e] != after[e]]
    assert len(changed) > 20 and all(after[e] < before[e] for e in changed)
    # the coverage the map shows is what gaps answers under the same model
    gaps = api.GraphCRM(store, model=fast).gaps("prj-js-ess", as_of=api.DEMO_AS_OF)
    shown = {dict(n["facts"]).get("coverage") for n in cooled.data["nodes"]} - {None}
    assert shown == {vocab(Coverage(c), "en") for c in gaps.stakeholders["coverage"]}


def test_a_question_pauses_the_cycle_collector_and_gives_it_back(store, monkeypatch):
    """The collector is off while a question builds and walks its graphs, back on after it
    (also after a refusal), and left alone when it was off already."""
    import gc

    import graphcrm.analysis.valued as valued

    seen = []
    original = valued.reach_arcs

    def watching(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(valued, "reach_arcs", watching)
    bid = api.open(store)
    assert gc.isenabled()
    bid.gaps("prj-js-ess", as_of=api.DEMO_AS_OF)
    assert seen == [False] and gc.isenabled()
    with pytest.raises(LookupFailed):
        bid.gaps("no-such-project")
    assert gc.isenabled()
    gc.disable()
    try:
        bid.informants("prj-js-ess", as_of=api.DEMO_AS_OF)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_every_method_documents_its_parameters_and_what_it_returns():
    """numpydoc for every public method (issue 29, 9): each parameter under Parameters,
    and a Returns section unless it returns nothing."""
    for name, method in inspect.getmembers(api.GraphCRM, inspect.isfunction):
        if name.startswith("_"):
            continue
        doc = inspect.getdoc(method) or ""
        signature = inspect.signature(method)
        params = [p for p in signature.parameters if p != "self"]
        if params:
            assert "Parameters\n----------" in doc, name
            section = doc.split("Parameters\n----------", 1)[1].split("\n\n")
            named = {n.strip().lstrip("*") for block in section for line in block.splitlines()
                     if line and not line.startswith(" ") for n in line.split(",")}
            for param in params:
                assert param in named, (name, param)
        if signature.return_annotation not in ("None", None):
            assert "Returns\n-------" in doc, name


def test_the_python_api_says_its_errors_in_the_users_language(store, monkeypatch):
    """A notebook in Chinese mode (``GRAPHCRM_LANG=zh``) reads graphcrm's errors in Chinese
    — a value of the wrong type, a count out of range, someone unknown — as the command
    line says them; in English mode, in English (issue 23, issue 27)."""
    from graphcrm.errors import BadArgument, WrongType

    bid = api.open(store)
    monkeypatch.setenv("GRAPHCRM_LANG", "zh")
    with pytest.raises(WrongType) as wrong:
        bid.informants("prj-js-ess", top="5")
    assert str(wrong.value) == "top 须是整数（收到 str '5'）"
    with pytest.raises(BadArgument) as low:
        bid.informants("prj-js-ess", top=0)
    assert "至少为" in str(low.value)
    with pytest.raises(LookupFailed) as unknown:
        bid.paths("没有这个人")
    assert "没有这个人" in str(unknown.value) and not any(
        w in str(unknown.value) for w in ("no one", "nobody", "person"))
    monkeypatch.setenv("GRAPHCRM_LANG", "en")
    with pytest.raises(WrongType) as english:
        bid.informants("prj-js-ess", top="5")
    assert str(english.value) == "top must be a whole number (got str '5')"
