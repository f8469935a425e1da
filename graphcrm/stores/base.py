"""The store interface: what every graphcrm store does, documented once.

A store keeps the six tables of the import format and gives them back as a
:class:`~graphcrm.records.Dataset`; the graph builder turns that into NetworkX. The embedded
store (SQLite, one file) and the Neo4j store implement this interface and pass the same
contract tests (``tests/stores/test_contract.py``).

Semantics every implementation keeps:

- :meth:`Store.import_dataset` is one transaction: all of it is written or none of it.
  Records are upserted by their key (:data:`graphcrm.records.SCHEMA`): a record already
  there is updated in the columns the input carried and left alone in the others; extra
  properties are merged. Importing the same data twice changes nothing, and the summary
  says so (``updated == 0``).
- :meth:`Store.load` without a project gives everything; with a project it gives the
  project's neighbourhood: its stakeholders (our bid team among them), everyone within
  ``radius`` ties of them (ties of any type, either direction, and the org chart), the ties
  among all of those, every organization, the project with its stakeholder rows, and the
  interactions of those people with each other. With the default radius of 2, every path of
  up to four hops between the bid team and the other stakeholders lies inside it.
- Loaded records carry every contract column (``None`` where unknown) and ``extra``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from graphcrm.records import Dataset

__all__ = ["Store", "ImportSummary", "TableChanges", "Counts", "OrganizationSummary"]


@dataclass(frozen=True)
class TableChanges:
    """What an import did to one table."""

    table: str
    rows: int
    created: int
    updated: int

    @property
    def unchanged(self) -> int:
        """Rows that were already in the store exactly as given."""
        return self.rows - self.created - self.updated


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, table by table, and the warnings met while reading the input."""

    tables: tuple[TableChanges, ...]
    warnings: tuple[str, ...] = ()
    dry_run: bool = False
    understood: tuple[str, ...] = ()  # how each file's headers were read (dry runs)

    @property
    def changed(self) -> bool:
        """Whether the import created or updated anything."""
        return any(t.created or t.updated for t in self.tables)


@dataclass(frozen=True)
class OrganizationSummary:
    """Organizations and the ties between them, aggregated in the store.

    ``organizations``: id → ``{"name", "kind", "people"}``. ``links``: ``(a, b)`` with
    ``a < b`` → ``(ties, mean strength rounded to 3 decimals)``, counting ties with a strength
    between people of two different organizations.
    """

    organizations: dict[str, dict[str, object]]
    links: dict[tuple[str, str], tuple[int, float]]


@dataclass(frozen=True)
class Counts:
    """Counts by kind, and the projects with their stakeholders by role.

    ``by_kind`` maps a category (``organizations`` by kind, ``people`` by their organization's
    kind, ``relationships`` by type, ``projects`` by stage, ``stakeholders`` by role,
    ``interactions`` by channel) to counts. ``projects`` holds one dict per project: ``id``,
    ``name``, ``customer_id``, ``stage``, ``value``, ``deadline`` and ``roles`` (role → count).
    """

    by_kind: dict[str, dict[str, int]]
    projects: list[dict[str, object]] = field(default_factory=list)


class Store(ABC):
    """A place that keeps a bid team's graph: an embedded file or a Neo4j database."""

    #: Where the store is, safe to show (no credentials).
    location: str

    @abstractmethod
    def import_dataset(self, dataset: Dataset) -> ImportSummary:
        """Upsert ``dataset`` in one transaction and say what changed.

        Raises
        ------
        StoreError
            The store could not be written; nothing was.
        """

    @abstractmethod
    def load(self, project: str | None = None, *, radius: int = 2,
             people: Collection[str] | None = None) -> Dataset:
        """Everything in the store, the neighbourhood of ``project`` (see module docs), or
        exactly ``people``: those people, the ties among them, their stakeholder rows in
        every project, every project and organization, and their interactions with each
        other.

        Raises
        ------
        LookupFailed
            ``project`` is not in the store.
        """

    @abstractmethod
    def neighbours(self, people: Collection[str]) -> set[str]:
        """The people one tie (of any type, either direction, or the org chart) from
        ``people``, without ``people`` themselves."""

    @abstractmethod
    def people_index(self) -> dict[str, dict[str, Any]]:
        """Every person's ``name``, ``org_id``, ``org_name``, ``org_kind`` and ``roles``
        (project id → roles) by id: enough to find people by name, to know our people and
        the stakeholders without loading the graph, and to notice an id reused for somebody
        else."""

    @abstractmethod
    def organization_summary(self) -> OrganizationSummary:
        """Organizations with their headcount and the ties between them, aggregated in the
        store (the organization view of a network too big to load)."""

    @abstractmethod
    def remove_ties(self, a: str, b: str, types: Collection[str]) -> int:
        """Remove the ties of ``types`` between people ``a`` and ``b`` (either direction) in
        one transaction; return how many went. Nothing else changes."""

    @abstractmethod
    def remove_role(self, project: str, person: str, role: str) -> int:
        """Remove ``person``'s ``role`` in ``project``; return how many went (0 or 1)."""

    @abstractmethod
    def forget(self, person: str) -> dict[str, int]:
        """Erase ``person`` and everything attached to them — their ties, stakeholder roles
        and interactions (as the contact or as one of our people) — in one transaction; the
        people who reported to them keep no superior. Returns how many of each went
        (``ties``, ``roles``, ``interactions``, ``subordinates``).

        Raises
        ------
        LookupFailed
            No person with that id.
        """

    @abstractmethod
    def counts(self) -> Counts:
        """Counts by kind and per project, computed in the store."""

    @abstractmethod
    def known_ids(self) -> dict[str, set[str]]:
        """Ids of the organizations, people and projects in the store, by table."""

    @abstractmethod
    def check(self) -> list[str]:
        """Check the store without changing what it holds; return the problems found (empty
        when it is whole). The embedded store runs SQLite's integrity and foreign-key checks
        and then folds in a write-ahead log a reader held up (finishing a ``forget``); the
        Neo4j store checks graphcrm's model on the server (the server's own files are
        checked with ``neo4j-admin database check``)."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection; the store object is not used afterwards."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
