"""The test suite's Neo4j: the server scripts/neo4j-test-server starts, or the one NEO4J_URI names.

The tests erase the database they use. A server named by NEO4J_URI is used only if its
database is empty or was marked by an earlier test run (a single ``:GraphcrmTestMarker``
node), so that pointing the tests at a real team graph by mistake erases nothing.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphcrm.stores.neo4j_settings import Neo4jSettings

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-test-server"
#: Every password of a test server started in this session: no output may show one
#: (tests/conftest.py checks every command's output, captured output and file written).
PASSWORDS: list[str] = []


def load_script():
    loader = importlib.machinery.SourceFileLoader("neo4j_test_server", str(SCRIPT))
    spec = importlib.util.spec_from_loader("neo4j_test_server", loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["neo4j_test_server"] = module  # dataclasses look their module up
    loader.exec_module(module)
    return module


def start_or_skip() -> Iterator[Neo4jSettings]:
    if os.environ.get("NEO4J_URI"):
        settings = Neo4jSettings.from_env(os.environ["NEO4J_URI"])
        PASSWORDS.append(settings.password)
        yield settings
        return
    script = load_script()
    try:
        server = script.start()
    except script.Unavailable as err:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Neo4j tests, but: {err}")
        pytest.skip(f"no Neo4j for these tests: {err}")
    PASSWORDS.append(server.password)
    try:
        yield Neo4jSettings(server.uri, server.username, server.password)
    finally:
        server.stop()


def erase(settings: Neo4jSettings) -> None:
    """Empty the test database, refusing to touch one that holds somebody's data."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password)) as d:
        marked = d.execute_query("MATCH (m:GraphcrmTestMarker) RETURN count(m) AS n",
                                 database_=settings.database).records[0]["n"]
        nodes = d.execute_query("MATCH (n) RETURN count(n) AS n",
                                database_=settings.database).records[0]["n"]
        if nodes and not marked:
            pytest.fail(f"{settings.shown} holds data the tests did not write; "
                        "point NEO4J_URI at an empty test database")
        d.execute_query("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
                        database_=settings.database) if nodes > 50_000 else d.execute_query(
            "MATCH (n) DETACH DELETE n", database_=settings.database)
        d.execute_query("CREATE (:GraphcrmTestMarker)", database_=settings.database)
