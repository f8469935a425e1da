"""The questions a bid team asks: ``path``, ``gaps``, ``handover``, ``informants``,
``health``, ``matrix``, ``changes`` — each command made from its declaration in
:data:`graphcrm.questions.QUESTIONS` (the same the API methods are checked against): it
parses its arguments, asks the API, and hands the result to
:func:`graphcrm.cli.options.show`: one output path for every result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

from graphcrm.cli import cli
from graphcrm.cli.localized import LocalizedCommand
from graphcrm.cli.options import (
    as_of_option,
    bid_of,
    format_of,
    format_option,
    lang_of,
    project_argument,
    show,
)
from graphcrm.questions import QUESTIONS, Param, Question

F = TypeVar("F", bound=Callable[..., Any])

#: Options that admit a count: at least 1.
POSITIVE = click.IntRange(min=1)


def _option(param: Param) -> Callable[[F], F]:
    """The command-line option of a question's parameter."""
    flag = param.option or "--" + param.name.replace("_", "-")
    if param.kind == "flag":
        return click.option(flag, param.name, is_flag=True, help=param.help)
    if param.kind == "count":
        return click.option(flag, param.name, default=param.default, show_default=True,
                            type=click.IntRange(min=param.low), help=param.help)
    if param.kind == "people":
        return click.option(flag, param.name, multiple=True, metavar=param.metavar or "PERSON",
                            help=param.help)
    if param.kind == "date":
        return click.option(flag, param.name, required=param.default is None,
                            metavar=param.metavar, help=param.help)
    return click.option(flag, param.name, default=param.default, metavar=param.metavar,
                        help=param.help)


def _project_option(question: Question) -> Callable[[F], F]:
    return click.option("--project", "-p", "project", metavar="PROJECT",
                        help=question.project_help)


def command_of(question: Question) -> click.Command:
    """The click command of ``question``: its subject as arguments (or, for a date, a
    required option), ``PROJECT`` and ``--project/-p``, one option per parameter, ``--part``
    when its result has parts, ``--as-of`` and ``--format``; it asks the API method of the
    same declaration and shows the result through the one output path."""
    def run(ctx: click.Context, **given: Any) -> None:
        part = given.pop("part", None)
        subject = []
        for param in question.subject:
            value = given.pop(param.name)
            if param.kind == "people":
                if len(value) > 2:
                    raise click.UsageError("give at most a SOURCE and a TARGET")
                subject += list(value)
            else:
                subject.append(value)
        result = getattr(bid_of(ctx), question.method)(*subject, **given)
        show(ctx, result, part)
        if question.reason_to_stderr and not result.records() and format_of(ctx) != "table":
            click.echo(result.text(lang_of(ctx)), err=True, nl=False)  # where a reader sees it

    examples = "\n".join(f"  {line}" for line in question.examples)
    command: Any = click.pass_context(run)
    decorators: list[Callable[[Any], Any]] = []
    for param in question.subject:
        if param.kind == "people":
            decorators.append(click.argument(param.name, nargs=-1, required=True,
                                             metavar=param.help))
        elif param.kind == "date":
            decorators.append(_option(param))
        else:
            decorators.append(click.argument(param.name, metavar=param.help))
    if question.project:
        decorators.append(project_argument if question.project_positional
                          else _project_option(question))
    decorators += [_option(param) for param in question.params]
    if question.parts:
        decorators.append(click.option("--part", type=click.Choice(question.parts),
                                       help=question.parts_help))
    if question.as_of:
        decorators.append(as_of_option)
    decorators.append(format_option)
    for decorate in reversed(decorators):
        command = decorate(command)
    return click.command(question.name, cls=LocalizedCommand,
                         help=f"{question.help}\n\n\b\nExamples:\n{examples}")(command)


for _question in QUESTIONS.values():
    cli.add_command(command_of(_question))


#: The demo: each question with the arguments of the command that asks it. The demo runs
#: these very commands (:func:`echo_demo`), so that it cannot drift from them.
DEMO = [
    ("demo.path", ["path", "王建国", "--project", "prj-js-ess"]),
    ("demo.gaps", ["gaps", "prj-bh-bms"]),
    ("demo.informants", ["informants", "prj-js-ess", "--top", "5"]),
    ("demo.health", ["health", "--project", "prj-js-ess"]),
    ("demo.matrix", ["matrix", "prj-js-ess"]),
]


def echo_demo(ctx: click.Context, store: str, as_of: dt.date) -> None:
    """Each question of :data:`DEMO` on the sample bid, through the real commands."""
    from graphcrm.words import word

    lang = lang_of(ctx)
    for question, args in DEMO:
        shown_args = " ".join(args)
        click.echo(f"\n== {word(question, lang)}\n   graphcrm {shown_args} --as-of {as_of}\n")
        command = cli.commands[args[0]]
        sub = command.make_context(args[0], [*args[1:], "--as-of", as_of.isoformat(),
                                             "--store", store], parent=ctx.find_root())
        with sub:
            command.invoke(sub)


__all__ = ["DEMO", "echo_demo"]
