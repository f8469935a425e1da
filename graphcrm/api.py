"""The Python API: a bid team's graph, and every operation of the command line as a method.

``graphcrm.open(store)`` gives a :class:`GraphCRM`; each CLI command calls exactly one of its
methods and formats what it returns (``graphcrm import`` → :meth:`GraphCRM.import_data`,
``path`` → :meth:`~GraphCRM.paths`, ``map`` → :meth:`~GraphCRM.map` …). Results are
DataFrames or small result objects that show themselves in Jupyter; nothing prints. Each call
opens the store and closes it again, so a notebook never holds a lock.

Example
-------
>>> import tempfile
>>> bid = open(demo_store(tempfile.mkdtemp()))
>>> int(bid.stats().counts.query("category == 'people'")["count"].sum())
98
>>> bid.paths("王建国", project="prj-js-ess", as_of=DEMO_AS_OF).paths[0].names
['吴涛', '胡斌', '周建平', '王建国']
"""

from __future__ import annotations

import builtins
import datetime as dt
import functools
import gc
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import networkx as nx

from graphcrm.analysis import (
    DEFAULT_MODEL,
    ContactPlan,
    GapsResult,
    InformantsResult,
    MatrixResult,
    PathResult,
    TieModel,
    ValuedGraph,
    contact_plan,
    coverage_gaps,
    influence_paths,
    key_informants,
    stakeholder_matrix,
    value,
)
from graphcrm.analysis.gaps import LEVELS
from graphcrm.analysis.review import ChangesResult, review_changes
from graphcrm.changes import (
    FROM_EMPTY,
    REMOVE,
    UPDATE,
    Change,
    State,
    dataset_of,
    diff_states,
    labelled,
    plan,
    revert,
    state_of,
)
from graphcrm.domain import (
    MAP_LAYOUTS,
    Coverage,
    PersonStatus,
    Role,
    Stance,
    TieType,
    is_former,
    our_side,
)
from graphcrm.errors import (
    BadArgument,
    Conflict,
    GraphCRMError,
    InputError,
    LookupFailed,
    WrongType,
)
from graphcrm.export import export_graph, networkx_graph
from graphcrm.graph import as_known, build_graph
from graphcrm.import_report import ImportReport
from graphcrm.ingest import Headers, Limits, read_dataset, read_mapping, read_tables
from graphcrm.ingest.readers import RawTable
from graphcrm.ingest.validate import derived_id, parse_day
from graphcrm.lookup import find_person, find_project
from graphcrm.questions import QUESTIONS, DateLike, as_date, asks, people_of_argument
from graphcrm.records import SCHEMA, TABLE_ORDER, Dataset, record_key, vocabulary_member
from graphcrm.regions import ball, contact_region, path_region
from graphcrm.reports.history import ChangeSetResult
from graphcrm.resources import sample_dir
from graphcrm.results import Part, ReportResult, TableResult
from graphcrm.stats import Stats, summarize
from graphcrm.stores import (
    DEFAULT_STORE,
    ChangeInfo,
    ChangeSet,
    Dump,
    ImportSummary,
    Neo4jSettings,
    Snapshot,
    Store,
    create_embedded_store,
    is_server_uri,
    open_store,
    scratch_store,
)
from graphcrm.words import Field, Listed, Said, VocabularyRefused, default_lang, os_reason

if TYPE_CHECKING:  # imported where used: a question loads neither the map nor the contacts
    import pandas as pd

    from graphcrm.ingest.participants import ActivityReport
    from graphcrm.map import StakeholderMap

__all__ = ["GraphCRM", "open", "demo_store", "StoreLocation", "DEMO_AS_OF"]

#: Where a store is: a file path, a Neo4j URI (credentials from the environment) or settings.
StoreLocation = str | Path | Neo4jSettings | Store

#: The date the bundled sample's story is told as of (the demo values ties on this day).
DEMO_AS_OF = dt.date(2026, 11, 26)

_F = TypeVar("_F", bound=Callable[..., Any])

_WIDER = 4  # extra hops looked at to explain why there is no path
_NEIGHBOURHOOD = 2  # a project's neighbourhood: its stakeholders and everyone two ties away
#: The question graphs a process keeps until it ends (:func:`keep_graphs_until_exit`).
_kept: list[Any] | None = None


def _bulk(method: _F) -> _F:
    """Run ``method`` with Python's cycle collector paused.

    A question at 100,000 people creates a few million small objects (records, attribute
    dicts, adjacency entries) that live until it returns; each collection pass scans the
    objects alive, so the collector ran often over a growing heap and took a quarter of
    ``gaps`` and a tenth of an import (``benchmarks/README.md``) while freeing nothing: peak
    memory is the same with it paused. It runs again when the outermost call returns
    (nested calls leave it alone) and then frees the question's graphs. The switch is
    process-wide: another thread's cycles wait for the question too.
    """
    @functools.wraps(method)
    def paused(*args: Any, **kwargs: Any) -> Any:
        was = gc.isenabled()
        gc.disable()
        try:
            return method(*args, **kwargs)
        finally:
            if was:
                gc.enable()
    return cast(_F, paused)


def keep_graphs_until_exit() -> None:
    """Keep every question's graphs until the process ends, for a process that asks its
    questions and exits (the command line, :func:`graphcrm.cli.main`).

    Python frees a graph as its question returns one dictionary at a time (the 400,000 of a
    project's neighbourhood at 1,000,000 people: 0.3 s); the operating system takes the
    process's memory back at once when it ends. The list that keeps the graphs holds
    itself, so that clearing the modules at exit frees nothing either; the cycle collector,
    off in that process and frozen at exit, never walks it. Not for a notebook or a server,
    which would then free nothing a question makes.
    """
    global _kept
    if _kept is None:
        _kept = []
        _kept.append(_kept)


def open(store: StoreLocation = DEFAULT_STORE, *, model: TieModel = DEFAULT_MODEL
         ) -> GraphCRM:
    """The graph in ``store``: a file path (embedded store), a Neo4j URI or settings, with
    ties valued under ``model`` (:class:`~graphcrm.analysis.TieModel`) in every question.

    Example
    -------
    >>> open("team.db")
    GraphCRM('team.db')
    """
    return GraphCRM(store, model=model)


def demo_store(folder: str | Path) -> Path:
    """Create ``folder/graphcrm-demo.db`` afresh with the bundled sample bid; return its path.

    The command line's twin is ``graphcrm demo``.

    Example
    -------
    >>> import tempfile
    >>> demo_store(tempfile.mkdtemp()).name
    'graphcrm-demo.db'
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / "graphcrm-demo.db"
    for leftover in (store, Path(f"{store}-wal"), Path(f"{store}-shm")):
        leftover.unlink(missing_ok=True)
    GraphCRM(store).import_data([sample_dir()])
    return store


class GraphCRM:
    """A bid team's graph in a store, with every question graphcrm answers as a method.

    Parameters
    ----------
    store
        A file path (the embedded store), a ``neo4j://``/``bolt://`` URI with credentials in
        ``NEO4J_USERNAME``/``NEO4J_PASSWORD``, or :class:`~graphcrm.stores.Neo4jSettings`.
    model
        How ties are valued (:class:`~graphcrm.analysis.TieModel`), for every question and
        the map alike.

    Each question values the ties it reads once — as of its ``as_of`` (today when not
    given, decided here and nowhere below) under ``model`` — and hands that one
    :class:`~graphcrm.analysis.ValuedGraph` to every analysis it runs and to the map.

    Example
    -------
    >>> import tempfile
    >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
    >>> bid.gaps("prj-bh-bms", as_of=DEMO_AS_OF).score["percent"]
    42
    """

    def __init__(self, store: StoreLocation = DEFAULT_STORE, *,
                 model: TieModel = DEFAULT_MODEL) -> None:
        self.store = store
        self.model = model

    def _value(self, G: nx.MultiDiGraph, as_of: DateLike) -> ValuedGraph:
        """The question's valued graph: ``G`` as of ``as_of`` (today when not given) — for a
        day past, the network as the team knew it then (:func:`graphcrm.graph.as_known`:
        no tie that began later, no interaction after it)."""
        day = _as_of(as_of)
        known = as_known(G, day.isoformat()) if day < dt.date.today() else G
        valued = value(known, day, self.model)
        if _kept is not None:
            _kept.append((G, valued))
        return valued

    def __repr__(self) -> str:
        shown = self.store.shown if isinstance(self.store, Neo4jSettings) else \
            self.store.location if isinstance(self.store, Store) else str(self.store)
        if is_server_uri(shown):
            shown = Neo4jSettings(shown).shown
        return f"GraphCRM({shown!r})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's display of the graph: where it is and what it holds (or why it holds
        nothing yet)."""
        try:
            held = self.stats().text()
        except GraphCRMError as err:  # no store yet: say so, never a traceback
            held = f"{err}\n"
        printer.text(f"{self!r}\n{held}")

    # -- data in and out ------------------------------------------------------------------

    @_bulk
    def import_data(self, paths: Sequence[str | Path], *, encoding: str | None = None,
                    dry_run: bool = False, limits: Limits | None = None,
                    mapping: str | Path | None = None,
                    allow_reassign: bool = False, sync: bool = False,
                    author: str | None = None, only_domains: Sequence[str] = (),
                    skip_domains: Sequence[str] = (), keep_subjects: bool = False,
                    until: dt.date | None = None, suggest_ties: int | None = None,
                    allow_losses: bool = False, clear_blanks: bool = False,
                    take_over: bool = False, settle: str | None = None) -> ImportReport:
        """Validate the files at ``paths`` and upsert them in one transaction
        (``graphcrm import``).

        Parameters
        ----------
        paths
            Folders of CSV files, CSV files named after their table, or ``.xlsx`` workbooks;
            and calendar (``.ics``) and mail (``.eml``, ``.mbox``) exports, recognised by
            their content, whose meetings and messages between our people and known contacts
            become interactions (see :mod:`graphcrm.ingest.participants`).
        encoding
            Force the CSV encoding instead of detecting UTF-8 / GB18030.
        dry_run
            Validate only: nothing is written and no store is created.
        limits
            Bounds on what reading may cost (:class:`~graphcrm.ingest.Limits`; the
            defaults when not given).
        mapping
            A mapping file (CSV: ``table``, ``column``, ``header``) for headers graphcrm does
            not know by itself (see :mod:`graphcrm.ingest.headers`).
        allow_reassign
            Accept a row that gives an id the store holds another name and another
            organization (refused by default: it is almost always a different person).
        sync
            The files are the truth for what they cover: stakeholder rows of their projects
            and ties among their people that they no longer list are removed (see
            :mod:`graphcrm.changes`). Without it an import only adds and updates. A sync
            that would remove more of a table than the files list of it (an emptied or
            half-lost sheet) is refused unless ``allow_losses`` (``--yes``); the plan says
            so either way.
        author
            Who imports, recorded in the history (default: the operating-system user).
        only_domains, skip_domains
            Calendar and mail: count only contacts at these mail domains; leave out contacts
            at these (private mail).
        keep_subjects
            Calendar and mail: keep each event's or message's subject as the interaction's
            notes (never a body; by default nothing but who, when and how).
        until
            Calendar: count the occurrences of recurring events up to this day (default
            today).
        suggest_ties
            Calendar and mail: propose a KNOWS tie, on the review list, for each of our
            people and a contact who met or mailed on at least this many days and have
            none (strength from frequency and recency:
            :func:`graphcrm.ingest.participants.suggested_strength`).
        allow_losses
            With ``sync``: proceed even where it removes more than the files list.
        take_over
            With ``sync``: remove also records other authors entered (``--take-over``); by
            default a sync removes only what its author entered and refuses otherwise.
        settle
            ``"theirs"`` or ``"mine"``: how to settle a conflict, an update of a value a
            colleague set since your last import (``--theirs``, ``--mine``). By default a
            conflict refuses the import, listing each (field, theirs, yours, who, when).
        clear_blanks
            A blank cell erases the stored value (``--clear-blanks``). By default a blank
            leaves what the store holds: a colleague's older copy of a sheet, with a phone
            number or a last contact not yet filled in, erases nothing.

        Returns
        -------
        ImportReport
            Rows created, updated, removed and unchanged per table, and the change plan
            (``changes``: each record created, updated field by field, or removed).

        Raises
        ------
        InputError, ValidationFailed, StoreError

        Example
        -------
        >>> import tempfile, os
        >>> bid = GraphCRM(os.path.join(tempfile.mkdtemp(), "bid.db"))
        >>> bid.import_data([sample_dir()]).changed
        True
        """
        from graphcrm.contacts import extra_tables, review_additions, to_review
        from graphcrm.ingest.formats import by_family
        headers = Headers(read_mapping(mapping)) if mapping is not None else None
        info = ChangeInfo("import --sync" if sync else "import", author or "",
                          tuple(str(p) for p in paths))
        families = by_family(paths)
        paths, activities, cards = families["tables"], families["activity"], families["cards"]
        options = {"only_domains": only_domains, "skip_domains": skip_domains,
                   "keep_subjects": keep_subjects, "until": until,
                   "suggest_ties": suggest_ties, "limits": limits or Limits()}

        def read_all(opened: Store | None) -> tuple[Dataset, ActivityReport | None]:
            """One pass over the files, against what the store holds (``opened``) or
            nothing: the tables read once; calendar, mail and cards matched against the
            people of the tables and the store; everything validated together."""
            index = opened.people_index() if opened is not None else {}
            known: dict[str, Any] = {} if opened is None else {
                "known_ids": opened.known_ids(),
                "known_names": _known_names(opened, index),
                "known_people": {p: (d["name"], d["org_id"]) for p, d in index.items()},
                "known_parents": _stored_parents(opened),
                # a colleague's import may add a person this file names: the store checks
                # the references it does not hold yet under its lock
                "defer_references": True}
            more: list[RawTable] = []
            read, report = None, None
            if activities or cards:  # the table files are read once, validated twice
                read = read_tables(paths, encoding=encoding, limits=limits, headers=headers)
                files = read_dataset(paths, headers=headers, read=read,
                                     allow_reassign=allow_reassign,
                                     **known) if paths else Dataset()
                more, report = extra_tables(
                    activities, cards, index,
                    opened.load(people=()).table("organizations") if opened else [],
                    (lambda ids: opened.load(people=ids)) if opened else None, files, options)
            return read_dataset(paths, encoding=encoding, limits=limits, headers=headers,
                                allow_reassign=allow_reassign, more=more, read=read,
                                clear_blanks=clear_blanks, **known), report

        if self._exists():
            with open_store(self.store) as opened:
                dataset, report = read_all(opened)
                if sync and not dry_run and not allow_losses:
                    _refuse_losses(opened.import_dataset(dataset, sync=True, dry_run=True,
                                                         info=info, take_over=take_over))
                summary = opened.import_dataset(dataset, sync=sync, info=info,
                                                dry_run=dry_run,
                                                review=review_additions(report),
                                                take_over=take_over, settle=settle)
                if report is not None:
                    to_review(opened, report)
                return ImportReport.showing(replace(summary, activity=report))
        # validate before creating anything: a rejected import leaves no file behind
        dataset, report = read_all(None)
        if dry_run:
            return ImportReport.showing(replace(
                ImportSummary.of(dataset, plan(dataset, Dataset()), dry_run=True),
                activity=report))
        # built aside and moved into place whole (or not at all)
        summary = create_embedded_store(Path(str(self.store)), dataset, info,
                                        review_additions(report))
        return ImportReport.showing(replace(summary, activity=report))

    # -- the review list of calendar and mail imports ---------------------------------------

    def review(self, *, everyone: bool = False) -> TableResult:
        """The contacts calendar and mail imports could not match (``graphcrm review``):
        ``contact`` (their address, or name), ``name``, ``proposal`` (for a tie proposed by
        ``import --suggest-ties``: "our person — contact", and the strength proposed),
        ``times`` (days they met or mailed us), ``first``, ``last``, ``met_by`` (which of
        us) and ``decision`` (``open``, ``ignored``, ``accepted``, ``merged``); open ones
        only unless ``everyone``. Accept one as a new person or tie
        (:meth:`accept_contact`), merge them with someone known (:meth:`merge_contact`) or
        ignore them (:meth:`ignore_contact`).

        Parameters
        ----------
        everyone
            Also the contacts already accepted, merged or ignored.

        Returns
        -------
        TableResult
            Part ``contacts``, one row per contact.

        Example
        -------
        >>> import tempfile, mailbox
        >>> from email.message import EmailMessage
        >>> folder = tempfile.mkdtemp()
        >>> bid = GraphCRM(demo_store(folder))
        >>> mail = EmailMessage()
        >>> mail["From"], mail["To"] = "lin.x@huaxin.example", "孙悦 <sun@dfny-js.example>"
        >>> mail["Date"] = "Mon, 23 Nov 2026 10:00:00 +0800"
        >>> box = mailbox.mbox(os.path.join(folder, "sent.mbox")); _ = box.add(mail); box.flush()
        >>> _ = bid.import_data([os.path.join(folder, "sent.mbox")])
        >>> [(r["contact"], r["name"], r["times"]) for r in bid.review().records()]
        [('sun@dfny-js.example', '孙悦', 1)]
        """
        from graphcrm.contacts import tie_strength
        with open_store(self.store) as opened:
            entries, index = opened.review_entries(), opened.people_index(involved=True)
        rows = []
        for entry in entries:
            if not everyone and entry["status"] != "open":
                continue
            days = sorted(m[0] for m in entry["meetings"])
            tie = entry["key"].startswith("tie:")
            rows.append({
                "contact": entry["name"] if tie else entry["address"] or entry["name"],
                "name": None if tie else entry["name"],
                "proposal": tie_strength(entry) if tie else None,
                "times": len(entry["meetings"]), "first": days[0] if days else None,
                "last": days[-1] if days else None,
                "met_by": sorted({index.get(m[1], {}).get("name") or m[1]
                                  for m in entry["meetings"]}),
                "decision": entry["status"]})
        rows.sort(key=lambda r: (r["proposal"] is not None, -r["times"], r["contact"]))
        columns = ["contact", "name", "proposal", "times", "first", "last", "met_by",
                   "decision"]
        return TableResult("review", {"contacts": Part(columns, rows)})

    def accept_contact(self, contact: str, *, org: str | None = None, name: str | None = None,
                       author: str | None = None) -> ImportReport:
        """Add an unmatched contact (address or name, as :meth:`review` lists them) as a new
        person at ``org`` (id or name; default: the organization whose mail ``domains``
        hold their address's), named ``name`` (default: the name their mail or invitation
        gave), with their address, and the interactions their meetings and messages make;
        through the same validation, change plan and history as an import.

        Parameters
        ----------
        contact
            The address (any case) or name the review list shows.
        org
            The organization (id or name); default: the one whose mail domains hold the
            address.
        name
            The person's name; default: the name their mail or invitation gave.
        author
            Who makes the change, for the history (default: the Neo4j login, or your user
            name).

        Returns
        -------
        ImportReport
            What the import of the new person and their interactions did.

        Raises
        ------
        LookupFailed
            No such contact in the review list, or no such organization.
        BadArgument
            No organization given and none has their mail domain.
        """
        from graphcrm.contacts import organization_for, review_entry
        with open_store(self.store) as opened:
            entry = review_entry(opened, contact)
            if entry["key"].startswith("tie:"):
                return ImportReport.showing(self._accept_tie(opened, entry, author))
            organizations = opened.load(people=()).table("organizations")
            org_id = organization_for(organizations, entry, org)
            person = {"name": name or entry["name"] or entry["address"].partition("@")[0],
                      "org_id": org_id, "email": entry["address"]}
            person["id"] = derived_id("people", person)
            return ImportReport.showing(
                self._settle(opened, entry, person, "accepted", "review accept", author))

    def merge_contact(self, contact: str, person: str, *, author: str | None = None
                      ) -> ImportReport:
        """The unmatched ``contact`` is ``person`` (id or name), who keeps their address as
        another e-mail address; their meetings and messages become interactions.

        Parameters
        ----------
        contact
            The address (any case) or name the review list shows.
        person
            The person they are (id or name).
        author
            Who makes the change, for the history (default: the Neo4j login, or your user
            name).

        Returns
        -------
        ImportReport
            What the import of their interactions and address did.
        """
        from graphcrm.contacts import review_entry
        from graphcrm.ingest.participants import split_list
        with open_store(self.store) as opened:
            entry = review_entry(opened, contact)
            if entry["key"].startswith("tie:"):  # its meetings are another person's
                raise BadArgument(Said("error.review_tie", contact=repr(contact)))
            index = opened.people_index()
            person_id = find_person(index, person)
            known = index[person_id]
            emails = [e for e in split_list(known.get("email")) if e]
            if entry["address"] and entry["address"] not in emails:
                emails.append(entry["address"])
            row = {"id": person_id, "name": known["name"], "org_id": known["org_id"],
                   "email": "; ".join(emails) or None}
            return ImportReport.showing(
                self._settle(opened, entry, row, "merged", "review merge", author))

    def ignore_contact(self, contact: str) -> None:
        """Leave ``contact`` out of the review list, now and in every later import.

        Parameters
        ----------
        contact
            The address (any case) or name the review list shows.
        """
        from graphcrm.contacts import review_entry
        with open_store(self.store) as opened:
            opened.set_review_status(review_entry(opened, contact)["key"], "ignored")

    def _accept_tie(self, opened: Store, entry: Mapping[str, Any], author: str | None
                    ) -> ImportSummary:
        """A proposed KNOWS tie, as a business tie of the proposed strength, since the first
        day the two met and last in contact the last."""
        from graphcrm.contacts import tie_strength
        _, ours, contact = entry["key"].split(":", 2)
        days = sorted(m[0] for m in entry["meetings"])
        columns = ["source", "target", "type", "strength", "level", "since", "last_contact"]
        tie = RawTable("relationships", f"review: {entry['key']}", columns, [(2, [
            ours, contact, TieType.KNOWS.value, str(tie_strength(entry)), "1", days[0],
            days[-1]])], generated=True)
        dataset = read_dataset((), known_ids=opened.known_ids(), more=[tie])
        summary = opened.import_dataset(  # an explicit decision on one record: settled as ours
            dataset, info=ChangeInfo("review accept", author or "", (entry["key"],)),
            settle="mine")
        opened.set_review_status(entry["key"], "accepted")
        return summary

    def _settle(self, opened: Store, entry: Mapping[str, Any], person: Mapping[str, Any],
                status: str, command: str, author: str | None) -> ImportSummary:
        """Import ``person`` and the interactions of ``entry``'s meetings, then record the
        decision."""
        columns = ["id", "name", "org_id", "email"]
        people = RawTable("people", f"review: {entry['key']}", columns,
                          [(2, [str(person.get(c) or "") for c in columns])], generated=True)
        meetings = RawTable("interactions", f"review: {entry['key']}",
                            ["date", "person_id", "our_person_id", "channel"],
                            [(i, [date, person["id"], ours, channel])
                             for i, (date, ours, channel) in enumerate(entry["meetings"], 2)],
                            generated=True)
        index = opened.people_index()
        dataset = read_dataset((), known_ids=opened.known_ids(),
                               known_names=_known_names(opened, index),
                               more=[people, meetings])
        info = ChangeInfo(command, author or "", (entry["key"],))
        # an explicit decision on one record (a merge adds an address): settled as ours
        summary = opened.import_dataset(dataset, info=info, settle="mine")
        opened.set_review_status(entry["key"], status)
        return summary

    def _exists(self) -> bool:
        if isinstance(self.store, Neo4jSettings | Store) or is_server_uri(str(self.store)):
            return True
        return Path(self.store).exists()

    @_bulk
    def people(self) -> pd.DataFrame:
        """Everyone the store holds, one row each — those who left too (``former``) — as a
        DataFrame that joins every result on ``person_id``.

        Returns
        -------
        pandas.DataFrame
            ``person_id``, ``name``, ``org_id``, ``org_name``, ``org_kind``, ``title``,
            ``department``, ``reports_to`` (a person id), ``email``, ``phone``, ``status``,
            ``status_since`` (datetime64), ``former`` (no longer in post) and ``notes``.

        Example
        -------
        >>> import graphcrm, tempfile
        >>> bid = graphcrm.open(graphcrm.demo_store(tempfile.mkdtemp()))
        >>> bid.people().set_index("person_id").loc["p201", ["name", "org_kind"]].tolist()
        ['王建国', 'customer']
        """
        import pandas as pd

        with open_store(self.store) as opened:
            held = opened.load()
        organizations = {o["id"]: o for o in held.table("organizations")}
        rows = [{"person_id": p["id"], "name": p["name"], "org_id": p["org_id"],
                 "org_name": organizations.get(p["org_id"], {}).get("name"),
                 "org_kind": organizations.get(p["org_id"], {}).get("kind"),
                 **{c: p.get(c) for c in ("title", "department", "reports_to", "email",
                                          "phone", "status", "status_since")},
                 "former": is_former(p.get("status")), "notes": p.get("notes")}
                for p in held.table("people")]
        frame = pd.DataFrame(rows, columns=_PEOPLE_COLUMNS)
        frame["status_since"] = pd.to_datetime(frame["status_since"], errors="coerce")
        return frame

    @_bulk
    def ties(self, project: str | None = None, *, as_of: DateLike = None) -> pd.DataFrame:
        """Every tie between people in post (or in ``project``'s neighbourhood), one row per
        recorded tie, valued as of ``as_of`` as every question values it.

        Returns
        -------
        pandas.DataFrame
            ``source_id``, ``source_name``, ``target_id``, ``target_name``, ``type``
            (KNOWS, INFLUENCES, REFERRED, DOTTED_LINE, REPORTS_TO), ``mutual``, ``strength``,
            ``level``, ``since``, ``last_contact`` (datetime64), ``weight`` (the probability
            it passes a request as of ``as_of``) and ``cost`` (``-log weight``).

        Parameters
        ----------
        project
            Only this project's neighbourhood (id or name); default: everyone.
        as_of
            The day ties are valued at (default today).

        Example
        -------
        >>> import graphcrm, tempfile
        >>> bid = graphcrm.open(graphcrm.demo_store(tempfile.mkdtemp()))
        >>> ties = bid.ties(as_of=graphcrm.DEMO_AS_OF)
        >>> ties.query("source_id == 'p002' and target_id == 'p203'")["weight"].round(2).tolist()
        [0.79]
        """
        import math

        import pandas as pd

        G = self.graph(project)
        V = self._value(G, as_of)
        people = V.people
        rows = []
        for u, v, data in people.edges(data=True):
            p = V.tie(u, v, data).probability
            rows.append({"source_id": u, "source_name": people.nodes[u]["name"],
                         "target_id": v, "target_name": people.nodes[v]["name"],
                         "type": data["type"], "mutual": bool(data.get("mutual")),
                         "strength": data.get("strength"), "level": data.get("level"),
                         "since": data.get("since"), "last_contact": data.get("last_contact"),
                         "weight": p, "cost": -math.log(p) if p > 0 else math.inf})
        frame = pd.DataFrame(rows, columns=_TIE_COLUMNS)
        for name in ("since", "last_contact"):
            frame[name] = pd.to_datetime(frame[name], errors="coerce", format="ISO8601")
        return frame

    @_bulk
    def roles(self, project: str | None = None) -> pd.DataFrame:
        """Every stakeholder role (of ``project``, or of every project), one row each.

        Returns
        -------
        pandas.DataFrame
            ``project_id``, ``project_name``, ``person_id``, ``name``, ``role``,
            ``influence``, ``stance`` (the word) and ``notes``.

        Parameters
        ----------
        project
            Only this project (id or name); default: every project.

        Example
        -------
        >>> import graphcrm, tempfile
        >>> bid = graphcrm.open(graphcrm.demo_store(tempfile.mkdtemp()))
        >>> bid.roles("prj-js-ess").query("role == 'decision_maker'")["name"].tolist()
        ['刘国强', '王建国']
        """
        import pandas as pd

        with open_store(self.store) as opened:
            chosen = _project_id(opened, project) if project is not None else None
            held = opened.load()
        names = {p["id"]: p["name"] for p in held.table("people")}
        projects = {p["id"]: p["name"] for p in held.table("projects")}
        rows = [{"project_id": r["project_id"], "project_name": projects.get(r["project_id"]),
                 "person_id": r["person_id"], "name": names.get(r["person_id"]),
                 "role": r["role"], "influence": r.get("influence"), "stance": r.get("stance"),
                 "notes": r.get("notes")}
                for r in held.table("stakeholders")
                if chosen is None or r["project_id"] == chosen]
        return pd.DataFrame(rows, columns=_ROLE_COLUMNS)

    def cypher(self, query: str, **params: Any) -> pd.DataFrame:
        """Run your own Cypher query on a Neo4j store, as a read, and get its rows as a
        DataFrame (as graphdatascience's ``run_cypher``). The graph model is in
        ``cypher/README.md``.

        Parameters
        ----------
        query
            The Cypher text; values go in ``params`` (``$project``), never into the text.
        **params
            The query's parameters.

        Returns
        -------
        pandas.DataFrame
            One column per returned name; nodes and relationships as their property dicts.

        Raises
        ------
        BadArgument
            The store is the embedded one (it speaks SQL, not Cypher).
        StoreError
            The server refused the query (a syntax error; a write, which a read may not do).

        Example
        -------
        >>> bid = open("neo4j://localhost:7687")  # doctest: +SKIP
        >>> query = "MATCH (p:Person {id: $id}) RETURN p.name AS name"
        >>> bid.cypher(query, id="p201")  # doctest: +SKIP
              name
        0  王建国
        """
        import pandas as pd

        from graphcrm.stores.neo4j_store import Neo4jStore

        if not isinstance(query, str):
            raise WrongType(f"query must be Cypher text (got {type(query).__name__})")
        with open_store(self.store) as opened:
            if not isinstance(opened, Neo4jStore):
                raise BadArgument(f"cypher() needs a Neo4j store; {self!r} is an embedded one "
                                  "(its data: people(), ties(), roles(), to_networkx())")
            columns, rows = opened.read_cypher(query, params)
        return pd.DataFrame([[_plain_value(v) for v in row] for row in rows], columns=columns)

    def stats(self) -> Stats:
        """Counts by kind and per project (``graphcrm stats``).

        Returns
        -------
        Stats
            Parts ``counts`` (by scope, category and kind) and ``projects``.

        Example
        -------
        >>> import tempfile
        >>> GraphCRM(demo_store(tempfile.mkdtemp())).stats().projects["project"].tolist()
        ['prj-bh-bms', 'prj-js-ess', 'prj-metro5']
        """
        with open_store(self.store) as opened:
            names = {o["id"]: o["name"] for o in opened.load(people=()).table("organizations")}
            return summarize(opened.counts(), names)

    @_bulk
    def export(self, path: str | Path, fmt: str | None = None, *, project: str | None = None,
               redact: bool = False, as_of: DateLike = None) -> Path:
        """Write the graph (or a project's neighbourhood) for Gephi, Cytoscape, D3 or
        NetworkX (``graphcrm export``); see :mod:`graphcrm.export`.

        Parameters
        ----------
        path
            The file to write; its suffix (``.graphml``, ``.gexf``, ``.json``) names the
            format unless ``fmt`` does.
        fmt
            ``graphml``, ``gexf`` or ``json``.
        project
            Only this project's neighbourhood (id or name).
        redact
            Leave out notes, e-mail, phone, informant roles and extra columns.
        as_of
            The day ties are weighted at (default today).

        Returns
        -------
        pathlib.Path
            The file written (whole, or not at all).

        Example
        -------
        >>> import tempfile, os
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> import networkx as nx
        >>> G = nx.read_gexf(bid.export(os.path.join(tempfile.mkdtemp(), "bid.gexf")))
        >>> G.nodes["p201"]["label"]
        '王建国'
        """
        G = self.graph(project)
        return export_graph(G, path, fmt, redact=redact, valued=self._value(G, as_of))

    def forget(self, person: str, *, author: str | None = None) -> dict[str, int]:
        """Erase a person (id or name) and everything attached to them: ties, stakeholder
        roles, interactions, and every mention in the history (``graphcrm forget``).

        Parameters
        ----------
        person
            Their id or name.
        author
            Who makes the change, for the history (default: the Neo4j login, or your user
            name).

        Returns
        -------
        dict
            What went, by kind: ``ties``, ``roles``, ``interactions``, ``subordinates``
            (people who reported to them).

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.forget("杨帆")
        {'ties': 6, 'roles': 1, 'interactions': 3, 'subordinates': 0}
        """
        with open_store(self.store) as opened:
            return opened.forget(find_person(opened.people_index(), person),
                                 ChangeInfo("forget", author or ""))

    def revert(self, change_set: int, *, author: str | None = None, dry_run: bool = False
               ) -> ImportReport:
        """Undo change set ``change_set`` (``graphcrm revert``): the records it created go
        (people, organizations and projects included), those it removed come back whole,
        the fields it updated get their earlier values — one transaction, itself recorded as
        a change set (``revert N``). ``dry_run`` shows the plan and writes nothing.

        Parameters
        ----------
        change_set
            The change set's number (``history`` lists them).
        author
            Who makes the change, for the history (default: the Neo4j login, or your user
            name).
        dry_run
            Show the plan; write nothing.

        Returns
        -------
        ImportReport
            The changes made (or planned), recorded as change set ``revert N``.

        Raises
        ------
        LookupFailed
            No such change set.
        Conflict
            It cannot be undone here: the first import into the empty store (restore a
            dump or start a new store), a forget or an upgrade (nothing recorded to undo), one
            whose records a later change set changed again (revert that first), or one that
            created people, organizations or projects that records it did not make refer to
            now (a colleague's tie to a person it added: revert or remove those first).

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> _ = bid.remove_role("prj-js-ess", "杨帆", "informant")
        >>> [str(c) for c in bid.revert(2).changes]
        ['stakeholders prj-js-ess 杨帆 informant: create']
        """
        with open_store(self.store) as opened:
            sets = opened.history(after=change_set - 1, changes=True)
            if not sets or sets[0].id != change_set:
                raise LookupFailed(Said("error.no_change_set", number=change_set))
            target, later = sets[0], sets[1:]
            refused = _unrevertable(target, later)
            if refused:
                raise Conflict(Said("error.unrevertable", number=change_set,
                                    command=target.command, author=target.author, why=refused))
            held = opened.load(people=sorted({p for c in target.changes for p in c.people()}))
            now = state_of(held)
            touched = {(c.table, c.key) for c in target.changes}
            wanted = revert(now, list(target.changes))
            undo = [c for c in diff_states(
                {t: {k: r for k, r in now.get(t, {}).items() if (t, k) in touched}
                 for t in TABLE_ORDER},
                {t: {k: r for k, r in wanted.get(t, {}).items() if (t, k) in touched}
                 for t in TABLE_ORDER})]
            undo = labelled(undo, held)
            _refuse_dangling(opened, change_set, undo)
            tables = {c.table for c in undo}
            records = Dataset(
                records={t: [wanted[t][c.key] for c in undo
                             if c.table == t and c.action != REMOVE]
                         for t in TABLE_ORDER if t in tables},
                columns={t: SCHEMA[t].column_names for t in TABLE_ORDER if t in tables})
            if not dry_run and undo:
                opened.apply(undo, records, ChangeInfo(f"revert {change_set}", author or ""))
        return ImportReport.showing(ImportSummary.of(records, undo, dry_run=dry_run))

    def dump(self, path: str | Path) -> dict[str, int]:
        """Everything the store holds — records, the history with every change, snapshots,
        the review list — into one portable JSON file (``graphcrm dump``), written whole or
        not at all; it restores into an empty store of either kind (:meth:`restore`).
        Returns how many of each it holds.

        Parameters
        ----------
        path
            The JSON file to write.

        Returns
        -------
        dict
            How many records of each table, change sets, snapshots and review entries it
            holds.

        Example
        -------
        >>> import tempfile, os
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.dump(os.path.join(tempfile.mkdtemp(), "bid.json"))["change_sets"]
        1
        """
        from graphcrm.atomic import replacing

        with open_store(self.store) as opened:
            everything = opened.load()
            found = Dump({t: everything.table(t) for t in TABLE_ORDER},
                         tuple(opened.history(changes=True)), tuple(opened.snapshots()),
                         tuple(opened.review_entries()))
        with replacing(path) as temporary:
            temporary.write_text(found.to_json(), encoding="utf-8")
        return found.counts()

    def restore(self, path: str | Path, *, dry_run: bool = False) -> dict[str, int]:
        """Restore a dump (:meth:`dump`) into this store, which must be empty (a new
        embedded file is made; a Neo4j database must hold nothing of graphcrm's), in one
        transaction, history included (``graphcrm restore``). Returns how many of each.

        Parameters
        ----------
        path
            The dump (JSON) to restore.
        dry_run
            Check the dump and the store; write nothing.

        Returns
        -------
        dict
            How many of each it restored (or would restore, with ``dry_run``).

        Raises
        ------
        InputError
            The file cannot be read or is not a graphcrm dump.
        Conflict
            The store is not empty.

        Example
        -------
        >>> import tempfile, os
        >>> folder = tempfile.mkdtemp()
        >>> _ = GraphCRM(demo_store(folder)).dump(os.path.join(folder, "bid.json"))
        >>> GraphCRM(os.path.join(folder, "copy.db")).restore(os.path.join(folder, "bid.json")
        ...                                                 )["people"]
        98
        """
        shown = Path(path)
        try:
            found = Dump.from_json(shown.read_text(encoding="utf-8"))
        except OSError as err:
            raise InputError(Said("error.cannot_read", path=shown, why=os_reason(err))) from None
        except (ValueError, KeyError, TypeError) as err:
            why = err.args[0] if isinstance(err, ValueError) and err.args and \
                isinstance(err.args[0], Said) else str(err)
            raise InputError(Said("error.not_a_dump", path=shown, why=why)) from None
        if dry_run and not self._exists():
            return found.counts()  # a new file would be made: nothing else to check
        made = not self._exists()
        try:
            with open_store(self.store, create=made) as opened:
                return opened.restore(found, dry_run=dry_run)
        except BaseException:
            if made:  # a new file that could not be filled: not left half-made
                for leftover in (Path(str(self.store)), Path(f"{self.store}-wal"),
                                 Path(f"{self.store}-shm")):
                    leftover.unlink(missing_ok=True)
            raise

    def template(self, path: str | Path, *, lang: str = "en") -> Path:
        """Write an empty import workbook (``.xlsx``) or CSV folder to start from: the exact
        sheets and headers, drop-downs, two example rows each, and an explanation sheet
        (``graphcrm template``); see :mod:`graphcrm.template`. It imports as written.

        Parameters
        ----------
        path
            A ``.xlsx`` file, or a folder for CSV files.
        lang
            ``en`` or ``zh``: sheet names, headers and words.

        Returns
        -------
        pathlib.Path
            The file or folder written.

        Example
        -------
        >>> import tempfile, os
        >>> GraphCRM().template(os.path.join(tempfile.mkdtemp(), "bid.xlsx")).suffix
        '.xlsx'
        """
        from graphcrm.template import write_template

        return write_template(path, lang)

    def check(self) -> builtins.list[Said]:
        """Check the store without changing what it holds (``graphcrm check``); return the
        problems found, none when it is whole. See :meth:`graphcrm.stores.Store.check`.

        Returns
        -------
        list of Said
            The problems found; empty when the store is whole. Each is a sentence of the
            catalogue (:class:`~graphcrm.words.Said`): English as a string, in Chinese by
            ``in_lang("zh")``, as ``graphcrm --lang zh check`` says it.

        Example
        -------
        >>> import tempfile
        >>> GraphCRM(demo_store(tempfile.mkdtemp())).check()
        []
        """
        with open_store(self.store) as opened:
            return opened.check()

    def remove_tie(self, a: str, b: str, *, tie_type: str | None = None,
                   author: str | None = None) -> int:
        """Remove the ties between two people (ids or names), of every type or of
        ``tie_type`` only (``graphcrm remove tie``); return how many went.

        Parameters
        ----------
        a
            One person (id or name).
        b
            The other (id or name).
        tie_type
            Only ties of this type (KNOWS, INFLUENCES, REFERRED, DOTTED_LINE); default:
            every type.
        author
            Who makes the change, for the history (default: the Neo4j login, or your user
            name).

        Returns
        -------
        int
            How many ties went.

        Raises
        ------
        LookupFailed
            A person is not there, the type is unknown, or there is no such tie.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.remove_tie("王建国", "周建平", tie_type="KNOWS")
        1
        """
        types = [t.value for t in TieType]
        if tie_type is not None:
            try:
                types = [TieType.parse(tie_type).value]
            except ValueError as err:
                raise LookupFailed(Said("error.unknown_word", value=repr(tie_type),
                                        why=VocabularyRefused(TieType, str(err)))) from err
        with open_store(self.store) as opened:
            index = opened.people_index()
            first, second = find_person(index, a), find_person(index, b)
            removed = opened.remove_ties(first, second, types,
                                         ChangeInfo("remove tie", author or ""))
        if not removed:
            a, b = index[first]["name"], index[second]["name"]
            raise LookupFailed(Said("error.no_tie", a=a, b=b) if tie_type is None else
                               Said("error.no_tie_of", a=a, b=b, type=TieType(types[0])))
        return removed

    def remove_role(self, project: str, person: str, role: str, *,
                    author: str | None = None) -> int:
        """Remove one stakeholder role of a person (id or name) in a project (id or name)
        (``graphcrm remove role``); return how many went (1).

        Parameters
        ----------
        project
            The project (id or name).
        person
            The person (id or name).
        role
            The role (``decision_maker``, 决策者 …).
        author
            Who makes the change, for the history (default: the Neo4j login, or your user
            name).

        Returns
        -------
        int
            How many roles went (1).

        Raises
        ------
        LookupFailed
            The project, person or role is unknown, or the person has no such role there.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.remove_role("prj-js-ess", "杨帆", "informant")
        1
        """
        try:
            wanted = Role.parse(role).value
        except ValueError as err:
            raise LookupFailed(Said("error.unknown_word", value=repr(role),
                                    why=VocabularyRefused(Role, str(err)))) from err
        with open_store(self.store) as opened:
            project_id = _project_id(opened, project)
            index = opened.people_index()
            person_id = find_person(index, person)
            removed = opened.remove_role(project_id, person_id, wanted,
                                         ChangeInfo("remove role", author or ""))
        if not removed:
            raise LookupFailed(Said("error.no_role", name=index[person_id]["name"],
                                    role=Role(wanted), project=project_id))
        return removed

    # -- history ------------------------------------------------------------------------

    def history(self, change_set: int | None = None) -> TableResult:
        """Every recorded write, oldest first (``graphcrm history``): ``change_set``, ``at``,
        ``author``, ``command``, ``files``, ``created``, ``updated``, ``removed`` (forgotten
        people count as removed) and ``snapshots`` (the names given to the state right after
        it). With ``change_set``, what that one change set did (``graphcrm history N``):
        one row per field changed — ``table``, ``action``, ``record``, ``field``,
        ``before``, ``after`` — with its ``author`` and ``at``.

        Parameters
        ----------
        change_set
            One change set's number: its changes field by field; default: every change set.

        Returns
        -------
        TableResult
            Part ``changes``: one row per change set, or per field changed.

        Raises
        ------
        LookupFailed
            No change set with that number.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.history().to_frame()[["change_set", "command", "created"]].to_dict("records")
        [{'change_set': 1, 'command': 'import', 'created': 399}]
        """
        if change_set is not None:
            return self._change_set(change_set)
        with open_store(self.store) as opened:
            sets, snaps = opened.history(), opened.snapshots()
        named: dict[int, builtins.list[str]] = {}
        for snap in snaps:
            named.setdefault(snap.change_set, []).append(snap.name)
        rows = []
        for found in sets:
            totals = {"create": 0, "update": 0, "remove": 0}
            for actions in found.counts.values():
                for action, n in actions.items():
                    totals["remove" if action == "forget" else action] += n
            rows.append({"change_set": found.id, "at": found.at, "author": found.author,
                         "command": found.command, "files": list(found.files),
                         "created": totals["create"], "updated": totals["update"],
                         "removed": totals["remove"], "snapshots": named.get(found.id, [])})
        if named.get(0):  # named before anything was recorded
            rows.insert(0, {"change_set": 0, "at": None, "author": None,
                            "command": None, "files": [], "created": 0, "updated": 0,
                            "removed": 0, "snapshots": named[0]})
        columns = ["change_set", "at", "author", "command", "files", "created", "updated",
                   "removed", "snapshots"]
        return TableResult("history", {"changes": Part(columns, rows)})

    def _change_set(self, number: int) -> TableResult:
        """The field-level changes of change set ``number`` (see :meth:`history`)."""
        with open_store(self.store) as opened:
            found = [s for s in opened.history(after=number - 1, changes=True)
                     if s.id == number]
            if not found:
                raise LookupFailed(Said("error.no_change_set", number=number))
            base = opened.load(people=())  # every organization and project, for their names
            names = Dataset({**base.records, "people": [
                {"id": p, "name": d["name"]} for p, d in opened.people_index().items()]})
        rows = []
        for change in labelled(found[0].changes, names):
            common = {"change_set": number, "at": found[0].at, "author": found[0].author,
                      "table": None if change.action == FROM_EMPTY else change.table,
                      "action": change.action,
                      "record": change.label or " ".join(change.key) or None}
            fields = [(f, b, a) for f, (b, a) in change.fields.items() if f != "extra"]
            fields += [(f"extra.{k}", (change.fields["extra"][0] or {}).get(k),
                        (change.fields["extra"][1] or {}).get(k))
                       for k in sorted({*(change.fields.get("extra", (None, None))[0] or {}),
                                        *(change.fields.get("extra", (None, None))[1] or {})})
                       if "extra" in change.fields]
            changed: builtins.list[tuple[str | None, Any, Any]] = [
                (f, b, a) for f, b, a in fields if b != a] or [(None, None, None)]
            rows += [{**common, "field": f, "before": b, "after": a} for f, b, a in changed]
        columns = ["change_set", "at", "author", "table", "action", "record", "field",
                   "before", "after"]
        return ChangeSetResult(Part(columns, rows))

    def snapshot(self, name: str, *, author: str | None = None) -> Snapshot:
        """Name the current state, e.g. a gate review (``graphcrm snapshot NAME``), for
        :meth:`changes` to compare with later.

        Parameters
        ----------
        name
            The snapshot's name (``gate-2``).
        author
            Who makes the change, for the history (default: the Neo4j login, or your user
            name).

        Returns
        -------
        Snapshot
            Its name, the change set it follows, when and who.

        Raises
        ------
        Conflict
            The name is taken.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.snapshot("gate-1").change_set
        1
        """
        if not name.strip():
            raise Conflict(Said("error.snapshot_name"))
        with open_store(self.store) as opened:
            return opened.snapshot(name.strip(), ChangeInfo("snapshot", author or ""))

    @_bulk
    @asks(QUESTIONS["changes"])
    def changes(self, since: str | dt.date, project: str | None = None, *,
                as_of: DateLike = None) -> ChangesResult:
        """What changed since a snapshot or a date, and what it did to the bid
        (``graphcrm changes``): people added and gone, role, stance and influence changes,
        ties added, removed or re-rated, and for each project (or ``project``) every
        decision-making stakeholder's coverage, best chain and the coverage score, before and
        after, both valued as of ``as_of`` (default today); see
        :mod:`graphcrm.analysis.review`.

        The earlier state is rebuilt from the history (:func:`graphcrm.changes.revert`) into a
        scratch store and asked the same questions as this one.

        Parameters
        ----------
        since
            A snapshot name, or a date (a ``datetime.date``, a ``pandas.Timestamp`` or any
            text the import accepts: ``2026-11-20``, ``2026/11/20``, ``2026年11月20日``): the
            changes made on or after that day.
        project
            Only this project (id or name); default every project.
        as_of
            The day both states are valued at (default today).

        Returns
        -------
        ChangesResult
            One row per change (``records()``, ``to_frame()``), then each project's coverage
            before and after.

        Raises
        ------
        LookupFailed
            ``since`` is neither a snapshot nor a date; the project is unknown.
        Conflict
            The date is before the store's history begins.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> _ = bid.snapshot("gate-1")
        >>> _ = bid.remove_role("prj-js-ess", "杨帆", "informant")
        >>> bid.changes("gate-1", project="prj-js-ess", as_of=DEMO_AS_OF).records()[0]["what"]
        'role removed'
        """
        as_of = _as_of(as_of)  # both states valued on the same day
        before, after, label, authors, chosen, snapshots = self._states_since(since, project)
        projects = chosen or sorted(key[0] for key in after["projects"])
        held = scratch_store(dataset_of(before))  # in memory: never a copy on disk
        try:
            past = GraphCRM(held, model=self.model)
            existed = {key[0] for key in before["projects"]}
            # the levels and the score only: the changes compare no plan
            gaps_before = {p: past._coverage(p, as_of=as_of, plan=False) if p in existed
                           else None for p in projects}
            gaps_after = {p: self._coverage(p, as_of=as_of, plan=False) for p in projects}
            people = None
            if chosen:
                people = set(self.project_graph(chosen[0]))
                if chosen[0] in existed:
                    people |= set(past.project_graph(chosen[0]))
        finally:
            held.discard()
        return review_changes(before, after, gaps_before, gaps_after, since=label,
                              projects=chosen, people=people, authors=authors,
                              snapshot=any(s.name == str(since) for s in snapshots))

    def _states_since(self, since: str | dt.date, project: str | None) -> tuple[
            State, State, str, dict, builtins.list[str] | None, builtins.list]:
        """The store's state at ``since`` (a snapshot or a date) and now, over the part of
        the store the project (or everything) concerns: what ``changes`` compares."""
        with open_store(self.store) as opened:
            snapshots = opened.snapshots()
            boundary, label = _since(str(since), opened.history(), snapshots,
                                     opened.location)
            recorded = opened.history(after=boundary, changes=True)
            undone = [c for found in recorded for c in found.changes]
            authors = {(c.table, c.key): found.author for found in recorded
                       for c in found.changes if c.key}  # the last change's author wins
            chosen = [_project_id(opened, project)] if project is not None else None
            after = state_of(opened.load(people=_changes_region(opened, undone, chosen)))
        return revert(after, undone), after, label, authors, chosen, snapshots

    def _marks_since(self, since: str | dt.date, project: str) -> dict[str, builtins.list[str]]:
        """What changed for each person since ``since``, as the map marks their card: new
        (新), stance up or down (态度↑↓), roles changed (角色变化), no longer in post
        (已调离)."""
        before, after, *_ = self._states_since(since, project)
        marks: dict[str, builtins.list[str]] = {}

        def roles(state: State) -> dict[str, tuple[set[str], int]]:
            found: dict[str, tuple[set[str], int]] = {}
            for key, record in state["stakeholders"].items():
                if key[0] != project:
                    continue
                held, score = found.get(key[1], (set(), 0))
                stance = Stance(record["stance"]).score if record.get("stance") else 0
                found[key[1]] = (held | {str(key[2])}, max(score, stance) if held else stance)
            return found

        then, now = roles(before), roles(after)
        for key, record in after["people"].items():
            person = key[0]
            said = []
            if key not in before["people"]:
                said.append("new")
            elif is_former(record.get("status")) and not is_former(
                    before["people"][key].get("status")):
                said.append("left")
            if person in now and person in then and key in before["people"]:
                if now[person][0] != then[person][0]:
                    said.append("role")
                if now[person][1] > then[person][1]:
                    said.append("up")
                elif now[person][1] < then[person][1]:
                    said.append("down")
            if said:
                marks[person] = said
        return marks

    def whois(self, person: str) -> ReportResult:
        """Who ``person`` (id or name) is, and their posts over time (``graphcrm whois``):
        one row per post — title, department, superior and status — from when to when, as
        the history recorded each change (a post older than the history starts "before").

        Parameters
        ----------
        person
            Their id or name.

        Returns
        -------
        ReportResult
            Parts ``person`` (``person_id``, ``name``, ``organization``, ``title``,
            ``department``, ``superior``, ``person_status``) and ``posts`` (``from``, ``to``,
            ``title``, ``department``, ``superior``, ``person_status``), oldest first.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.whois("王建国").part("person").rows[0]["title"]
        '总经理'
        """
        with open_store(self.store) as opened:
            index = opened.people_index()
            found = find_person(index, person)
            held = opened.load(people=[found])
            record = next(p for p in held.table("people") if p["id"] == found)
            history = [(s.at, c) for s in opened.history(changes=True) for c in s.changes]
        mine = [(at, c) for at, c in history if (c.table == "people" and c.key == (found,))
                or c.action == FROM_EMPTY]
        successor = next((pid for pid, facts in sorted(index.items())
                          if facts.get("predecessor") == found), None)
        names = {pid: facts["name"] for pid, facts in index.items()}
        return ReportResult("whois", {
            "person": Part(["person_id", "name", "organization", *_POST_COLUMNS[3:],
                            *_SUCCESSION],
                           [{"person_id": found, "name": record["name"],
                             "organization": index[found]["org_name"],
                             **_post(record, names),
                             "predecessor": names.get(record.get("predecessor") or ""),
                             "successor": names.get(successor or "")}]),
            "posts": Part(_POST_COLUMNS[1:],
                          _posts(record, mine, names))})

    # -- the graph --------------------------------------------------------------------------

    @_bulk
    def graph(self, project: str | None = None) -> nx.MultiDiGraph:
        """graphcrm's people graph (see :mod:`graphcrm.graph`) of the whole store, or of
        ``project``'s neighbourhood (as :meth:`project_graph`): a new, independent graph at
        each call, so that editing it changes no later answer. For the graph the analyses
        reason on — mutual ties both ways, ``weight`` and ``cost`` on every arc, flat
        attributes — use :meth:`to_networkx`.

        Parameters
        ----------
        project
            Only this project's neighbourhood (id or name); default: everyone.

        Returns
        -------
        networkx.MultiDiGraph
            The people graph.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.graph().number_of_nodes(), bid.graph("prj-js-ess").number_of_nodes()
        (98, 82)
        """
        if project is not None:
            return self._project(project)[0]
        with open_store(self.store) as opened:
            return build_graph(opened.load())

    @_bulk
    def project_graph(self, project: str | None = None) -> nx.MultiDiGraph:
        """The neighbourhood of ``project`` (its id or name): its stakeholders and everyone
        within two ties of them, as graphcrm's people graph (new at each call).

        Parameters
        ----------
        project
            The project (id or name); may be left out when the store holds one.

        Returns
        -------
        networkx.MultiDiGraph
            graphcrm's people graph of the neighbourhood (see :mod:`graphcrm.graph`).

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.project_graph("prj-js-ess").number_of_nodes()
        82
        """
        return self._project(project)[0]

    @_bulk
    def to_networkx(self, project: str | None = None, *, as_of: DateLike = None,
                    directed: bool = True, redact: bool = False) -> nx.DiGraph | nx.Graph:
        """The graph graphcrm reasons on, for NetworkX as it is: the store (or ``project``'s
        neighbourhood) with its ties valued as of ``as_of``, one arc per ordered pair of
        people — a mutual tie both ways — weighted by the best tie between them.

        Parameters
        ----------
        project
            Only this project's neighbourhood (id or name); default everyone.
        as_of
            The day ties are valued at (default today).
        directed
            A :class:`networkx.DiGraph` (default); False: a :class:`networkx.Graph` whose
            edge is the better direction of each pair.
        redact
            Leave out notes, e-mail, phone, informant roles and extra columns (as
            ``export --redact``).

        Returns
        -------
        networkx.DiGraph or networkx.Graph
            A new graph each call. Nodes: person ids, with ``name``, ``org_name``,
            ``org_kind``, ``roles`` (``project:role; …``), ``stance:<project>`` … — text,
            numbers and booleans only, so ``nx.write_graphml`` writes it. Edges: ``weight``
            (the probability the tie passes a request), ``cost`` (``-log weight``: what a
            shortest path adds), ``tie`` (its type), ``strength``, ``level``,
            ``last_contact``; reporting lines are ties too.

        Example
        -------
        >>> import graphcrm, tempfile, networkx as nx
        >>> bid = graphcrm.open(graphcrm.demo_store(tempfile.mkdtemp()))
        >>> G = bid.to_networkx(as_of=graphcrm.DEMO_AS_OF)
        >>> path = nx.shortest_path(G, "p002", "p201", weight="cost")
        >>> [G.nodes[n]["name"] for n in path] == bid.paths("林晓", "王建国", k=1,
        ...     as_of=graphcrm.DEMO_AS_OF).paths[0].names
        True
        """
        G = self.graph(project)
        return networkx_graph(self._value(G, as_of), directed=directed, redact=redact)

    def _project(self, project: str | None) -> tuple[nx.MultiDiGraph, str]:
        """The project's neighbourhood graph, and the project's id."""
        with open_store(self.store) as opened:
            project_id = _project_id(opened, project)
            return build_graph(*opened.load_for_graph(project_id)), project_id

    # -- the questions --------------------------------------------------------------------

    @_bulk
    @asks(QUESTIONS["path"])
    def paths(self, *people: str, project: str | None = None, k: int = 3, max_hops: int = 4,
              avoid: Sequence[str] | str = (), avoid_opponents: bool = False,
              strict: bool = False, include_competitors: bool = False,
              as_of: DateLike = None) -> PathResult:
        """The best influence paths from our people (or a source) to a target, people by id
        or name: ``paths(TARGET)`` or ``paths(SOURCE, TARGET)``, in the order of
        ``graphcrm path [SOURCE] TARGET``; see
        :func:`graphcrm.analysis.paths.influence_paths`. Only the people who may lie on a
        chain are loaded (:func:`graphcrm.regions.path_region`).

        Parameters
        ----------
        *people
            ``TARGET``, or ``SOURCE, TARGET``.
        project
            The project (id or name): its stances count, its bid team starts (with
            everyone of ours).
        k
            How many paths (at least 1).
        max_hops
            Ties per path at most (at least 1).
        avoid
            People never passed through (one name, or a list).
        avoid_opponents
            Never pass through an opponent (their stance in ``project``, else in any project
            the target is a stakeholder of); with ``strict`` skeptics too.
        strict
            See ``avoid_opponents``.
        include_competitors
            Let paths pass competitor staff.
        as_of
            The day ties are valued at (a date, a ``pandas.Timestamp`` or text; default
            today).

        Returns
        -------
        PathResult
            The paths best first (``paths``, ``records()``, ``to_frame()``), or the
            ``reason`` there is none.

        Raises
        ------
        LookupFailed
            Nobody of that name or id; an unknown project.
        WrongType
            A person given as anything but text.

        Example
        -------
        >>> import graphcrm, tempfile
        >>> bid = graphcrm.open(graphcrm.demo_store(tempfile.mkdtemp()))
        >>> bid.paths("高明", max_hops=1).reason
        'no route within 1 hops (the shortest takes 2)'
        >>> bid.paths("林晓", "王建国", as_of=graphcrm.DEMO_AS_OF).paths[0].names[0]
        '林晓'
        """
        if not 1 <= len(people) <= 2 or not all(isinstance(p, str) for p in people):
            raise WrongType(Said("error.paths_people",
                                 got=", ".join(repr(p) for p in people) or "()"))
        source, target = (None, people[0]) if len(people) == 1 else people
        avoid = people_of_argument(avoid, "avoid")
        with open_store(self.store) as opened:
            texts = [target, *([source] if source else []), *avoid]
            index = _people(opened, texts)
            target_id = find_person(index, target)
            sources = [find_person(index, source)] if source else None
            avoided = [find_person(index, a) for a in avoid]
            project_id = _project_id(opened, project) if project is not None else None
            starts = sources or _ours(index, project_id)

            def ask(hops: int) -> PathResult:
                region = path_region(opened, starts, target_id, hops)
                return influence_paths(
                    self._value(build_graph(*opened.load_for_graph(people=region)), as_of),
                    target_id,
                    sources, project=project_id, k=k, max_hops=max_hops, avoid=avoided,
                    avoid_opponents=avoid_opponents, strict=strict,
                    include_competitors=include_competitors)

            result = ask(max_hops)
            if not result.paths:  # say why with a wider view: the shortest route, who blocks
                result = ask(max_hops + _WIDER)
        return result

    @_bulk
    @asks(QUESTIONS["gaps"])
    def gaps(self, project: str | None = None, *, max_hops: int = 4,
             avoid: Sequence[str] | str = (), as_of: DateLike = None) -> GapsResult:
        """Coverage of the project's decision-making stakeholders in levels (in depth,
        contacted, reachable, contested, uncovered), the plan that adds threads, checked by
        simulation, and the coverage score (``graphcrm gaps``); see
        :func:`graphcrm.analysis.gaps.coverage_gaps`.

        Parameters
        ----------
        project
            The project (id or name); may be left out when the store holds one.
        max_hops
            Longer routes do not count (at least 1).
        avoid
            People by id or name (one, or a list): the coverage without them — no chain
            through them, none of ours among them — which stakeholders only they cover (a
            colleague who leaves, a broker the team will not use).
        as_of
            The day ties are valued at (default today).

        Returns
        -------
        GapsResult
            Parts ``stakeholders``, ``plan`` and ``holes`` (``part(name)``), the ``score``.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.gaps("prj-bh-bms", as_of=DEMO_AS_OF).plan["meet_name"].tolist()[:3]
        ['高明', '罗燕', '陆振华']
        """
        return self._coverage(project, as_of=as_of, avoid=avoid, max_hops=max_hops)

    def _coverage(self, project: str | None, *, as_of: DateLike, avoid: Sequence[str] = (),
                  max_hops: int = 4, plan: bool = True) -> GapsResult:
        """:meth:`gaps`, and without the plan and its simulation for the questions that
        read only the levels and the score (``handover``, ``changes``)."""
        G, project_id = self._project(project)
        if avoid:
            with open_store(self.store) as opened:
                index = opened.people_index(named=avoid)
            G = G.copy()
            G.remove_nodes_from([find_person(index, a) for a in avoid])
        return coverage_gaps(self._value(G, as_of), project_id, max_hops=max_hops, plan=plan)

    @_bulk
    @asks(QUESTIONS["informants"])
    def informants(self, project: str | None = None, *, top: int | None = 10,
                   include_competitors: bool = False, as_of: DateLike = None
                   ) -> InformantsResult:
        """Ranked key-informant candidates with the reasons for each score
        (``graphcrm informants``); see :func:`graphcrm.analysis.informants.key_informants`.

        Parameters
        ----------
        project
            The project (id or name); may be left out when the store holds one.
        top
            How many candidates (at least 1; None: all).
        include_competitors
            Rank competitor staff too (as a risk).
        as_of
            The day ties are valued at (default today).

        Returns
        -------
        InformantsResult
            Candidates best first, each score with its parts and reasons.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.informants("prj-js-ess", top=1, as_of=DEMO_AS_OF).to_frame()["name"].tolist()
        ['张伟']
        """
        G, project_id = self._project(project)
        return key_informants(self._value(G, as_of), project_id, top=top,
                              include_competitors=include_competitors)

    @_bulk
    @asks(QUESTIONS["health"])
    def health(self, project: str | None = None, *, avoid: Sequence[str] | str = (),
               as_of: DateLike = None) -> ContactPlan:
        """The contact plan: cooling ties and overdue stakeholders, whom to call, by whom and
        why (``graphcrm health``); see :func:`graphcrm.analysis.health.contact_plan`. Loads our
        people, everyone they know directly, and the stakeholders.

        Parameters
        ----------
        project
            Only this project (id or name); default every project.
        avoid
            People by id or name (one, or a list): the plan without them (who would call
            instead).
        as_of
            The day of the plan (default today).

        Returns
        -------
        ContactPlan
            One row per call: whom, by whom, why, how overdue.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.health(project="prj-js-ess", as_of=DEMO_AS_OF).to_frame()["name"].iloc[0]
        '刘洋'
        """
        with open_store(self.store) as opened:
            index = opened.people_index(involved=True)  # our people and the stakeholders
            project_id = _project_id(opened, project) if project is not None else None
            stakeholders = [p for p, d in index.items()
                            if (d["roles"].get(project_id) if project_id else d["roles"])]
            region = contact_region(opened, _ours(index, project_id), stakeholders,
                                    _ours(index, None))
            G = build_graph(*opened.load_for_graph(people=region))
            if avoid:
                G.remove_nodes_from([find_person(opened.people_index(named=avoid), a)
                                     for a in avoid])
        return contact_plan(self._value(G, as_of), project_id)

    @_bulk
    @asks(QUESTIONS["handover"])
    def handover(self, person: str, project: str | None = None, *,
                 as_of: DateLike = None) -> ReportResult:
        """What the team loses when ``person`` (id or name; one of ours, or a broker) leaves
        (``graphcrm handover``): in each project they take part in (or ``project``), the
        decision-making stakeholders whose coverage falls without them, with the best chain
        left and who else could take each (``stakeholders``); and the calls the contact plan
        gives them, with who would make each instead (``calls``).

        Parameters
        ----------
        person
            One of ours, or a broker (id or name).
        project
            Only this project (id or name); default: every project they take part in.
        as_of
            The day ties are valued at (default today).

        Returns
        -------
        ReportResult
            Parts ``stakeholders`` (``project``, ``person_id``, ``name``, ``status_now``,
            ``status_without``, ``best_chain``, ``who_else_name``) and ``calls``
            (``person_id``, ``name``, ``organization``, ``kind``, ``who_else_id``,
            ``who_else_name``).

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> lost = bid.handover("韩梅", as_of=DEMO_AS_OF).part("stakeholders").rows
        >>> [(r["name"], r["status_now"], r["status_without"], r["who_else_name"]) for r in lost]
        [('陆振华', 'reachable', 'uncovered', None), ('邓晓', 'reachable', 'uncovered', '周敏')]
        """
        with open_store(self.store) as opened:
            index = opened.people_index(named=[person])
            who = find_person(index, person)
            roles = opened.people_index(named=[who])[who]["roles"]
            projects = [_project_id(opened, project)] if project is not None else \
                sorted(roles) or sorted(p["id"] for p in
                                        opened.load(people=()).table("projects"))
        rank = {s: -i for i, s in enumerate(LEVELS)}  # in depth ranks highest
        lost = []
        for project_id in projects:
            now = self._coverage(project_id, as_of=as_of, plan=False)
            without = {r["person_id"]: r for r in self._coverage(
                project_id, as_of=as_of, avoid=[who], plan=False).stakeholder_rows}
            for row in now.stakeholder_rows:
                if row["person_id"] == who:
                    continue
                after = without.get(row["person_id"], {})
                status = after.get("coverage", Coverage.UNCOVERED.value)
                if rank[status] < rank[row["coverage"]]:
                    chain = after.get("best_chain") or []
                    lost.append({"project": project_id, "person_id": row["person_id"],
                                 "name": row["name"], "status_now": row["coverage"],
                                 "status_without": status,
                                 "best_chain": " → ".join(chain) or None,
                                 "who_else_name": chain[0] if len(chain) > 1 else None})
        plan = self.health(project=project, as_of=as_of)
        instead = {r["person_id"]: r for r in
                   self.health(project=project, as_of=as_of, avoid=[who]).rows}
        calls = [{"person_id": r["person_id"], "name": r["name"],
                  "organization": r["organization"], "kind": r["kind"],
                  "who_else_id": (instead.get(r["person_id"]) or {}).get("by_id"),
                  "who_else_name": (instead.get(r["person_id"]) or {}).get("by_name")}
                 for r in plan.rows if r["by_id"] == who]
        return ReportResult("handover", {
            "stakeholders": Part(["project", "person_id", "name", "status_now",
                                  "status_without", "best_chain", "who_else_name"], lost,
                                 shown=("project", "name", "status_now", "status_without",
                                        "best_chain", "who_else_name")),
            "calls": Part(["person_id", "name", "organization", "kind", "who_else_id",
                           "who_else_name"], calls,
                          shown=("name", "organization", "kind", "who_else_name"))})

    @_bulk
    @asks(QUESTIONS["matrix"])
    def matrix(self, project: str | None = None, *, as_of: DateLike = None) -> MatrixResult:
        """The stakeholder matrix: influence × stance quadrants with coverage
        (``graphcrm matrix``); see :func:`graphcrm.analysis.matrix.stakeholder_matrix`.

        Parameters
        ----------
        project
            The project (id or name); may be left out when the store holds one.
        as_of
            The day ties are valued at (default today).

        Returns
        -------
        MatrixResult
            One row per stakeholder: influence, stance, quadrant, coverage.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.matrix("prj-js-ess", as_of=DEMO_AS_OF).to_frame()["quadrant"].iloc[0]
        'manage closely'
        """
        G, project_id = self._project(project)
        return stakeholder_matrix(self._value(G, as_of), project_id)

    @_bulk
    def map(self, project: str | None = None, *, paths: bool = False, redact: bool = False,
            key_people: bool = False, former: bool = False,
            since: str | dt.date | None = None,
            pseudonymize: bool = False, as_of: dt.date | None = None,
            lang: str | None = None, layout: str | None = None,
            positions: str | os.PathLike[str] | Mapping[str, tuple[float, float]] | None
            = None) -> StakeholderMap:
        """The interactive map of ``project``, or of everything (by organization when large)
        (``graphcrm map``). It shows itself inline in Jupyter; ``.save(path)`` writes the page,
        ``.png(path)`` and ``.pdf(path)`` a picture and a printable page.

        ``layout`` is ``"orgchart"`` (a project's default: the customer's org chart with the
        bid drawn on it) or ``"network"`` (everyone's ties, force-directed; the default
        without a project); ``positions`` (a layout file saved by the page's "Save layout",
        or its mapping) moves the cards it knows. ``redact`` drops notes, e-mail, phone and
        informant flags; ``pseudonymize`` (implies ``redact``) replaces names with role
        labels; ``lang`` (default ``GRAPHCRM_LANG``, else the locale) the page's words. See
        :mod:`graphcrm.map`.

        Parameters
        ----------
        project
            The project (id or name): its org chart; default: the store's one project, else
            the whole network.
        paths
            Highlight the best chain to each decision maker.
        redact
            Leave out notes, e-mail, phone and informant flags: safe to share.
        pseudonymize
            Also replace names with role labels (implies ``redact``).
        as_of
            The day ties are valued at (default today).
        lang
            ``en`` or ``zh`` (default ``GRAPHCRM_LANG``, else the locale).
        since
            A snapshot (or a date): each card says what changed for its person since then
            — 新 (new), 态度↑/↓ (stance up or down), 角色变化 (roles changed).
        former
            The org chart also draws the people no longer in post, greyed where they stood,
            with since when and their successor.
        key_people
            An org chart of the key people only, for a slide: the stakeholders and their
            superiors up to the top, our people and the competitors' with a tie to one of
            them (the CLI's ``--png``, ``--pdf`` and ``--pptx`` draw this unless
            ``--all-people``).
        layout
            ``orgchart`` or ``network``.
        positions
            Card positions saved by the page (a file, or ``key → (x, y)``), or an earlier map
            page of the org chart (last week's HTML): each person who still answers to the
            same superior keeps their place, a successor takes the place of the one they
            replaced, only new people and moved subtrees are placed anew
            (:mod:`graphcrm.map.anchors`). With ``key_people``, the slide's chart that page
            kept (``page.keeping(slide)`` before ``page.save``: what ``graphcrm map -o``
            does), so that two weeks' slides can be laid side by side.

        Returns
        -------
        StakeholderMap
            Shows itself in Jupyter; ``.save``, ``.png``, ``.pdf``, ``.picture()``.

        Example
        -------
        >>> import tempfile
        >>> bid = GraphCRM(demo_store(tempfile.mkdtemp()))
        >>> bid.map("prj-js-ess").node_count  # the org chart: the organizations in the bid
        64
        >>> bid.map("prj-js-ess", layout="network").node_count  # everyone around it
        82
        """
        from graphcrm.map import (
            MapSettings,
            organization_map,
            read_positions,
            stakeholder_map,
        )
        if project is None and layout != "network":  # a store of one project: its org chart
            with open_store(self.store) as opened:
                projects = opened.load(people=()).table("projects")
            project = projects[0]["id"] if len(projects) == 1 else None
        chosen = layout or ("orgchart" if project is not None else "network")
        if chosen not in MAP_LAYOUTS:
            raise BadArgument(Said("error.layout", layouts=", ".join(MAP_LAYOUTS),
                                   value=repr(chosen)))
        from graphcrm.map.anchors import read_page

        previous = None
        if positions is not None and not isinstance(positions, Mapping):
            # an earlier map page: the same place every week (a slide: that of its slide)
            page = read_page(positions)
            previous = read_page(positions, slide=True) if key_people else page
            positions = None if page is not None else read_positions(positions)
        settings = MapSettings(paths=paths, redact=redact or pseudonymize,
                               pseudonymize=pseudonymize, lang=lang or default_lang(),
                               layout=chosen, positions=positions, key_people=key_people,
                               former=former, previous=previous)
        if project is not None:
            G, project_id = self._project(project)
            marks = self._marks_since(since, project_id) if since is not None else None
            return stakeholder_map(self._value(G, as_of),
                                   replace(settings, project=project_id, since=marks))
        with open_store(self.store) as opened:  # a big network: aggregated in the store
            people = sum(opened.counts().by_kind["people"].values())
            if people > settings.aggregate_above:
                return organization_map(opened.organization_summary(), _as_of(as_of), settings)
        return stakeholder_map(self._value(self.graph(), as_of), settings)


def _plain_value(value: Any) -> Any:
    """A value a Cypher query returned, for a DataFrame: a node or relationship as its
    properties, a temporal value as Python's."""
    if hasattr(value, "to_native"):
        return value.to_native()
    if hasattr(value, "items") and hasattr(value, "element_id"):
        return dict(value.items())
    return value


_PEOPLE_COLUMNS = ["person_id", "name", "org_id", "org_name", "org_kind", "title", "department",
                   "reports_to", "email", "phone", "status", "status_since", "former", "notes"]
_TIE_COLUMNS = ["source_id", "source_name", "target_id", "target_name", "type", "mutual",
                "strength", "level", "since", "last_contact", "weight", "cost"]
_ROLE_COLUMNS = ["project_id", "project_name", "person_id", "name", "role", "influence",
                 "stance", "notes"]


#: What a post is, in a row: ``whois``'s columns.
_POST_COLUMNS = ["person_id", "from", "to", "title", "department", "superior", "person_status"]
_SUCCESSION = ["predecessor", "successor"]
_POST_FIELDS = ("title", "department", "reports_to", "status")


def _post(record: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    superior = record.get("reports_to")
    return {"title": record.get("title"), "department": record.get("department"),
            "superior": names.get(superior, superior) if superior else None,
            "person_status": record.get("status") or PersonStatus.IN_POST.value}


def _posts(record: Mapping[str, Any], changes: builtins.list[tuple[str, Change]],
           names: Mapping[str, str]) -> builtins.list[dict[str, Any]]:
    """A person's posts over time: walk back from today's record through the recorded
    changes of their title, department, superior or status."""
    state = dict(record)
    rows: builtins.list[dict[str, Any]] = []
    until: str | None = None
    for at, change in reversed(changes):
        if change.action != UPDATE:  # its creation (or the first import): the first post
            rows.append({"from": at[:10], "to": until, **_post(state, names)})
            break
        touched = {f: v for f, v in change.fields.items() if f in _POST_FIELDS}
        if not touched:
            continue
        rows.append({"from": at[:10], "to": until, **_post(state, names)})
        until = at[:10]
        state.update({f: old for f, (old, _) in touched.items()})
    else:
        rows.append({"from": None, "to": until, **_post(state, names)})
    return rows[::-1]


def _as_of(as_of: DateLike) -> dt.date:
    """The date a question values ties at: the one asked for (in any form a Python user has:
    :func:`graphcrm.questions.as_date`), else today. Decided here, at the API's boundary, and
    nowhere below."""
    return as_date(as_of, "as_of") or dt.date.today()


def _changes_region(opened: Store, undone: builtins.list[Change],
                    projects: builtins.list[str] | None) -> set[str] | None:
    """The people ``changes`` must load so that the earlier state, rebuilt from them, holds
    the whole neighbourhood of each project (``None``: everyone).

    Every record that differs between the two states names people the undone changes
    mention (``touched``), and a chain of at most two ties in the earlier state either exists
    today or runs through touched people, so everyone within two ties today of the projects'
    stakeholders or of a touched person is enough.
    """
    if any(c.action == FROM_EMPTY for c in undone):
        return None  # before the first import: the comparison is with an empty store
    index = opened.people_index()
    touched = set().union(*(c.people() for c in undone)) & set(index)
    stakeholders = {p for p, facts in index.items()
                    if any(projects is None or project in projects for project in facts["roles"])}
    return ball(opened, stakeholders | touched, _NEIGHBOURHOOD)


def _since(since: str, sets: builtins.list[ChangeSet], snapshots: builtins.list[Snapshot],
           where: str) -> tuple[int, str]:
    """The last change set before ``since`` (a snapshot name or a date), and how to name it."""
    for snap in snapshots:
        if snap.name == since:
            return snap.change_set, f"{since!r} ({snap.at[:16].replace('T', ' ')}, " \
                                    f"{snap.author})"
    try:
        day = parse_day(since.strip())
    except ValueError:
        names = ", ".join(repr(s.name) for s in snapshots) or Said("none")
        raise LookupFailed(Said("error.no_since", since=repr(since), names=names)) from None
    if not sets:
        raise Conflict(Said("error.no_history", where=where, day=day))
    first = dt.datetime.fromisoformat(sets[0].at)
    if day < first.date():
        raise Conflict(Said("error.history_starts", day=day, where=where, first=first.date(),
                            command=sets[0].command))
    start = dt.datetime.combine(day, dt.time()).astimezone()
    boundary = max((s.id for s in sets if dt.datetime.fromisoformat(s.at) < start), default=0)
    return boundary, str(day)


def _project_id(opened: Store, text: str | None) -> str:
    """The id of the project ``text`` names in the store (:func:`graphcrm.lookup.find_project`:
    its id or its name, or with no text the store's only project)."""
    return find_project(opened.load(people=()).table("projects"), text)  # nobody loaded

def _people(opened: Store, texts: builtins.list[str]) -> dict[str, dict]:
    """The part of the people index a question about the people ``texts`` name needs: those
    whose id or exact name they are, our people and the stakeholders (read through the
    store's indexes); the whole index only when a text matches nobody that way, so that
    :func:`~graphcrm.lookup.find_person` can try its case- and width-insensitive match."""
    index = opened.people_index(named=texts, involved=True)
    names = {facts["name"] for facts in index.values()}
    if all(text in index or text in names for text in texts):
        return index
    return opened.people_index()


def _unrevertable(target: ChangeSet, later: Sequence[ChangeSet]) -> Said | None:
    """Why change set ``target`` cannot be reverted (see :meth:`GraphCRM.revert`), or None."""
    if any(c.action == FROM_EMPTY for c in target.changes):
        return Said("revert.from_empty")
    if not target.changes:
        return Said("revert.nothing")
    mine = {(c.table, c.key) for c in target.changes}
    again = sorted({s.id for s in later for c in s.changes if (c.table, c.key) in mine})
    if again:
        return Said("revert.changed_again", n=len(again), sets=", ".join(map(str, again)))
    return None


def _refuse_dangling(opened: Store, change_set: int, undo: Sequence[Change]) -> None:
    """Refuse a revert that would remove people, organizations or projects that records it
    leaves in place refer to (a colleague's tie to a person the change set added, a person
    at an organization it created): nothing is left pointing at nothing."""
    going = {(c.table, c.key[0]) for c in undo if c.action == REMOVE and c.table in _ENTITIES}
    if not going:
        return
    removed = {(c.table, c.key) for c in undo if c.action == REMOVE}
    everything = opened.load()
    held: list[Said] = []
    for table, records in everything:
        for record in records:
            if (table, record_key(table, record)) in removed:
                continue
            for column in SCHEMA[table].columns:
                value = record.get(column.name)
                if column.references and (column.references, value) in going:
                    held.append(Said("revert.held", table=Said(f"stats.{table}"),
                                     record=Listed([vocabulary_member(table, c, k) for c, k in
                                                    zip(SCHEMA[table].key,
                                                        record_key(table, record), strict=True)
                                                    if k], sep=" "),
                                     column=Field(column.name), value=value))
    if held:
        raise Conflict(Said("error.revert_referred", number=change_set,
                            held=Listed(held, sep=", ", zh_sep="；", limit=5)))


#: Tables whose records other records refer to by id.
_ENTITIES = ("organizations", "people", "projects")


def _refuse_losses(planned: ImportSummary) -> None:
    """Refuse a sync that would remove more of a table than the files list of it, or mark
    more people as gone than its people sheet lists (a sheet cut short by mistake)."""
    gone = [c.label or c.key[0] for c in planned.changes if c.table == "people"
            and c.action == UPDATE
            and c.fields.get("status", (None, None))[1] == PersonStatus.LEFT
            and "status_since" in c.fields]
    listed = next((t.rows for t in planned.tables if t.table == "people"), 0) - len(gone)
    if len(gone) > max(listed, 2):
        raise Conflict(Said("error.sync_cut_short", n=len(gone), listed=listed,
                            names=Listed(gone, sep=", ", zh_sep="、", limit=5)))
    lost = [t for t in planned.tables if t.removed > t.rows]
    if lost:
        counts = Listed([Said("import.removed_listed", table=Said(f"stats.{t.table}"),
                              n=t.removed, listed=t.rows) for t in lost], sep="; ", zh_sep="；")
        raise Conflict(Said("error.sync_removes_more", counts=counts))


def _stored_parents(opened: Store) -> Callable[[str, Collection[str]], dict[str, str | None]]:
    """The stored superiors (people) and parent organizations of some ids, read as asked
    (validation follows reporting chains into the store to find cycles)."""
    organizations: dict[str, str | None] = {}

    def parents(table: str, ids: Collection[str]) -> dict[str, str | None]:
        if table == "people":
            return {r["id"]: r.get("reports_to")
                    for r in opened.load(people=sorted(ids)).table("people")}
        if not organizations:
            organizations.update({o["id"]: o.get("parent_id")
                                  for o in opened.load(people=()).table("organizations")})
        return {i: organizations.get(i) for i in ids}

    return parents


def _known_names(opened: Store, index: dict[str, dict]) -> dict[str, dict[str, set[str]]]:
    """Who is called what in the store: ``table → name → ids`` (references by name)."""
    names: dict[str, dict[str, set[str]]] = {"organizations": {}, "people": {}, "projects": {}}
    for person, facts in index.items():
        names["people"].setdefault(facts["name"], set()).add(person)
    base = opened.load(people=())  # every organization and project, nobody loaded
    for table in ("organizations", "projects"):
        for record in base.table(table):
            names[table].setdefault(record["name"], set()).add(record["id"])
    return names


def _ours(index: dict[str, dict], project: str | None) -> builtins.list[str]:
    """Our people from a people index: the project's bid team, else everyone at ``own`` —
    those still in post (someone of ours who left starts no chain)."""
    return our_side(((p, d["org_kind"], d["roles"]) for p, d in index.items()
                     if not is_former(d.get("status"))), project)
