"""Options shared by the commands, so that every command spells them the same way."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from graphcrm.output import FORMATS
from graphcrm.stores import Neo4jSettings, is_server_uri

if TYPE_CHECKING:
    from graphcrm.api import GraphCRM

F = TypeVar("F", bound=Callable[..., Any])


def format_option(command: F) -> F:
    """``--format table|json|csv`` (default ``table``)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS, case_sensitive=False),
        default="table",
        show_default=True,
        help="Output: an aligned table, a JSON array of records, or spreadsheet-safe CSV.",
    )(command)


def store_location(ctx: click.Context) -> str | Neo4jSettings:
    """The store chosen with the global ``--store`` option.

    For a Neo4j URI without ``NEO4J_PASSWORD`` in the environment, the password is asked
    for at a hidden prompt when there is a terminal to ask at.
    """
    location = str(ctx.find_root().obj["store"])
    if is_server_uri(location) and not os.environ.get("NEO4J_PASSWORD") and sys.stdin.isatty():
        shown = Neo4jSettings(location).shown
        user = os.environ.get("NEO4J_USERNAME") or "neo4j"
        password = click.prompt(f"Neo4j password for {user} at {shown}", hide_input=True,
                                err=True)
        return Neo4jSettings.from_env(location, password=password)
    return location


def bid_of(ctx: click.Context) -> GraphCRM:
    """The bid team's graph in the store chosen with ``--store``. The API (with pandas and
    NetworkX) is imported here, when a command runs, so that ``--help`` starts fast."""
    from graphcrm import api

    return api.open(store_location(ctx))


def as_of_option(command: F) -> F:
    """``--as-of DATE``: value ties as of this day (default today)."""
    return click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        callback=lambda ctx, param, value: value.date() if value else None,
        metavar="YYYY-MM-DD",
        help="Value ties as of this date (default: today).",
    )(command)


def author_option(command: F) -> F:
    """``--author NAME``: who makes a change, for the history (default the system user)."""
    return click.option(
        "--author",
        metavar="NAME",
        help="Who makes this change, recorded in the history (default: your user name).",
    )(command)
