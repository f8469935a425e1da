"""Store fixtures: every contract test runs once per store implementation.

The Neo4j store joins ``STORE_KINDS`` with its own factory; the contract tests do not change.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graphcrm.stores import Store
from graphcrm.stores.embedded import EmbeddedStore

STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=STORE_KINDS)
def store(request, tmp_path) -> Iterator[Store]:
    if request.param == "embedded":
        opened: Store = EmbeddedStore(tmp_path / "contract.db", create=True)
    else:
        from graphcrm.stores.neo4j_store import Neo4jStore

        opened = Neo4jStore(request.getfixturevalue("neo4j_settings"))
    with opened:
        yield opened
