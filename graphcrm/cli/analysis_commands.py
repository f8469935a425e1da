"""The questions a bid team asks: ``path``, ``gaps``, ``informants``, ``health``, ``matrix``,
``changes``. Each command parses its options, asks the API, and hands the result to
:func:`graphcrm.cli.options.show`: one output path for every result."""

from __future__ import annotations

import datetime as dt

import click

from graphcrm.cli import cli
from graphcrm.cli.options import (
    as_of_option,
    bid_of,
    format_of,
    format_option,
    lang_of,
    project_argument,
    show,
)

#: Options that admit a count: at least 1.
POSITIVE = click.IntRange(min=1)


# -- path -------------------------------------------------------------------------------------


@cli.command("path")
@click.argument("people", nargs=-1, required=True, metavar="[SOURCE] TARGET")
@click.option("--project", "-p", help="Project: its bid team starts, its stances count.")
@click.option("--k", "k", default=3, show_default=True, type=POSITIVE, help="How many paths.")
@click.option("--max-hops", default=4, show_default=True, type=POSITIVE,
              help="Ties per path at most.")
@click.option("--avoid", multiple=True, metavar="PERSON", help="Never pass through (repeat).")
@click.option("--avoid-opponents", is_flag=True,
              help="Never pass through an opponent (their stance in --project, else in any "
                   "project TARGET is a stakeholder of).")
@click.option("--strict", is_flag=True, help="With --avoid-opponents: skeptics too.")
@click.option("--include-competitors", is_flag=True,
              help="Let paths pass competitor staff.")
@as_of_option
@format_option
@click.pass_context
def path_command(ctx: click.Context, people: tuple[str, ...], project: str | None, k: int,
                 max_hops: int, avoid: tuple[str, ...], avoid_opponents: bool, strict: bool,
                 include_competitors: bool, as_of: dt.date | None) -> None:
    """Best influence paths from our people (or SOURCE) to TARGET.

    People are named by id or by name. Each path lists every hop: who, tie type, recorded
    strength, strength today, level and last contact; the chain strength is the product of
    the hops' probabilities.

    \b
    Examples:
      graphcrm path 王建国 --project prj-js-ess
      graphcrm path 林晓 王建国 --avoid-opponents --project prj-js-ess
      graphcrm path p201 --max-hops 3 --avoid 周建平 --format json
    """
    if len(people) > 2:
        raise click.UsageError("give at most a SOURCE and a TARGET")
    source, target = (None, people[0]) if len(people) == 1 else people
    result = bid_of(ctx).paths(target, source, project=project, k=k,
                       max_hops=max_hops, avoid=avoid, avoid_opponents=avoid_opponents,
                       strict=strict, include_competitors=include_competitors, as_of=as_of)
    show(ctx, result)
    if not result.paths and format_of(ctx) != "table":  # the reason, where a reader sees it
        click.echo(result.text(lang_of(ctx)), err=True, nl=False)


# -- gaps -------------------------------------------------------------------------------------


@cli.command("gaps")
@project_argument
@click.option("--max-hops", default=4, show_default=True, type=POSITIVE,
              help="Longer routes do not count.")
@click.option("--part", type=click.Choice(["stakeholders", "plan", "holes"]),
              help="With --format csv (or json): only this part (CSV default: stakeholders).")
@click.option("--avoid", multiple=True, metavar="PERSON",
              help="Coverage without this person (repeatable): who only they cover.")
@as_of_option
@format_option
@click.pass_context
def gaps_command(ctx: click.Context, project: str | None, max_hops: int, part: str | None,
                 avoid: tuple[str, ...], as_of: dt.date | None) -> None:
    """Each decision-making stakeholder: covered, weak, single-threaded or uncovered.

    Also: the broker of each single-threaded stakeholder, who could introduce us, the
    introduction plan, org-chart holes and the project's coverage score.

    \b
    Examples:
      graphcrm gaps prj-bh-bms
      graphcrm gaps prj-js-ess --as-of 2027-01-01 --format json
      graphcrm gaps prj-js-ess --format csv --part plan > plan.csv
      graphcrm gaps prj-js-ess --avoid 林晓      # if 林晓 left: whom only she covers
    """
    show(ctx, bid_of(ctx).gaps(project, max_hops=max_hops, as_of=as_of, avoid=avoid), part)


# -- handover -----------------------------------------------------------------------------------


@cli.command("handover")
@click.argument("person")
@click.option("--project", "-p", metavar="PROJECT", help="Only this project (id or name).")
@click.option("--part", type=click.Choice(["stakeholders", "calls"]),
              help="With --format csv: this part (default: stakeholders).")
@as_of_option
@format_option
@click.pass_context
def handover_command(ctx: click.Context, person: str, project: str | None, part: str | None,
                     as_of: dt.date | None) -> None:
    """What the team loses when PERSON leaves: the stakeholders whose coverage falls without
    them (with the best chain left and who else could take each), and the calls the contact
    plan gives them (with who would make each instead).

    \b
    Examples:
      graphcrm handover 林晓
      graphcrm handover 韩梅 --project prj-bh-bms --format json
      graphcrm handover 林晓 --format csv --part calls > calls.csv
    """
    show(ctx, bid_of(ctx).handover(person, project=project, as_of=as_of), part)


# -- informants ---------------------------------------------------------------------------------


@cli.command("informants")
@project_argument
@click.option("--top", default=10, show_default=True, type=POSITIVE,
              help="How many candidates.")
@click.option("--include-competitors", is_flag=True, help="Rank competitor staff (as a risk).")
@as_of_option
@format_option
@click.pass_context
def informants_command(ctx: click.Context, project: str | None, top: int, include_competitors: bool,
                       as_of: dt.date | None) -> None:
    """Ranked key-informant candidates, with the reasons for each score.

    The score adds access to the decision makers, our tie to the candidate, brokerage
    between us and them, structural holes (Burt) and stance; the brokerage role relative to
    organizations follows Gould & Fernandez.

    \b
    Examples:
      graphcrm informants prj-js-ess
      graphcrm informants prj-js-ess --top 5 --format csv
    """
    show(ctx, bid_of(ctx).informants(project, top=top,
                                     include_competitors=include_competitors, as_of=as_of))


# -- health -----------------------------------------------------------------------------------


@cli.command("health")
@project_argument
@as_of_option
@format_option
@click.pass_context
def health_command(ctx: click.Context, project: str | None, as_of: dt.date | None) -> None:
    """Ties going cold and contacts overdue, as a plan: whom, by whom, why.

    Cadences: decision makers every 14 days, informants every 7, others every 30.

    \b
    Examples:
      graphcrm health --project prj-js-ess
      graphcrm health --as-of 2026-12-15 --format csv
    """
    show(ctx, bid_of(ctx).health(project=project, as_of=as_of))


# -- matrix -----------------------------------------------------------------------------------


@cli.command("matrix")
@project_argument
@as_of_option
@format_option
@click.pass_context
def matrix_command(ctx: click.Context, project: str | None, as_of: dt.date | None) -> None:
    """Stakeholders by influence and stance, in four quadrants, with coverage.

    \b
    Examples:
      graphcrm matrix prj-js-ess
      graphcrm matrix prj-js-ess --format json
    """
    show(ctx, bid_of(ctx).matrix(project, as_of=as_of))


# -- changes ----------------------------------------------------------------------------------


@cli.command("changes")
@click.option("--since", required=True, metavar="SNAPSHOT|DATE",
              help="A snapshot name (graphcrm snapshot) or a date: changes made since then.")
@click.option("--project", metavar="PROJECT", help="Only this project (id or name).")
@as_of_option
@format_option
@click.pass_context
def changes_command(ctx: click.Context, since: str, project: str | None,
                    as_of: dt.date | None) -> None:
    """What changed since a snapshot or a date, and what it did to the bid.

    People added and gone, role, stance and influence changes, ties added, removed or
    re-rated; then, for each project, every decision-making stakeholder's coverage and best
    chain from us, and the coverage score, before and after (both valued as of --as-of).

    \b
    Examples:
      graphcrm changes --since gate-2
      graphcrm changes --since 2026-11-01 --project prj-js-ess
      graphcrm changes --since gate-2 --format csv > changes.csv
    """
    show(ctx, bid_of(ctx).changes(since, project=project, as_of=as_of))


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
