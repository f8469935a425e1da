"""The Python API: the operations the command line offers, as functions.

Each returns a result object or a DataFrame; none prints. The CLI (:mod:`graphcrm.cli`)
parses options, calls these and formats what they return.

Example
-------
>>> import tempfile, os
>>> from graphcrm.resources import sample_dir
>>> store = os.path.join(tempfile.mkdtemp(), "bid.db")
>>> import_data([sample_dir()], store=store).changed
True
>>> int(stats(store).counts.query("category == 'people'")["count"].sum()) > 60
True
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import networkx as nx

from graphcrm.graph import build_graph
from graphcrm.ingest import read_dataset
from graphcrm.resources import sample_dir
from graphcrm.stats import Stats, summarize
from graphcrm.stores import (
    DEFAULT_STORE,
    ImportSummary,
    Neo4jSettings,
    TableChanges,
    is_server_uri,
    open_store,
)

__all__ = ["import_data", "stats", "load_graph", "demo_store", "StoreLocation"]

#: Where a store is: a file path, a Neo4j URI (credentials from the environment) or settings.
StoreLocation = str | Path | Neo4jSettings


def import_data(
    paths: Sequence[str | Path],
    *,
    store: StoreLocation = DEFAULT_STORE,
    encoding: str | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Validate the files at ``paths`` and upsert them into ``store`` in one transaction.

    Parameters
    ----------
    paths
        Folders of CSV files, CSV files named after their table, or ``.xlsx`` workbooks.
    store
        The store's location (file path or Neo4j URI); an embedded store is created if needed.
    encoding
        Force the CSV encoding instead of detecting UTF-8 / GB18030.
    dry_run
        Validate only: nothing is written and no store is created.

    Returns
    -------
    ImportSummary
        Rows created, updated and unchanged per table (for a dry run: rows per table).

    Raises
    ------
    InputError, ValidationFailed, StoreError
    """
    if _store_exists(store):
        with open_store(store) as opened:
            dataset = read_dataset(paths, encoding=encoding, known_ids=opened.known_ids())
            if not dry_run:
                return opened.import_dataset(dataset)
    else:  # validate before creating anything, so a rejected import leaves no file behind
        dataset = read_dataset(paths, encoding=encoding)
        if not dry_run:
            with open_store(store, create=True) as created:
                return created.import_dataset(dataset)
    return ImportSummary(
        tuple(TableChanges(name, len(rows), 0, 0) for name, rows in dataset),
        tuple(dataset.warnings),
        dry_run=True,
    )


def _store_exists(store: StoreLocation) -> bool:
    if isinstance(store, Neo4jSettings) or is_server_uri(str(store)):
        return True
    return Path(store).exists()


def stats(store: StoreLocation = DEFAULT_STORE) -> Stats:
    """Counts by kind and per project of what ``store`` holds."""
    with open_store(store) as opened:
        return summarize(opened.counts())


def load_graph(store: StoreLocation = DEFAULT_STORE, project: str | None = None
               ) -> nx.MultiDiGraph:
    """The store's graph (or a project's neighbourhood) as NetworkX; see :mod:`graphcrm.graph`."""
    with open_store(store) as opened:
        return build_graph(opened.load(project))




def demo_store(folder: str | Path) -> Path:
    """Create ``folder/graphcrm-demo.db`` afresh with the bundled sample bid; return its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / "graphcrm-demo.db"
    for leftover in (store, Path(f"{store}-wal"), Path(f"{store}-shm")):
        leftover.unlink(missing_ok=True)
    import_data([sample_dir()], store=store)
    return store
