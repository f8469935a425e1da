"""Commands that put data in and say what is there: ``import``, ``stats``, ``demo``."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from graphcrm.cli import cli
from graphcrm.cli.options import author_option, bid_of, format_option, lang_of, show
from graphcrm.errors import StoreBusy, StoreDamaged
from graphcrm.import_report import ImportReport, report_text
from graphcrm.ingest.limits import Limits
from graphcrm.stores import ImportSummary
from graphcrm.words import Listed, Said, joined, say, word

if TYPE_CHECKING:
    from graphcrm.ingest.participants import ActivityReport

#: How many unmatched contacts the import summary lists (all: in --dry-run's full list).
UNMATCHED_SHOWN = 15


def _echo_activity(report: ActivityReport, lang: str) -> None:
    """What calendar, mail and contact-card files held, and who in them matched nobody."""
    cards = report.cards
    if cards is not None:
        for source, items in cards.read.items():
            click.echo(word("import.cards.read", lang, file=source, n=items))
        click.echo(word("import.cards.people", lang, new=len(cards.new),
                        known=len(set(cards.known)), orgs=len(cards.organizations)))
        for where in cards.left_out:
            click.echo(word("import.cards.left_out", lang, where=say(where, lang)), err=True)
    if not report.read:
        return
    for source, items in report.read.items():
        key = "import.activity.events" if report.kinds.get(source) == "calendar" \
            else "import.activity.messages"
        click.echo(word(key, lang, file=source, n=items))
    click.echo(word("import.activity.used", lang, n=report.used,
                    interactions=sum(report.interactions.values()),
                    people=word("people", lang, n=len(report.interactions)),
                    internal=report.internal, private=report.private,
                    without=report.without_us))
    names = report.names
    if report.interactions:
        click.echo(word("import.activity.per_person", lang, people=joined(
            [f"{names.get(p, p)} {n}" for p, n in report.interactions.most_common()], lang)))
    for a, b, before, after in report.moved:
        click.echo(word("import.activity.moved", lang, a=names.get(a, a), b=names.get(b, b),
                        before=before or word("undated", lang), after=after))
    for source, number, day in report.future:
        click.echo(word("import.activity.future", lang, file=source, n=number, date=day))
    if report.suggested:
        click.echo(word("import.activity.suggested", lang, ties=joined(
            [word("import.activity.suggested_tie", lang, pair=s["name"], n=len(s["meetings"]),
                  strength=s["strength"]) for s in report.suggested], lang)))
    if report.unmatched:
        found = sorted(report.unmatched.values(), key=lambda u: (-u.count, u.address, u.name))
        click.echo(word("import.activity.unmatched", lang,
                        people=word("people", lang, n=len(found))))
        for entry in found[:UNMATCHED_SHOWN]:
            click.echo(word("import.activity.unmatched_row", lang,
                            who=" ".join(filter(None, [entry.address, entry.name])),
                            n=entry.count, first=entry.first, last=entry.last))
        if len(found) > UNMATCHED_SHOWN:
            click.echo(word("import.more_unmatched", lang, n=len(found) - UNMATCHED_SHOWN))


def _echo_summary(summary: ImportSummary, lang: str) -> None:
    for warning in summary.warnings:
        click.echo(word("import.warning", lang, text=say(warning, lang)), err=True)
    if summary.activity is not None:
        _echo_activity(summary.activity, lang)
    click.echo(report_text(ImportReport.showing(summary), lang), nl=False)


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate only; write nothing.")
@click.option(
    "--encoding",
    metavar="NAME",
    help="Force the CSV encoding (utf-8, gb18030, ...) instead of detecting it.",
)
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A CSV file (table, column, header) naming headers graphcrm does not know.")
@click.option("--allow-reassign", is_flag=True,
              help="Accept an id the store holds arriving with another name and organization.")
@click.option("--sync", is_flag=True,
              help="The files are the truth for what they cover: remove the stakeholder rows "
              "of their projects and the ties among their people that they no longer list.")
@author_option
@click.option("--only-domain", "only_domains", multiple=True, metavar="DOMAIN",
              help="Calendar and mail: count only contacts at this mail domain (repeatable).")
@click.option("--skip-domain", "skip_domains", multiple=True, metavar="DOMAIN",
              help="Calendar and mail: leave out contacts at this domain, e.g. private mail "
                   "such as qq.com (repeatable).")
@click.option("--suggest-ties", type=click.IntRange(1), metavar="N",
              help="Calendar and mail: propose a KNOWS tie (on the review list) for each of us "
                   "and a contact who met or mailed on N days or more without one.")
@click.option("--keep-subjects", is_flag=True,
              help="Calendar and mail: keep subjects as the interactions' notes (bodies are "
                   "never read).")
@click.option("--theirs", "settle", flag_value="theirs",
              help="A value a colleague set since your last import: keep theirs.")
@click.option("--mine", "settle", flag_value="mine",
              help="A value a colleague set since your last import: write yours.")
@click.option("--take-over", is_flag=True,
              help="With --sync: remove also what other colleagues entered (by default a "
                   "sync removes only what its author entered, and refuses otherwise).")
@click.option("--clear-blanks", is_flag=True,
              help="A blank cell erases the stored value (by default it leaves it).")
@click.option("--yes", "allow_losses", is_flag=True,
              help="With --sync: remove all the same where it removes more of a table than "
                   "the files list (refused otherwise: an emptied sheet).")
@click.option("--max-rows", type=click.IntRange(1), default=Limits.max_rows, show_default=True,
              help="Refuse a table with more data rows.")
@click.option("--max-columns", type=click.IntRange(1), default=Limits.max_columns,
              show_default=True, help="Refuse a table with more columns.")
@click.option("--max-cell-chars", type=click.IntRange(1), default=Limits.max_cell_chars,
              show_default=True, help="Refuse a cell with more characters.")
@click.option("--max-file-mb", type=click.IntRange(1), default=Limits.max_file_mb,
              show_default=True,
              help="Refuse a larger file of any kind (a workbook may unpack to twice as "
                   "much).")
@click.option("--max-occurrences", type=click.IntRange(1), default=Limits.max_occurrences,
              show_default=True,
              help="Calendar: refuse an event whose rule would step through more instances "
                   "from its start (an event every minute since 2020).")
@click.pass_context
def import_command(ctx: click.Context, paths: tuple[Path, ...], dry_run: bool,
                   encoding: str | None, mapping: Path | None, allow_reassign: bool,
                   sync: bool, author: str | None, only_domains: tuple[str, ...],
                   skip_domains: tuple[str, ...], suggest_ties: int | None,
                   keep_subjects: bool, max_rows: int,
                   max_columns: int, max_cell_chars: int, max_file_mb: int,
                   max_occurrences: int, allow_losses: bool, clear_blanks: bool,
                   take_over: bool, settle: str | None) -> None:
    """Validate and load a folder of CSV files or an Excel workbook; or calendar and mail
    exports, whose meetings and messages become interactions.

    Sheets and files are named after their table, in English or Chinese (people / 人员 /
    联系人, organizations / 单位 / 客户, relationships / 关系, projects / 项目 / 商机,
    stakeholders / 项目角色 / 干系人, interactions / 联系记录 / 拜访记录); headers too
    (姓名, 单位, 职务, 上级, 邮箱, 电话 …) or those of a CRM contact export (First Name,
    Last Name, Account Name, Reports To …). Title rows above the header are passed over.
    Where a file has no ids, people, organizations and projects are named by exact name.

    Calendar exports (.ics: Outlook, Google, Apple, Feishu, DingTalk) and mail (.eml, .mbox)
    are read offline, headers only: each event or message between one of our people and a
    known contact (matched by e-mail address, then exact name; our people by their address
    or our organizations' mail domains) becomes a meeting, call or email interaction on its
    day. Declined invitations and internal-only events do not count; recurring events count
    each occurrence of the last two years up to today; a message dated after tomorrow is
    left out and said; re-importing the same export changes nothing. Contacts who match
    nobody are listed, never created.

    Every problem in the input is listed (file, row, column, value, reason) and nothing is
    written if there is any. Re-importing the same data changes nothing; an updated file
    updates what changed, and the change plan says what, field by field (--dry-run shows it
    without writing). With --sync the files are the truth for what they cover: for each of
    their projects, stakeholder rows they no longer list are removed (a changed role
    replaces the old one), and so are ties between two of their people that they no longer
    list — only those the same author entered (--take-over for a colleague's); interactions
    are never removed. Changing a value a colleague set since your last import is a
    conflict: listed, and refused unless --theirs or --mine says how to settle it. A blank
    cell leaves what the store holds (--clear-blanks to erase with blanks). Every import that
    changes something is recorded in the history (graphcrm history) with its author.

    \b
    Examples:
      graphcrm import data/sample
      graphcrm import bid.xlsx --dry-run
      graphcrm import bid.xlsx --sync --author 王明
      graphcrm import exports/ --encoding gb18030
      graphcrm import 投标客户.xlsx
      graphcrm import crm/Contacts.csv --mapping my-headers.csv
      graphcrm import huge.csv --max-rows 5000000 --max-file-mb 1024
      graphcrm import outlook.ics sent.mbox --skip-domain qq.com --skip-domain 163.com
    """
    limits = Limits(max_rows=max_rows, max_columns=max_columns,
                    max_cell_chars=max_cell_chars, max_file_mb=max_file_mb,
                    max_occurrences=max_occurrences)
    summary = bid_of(ctx).import_data(list(paths), encoding=encoding,
                                                       dry_run=dry_run, limits=limits,
                                                       mapping=mapping,
                                                       allow_reassign=allow_reassign,
                                                       sync=sync, author=author,
                                                       only_domains=only_domains,
                                                       skip_domains=skip_domains,
                                                       keep_subjects=keep_subjects,
                                                       suggest_ties=suggest_ties,
                                                       allow_losses=allow_losses,
                                                       clear_blanks=clear_blanks,
                                                       take_over=take_over, settle=settle)
    _echo_summary(summary, lang_of(ctx))


@cli.command("stats")
@format_option
@click.pass_context
def stats_command(ctx: click.Context) -> None:
    """Counts by kind, and per project.

    \b
    Examples:
      graphcrm stats
      graphcrm stats --format json
    """
    show(ctx, bid_of(ctx).stats())


@cli.command("demo")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the demo store (default: a new temporary folder).",
)
@click.pass_context
def demo_command(ctx: click.Context, folder: Path | None) -> None:
    """Load the bundled sample bid into a fresh embedded store and show each analysis.

    The demo never touches your own store: it writes graphcrm-demo.db in a new temporary
    folder (or in --dir, replacing an earlier demo store there).

    \b
    Examples:
      graphcrm demo
      graphcrm demo --dir /tmp/bid-demo
    """
    from graphcrm import api
    from graphcrm.cli.analysis_commands import echo_demo

    lang = lang_of(ctx)
    folder = folder or Path(tempfile.mkdtemp(prefix="graphcrm-demo-"))
    store = api.demo_store(folder)
    click.echo(word("demo.loaded", lang, store=store, as_of=api.DEMO_AS_OF) + "\n")
    click.echo(api.open(store).stats().text(lang), nl=False)
    echo_demo(ctx, str(store), api.DEMO_AS_OF)
    click.echo("\n" + word("demo.further", lang,
                           command=f"graphcrm --store {store} path 高明 --project prj-bh-bms"))


@cli.command("template")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def template_command(ctx: click.Context, path: Path) -> None:
    """Write an empty import workbook (FILE.xlsx) or CSV folder (DIR) to start from.

    The exact sheets and headers, drop-down lists for every vocabulary (kind, role, stance,
    level, stage, channel …), two example rows per sheet and a sheet explaining each column.
    It imports as written.

    \b
    Examples:
      graphcrm template bid.xlsx
      graphcrm template 投标关系.xlsx --lang zh
      graphcrm template bid-csv/
    """
    written = bid_of(ctx).template(path, lang=lang_of(ctx))
    click.echo(word("cli.template", lang_of(ctx), file=written))


@cli.command("history")
@click.argument("change_set", required=False, type=click.IntRange(1))
@format_option
@click.pass_context
def history_command(ctx: click.Context, change_set: int | None) -> None:
    """List every recorded change: imports, removals, forgets, with when, who and which
    files, how many records each created, updated and removed, and the snapshots named
    after it. With CHANGE_SET, what that one did, field by field, and who did it.

    \b
    Examples:
      graphcrm history
      graphcrm history 7
      graphcrm history --format csv > history.csv
    """
    show(ctx, bid_of(ctx).history(change_set))


@cli.command("whois")
@click.argument("person")
@click.option("--part", type=click.Choice(["person", "posts"]),
              help="With --format csv: this part (default: person).")
@format_option
@click.pass_context
def whois_command(ctx: click.Context, person: str, part: str | None) -> None:
    """Who PERSON (id or name) is, and their posts over time: title, department, superior
    and status, from when to when, as the history recorded each change.

    \b
    Examples:
      graphcrm whois 李娜
      graphcrm whois p202 --format json
    """
    show(ctx, bid_of(ctx).whois(person), part)


@cli.command("revert")
@click.argument("change_set", type=click.IntRange(1))
@click.option("--dry-run", is_flag=True, help="Show what would be undone; write nothing.")
@author_option
@click.pass_context
def revert_command(ctx: click.Context, change_set: int, dry_run: bool,
                   author: str | None) -> None:
    """Undo CHANGE_SET (graphcrm history lists them): the records it created go (people,
    organizations and projects too, unless other records refer to them), those it removed
    come back, the fields it updated get their earlier values; in one transaction, itself
    recorded in the history.

    \b
    Examples:
      graphcrm revert 7 --dry-run
      graphcrm revert 7 --author 王明
    """
    _echo_summary(bid_of(ctx).revert(change_set, author=author, dry_run=dry_run),
                  lang_of(ctx))


@cli.command("dump")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def dump_command(ctx: click.Context, file: Path) -> None:
    """Write everything the store holds to FILE: records, the history with every change,
    snapshots and the review list, as one portable JSON file (a backup, or a move between
    an embedded store and Neo4j).

    \b
    Examples:
      graphcrm dump backup-2026-12-06.json
      graphcrm --store neo4j://db.example:7687 dump team.json
    """
    counts = bid_of(ctx).dump(file)
    click.echo(word("cli.dump", lang_of(ctx), file=file, people=counts["people"],
                    sets=counts["change_sets"]))


@cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and the store; write nothing.")
@click.pass_context
def restore_command(ctx: click.Context, file: Path, dry_run: bool) -> None:
    """Restore a dump (graphcrm dump) into an empty store of either kind, in one
    transaction, history and snapshots included.

    \b
    Examples:
      graphcrm --store restored.db restore backup-2026-12-06.json
      graphcrm --store neo4j://db.example:7687 restore team.json --dry-run
    """
    counts = bid_of(ctx).restore(file, dry_run=dry_run)
    click.echo(word("cli.restore.dry" if dry_run else "cli.restore", lang_of(ctx), file=file,
                    people=counts["people"], sets=counts["change_sets"]))


@cli.command("snapshot")
@click.argument("name")
@author_option
@click.pass_context
def snapshot_command(ctx: click.Context, name: str, author: str | None) -> None:
    """Name the current state (a gate review), to ask later what changed since.

    \b
    Examples:
      graphcrm snapshot gate-2
      graphcrm snapshot 第二次评审 --author 王明
      graphcrm changes --since gate-2
    """
    made = bid_of(ctx).snapshot(name, author=author)
    click.echo(word("cli.snapshot", lang_of(ctx), name=made.name, n=made.change_set))


@cli.group("remove")
def remove_group() -> None:
    """Remove one tie or one stakeholder role by hand.

    Imports delete only with --sync; this is how one tie or role that is no longer true
    goes. Each removal is recorded in the history.

    \b
    Examples:
      graphcrm remove tie 王建国 周建平 --type KNOWS
      graphcrm remove role prj-js-ess 杨帆 informant
    """


@remove_group.command("tie")
@click.argument("a")
@click.argument("b")
@click.option("--type", "tie_type", metavar="TYPE",
              help="Only this type (KNOWS, INFLUENCES, REFERRED); default every type.")
@author_option
@click.pass_context
def remove_tie_command(ctx: click.Context, a: str, b: str, tie_type: str | None,
                       author: str | None) -> None:
    """Remove the ties between people A and B (ids or names), in either direction.

    \b
    Examples:
      graphcrm remove tie 王建国 周建平
      graphcrm remove tie p201 p502 --type KNOWS
    """
    removed = bid_of(ctx).remove_tie(a, b, tie_type=tie_type, author=author)
    click.echo(word("cli.removed_ties", lang_of(ctx), n=removed))


@remove_group.command("role")
@click.argument("project")
@click.argument("person")
@click.argument("role")
@author_option
@click.pass_context
def remove_role_command(ctx: click.Context, project: str, person: str, role: str,
                        author: str | None) -> None:
    """Remove PERSON's ROLE in PROJECT (ids or names; the role in English or Chinese).

    \b
    Examples:
      graphcrm remove role prj-js-ess 吴刚 evaluator
      graphcrm remove role 江苏储能电站智能监控系统 杨帆 项目线人
    """
    bid_of(ctx).remove_role(project, person, role, author=author)
    click.echo(word("cli.removed_role", lang_of(ctx)))


@cli.command("check")
@click.pass_context
def check_command(ctx: click.Context) -> None:
    """Check that the store is whole, without changing what it holds.

    The embedded store runs SQLite's integrity and foreign-key checks, then finishes an
    erasure (forget) that a reading process held up; a Neo4j store checks graphcrm's model
    on the server. Each problem names the record, the column and the value, and what to do
    is said after them. Exits 4 when anything is wrong.

    \b
    Examples:
      graphcrm check
      graphcrm --store team.db check
    """
    problems = bid_of(ctx).check()
    kinds = {p.key for p in problems}
    if kinds == {"check.reader_busy"}:  # nothing is wrong: an erasure waits for a reader
        raise StoreBusy(problems[0])
    if problems:
        raise StoreDamaged(Said("check.failed", n=len(problems), shown=Listed(problems, limit=20),
                                advice=_advice(kinds)))
    click.echo(word("check.ok", lang_of(ctx)))


def _advice(kinds: set[str]) -> Said:
    """What to do about the problems ``check`` found: ids kept on people that disagree with
    their relationships (a hand edit in Neo4j Browser) are made to follow the relationships
    by the upgrade's own statement; anything else needs a backup or a new store."""
    if kinds <= {"check.org_id", "check.reports_to"}:
        from graphcrm.resources import cypher_dir

        return Said("check.kept_ids", statement=str(cypher_dir() / "upgrade_person_refs.cypher"))
    return Said("check.restore")


@cli.command("forget")
@click.argument("person")
@click.option("--yes", is_flag=True, help="Do not ask; needed when there is no terminal.")
@author_option
@click.pass_context
def forget_command(ctx: click.Context, person: str, yes: bool, author: str | None) -> None:
    """Erase a person and everything attached to them: ties, roles, interactions, and every
    mention of them in the history (the forget itself is recorded with counts only).

    For when somebody asks to be forgotten. This cannot be undone (re-importing a file that
    still names them brings them back). For someone who left or moved on, give their row a
    status instead (离职, 调离, 退休 …): they leave every chain and plan, their history stays.

    \b
    Examples:
      graphcrm forget p210
      graphcrm forget 杨帆 --yes
    """
    bid = bid_of(ctx)
    who = bid.whois(person).part("person").rows[0]
    label = f"{who['name']} ({who['person_id']}, {who['organization']})"
    lang = lang_of(ctx)
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError(word("cli.forget_needs_yes", lang, who=label))
        click.confirm(word("cli.forget_confirm", lang, who=label), abort=True, err=True)
    erased = bid.forget(str(who["person_id"]), author=author)
    click.echo(word("cli.forgot", lang, who=label, ties=erased["ties"], roles=erased["roles"],
                    interactions=erased["interactions"], subordinates=erased["subordinates"]))


# -- the review list of calendar and mail imports -----------------------------------------------


@cli.group("review", invoke_without_command=True)
@click.option("--all", "everyone", is_flag=True,
              help="Also the contacts already accepted, merged or ignored.")
@format_option
@click.pass_context
def review_group(ctx: click.Context, everyone: bool) -> None:
    """The contacts calendar and mail imports could not match: never created silently.

    Without a subcommand, list them (how often and when they met us, and whom).

    \b
    Examples:
      graphcrm review
      graphcrm review --format csv > to-check.csv
      graphcrm review accept new.face@dfny-js.example --org dfny-js --name 孙悦
      graphcrm review merge wjg@qq.com 王建国
      graphcrm review ignore newsletter@vendor.example
    """
    if ctx.invoked_subcommand is None:
        show(ctx, bid_of(ctx).review(everyone=everyone))


@review_group.command("accept")
@click.argument("contact")
@click.option("--org", help="Their organization (id or name); default: the one whose mail "
                            "domains hold their address's.")
@click.option("--name", help="Their name; default: the one their mail or invitation gave.")
@author_option
@click.pass_context
def review_accept_command(ctx: click.Context, contact: str, org: str | None,
                          name: str | None, author: str | None) -> None:
    """Add CONTACT (an address, or a name, as the list shows it) as a new person, with the
    interactions their meetings and messages make."""
    summary = bid_of(ctx).accept_contact(contact, org=org, name=name, author=author)
    _echo_summary(summary, lang_of(ctx))


@review_group.command("merge")
@click.argument("contact")
@click.argument("person")
@author_option
@click.pass_context
def review_merge_command(ctx: click.Context, contact: str, person: str,
                         author: str | None) -> None:
    """CONTACT is PERSON (id or name), who keeps the address as another e-mail address;
    their meetings and messages become interactions."""
    summary = bid_of(ctx).merge_contact(contact, person, author=author)
    _echo_summary(summary, lang_of(ctx))


@review_group.command("ignore")
@click.argument("contact")
@click.pass_context
def review_ignore_command(ctx: click.Context, contact: str) -> None:
    """Leave CONTACT off the list, now and in every later import."""
    bid_of(ctx).ignore_contact(contact)
    click.echo(word("review.left_off", lang_of(ctx), contact=contact))
