"""The notebooks run top to bottom (nbclient), and are kept in git without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def execute(name: str, workdir: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return notebook


def outputs(notebook: nbformat.NotebookNode) -> str:
    return "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs
    )


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


def test_explore_bid_runs_on_the_embedded_store(tmp_path):
    notebook = execute("explore_bid.ipynb", tmp_path)
    text = outputs(notebook)
    assert "coverage 42% → 54%" in text
    assert "田蕾: uncovered → in_depth" in text  # two of ours now know her
    pictures = [o["data"]["image/png"] for c in notebook.cells if c.cell_type == "code"
                for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(pictures) == 1 and len(pictures[0]) < 1_000_000  # the map, a static picture
    route = "林晓 → 张伟 → 周建平 → 王建国"
    assert f"{route}\n{route} (graphcrm path)" in text  # NetworkX finds graphcrm's chain
    assert "role removed" in text and "杨帆" in text  # what changed since the snapshot
    assert "Traceback" not in text and "nan" not in text.split()


def point_kernel_at(monkeypatch, settings, variable: str) -> None:
    """The notebook's kernel inherits this environment: the test Neo4j and its credentials."""
    monkeypatch.setenv(variable, settings.uri)
    monkeypatch.setenv("NEO4J_USERNAME", settings.username)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password)


@pytest.mark.neo4j
def test_neo4j_notebook_runs_against_the_test_server(tmp_path, monkeypatch, neo4j_settings):
    point_kernel_at(monkeypatch, neo4j_settings, "NEO4J_URI")
    text = outputs(execute("neo4j_cypher.ipynb", tmp_path))
    assert "王建国" in text and "吴涛 → 胡斌 → 周建平 → 王建国" in text


@pytest.mark.neo4j
def test_explore_bid_runs_on_neo4j(tmp_path, monkeypatch, neo4j_settings):
    point_kernel_at(monkeypatch, neo4j_settings, "GRAPHCRM_EXPLORE_STORE")
    text = outputs(execute("explore_bid.ipynb", tmp_path))
    assert "coverage 42% → 54%" in text  # the same answers from either store
