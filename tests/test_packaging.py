"""The built wheel carries the sample bid and the Cypher files, and finds them installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("graphcrm-*.whl"))


def test_wheel_contains_every_package_and_its_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "graphcrm").rglob("*"):
        if path.suffix in (".py", ".js", ".css", ".html") and "__pycache__" not in path.parts:
            assert path.relative_to(ROOT).as_posix() in names


def test_wheel_contains_the_data_folders(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for table in ("organizations", "people", "relationships", "projects", "stakeholders",
                  "interactions"):
        assert f"graphcrm/_sample/{table}.csv" in names
    assert "graphcrm/_cypher/README.md" in names
    expected = {f"graphcrm/_cypher/{p.name}" for p in (ROOT / "cypher").glob("*.cypher")}
    assert expected <= names


def test_installed_wheel_finds_its_sample(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True,
    )
    code = ("from graphcrm.resources import sample_dir, cypher_dir; "
            "print(sample_dir()); print(cypher_dir())")
    out = subprocess.run(
        [sys.executable, "-c", code], env={"PYTHONPATH": str(target)}, cwd=tmp_path,
        capture_output=True, text=True, check=True,
    ).stdout.split()
    assert [Path(p) for p in out] == [target / "graphcrm/_sample", target / "graphcrm/_cypher"]
    assert (Path(out[0]) / "people.csv").is_file()


def test_importing_graphcrm_stays_light():
    code = ("import sys, graphcrm; heavy = [m for m in ('pandas', 'networkx', 'neo4j', 'pyvis',"
            " 'openpyxl', 'click') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PATH": "/usr/bin:/bin"}).stdout
    assert out.strip() == "[]"
