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

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import pandas as pd

from graphcrm.analysis import (
    GapsResult,
    PathResult,
    contact_plan,
    coverage_gaps,
    influence_paths,
    key_informants,
    stakeholder_matrix,
)
from graphcrm.errors import LookupFailed
from graphcrm.graph import build_graph
from graphcrm.ingest import read_dataset
from graphcrm.lookup import find_person
from graphcrm.map import MapSettings, StakeholderMap, stakeholder_map
from graphcrm.regions import contact_region, path_region
from graphcrm.resources import sample_dir
from graphcrm.stats import Stats, summarize
from graphcrm.stores import (
    DEFAULT_STORE,
    ImportSummary,
    Neo4jSettings,
    Store,
    TableChanges,
    is_server_uri,
    open_store,
)

__all__ = [
    "import_data", "stats", "load_graph", "demo_store", "paths", "gaps", "informants",
    "health", "matrix", "map", "StoreLocation", "DEMO_AS_OF",
]

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


_WIDER = 4  # extra hops looked at to explain why there is no path

#: The date the bundled sample's story is told as of (the demo values ties on this day).
DEMO_AS_OF = dt.date(2026, 11, 26)


def _project_id(opened: Store, text: str) -> str:
    """The id of the project ``text`` names in the store (its id or its exact name)."""
    counts = opened.counts()
    ids = {p["id"] for p in counts.projects}
    if text in ids:
        return text
    named = [p["id"] for p in counts.projects if p["name"] == text]
    if len(named) == 1:
        return named[0]
    raise LookupFailed(f"no project {text!r} (projects: {', '.join(sorted(ids)) or 'none'})")


def _graph(store: StoreLocation, project: str) -> tuple[nx.MultiDiGraph, str]:
    """The neighbourhood of the project ``project`` names (its id or its name)."""
    with open_store(store) as opened:
        project_id = _project_id(opened, project)
        return build_graph(opened.load(project_id)), project_id


def _ours(index: dict[str, dict], project: str | None) -> list[str]:
    """Our people from a people index: the project's bid team, else everyone at ``own``."""
    if project is not None:
        team = [p for p, d in index.items() if "bid_team" in d["roles"].get(project, [])]
        if team:
            return sorted(team)
    return sorted(p for p, d in index.items() if d["org_kind"] == "own")


def paths(
    target: str,
    source: str | None = None,
    *,
    store: StoreLocation = DEFAULT_STORE,
    project: str | None = None,
    k: int = 3,
    max_hops: int = 4,
    avoid: Sequence[str] = (),
    avoid_opponents: bool = False,
    strict: bool = False,
    allow_competitors: bool = False,
    as_of: dt.date | None = None,
) -> PathResult:
    """The best influence paths to ``target`` (id or name); see
    :func:`graphcrm.analysis.paths.influence_paths`. Only the people who may lie on a chain
    are loaded (:func:`graphcrm.regions.path_region`).

    Example
    -------
    >>> import tempfile, os
    >>> store = demo_store(tempfile.mkdtemp())
    >>> best = paths("王建国", project="prj-js-ess", store=store, as_of=DEMO_AS_OF).paths[0]
    >>> best.names
    ['吴涛', '胡斌', '周建平', '王建国']
    """
    with open_store(store) as opened:
        index = opened.people_index()
        target_id = find_person(index, target)
        sources = [find_person(index, source)] if source else None
        avoided = [find_person(index, a) for a in avoid]
        project_id = _project_id(opened, project) if project is not None else None
        starts = sources or _ours(index, project_id)
        options = {"project": project_id, "k": k, "max_hops": max_hops, "avoid": avoided,
                   "avoid_opponents": avoid_opponents, "strict": strict,
                   "allow_competitors": allow_competitors, "as_of": as_of}
        region = path_region(opened, starts, target_id, max_hops)
        result = influence_paths(build_graph(opened.load(people=region)), target_id, sources,
                                 **options)
        if not result.paths:  # say why with a wider view: the shortest route, who blocks it
            wider = path_region(opened, starts, target_id, max_hops + _WIDER)
            result = influence_paths(build_graph(opened.load(people=wider)), target_id,
                                     sources, **options)
    return result


def gaps(project: str, *, store: StoreLocation = DEFAULT_STORE, max_hops: int = 4,
         as_of: dt.date | None = None) -> GapsResult:
    """Coverage of ``project``'s decision-making stakeholders; see
    :func:`graphcrm.analysis.gaps.coverage_gaps`."""
    G, project_id = _graph(store, project)
    return coverage_gaps(G, project_id, max_hops=max_hops, as_of=as_of)


def informants(project: str, *, store: StoreLocation = DEFAULT_STORE, top: int | None = 15,
               include_competitors: bool = False, as_of: dt.date | None = None
               ) -> pd.DataFrame:
    """Ranked key-informant candidates; see
    :func:`graphcrm.analysis.informants.key_informants`."""
    G, project_id = _graph(store, project)
    return key_informants(G, project_id, top=top, include_competitors=include_competitors,
                          as_of=as_of)


def health(*, store: StoreLocation = DEFAULT_STORE, project: str | None = None,
           as_of: dt.date | None = None) -> pd.DataFrame:
    """The contact plan: cooling ties and overdue stakeholders; see
    :func:`graphcrm.analysis.health.contact_plan`. Loads our people, everyone they know
    directly, and the stakeholders (:func:`graphcrm.regions.contact_region`)."""
    with open_store(store) as opened:
        index = opened.people_index()
        project_id = _project_id(opened, project) if project is not None else None
        stakeholders = [p for p, d in index.items()
                        if (d["roles"].get(project_id) if project_id else d["roles"])]
        region = contact_region(opened, _ours(index, project_id), stakeholders)
        G = build_graph(opened.load(people=region))
    return contact_plan(G, project_id, as_of=as_of)


def matrix(project: str, *, store: StoreLocation = DEFAULT_STORE,
           as_of: dt.date | None = None) -> pd.DataFrame:
    """The stakeholder matrix; see :func:`graphcrm.analysis.matrix.stakeholder_matrix`."""
    G, project_id = _graph(store, project)
    return stakeholder_matrix(G, project_id, as_of=as_of)


def map(
    project: str | None = None,
    *,
    store: StoreLocation = DEFAULT_STORE,
    paths: bool = False,
    redact: bool = False,
    pseudonymize: bool = False,
    as_of: dt.date | None = None,
) -> StakeholderMap:
    """The interactive map of ``project`` (or of everything, by organization when large).

    ``redact`` drops notes, e-mail, phone and informant flags; ``pseudonymize`` (implies
    ``redact``) replaces names with role labels. See :mod:`graphcrm.map`.
    """
    if project is not None:
        G, project_id = _graph(store, project)
    else:
        G, project_id = load_graph(store), None
    settings = MapSettings(project=project_id, paths=paths, redact=redact or pseudonymize,
                           pseudonymize=pseudonymize, as_of=as_of)
    return stakeholder_map(G, settings)
