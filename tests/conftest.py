"""Fixtures shared by the whole suite: small hand-built bids and a writer for import files."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Collection
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graphcrm.ingest import read_dataset
from graphcrm.records import Dataset
from graphcrm.resources import sample_dir
from graphcrm.stores.neo4j_settings import Neo4jSettings
from tests.map.browser import browser, open_map  # noqa: F401  (fixtures)
from tests.neo4j_server import PASSWORDS, erase, start_or_skip

Tables = dict[str, list[list[object]]]

# A bid small enough to check by hand: our company (o-us: a, b), a customer (o-c: c, d, e
# with c the boss of d and e), a competitor (o-x: x). a KNOWS c (4), b KNOWS d (2), c KNOWS d,
# x KNOWS e; c INFLUENCES e. One project P1 at o-c: c decides, d evaluates, e informs, a
# and b bid. Two interactions.
TINY: Tables = {
    "organizations": [
        ["id", "name", "kind", "industry"],
        ["o-us", "我们公司", "own", "automation"],
        ["o-c", "客户公司", "customer", "energy"],
        ["o-x", "Rival Ltd", "competitor", ""],
    ],
    "people": [
        ["id", "name", "org_id", "title", "reports_to", "email", "WeChat"],
        ["a", "Alice 林", "o-us", "account manager", "", "a@us.example", "alice_w"],
        ["b", "Bo 王", "o-us", "presales", "a", "", ""],
        ["c", "陈总", "o-c", "general manager", "", "", ""],
        ["d", "张工", "o-c", "engineer", "c", "", ""],
        ["e", "NA", "o-c", "assistant", "c", "", ""],
        ["x", "Xavier", "o-x", "sales", "", "", ""],
    ],
    "relationships": [
        ["source", "target", "type", "strength", "level", "since", "last_contact", "notes"],
        ["a", "c", "KNOWS", "4", "2", "2020-01-01", "2026-10-01", "met at expo"],
        ["d", "b", "KNOWS", "2", "1", "", "", ""],
        ["c", "d", "KNOWS", "3", "", "", "", ""],
        ["x", "e", "KNOWS", "5", "3", "", "2026-11-01", ""],
        ["c", "e", "INFLUENCES", "", "", "", "", ""],
    ],
    "projects": [
        ["id", "name", "customer_id", "stage", "value", "deadline"],
        ["P1", "储能监控", "o-c", "bidding", "1,200,000", "2027-01-15"],
    ],
    "stakeholders": [
        ["project_id", "person_id", "role", "influence", "stance"],
        ["P1", "c", "decision_maker", "5", "neutral"],
        ["P1", "d", "evaluator", "3", "+1"],
        ["P1", "e", "informant", "1", "champion"],
        ["P1", "a", "bid_team", "", ""],
        ["P1", "b", "bid_team", "", ""],
    ],
    "interactions": [
        ["date", "person_id", "our_person_id", "channel", "sentiment", "notes"],
        ["2026-11-20", "c", "a", "meal", "positive", "dinner"],
        ["2026-09-01", "d", "b", "email", "0", ""],
    ],
}


def write_tables(folder: Path, tables: Tables, encoding: str = "utf-8") -> Path:
    """Write ``tables`` as ``<table>.csv`` files in ``folder`` and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding=encoding) as handle:
            csv.writer(handle).writerows(rows)
    return folder


def changed(tables: Tables, table: str, row: int, column: str, value: object) -> Tables:
    """A copy of ``tables`` with one cell replaced (``row`` counts data rows from 1)."""
    copy = {name: [list(r) for r in rows] for name, rows in tables.items()}
    header = copy[table][0]
    copy[table][row][header.index(column)] = value
    return copy


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    return write_tables(tmp_path / "tiny", TINY)


@pytest.fixture
def tiny(tiny_dir: Path) -> Dataset:
    return read_dataset([tiny_dir])


@pytest.fixture(scope="session")
def sample() -> Dataset:
    return read_dataset([sample_dir()])


@pytest.fixture
def make_tables(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1_000_000))

    def make(tables: Tables, encoding: str = "utf-8") -> Path:
        return write_tables(tmp_path / f"input{next(counter)}", tables, encoding)

    return make


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def target(request, tmp_path: Path) -> tuple[str, dict[str, str]]:
    """A store for command-line tests, once per store kind: ``(--store value, environment)``
    (the Neo4j credentials travel in the environment, as a user gives them)."""
    if request.param == "embedded":
        return str(tmp_path / "team.db"), {}
    settings = request.getfixturevalue("neo4j_settings")
    return settings.uri, {"NEO4J_USERNAME": settings.username,
                          "NEO4J_PASSWORD": settings.password}


def run_cli(store: object, *args: object, env: dict[str, str] | None = None) -> Result:
    """Run ``graphcrm --store STORE ARGS`` as a user would (``store`` None: no ``--store``);
    whatever it says, never a traceback or an internal error — the one run helper."""
    from graphcrm.cli import cli

    head = [] if store is None else ["--store", str(store)]
    result = CliRunner().invoke(cli, [*head, *map(str, args)], env=env)
    assert "Traceback" not in result.output and "internal error" not in result.output, \
        result.output
    return result


def run_on(target: tuple[str, dict[str, str]], *args: object) -> Result:
    """Run ``graphcrm --store STORE ARGS`` on a :func:`target` store."""
    store, env = target
    return run_cli(store, *args, env=env)


def english_words(text: str, *names: str, allowed: Collection[str] = ()) -> list[str]:
    """The English words (three letters or more) left in what a Chinese reader is shown,
    but ``names`` (paths, ids: taken out first, longest first) and ``allowed`` words (the
    program, its commands and options, as they are typed)."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    return [w for w in re.findall(r"[A-Za-z_]{3,}", text) if w not in {"graphcrm", *allowed}]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    """The bundled sample in an embedded store of the test module's own (``graphcrm demo``):
    the one store fixture of the modules that read the sample through the CLI or API."""
    from graphcrm import api

    return str(api.demo_store(tmp_path_factory.mktemp("demo")))


@pytest.fixture(scope="session")
def neo4j_server() -> Neo4jSettings:
    """A real Neo4j server for the whole test session (see tests/neo4j_server.py)."""
    yield from start_or_skip()


@pytest.fixture
def neo4j_settings(neo4j_server: Neo4jSettings) -> Neo4jSettings:
    """The test server with an empty database."""
    erase(neo4j_server)
    return neo4j_server


# -- the test password never shows --------------------------------------------------------------
# Every command run through CliRunner, every test's captured output and every file the tests
# wrote under pytest's temporary folder are checked for the password of a test Neo4j server.

CHECKED = {"command outputs": 0, "captured sections": 0, "files": 0}


def _leaks(text: str | bytes) -> list[str]:
    if isinstance(text, bytes):
        return [p for p in PASSWORDS if p and p.encode() in text]
    return [p for p in PASSWORDS if p and p in text]


@pytest.fixture(scope="session", autouse=True)
def _password_never_shows(tmp_path_factory):
    from click.testing import CliRunner

    original = CliRunner.invoke

    def guarded(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        CHECKED["command outputs"] += 1
        text = result.output + (result.stderr if result.stderr_bytes is not None else "")
        assert not _leaks(text), "a command printed the test password"
        return result

    patch = pytest.MonkeyPatch()
    patch.setattr(CliRunner, "invoke", guarded)
    yield
    patch.undo()
    for path in tmp_path_factory.getbasetemp().rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 64 * 2**20:
            CHECKED["files"] += 1
            assert not _leaks(path.read_bytes()), f"{path} holds the test password"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    for name, content in report.sections:
        CHECKED["captured sections"] += 1
        if _leaks(content):
            report.outcome = "failed"
            report.longrepr = f"the test password appeared in {name}"


def pytest_terminal_summary(terminalreporter):
    if PASSWORDS:
        terminalreporter.write_line(
            "test password absent from " + ", ".join(f"{n:,} {k}" for k, n in CHECKED.items()))


# -- the quick loop -------------------------------------------------------------------------
#: Test modules that take seconds each (a real browser, a notebook kernel, fault injection in
#: child processes, property tests, a wheel build): marked ``slow``, left out of
#: ``bash scripts/test --quick`` and run by the full suite (CI).
SLOW_MODULES = ("test_faults.py", "test_notebooks.py", "test_packaging.py",
                "test_random_networks.py", "test_fuzz_import.py", "test_fuzz_activity.py",
                "test_fast_paths.py", "test_startup.py")


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.path.name
        if module in SLOW_MODULES or item.get_closest_marker("browser") or \
                item.get_closest_marker("neo4j"):
            item.add_marker(pytest.mark.slow)
