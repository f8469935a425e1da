"""How to reach a Neo4j server: URI, user, password and database, never printed whole.

Credentials come from ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` (or a password the caller
prompted for), never from the command line or the URI; ``NEO4J_DATABASE`` picks a database
other than the server's default. :attr:`Neo4jSettings.shown` is the URI safe to show.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from graphcrm.errors import StoreError

__all__ = ["Neo4jSettings"]


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings for :class:`~graphcrm.stores.neo4j_store.Neo4jStore`.

    Example
    -------
    >>> s = Neo4jSettings.from_env("neo4j://db.example:7687", {"NEO4J_PASSWORD": "s3cr3t"})
    >>> s.shown, s.username
    ('neo4j://db.example:7687', 'neo4j')
    >>> "s3cr3t" in repr(s)
    False
    """

    uri: str
    username: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None

    @property
    def shown(self) -> str:
        """The URI without any user information: what messages may show."""
        parts = urlsplit(self.uri)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}"

    @classmethod
    def from_env(
        cls, uri: str, env: Mapping[str, str] | None = None, *, password: str | None = None
    ) -> Neo4jSettings:
        """Settings for ``uri`` with credentials from ``env`` (default: ``os.environ``).

        Raises
        ------
        StoreError
            The URI carries credentials (they belong in the environment), or no password is
            given and ``NEO4J_PASSWORD`` is not set.
        """
        env = os.environ if env is None else env
        parts = urlsplit(uri)
        if parts.username or parts.password:
            raise StoreError(
                f"{cls(uri).shown}: put credentials in NEO4J_USERNAME and NEO4J_PASSWORD, "
                "not in the URI"
            )
        if not parts.hostname:
            raise StoreError(f"{uri!r} is not a Neo4j URI (expected neo4j://host:7687)")
        secret = password if password is not None else env.get("NEO4J_PASSWORD")
        if not secret:
            raise StoreError(f"{cls(uri).shown}: set NEO4J_PASSWORD (and NEO4J_USERNAME)")
        return cls(
            uri=uri,
            username=env.get("NEO4J_USERNAME") or "neo4j",
            password=secret,
            database=env.get("NEO4J_DATABASE") or None,
        )
