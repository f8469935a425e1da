"""How to reach a Neo4j server: URI, user, password and database, never printed whole.

Credentials come from ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` (or a password the caller
prompted for), never from the command line or the URI; ``NEO4J_DATABASE`` picks a database
other than the server's default. :attr:`Neo4jSettings.shown` is the URI safe to show.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from graphcrm.errors import StoreError
from graphcrm.words import Said

__all__ = ["Neo4jSettings", "shown_uri"]

_SECRET_KEYS = {"password", "pass", "pwd", "secret", "token", "auth", "credentials", "user",
                "username"}


def shown_uri(uri: str) -> str:
    """``uri`` reduced to scheme, host and port: no user, password, path or query.

    Example
    -------
    >>> shown_uri("neo4j://neo4j:pw@db.example:7687/x?password=pw")
    'neo4j://db.example:7687'
    >>> shown_uri("bolt://db.example:99999")
    'bolt://db.example:99999'
    """
    parts = urlsplit(uri)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = parts.netloc.rsplit("@", 1)[-1]
    port = netloc.rsplit("]", 1)[-1].rpartition(":")[2] if ":" in netloc.rsplit("]", 1)[-1] \
        else ""
    shown_port = f":{port}" if port.isdigit() else (":…" if port else "")
    return f"{parts.scheme}://{host}{shown_port}"


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
    >>> Neo4jSettings("bolt://[::1]:7687?password=s3cr3t").shown
    'bolt://[::1]:7687'
    """

    uri: str
    username: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None

    @property
    def shown(self) -> str:
        """The URI without user information, query or path: what messages may show."""
        return shown_uri(self.uri)

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
        shown = shown_uri(uri)
        query = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
        if parts.username or parts.password or query & _SECRET_KEYS:
            raise StoreError(Said("neo4j.credentials_in_uri", where=shown))
        if not parts.hostname:
            raise StoreError(Said("neo4j.not_a_uri", where=shown))
        try:
            parts.port  # noqa: B018  (urlsplit checks the port only when asked)
        except ValueError as err:
            raise StoreError(Said("neo4j.bad_port", where=shown)) from err
        secret = password if password is not None else env.get("NEO4J_PASSWORD")
        if not secret:
            raise StoreError(Said("neo4j.no_password", where=cls(uri).shown))
        return cls(
            uri=uri,
            username=env.get("NEO4J_USERNAME") or "neo4j",
            password=secret,
            database=env.get("NEO4J_DATABASE") or None,
        )
