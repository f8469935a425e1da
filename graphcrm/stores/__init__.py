"""Stores: where a bid team's graph is kept, behind one interface (:class:`Store`).

``open_store`` chooses the store from a location: a file path for the embedded store
(the default, ``graphcrm.db``) or a ``neo4j://``, ``neo4j+s://`` or ``bolt://`` URI for a
Neo4j server.
"""

from __future__ import annotations

from pathlib import Path

from graphcrm.errors import StoreError
from graphcrm.stores.base import Counts, ImportSummary, Store, TableChanges

__all__ = ["Store", "ImportSummary", "TableChanges", "Counts", "open_store", "is_server_uri"]

DEFAULT_STORE = "graphcrm.db"
SERVER_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def is_server_uri(location: str) -> bool:
    """Whether ``location`` names a Neo4j server rather than an embedded file."""
    return location.lower().startswith(SERVER_SCHEMES)


def open_store(location: str | Path = DEFAULT_STORE, *, create: bool = False) -> Store:
    """Open the store at ``location``.

    Parameters
    ----------
    location
        A file path (embedded store) or a Neo4j URI.
    create
        Create an embedded store that does not exist yet (importing does; reading does not).

    Raises
    ------
    StoreNotFound
        No embedded store at the path and ``create`` is false.
    StoreError
        The location cannot be opened as a store.
    """
    text = str(location)
    if is_server_uri(text):
        raise StoreError(f"{text.split('@')[-1]}: the Neo4j store is not available in this version")
    from graphcrm.stores.embedded import EmbeddedStore

    return EmbeddedStore(Path(text), create=create)
