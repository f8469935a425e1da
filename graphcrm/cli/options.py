"""Options shared by the commands, so that every command spells them the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from graphcrm.output import FORMATS

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


def store_location(ctx: click.Context) -> str:
    """The store chosen with the global ``--store`` option."""
    return str(ctx.find_root().obj["store"])
