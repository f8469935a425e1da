"""The questions a bid team asks: ``path``, ``gaps``, ``informants``, ``health``, ``matrix``."""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from typing import TYPE_CHECKING, Any

import click
from wcwidth import wcswidth

from graphcrm.cli import cli
from graphcrm.cli.options import as_of_option, bid_of, format_option
from graphcrm.output import render, render_records

if TYPE_CHECKING:
    import pandas as pd

    from graphcrm.analysis import GapsResult, PathResult

WIDTH = 100


def _names(values: Any) -> str:
    if isinstance(values, list):
        return ", ".join(v["name"] if isinstance(v, dict) else str(v) for v in values)
    return "" if values is None or (isinstance(values, float) and math.isnan(values)) \
        else str(values)


def _echo_table(frame: pd.DataFrame) -> None:
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].map(lambda v: isinstance(v, list)).any():
            shown[column] = shown[column].map(_names)
    click.echo(render(shown, "table"), nl=False)


def _wrapped(text: str, indent: str = "    ") -> str:
    """Wrap at WIDTH terminal columns, counting wide (Chinese) characters as two; lines after
    the first are indented two more columns."""
    first = indent + " " * (len(text) - len(text.lstrip(" ")))
    lines: list[str] = []
    line = first
    for word in text.strip(" ").split(" "):
        candidate = line + word if line.strip() == "" else f"{line} {word}"
        if wcswidth(candidate) > WIDTH and line.strip():
            lines.append(line)
            candidate = f"{indent}  {word}"
        line = candidate
    lines.append(line)
    return "\n".join(lines)


# -- path -------------------------------------------------------------------------------------


def _echo_paths(result: PathResult, fmt: str) -> None:
    if fmt == "json":
        click.echo(render_records(result.records()), nl=False)
    elif fmt == "csv":
        click.echo(render(result.to_frame(), "csv"), nl=False)
    if not result.paths:
        click.echo(f"No path: {result.reason}", err=fmt != "table")
        return
    if fmt != "table":
        return
    hops = result.to_frame()
    for path in result.paths:
        click.echo(f"#{path.rank}  chain strength {path.strength:.2f}  ({len(path.hops)} hops)  "
                   + " → ".join(path.names))
        rows = hops[hops["rank"] == path.rank].drop(columns=["rank", "chain"])
        click.echo(textwrap.indent(render(rows, "table"), "    "))


@cli.command("path")
@click.argument("people", nargs=-1, required=True, metavar="[SOURCE] TARGET")
@click.option("--project", "-p", help="Project: its bid team starts, its stances count.")
@click.option("--k", "k", default=3, show_default=True, help="How many paths.")
@click.option("--max-hops", default=4, show_default=True, help="Ties per path at most.")
@click.option("--avoid", multiple=True, metavar="PERSON", help="Never pass through (repeat).")
@click.option("--avoid-opponents", is_flag=True, help="Never pass through an opponent.")
@click.option("--strict", is_flag=True, help="With --avoid-opponents: skeptics too.")
@click.option("--allow-competitors", is_flag=True, help="Let paths pass competitor staff.")
@as_of_option
@format_option
@click.pass_context
def path_command(ctx: click.Context, people: tuple[str, ...], project: str | None, k: int,
                 max_hops: int, avoid: tuple[str, ...], avoid_opponents: bool, strict: bool,
                 allow_competitors: bool, as_of: dt.date | None, fmt: str) -> None:
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
                       strict=strict, allow_competitors=allow_competitors, as_of=as_of)
    _echo_paths(result, fmt)


# -- gaps -------------------------------------------------------------------------------------


def _echo_gaps(result: GapsResult, fmt: str) -> None:
    records = result.stakeholders
    if fmt != "table":
        text = render(records, fmt) if fmt == "csv" else render_records(result.records())
        click.echo(text, nl=False)
        return
    score = result.score
    click.echo(f"Coverage score {score['score']:.0%}: influence {score['covered']:.0f} of "
               f"{score['total']:.0f} covered (weak {score['weak']:.0f}, single-threaded "
               f"{score['single-threaded']:.0f}, uncovered {score['uncovered']:.0f})\n")
    _echo_table(records[["name", "roles", "influence", "status", "best_strength", "routes",
                         "broker_names"]].rename(columns={"best_strength": "best",
                                                          "broker_names": "broker"}))
    needy = records[records["status"] != "covered"]
    if not needy.empty:
        click.echo("\nWho could introduce us:")
        for row in needy.itertuples():
            ideas = [f"{i['name']} ({i['score']:.2f})" for i in row.introducers]
            ideas += [f"{t['name']} directly (Adamic–Adar {t['score']:.2f})"
                      for t in row.likely_ties]
            click.echo(_wrapped(f"{row.name} [{row.status}]: {', '.join(ideas) or 'nobody yet'}"))
    if not result.plan.empty:
        click.echo("\nIntroduction plan (greedy set cover):")
        for row in result.plan.itertuples():
            via = f" via {' → '.join(row.via)}" if row.via else ""
            who = row.who_name if isinstance(row.who_name, str) else "one of us"
            click.echo(_wrapped(f"{row.step}. {who} meets {row.meet_name}{via}: covers "
                                f"{', '.join(row.covers)} (influence {row.influence})"))
    if not result.holes.empty:
        click.echo("\nOrg-chart holes:")
        for row in result.holes.itertuples():
            click.echo(_wrapped(f"{row.hole}: {row.where} — {row.detail}"))


@cli.command("gaps")
@click.argument("project")
@click.option("--max-hops", default=4, show_default=True, help="Longer routes do not count.")
@as_of_option
@format_option
@click.pass_context
def gaps_command(ctx: click.Context, project: str, max_hops: int, as_of: dt.date | None,
                 fmt: str) -> None:
    """Each decision-making stakeholder: covered, weak, single-threaded or uncovered.

    Also: the broker of each single-threaded stakeholder, who could introduce us, the
    introduction plan, org-chart holes and the project's coverage score.

    \b
    Examples:
      graphcrm gaps prj-bh-bms
      graphcrm gaps prj-js-ess --as-of 2027-01-01 --format json
    """
    _echo_gaps(bid_of(ctx).gaps(project, max_hops=max_hops, as_of=as_of), fmt)


# -- informants ---------------------------------------------------------------------------------


@cli.command("informants")
@click.argument("project")
@click.option("--top", default=10, show_default=True, help="How many candidates.")
@click.option("--include-competitors", is_flag=True, help="Rank competitor staff (as a risk).")
@as_of_option
@format_option
@click.pass_context
def informants_command(ctx: click.Context, project: str, top: int, include_competitors: bool,
                       as_of: dt.date | None, fmt: str) -> None:
    """Ranked key-informant candidates, with the reasons for each score.

    The score adds access to the decision makers, our tie to the candidate, brokerage
    between us and them, structural holes (Burt) and stance; the brokerage role relative to
    organizations follows Gould & Fernandez.

    \b
    Examples:
      graphcrm informants prj-js-ess
      graphcrm informants prj-js-ess --top 5 --format csv
    """
    _echo_informants(bid_of(ctx).informants(project, top=top,
                                     include_competitors=include_competitors, as_of=as_of), fmt)


def _echo_informants(frame: pd.DataFrame, fmt: str) -> None:
    if fmt != "table":
        click.echo(render(frame, fmt), nl=False)
        return
    shown = frame[["rank", "name", "organization", "score", "access", "our_tie", "brokerage",
                   "structural_holes", "stance", "gf_role"]].rename(
        columns={"rank": "#", "our_tie": "our tie", "brokerage": "broker",
                 "structural_holes": "holes", "gf_role": "role"})
    shown["name"] = [f"{n}*" if known else n
                     for n, known in zip(frame["name"], frame["recorded_informant"], strict=True)]
    _echo_table(shown)
    click.echo("(* already recorded as our informant)\n")
    for row in frame.itertuples():
        click.echo(_wrapped(f"{row.rank}. {row.name}: {row.reasons}", ""))


# -- health -----------------------------------------------------------------------------------


@cli.command("health")
@click.option("--project", "-p", help="Only this project's stakeholders and bid team.")
@as_of_option
@format_option
@click.pass_context
def health_command(ctx: click.Context, project: str | None, as_of: dt.date | None,
                   fmt: str) -> None:
    """Ties going cold and contacts overdue, as a plan: whom, by whom, why.

    Cadences: decision makers every 14 days, informants every 7, others every 30.

    \b
    Examples:
      graphcrm health --project prj-js-ess
      graphcrm health --as-of 2026-12-15 --format csv
    """
    _echo_health(bid_of(ctx).health(project=project, as_of=as_of), fmt)


def _echo_health(plan: pd.DataFrame, fmt: str) -> None:
    if fmt != "table":
        click.echo(render(plan, fmt), nl=False)
        return
    if plan.empty:
        click.echo("Nothing overdue and nothing cooling.")
        return
    for i, row in enumerate(plan.itertuples(), start=1):
        by = row.by_name or "nobody reaches them yet"
        click.echo(_wrapped(f"{i:>2}. call {row.name} ({row.organization}) — by {by}: "
                            f"{row.reason}", ""))


# -- matrix -----------------------------------------------------------------------------------


@cli.command("matrix")
@click.argument("project")
@as_of_option
@format_option
@click.pass_context
def matrix_command(ctx: click.Context, project: str, as_of: dt.date | None, fmt: str) -> None:
    """Stakeholders by influence and stance, in four quadrants, with coverage.

    \b
    Examples:
      graphcrm matrix prj-js-ess
      graphcrm matrix prj-js-ess --format json
    """
    _echo_matrix(bid_of(ctx).matrix(project, as_of=as_of), fmt)


def _echo_matrix(frame: pd.DataFrame, fmt: str) -> None:
    if fmt != "table":
        click.echo(render(frame, fmt), nl=False)
        return
    for i, (quadrant, rows) in enumerate(frame.groupby("quadrant", sort=False)):
        click.echo(f"{'' if i == 0 else chr(10)}{quadrant.upper()}")
        _echo_table(rows[["name", "organization", "roles", "influence", "stance", "coverage",
                          "best_strength"]].rename(columns={"best_strength": "best"}))


# -- changes ----------------------------------------------------------------------------------


@cli.command("changes")
@click.option("--since", required=True, metavar="SNAPSHOT|DATE",
              help="A snapshot name (graphcrm snapshot) or a date: changes made since then.")
@click.option("--project", metavar="PROJECT", help="Only this project (id or name).")
@as_of_option
@format_option
@click.pass_context
def changes_command(ctx: click.Context, since: str, project: str | None,
                    as_of: dt.date | None, fmt: str) -> None:
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
    result = bid_of(ctx).changes(since, project=project, as_of=as_of)
    if fmt == "json":
        click.echo(render_records(result.records()), nl=False)
    elif fmt == "csv":
        click.echo(render(result.to_frame(), "csv"), nl=False)
    else:
        click.echo(f"{result}\n")
        if not result.frame.empty:
            _echo_table(result.to_frame())


def echo_demo(store: str, as_of: dt.date) -> None:
    """Each analysis on the sample bid, as the demo shows them."""
    from graphcrm import api

    bid = api.open(store)
    sections = [
        ("Who can get us to 王建国, who decides the Jiangsu bid?",
         "graphcrm path 王建国 --project prj-js-ess",
         lambda: _echo_paths(bid.paths("王建国", project="prj-js-ess",
                                       as_of=as_of), "table")),
        ("Where are we blind at the hospital?", "graphcrm gaps prj-bh-bms",
         lambda: _echo_gaps(bid.gaps("prj-bh-bms", as_of=as_of), "table")),
        ("Who tells us what is really happening in Jiangsu?",
         "graphcrm informants prj-js-ess --top 5",
         lambda: _echo_informants(bid.informants("prj-js-ess", top=5,
                                                 as_of=as_of), "table")),
        ("Whom to call this week?", "graphcrm health --project prj-js-ess",
         lambda: _echo_health(bid.health(project="prj-js-ess", as_of=as_of),
                              "table")),
        ("The bid review table", "graphcrm matrix prj-js-ess",
         lambda: _echo_matrix(bid.matrix("prj-js-ess", as_of=as_of), "table")),
    ]
    for question, command, show in sections:
        click.echo(f"\n== {question}\n   {command} --as-of {as_of}\n")
        show()
