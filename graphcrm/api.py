"""The Python API: a bid team's graph, and every operation of the command line as a method.

``graphcrm.open(store)`` gives a :class:`GraphCRM`; each CLI command calls exactly one of its
methods and formats what it returns (``graphcrm import`` → :meth:`GraphCRM.import_data`,
``path`` → :meth:`~GraphCRM.paths`, ``map`` → :meth:`~GraphCRM.map` …). Results are
DataFrames or small result objects that show themselves in Jupyter; nothing prints. Each call
opens the store and closes it again, so a notebook never holds a lock.

Example
-------
>>> import tempfile
>>> bid = open(demo_store(tempfile.mkdtemp()))
>>> int(bid.stats().counts.query("category == 'people'")["count"].sum())
98
>>> bid.paths("王建国", project="prj-js-ess", as_of=DEMO_AS_OF).paths[0].names
['吴涛', '胡斌', '周建平', '王建国']
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
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
from graphcrm.domain import Role, TieType
from graphcrm.errors import LookupFailed
from graphcrm.export import export_graph
from graphcrm.graph import build_graph
from graphcrm.ingest import Headers, Limits, read_dataset, read_mapping
from graphcrm.lookup import find_person
from graphcrm.map import MapSettings, StakeholderMap, organization_map, stakeholder_map
from graphcrm.regions import contact_region, path_region
from graphcrm.resources import sample_dir
from graphcrm.stats import Stats, summarize
from graphcrm.stores import (
    DEFAULT_STORE,
    ImportSummary,
    Neo4jSettings,
    Store,
    TableChanges,
    create_embedded_store,
    is_server_uri,
    open_store,
)

__all__ = ["GraphCRM", "open", "demo_store", "StoreLocation", "DEMO_AS_OF"]

#: Where a store is: a file path, a Neo4j URI (credentials from the environment) or settings.
StoreLocation = str | Path | Neo4jSettings

#: The date the bundled sample's story is told as of (the demo values ties on this day).
DEMO_AS_OF = dt.date(2026, 11, 26)

_WIDER = 4  # extra hops looked at to explain why there is no path


def open(store: StoreLocation = DEFAULT_STORE) -> GraphCRM:
    """The graph in ``store``: a file path (embedded store), a Neo4j URI or settings.

    Example
    -------
    >>> open("team.db")
    GraphCRM('team.db')
    """
    return GraphCRM(store)


def demo_store(folder: str | Path) -> Path:
    """Create ``folder/graphcrm-demo.db`` afresh with the bundled sample bid; return its path.

    The command line's twin is ``graphcrm demo``.

    Example
    -------
    >>> import tempfile
    >>> demo_store(tempfile.mkdtemp()).name
    'graphcrm-demo.db'
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / "graphcrm-demo.db"
    for leftover in (store, Path(f"{store}-wal"), Path(f"{store}-shm")):
        leftover.unlink(missing_ok=True)
    GraphCRM(store).import_data([sample_dir()])
    return store


class GraphCRM:
    """A bid team's graph in a store, with every question graphcrm answers as a method.

    Parameters
    ----------
    store
        A file path (the embedded store), a ``neo4j://``/``bolt://`` URI with credentials in
        ``NEO4J_USERNAME``/``NEO4J_PASSWORD``, or :class:`~graphcrm.stores.Neo4jSettings`.

    Example
    -------
    >>> import tempfile
    >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
    >>> bid.gaps("prj-bh-bms", as_of=DEMO_AS_OF).score["score"]
    0.72
    """

    def __init__(self, store: StoreLocation = DEFAULT_STORE) -> None:
        self.store = store
        self._graph: nx.MultiDiGraph | None = None

    def __repr__(self) -> str:
        shown = self.store.shown if isinstance(self.store, Neo4jSettings) else str(self.store)
        if is_server_uri(shown):
            shown = Neo4jSettings(shown).shown
        return f"GraphCRM({shown!r})"

    # -- data in and out ------------------------------------------------------------------

    def import_data(self, paths: Sequence[str | Path], *, encoding: str | None = None,
                    dry_run: bool = False, limits: Limits | None = None,
                    mapping: str | Path | None = None,
                    allow_reassign: bool = False) -> ImportSummary:
        """Validate the files at ``paths`` and upsert them in one transaction
        (``graphcrm import``).

        Parameters
        ----------
        paths
            Folders of CSV files, CSV files named after their table, or ``.xlsx`` workbooks.
        encoding
            Force the CSV encoding instead of detecting UTF-8 / GB18030.
        dry_run
            Validate only: nothing is written and no store is created.
        limits
            Bounds on what reading may cost (:class:`~graphcrm.ingest.Limits`; the
            defaults when not given).
        mapping
            A mapping file (CSV: ``table``, ``column``, ``header``) for headers graphcrm does
            not know by itself (see :mod:`graphcrm.ingest.headers`).
        allow_reassign
            Accept a row that gives an id the store holds another name and another
            organization (refused by default: it is almost always a different person).

        Returns
        -------
        ImportSummary
            Rows created, updated and unchanged per table (for a dry run: rows per table).

        Raises
        ------
        InputError, ValidationFailed, StoreError

        Example
        -------
        >>> import tempfile, os
        >>> bid = GraphCRM(os.path.join(tempfile.mkdtemp(), "bid.db"))
        >>> bid.import_data([sample_dir()]).changed
        True
        """
        self._graph = None
        headers = Headers(read_mapping(mapping)) if mapping is not None else None
        if self._exists():
            with open_store(self.store) as opened:
                index = opened.people_index()
                dataset = read_dataset(
                    paths, encoding=encoding, known_ids=opened.known_ids(), limits=limits,
                    headers=headers, known_names=_known_names(opened, index),
                    known_people={p: (d["name"], d["org_id"]) for p, d in index.items()},
                    allow_reassign=allow_reassign)
                if not dry_run:
                    return opened.import_dataset(dataset)
        else:  # validate before creating anything: a rejected import leaves no file behind
            dataset = read_dataset(paths, encoding=encoding, limits=limits, headers=headers)
            if not dry_run:  # built aside and moved into place whole (or not at all)
                return create_embedded_store(Path(str(self.store)), dataset)
        return ImportSummary(
            tuple(TableChanges(name, len(rows), 0, 0) for name, rows in dataset),
            tuple(dataset.warnings),
            dry_run=True,
            understood=tuple(dataset.understood),
        )

    def _exists(self) -> bool:
        if isinstance(self.store, Neo4jSettings) or is_server_uri(str(self.store)):
            return True
        return Path(self.store).exists()

    def stats(self) -> Stats:
        """Counts by kind and per project (``graphcrm stats``).

        Example
        -------
        >>> import tempfile
        >>> GraphCRM(demo_store(tempfile.mkdtemp())).stats().projects["project"].tolist()
        ['prj-bh-bms', 'prj-js-ess', 'prj-metro5']
        """
        with open_store(self.store) as opened:
            return summarize(opened.counts())

    def export(self, path: str | Path, fmt: str = "graphml", *, project: str | None = None,
               redact: bool = False) -> Path:
        """Write the graph (or a project's neighbourhood) for Gephi, Cytoscape or D3
        (``graphcrm export``); see :mod:`graphcrm.export`.

        Example
        -------
        >>> import tempfile, os
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.export(os.path.join(tempfile.mkdtemp(), "bid.gexf"), "gexf").suffix
        '.gexf'
        """
        G = self.project_graph(project) if project is not None else self.graph
        return export_graph(G, path, fmt, redact=redact)

    def forget(self, person: str) -> dict[str, int]:
        """Erase a person (id or name) and everything attached to them: ties, stakeholder
        roles, interactions (``graphcrm forget``). Returns what went, by kind.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.forget("杨帆")
        {'ties': 6, 'roles': 1, 'interactions': 3, 'subordinates': 0}
        """
        self._graph = None
        with open_store(self.store) as opened:
            return opened.forget(find_person(opened.people_index(), person))

    def template(self, path: str | Path, *, lang: str = "en") -> Path:
        """Write an empty import workbook (``.xlsx``) or CSV folder to start from: the exact
        sheets and headers, drop-downs, two example rows each, and an explanation sheet
        (``graphcrm template``); see :mod:`graphcrm.template`. It imports as written.

        Example
        -------
        >>> import tempfile, os
        >>> GraphCRM().template(os.path.join(tempfile.mkdtemp(), "bid.xlsx")).suffix
        '.xlsx'
        """
        from graphcrm.template import write_template

        return write_template(path, lang)

    def check(self) -> builtins.list[str]:
        """Check the store without changing what it holds (``graphcrm check``); return the
        problems found, none when it is whole. See :meth:`graphcrm.stores.Store.check`.

        Example
        -------
        >>> import tempfile
        >>> GraphCRM(demo_store(tempfile.mkdtemp())).check()
        []
        """
        with open_store(self.store) as opened:
            return opened.check()

    def remove_tie(self, a: str, b: str, *, tie_type: str | None = None) -> int:
        """Remove the ties between two people (ids or names), of every type or of
        ``tie_type`` only (``graphcrm remove tie``); return how many went.

        Raises
        ------
        LookupFailed
            A person is not there, the type is unknown, or there is no such tie.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.remove_tie("王建国", "周建平", tie_type="KNOWS")
        1
        """
        types = [t.value for t in TieType]
        if tie_type is not None:
            try:
                types = [TieType.parse(tie_type).value]
            except ValueError as err:
                raise LookupFailed(str(err)) from err
        self._graph = None
        with open_store(self.store) as opened:
            index = opened.people_index()
            first, second = find_person(index, a), find_person(index, b)
            removed = opened.remove_ties(first, second, types)
        if not removed:
            kind = f"{types[0]} " if tie_type is not None else ""
            raise LookupFailed(f"no {kind}tie between {index[first]['name']} and "
                               f"{index[second]['name']}")
        return removed

    def remove_role(self, project: str, person: str, role: str) -> int:
        """Remove one stakeholder role of a person (id or name) in a project (id or name)
        (``graphcrm remove role``); return how many went (1).

        Raises
        ------
        LookupFailed
            The project, person or role is unknown, or the person has no such role there.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.remove_role("prj-js-ess", "杨帆", "informant")
        1
        """
        try:
            wanted = Role.parse(role).value
        except ValueError as err:
            raise LookupFailed(str(err)) from err
        self._graph = None
        with open_store(self.store) as opened:
            project_id = _project_id(opened, project)
            index = opened.people_index()
            person_id = find_person(index, person)
            removed = opened.remove_role(project_id, person_id, wanted)
        if not removed:
            raise LookupFailed(f"{index[person_id]['name']} has no role {wanted} in "
                               f"{project_id}")
        return removed

    def whois(self, person: str) -> dict[str, object]:
        """The id, name and organization of the person ``person`` names (id or name)."""
        with open_store(self.store) as opened:
            index = opened.people_index()
            found = find_person(index, person)
        return {"id": found, "name": index[found]["name"],
                "organization": index[found]["org_name"]}

    # -- the graph --------------------------------------------------------------------------

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The whole store as a NetworkX graph (loaded once; see :mod:`graphcrm.graph`)."""
        if self._graph is None:
            with open_store(self.store) as opened:
                self._graph = build_graph(opened.load())
        return self._graph

    def project_graph(self, project: str) -> nx.MultiDiGraph:
        """The neighbourhood of ``project`` (its id or name): its stakeholders and everyone
        within two ties of them, as a NetworkX graph.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.project_graph("prj-js-ess").number_of_nodes()
        82
        """
        return self._project(project)[0]

    def _project(self, project: str) -> tuple[nx.MultiDiGraph, str]:
        with open_store(self.store) as opened:
            project_id = _project_id(opened, project)
            return build_graph(opened.load(project_id)), project_id

    # -- the questions --------------------------------------------------------------------

    def paths(self, target: str, source: str | None = None, *, project: str | None = None,
              k: int = 3, max_hops: int = 4, avoid: Sequence[str] = (),
              avoid_opponents: bool = False, strict: bool = False,
              allow_competitors: bool = False, as_of: dt.date | None = None) -> PathResult:
        """The best influence paths to ``target`` from our people or ``source``, people by id
        or name (``graphcrm path``); see :func:`graphcrm.analysis.paths.influence_paths`.
        Only the people who may lie on a chain are loaded
        (:func:`graphcrm.regions.path_region`).

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.paths("高明", max_hops=1).reason
        'no route within 1 hops (the shortest takes 2)'
        """
        with open_store(self.store) as opened:
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
            result = influence_paths(build_graph(opened.load(people=region)), target_id,
                                     sources, **options)
            if not result.paths:  # say why with a wider view: the shortest route, who blocks
                wider = path_region(opened, starts, target_id, max_hops + _WIDER)
                result = influence_paths(build_graph(opened.load(people=wider)), target_id,
                                         sources, **options)
        return result

    def gaps(self, project: str, *, max_hops: int = 4, as_of: dt.date | None = None
             ) -> GapsResult:
        """Coverage of the project's decision-making stakeholders, the introduction plan and
        the coverage score (``graphcrm gaps``); see
        :func:`graphcrm.analysis.gaps.coverage_gaps`.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.gaps("prj-bh-bms", as_of=DEMO_AS_OF).plan["meet_name"].tolist()
        ['陆振华', '田蕾']
        """
        G, project_id = self._project(project)
        return coverage_gaps(G, project_id, max_hops=max_hops, as_of=as_of)

    def informants(self, project: str, *, top: int | None = 15,
                   include_competitors: bool = False, as_of: dt.date | None = None
                   ) -> pd.DataFrame:
        """Ranked key-informant candidates with the reasons for each score
        (``graphcrm informants``); see :func:`graphcrm.analysis.informants.key_informants`.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.informants("prj-js-ess", top=1, as_of=DEMO_AS_OF)["name"].tolist()
        ['张伟']
        """
        G, project_id = self._project(project)
        return key_informants(G, project_id, top=top, include_competitors=include_competitors,
                              as_of=as_of)

    def health(self, *, project: str | None = None, as_of: dt.date | None = None
               ) -> pd.DataFrame:
        """The contact plan: cooling ties and overdue stakeholders, whom to call, by whom and
        why (``graphcrm health``); see :func:`graphcrm.analysis.health.contact_plan`. Loads our
        people, everyone they know directly, and the stakeholders.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.health(project="prj-js-ess", as_of=DEMO_AS_OF)["name"].iloc[0]
        '刘洋'
        """
        with open_store(self.store) as opened:
            index = opened.people_index()
            project_id = _project_id(opened, project) if project is not None else None
            stakeholders = [p for p, d in index.items()
                            if (d["roles"].get(project_id) if project_id else d["roles"])]
            region = contact_region(opened, _ours(index, project_id), stakeholders)
            G = build_graph(opened.load(people=region))
        return contact_plan(G, project_id, as_of=as_of)

    def matrix(self, project: str, *, as_of: dt.date | None = None) -> pd.DataFrame:
        """The stakeholder matrix: influence × stance quadrants with coverage
        (``graphcrm matrix``); see :func:`graphcrm.analysis.matrix.stakeholder_matrix`.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.matrix("prj-js-ess", as_of=DEMO_AS_OF)["quadrant"].iloc[0]
        'manage closely'
        """
        G, project_id = self._project(project)
        return stakeholder_matrix(G, project_id, as_of=as_of)

    def map(self, project: str | None = None, *, paths: bool = False, redact: bool = False,
            pseudonymize: bool = False, as_of: dt.date | None = None) -> StakeholderMap:
        """The interactive map of ``project``, or of everything (by organization when large)
        (``graphcrm map``). It shows itself inline in Jupyter; ``.save(path)`` writes the page.

        ``redact`` drops notes, e-mail, phone and informant flags; ``pseudonymize`` (implies
        ``redact``) replaces names with role labels. See :mod:`graphcrm.map`.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.map("prj-js-ess").node_count
        82
        """
        settings = MapSettings(paths=paths, redact=redact or pseudonymize,
                               pseudonymize=pseudonymize, as_of=as_of)
        if project is not None:
            G, project_id = self._project(project)
            return stakeholder_map(G, replace(settings, project=project_id))
        with open_store(self.store) as opened:  # a big network: aggregated in the store
            people = sum(opened.counts().by_kind["people"].values())
            if people > settings.aggregate_above:
                return organization_map(opened.organization_summary(), settings)
        return stakeholder_map(self.graph, settings)


def _project_id(opened: Store, text: str) -> str:
    """The id of the project ``text`` names in the store (its id or its exact name)."""
    projects = opened.load(people=()).table("projects")  # every project, nobody loaded
    ids = {p["id"] for p in projects}
    if text in ids:
        return text
    named = [p["id"] for p in projects if p["name"] == text]
    if len(named) == 1:
        return named[0]
    raise LookupFailed(f"no project {text!r} (projects: {', '.join(sorted(ids)) or 'none'})")


def _known_names(opened: Store, index: dict[str, dict]) -> dict[str, dict[str, set[str]]]:
    """Who is called what in the store: ``table → name → ids`` (references by name)."""
    names: dict[str, dict[str, set[str]]] = {"organizations": {}, "people": {}, "projects": {}}
    for person, facts in index.items():
        names["people"].setdefault(facts["name"], set()).add(person)
    base = opened.load(people=())  # every organization and project, nobody loaded
    for table in ("organizations", "projects"):
        for record in base.table(table):
            names[table].setdefault(record["name"], set()).add(record["id"])
    return names


def _ours(index: dict[str, dict], project: str | None) -> builtins.list[str]:
    """Our people from a people index: the project's bid team, else everyone at ``own``."""
    if project is not None:
        team = [p for p, d in index.items() if "bid_team" in d["roles"].get(project, [])]
        if team:
            return sorted(team)
    return sorted(p for p, d in index.items() if d["org_kind"] == "own")
