"""The Python API mirrors the command line one to one, and both are documented."""

from __future__ import annotations

import inspect

import pytest
from click.testing import CliRunner

import graphcrm
from graphcrm import api
from graphcrm.cli import cli

#: Each CLI command and the API it calls.
TWINS = {
    "import": api.GraphCRM.import_data, "stats": api.GraphCRM.stats,
    "path": api.GraphCRM.paths, "gaps": api.GraphCRM.gaps,
    "informants": api.GraphCRM.informants, "health": api.GraphCRM.health,
    "matrix": api.GraphCRM.matrix, "map": api.GraphCRM.map, "export": api.GraphCRM.export,
    "demo": api.demo_store, "forget": api.GraphCRM.forget, "check": api.GraphCRM.check,
    "template": api.GraphCRM.template, "remove": api.GraphCRM.remove_tie,
    "history": api.GraphCRM.history, "snapshot": api.GraphCRM.snapshot,
    "changes": api.GraphCRM.changes,
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
def store(tmp_path_factory):
    return str(api.demo_store(tmp_path_factory.mktemp("demo")))


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
