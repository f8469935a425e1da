"""The ``graphcrm`` command line: a thin layer over :mod:`graphcrm.api`.

Commands parse options, call one API function and format its result. Errors from graphcrm
become one message on stderr and the error's exit code, here and nowhere else.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from typing import Any

import click

from graphcrm.cli.localized import LocalizedGroup, UsageInChinese, help_lang
from graphcrm.errors import GraphCRMError
from graphcrm.stores import DEFAULT_STORE

__all__ = ["cli", "main"]


class _Failure(click.ClickException):
    """A GraphCRMError shown the click way: message on stderr, the error's exit code; an
    import's refused rows in the reader's language."""

    def __init__(self, error: GraphCRMError, lang: str = "en") -> None:
        super().__init__(_said(error, lang))
        self.exit_code = error.exit_code  # type: ignore[misc]  # click's per-instance code

    def show(self, file: Any = None) -> None:
        click.echo(f"graphcrm: {self.format_message()}", err=True)


def _said(error: GraphCRMError, lang: str) -> str:
    """The error as its reader reads it: a refused import, problem by problem, in ``lang``."""
    from graphcrm.errors import AmbiguousName, ValidationFailed
    from graphcrm.words import Said, problem_text, word

    said = error.args[0] if error.args else None
    if isinstance(said, Said):  # a sentence of the catalogue: in the reader's language
        return said.in_lang(lang)
    if isinstance(error, AmbiguousName):  # the head in the reader's language, then who
        lines = str(error).splitlines()
        return "\n".join([word("error.ambiguous", lang, name=repr(error.name),
                                n=len(error.candidates), bare=error.name), *lines[1:]])
    if not isinstance(error, ValidationFailed) or lang == "en":
        return str(error)
    return "\n".join([word("problems.head", lang, n=len(error.problems)),
                      *(problem_text(p, lang) for p in error.problems)])


class _Group(LocalizedGroup):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphCRMError as error:
            raise _Failure(error, help_lang(ctx)) from error
        except KeyboardInterrupt:
            from graphcrm.words import word

            click.echo(f"graphcrm: {word('cli.interrupted', help_lang(ctx))}", err=True)
            ctx.exit(130)
        except click.UsageError as error:  # refused by a command itself, after parsing
            if help_lang(ctx) == "en" or isinstance(error, UsageInChinese):
                raise
            raise UsageInChinese(error) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (| head): click ends quietly
            raise
        except Exception as error:  # a bug: say so briefly, traceback only on request
            if os.environ.get("GRAPHCRM_DEBUG"):
                raise
            from graphcrm.words import word

            lang = help_lang(ctx)
            raise _Failure(GraphCRMError(word("cli.internal_error", lang,
                                              kind=type(error).__name__, error=error)),
                           lang) from error


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    envvar="GRAPHCRM_STORE",
    default=DEFAULT_STORE,
    show_default=True,
    metavar="PATH|URI",
    help="Embedded store file, or a neo4j:// / bolt:// URI (env GRAPHCRM_STORE).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"], case_sensitive=False),
    is_eager=True,  # known before --help writes anything
    callback=lambda ctx, _, value: ctx.ensure_object(dict).update(
        {"lang": value} if value else {}) or value,
    help="Words in English or Chinese (env GRAPHCRM_LANG, else the locale).",
)
@click.version_option(package_name="graphcrm")
@click.pass_context
def cli(ctx: click.Context, store: str, lang: str | None) -> None:
    """graphcrm maps the people around a deal.

    Load a bid team's spreadsheets of organizations, people, relationships and bids into a
    graph, and ask who can reach a decision maker, where the team is blind, and who tells
    it what is really going on.

    \b
    Examples:
      graphcrm demo                       # the bundled sample bid, end to end
      graphcrm import data/sample         # load a folder of CSV files (or a .xlsx)
      graphcrm stats --format json        # what the store holds
      graphcrm --store team.db stats      # another embedded store
    """
    ctx.obj = {**(ctx.obj or {}), "store": store, "lang": lang}


def main() -> None:
    """Entry point of the ``graphcrm`` console script.

    Exit codes: 0 done; 1 an internal error or the reader of the output went away (``| head``);
    2 a wrong option or argument; 3 the input was refused (unreadable, over a limit, invalid
    rows); 4 the store cannot be opened, read or written (or is damaged, busy, read-only);
    5 a person or project is not there; 6 an output file cannot be written; 130 interrupted.

    The process runs without Python's cycle collector: it answers one question and exits, and
    the objects a question makes hold no cycles worth collecting (the API pauses the
    collector for each question anyway, :func:`graphcrm.api._bulk`; here it also stays off
    while the answer is printed). At exit everything left is frozen (:func:`gc.freeze`), so
    that Python's last collection does not walk the question's graphs either: the operating
    system takes the memory back whole, and the questions' graphs are kept to the end rather
    than freed a dictionary at a time as each question returns
    (:func:`graphcrm.api.keep_graphs_until_exit`).
    """
    gc.disable()
    atexit.register(gc.freeze)
    sys.exit(cli.main(prog_name="graphcrm", obj={EXITS_AFTER: True}))


from graphcrm.cli import (  # noqa: E402, F401  (registers the commands)
    analysis_commands,
    data_commands,
    sharing_commands,
)
from graphcrm.cli.options import EXITS_AFTER, shared_options  # noqa: E402

for _command in cli.commands.values():  # --store and --lang after the subcommand too
    _command.params.extend(shared_options())
