"""Stores: where a bid team's graph is kept, behind one interface (:class:`Store`).

``open_store`` chooses the store from a location: a file path for the embedded store
(the default, ``graphcrm.db``) or a ``neo4j://``, ``neo4j+s://`` or ``bolt://`` URI for a
Neo4j server.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphcrm.records import Dataset
from graphcrm.stores.base import (
    ChangeInfo,
    ChangeSet,
    Counts,
    Dump,
    ImportSummary,
    Snapshot,
    Store,
    TableChanges,
)
from graphcrm.stores.neo4j_settings import Neo4jSettings

if TYPE_CHECKING:  # the embedded store is imported where used
    from graphcrm.stores.embedded import MemoryStore

__all__ = [
    "Store", "ImportSummary", "TableChanges", "Counts", "Neo4jSettings", "open_store",
    "is_server_uri", "create_embedded_store", "scratch_store", "ChangeInfo", "ChangeSet",
    "Snapshot", "Dump",
]

DEFAULT_STORE = "graphcrm.db"
SERVER_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def is_server_uri(location: str) -> bool:
    """Whether ``location`` names a Neo4j server rather than an embedded file."""
    return location.lower().startswith(SERVER_SCHEMES)


def open_store(
    location: str | Path | Neo4jSettings | Store = DEFAULT_STORE, *, create: bool = False
) -> Store:
    """Open the store at ``location``.

    Parameters
    ----------
    location
        A file path (embedded store), a Neo4j URI (credentials from ``NEO4J_USERNAME``,
        ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) or :class:`Neo4jSettings`.
    create
        Create an embedded store that does not exist yet (importing does; reading does not).

    Raises
    ------
    StoreNotFound
        No embedded store at the path and ``create`` is false.
    StoreError
        The location cannot be opened as a store (for Neo4j: unreachable, credentials
        refused, no such database).
    """
    if isinstance(location, Store):  # a store held open (a scratch store in memory)
        return location
    if isinstance(location, Neo4jSettings) or is_server_uri(str(location)):
        from graphcrm.stores.neo4j_store import Neo4jStore

        if not isinstance(location, Neo4jSettings):
            location = Neo4jSettings.from_env(str(location))
        return Neo4jStore(location)
    from graphcrm.stores.embedded import EmbeddedStore

    return EmbeddedStore(Path(location), create=create)


def create_embedded_store(path: str | Path, dataset: Dataset,
                          info: ChangeInfo | None = None,
                          review: Sequence[Mapping[str, Any]] = ()) -> ImportSummary:
    """A new embedded store at ``path`` holding ``dataset`` (and ``review`` entries), or
    nothing at all if the import fails (see :func:`graphcrm.stores.embedded.create_store`)."""
    from graphcrm.stores.embedded import create_store

    return create_store(path, dataset, info, review)


def scratch_store(dataset: Dataset) -> MemoryStore:
    """A throw-away store held in memory, holding ``dataset``, keeping no history and taking
    references to people outside it as they are (an earlier state, or the part of it a
    question needs, rebuilt to be asked the same questions as the real store).

    Nothing of it reaches the disk, so an interrupted question leaves no copy of anybody
    behind. :func:`open_store` gives it back as it is, and closing it there keeps it open;
    :meth:`~graphcrm.stores.embedded.MemoryStore.discard` frees it.
    """
    from graphcrm.stores.embedded import MemoryStore

    store = MemoryStore()
    store.import_dataset(dataset)
    return store
