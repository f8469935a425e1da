"""graphcrm: map the people around a deal.

A bid team's organizations, contacts, relationships and bids, kept as a graph (an embedded
SQLite file or a Neo4j server) and analysed with NetworkX. Importing this package does
nothing else: no environment reads, no connections, no heavy imports. The operations live in
:mod:`graphcrm.api`; the command line in :mod:`graphcrm.cli`.
"""

from __future__ import annotations

__version__ = "0.1.0"
