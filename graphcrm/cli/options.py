"""Options shared by the commands, so that every command spells them the same way."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from graphcrm.output import FORMATS, emit
from graphcrm.stores import Neo4jSettings, is_server_uri
from graphcrm.words import LANGUAGES, default_lang

if TYPE_CHECKING:
    from graphcrm.api import GraphCRM
    from graphcrm.results import Result

F = TypeVar("F", bound=Callable[..., Any])

#: Set in the root context's object when the process ends with the command
#: (:func:`graphcrm.cli.main`, not a test's runner): its questions' graphs are then kept to
#: the end, not freed (:func:`graphcrm.api.keep_graphs_until_exit`).
EXITS_AFTER = "exits after"


def _remember(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    """A callback that keeps an option given after the subcommand for the whole command."""
    def keep(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value is not None:
            root = ctx.find_root()
            root.obj = {**(root.obj or {}), name: value}
    return keep


def shared_options() -> list[click.Option]:
    """``--store`` and ``--lang`` for a subcommand, so that they work after it as well as
    before (``graphcrm gaps P --store team.db --lang zh``)."""
    return [
        click.Option(["--store"], expose_value=False, metavar="PATH|URI",
                     callback=_remember("store"),
                     help="Embedded store file, or a neo4j:// / bolt:// URI "
                          "(env GRAPHCRM_STORE)."),
        click.Option(["--lang"], type=click.Choice(LANGUAGES, case_sensitive=False),
                     expose_value=False, callback=_remember("lang"), is_eager=True,
                     help="Words in English or Chinese (env GRAPHCRM_LANG, else the locale)."),
    ]


def format_option(command: F) -> F:
    """``--format table|json|csv`` (default ``table``); read it with :func:`format_of`."""
    return click.option(
        "--format", "fmt_given", type=click.Choice(FORMATS, case_sensitive=False),
        expose_value=False, callback=_remember("format"),
        help="Output: an aligned table (default), JSON, or spreadsheet-safe CSV.",
    )(command)


def lang_of(ctx: click.Context) -> str:
    """The language chosen with ``--lang`` (before or after the subcommand), else the
    default (:func:`graphcrm.words.default_lang`)."""
    return str((ctx.find_root().obj or {}).get("lang") or default_lang()).lower()


def format_of(ctx: click.Context) -> str:
    """The output format chosen with ``--format``, else ``table``."""
    return str((ctx.find_root().obj or {}).get("format") or "table").lower()


def show(ctx: click.Context, result: Result, part: str | None = None) -> None:
    """Print any query result in the chosen format and language (:func:`graphcrm.output.emit`)."""
    click.echo(emit(result, format_of(ctx), lang_of(ctx), part), nl=False)


def store_location(ctx: click.Context) -> str | Neo4jSettings:
    """The store chosen with the global ``--store`` option.

    For a Neo4j URI without ``NEO4J_PASSWORD`` in the environment, the password is asked
    for at a hidden prompt when there is a terminal to ask at.
    """
    location = str(ctx.find_root().obj["store"])
    if is_server_uri(location):  # a command is one process: the driver without DataFrames
        from graphcrm.stores.neo4j_store import import_driver_without_dataframes

        import_driver_without_dataframes()
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

    if (ctx.find_root().obj or {}).get(EXITS_AFTER):  # graphcrm.cli.main: the process ends
        api.keep_graphs_until_exit()
    return api.open(store_location(ctx))


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A date in any form the import accepts (``2026-11-01``, ``2026/11/1``,
    ``2026年11月1日``)."""
    if value is None:
        return None
    from graphcrm.ingest.validate import parse_day  # not at start-up: --help stays fast

    try:
        return parse_day(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r}: {error}") from None


def as_of_option(command: F) -> F:
    """``--as-of DATE``: value ties as of this day (default today)."""
    return click.option(
        "--as-of",
        callback=_date,
        metavar="DATE",
        help="Value ties as of this date: 2026-11-01, 2026/11/1 or 2026年11月1日 "
             "(default: today).",
    )(command)


def author_option(command: F) -> F:
    """``--author NAME``: who makes a change, for the history (default the system user)."""
    return click.option(
        "--author",
        metavar="NAME",
        help="Who makes this change, recorded in the history (default: your user name).",
    )(command)


def project_argument(command: F) -> F:
    """The project a command is about: ``PROJECT`` (positional) or ``--project/-p``, by id
    or by name; either may be left out when the store holds one project. One convention
    for every command about a project."""
    @functools.wraps(command)
    def merged(*args: Any, project: str | None, project_option: str | None,
               **kwargs: Any) -> Any:
        if project is not None and project_option is not None and project != project_option:
            raise click.UsageError(f"two projects given: {project!r} and {project_option!r}")
        return command(*args, project=project or project_option, **kwargs)

    with_option = click.option("--project", "-p", "project_option", metavar="PROJECT",
                               help="The project (id or name), as PROJECT.")(merged)
    return click.argument("project", required=False)(with_option)  # type: ignore[return-value]
