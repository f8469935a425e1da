"""graphcrm: map the people around a deal.

A bid team's organizations, contacts, relationships and bids, kept as a graph (an embedded
SQLite file or a Neo4j server) and analysed with NetworkX. Importing this package does
nothing else: no environment reads, no connections, no heavy imports. ``graphcrm.open(store)``
gives the Python API (:mod:`graphcrm.api`); the command line is :mod:`graphcrm.cli`.
"""

from __future__ import annotations

__version__ = "0.1.0"


def open(store: str = "graphcrm.db", **options):  # noqa: ANN201, ANN003
    """The bid team's graph in ``store`` (a file, or a Neo4j URI): a
    :class:`graphcrm.api.GraphCRM` whose methods answer every question the CLI does.
    ``model=TieModel(...)`` values ties your way in every question and on the map.

    >>> import graphcrm
    >>> graphcrm.open("team.db")
    GraphCRM('team.db')
    """
    from graphcrm.api import GraphCRM  # imported on use: `import graphcrm` stays light

    return GraphCRM(store, **options)


#: Names of the API importable from the package itself (``graphcrm.GraphCRM``,
#: ``graphcrm.demo_store`` …), loaded on first use so that ``import graphcrm`` stays light.
_API_NAMES = {"GraphCRM": "graphcrm.api", "demo_store": "graphcrm.api",
              "DEMO_AS_OF": "graphcrm.api", "TieModel": "graphcrm.analysis",
              "DEFAULT_MODEL": "graphcrm.analysis"}


def __getattr__(name: str):  # noqa: ANN202 — PEP 562: the API's names, imported on use
    if name in _API_NAMES:
        import importlib

        return getattr(importlib.import_module(_API_NAMES[name]), name)
    raise AttributeError(f"module 'graphcrm' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API_NAMES])
