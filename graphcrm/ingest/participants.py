"""Who is who in a calendar or a mailbox: participants matched to people, and the
interactions their meetings and messages make.

A participant is one of **our people** when their address is a person's of ours (an
``own`` organization's), or when its domain is one of our organizations' mail ``domains``
(``organizations.domains``, several allowed) — and then it must be one of ours we know by
address, or the activity cannot be credited to anyone and is left out. Any other participant
is a **contact** when their address is a person's e-mail address (``people.email`` may hold
several, separated by ``;`` or ``,``), else when their display name is exactly one person's
name. A contact who matches nobody is **unmatched**: never created silently, but listed with
how often and when they met us, for the user to add.

``only_domains`` keeps only contacts at those domains (and their subdomains); ``skip_domains``
leaves contacts at those domains out (private mail: ``qq.com``, ``gmail.com``). An activity
with none of our people, or none but our people (internal), makes nothing.

Every activity between one of our people and a matched contact makes an interaction on its
day, through its channel (``meeting``, ``call``, ``email``); an interaction is the store's
(date, contact, our person, channel), so the same meeting in two exports, or a day's thread of
mails, is one interaction. Its subject is kept as the interaction's notes only when asked.

Example
-------
>>> from graphcrm.ingest.activity import Activity, Attendee
>>> people = {"us": {"name": "Lin", "org_id": "o", "org_kind": "own", "email": "lin@us.cn"},
...           "c1": {"name": "王伟", "org_id": "c", "org_kind": "customer", "email": None}}
>>> who = Directory(people, {"o": "us.cn"})
>>> meet = Activity("k", dt.date(2026, 10, 1), "meeting",
...                 (Attendee("lin@us.cn", "Lin"), Attendee("w@c.cn", "王伟")), None, "event 1")
>>> rows, report = interactions_from([("cal.ics", [meet])], who)
>>> rows[0][1]
[('2026-10-01', 'c1', 'us', 'meeting', '')]
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from graphcrm.domain import OrgKind, TieType, normalize_token
from graphcrm.errors import InputError, Problem, ValidationFailed
from graphcrm.ingest.activity import Activity, Attendee, read_activity
from graphcrm.ingest.cards import Card, parse_cards
from graphcrm.ingest.limits import DEFAULT_LIMITS, Limits, check_size
from graphcrm.ingest.readers import RawTable
from graphcrm.ingest.validate import derived_id
from graphcrm.words import Said, os_reason

__all__ = ["Directory", "ActivityReport", "Unmatched", "interactions_from", "split_list",
           "INTERACTION_COLUMNS", "activity_tables", "phone_key", "CardReport", "card_person",
           "card_tables", "CARD_COLUMNS", "contact_tables", "CARD_SOURCE", "moved_ties",
           "suggested_strength", "tie_suggestions", "SUGGESTION_HALF_LIFE"]

#: The columns of the interactions an activity import makes.
INTERACTION_COLUMNS = ["date", "person_id", "our_person_id", "channel", "notes"]
_SPLIT = re.compile(r"[;,，；、\s]+")


def split_list(text: str | None) -> list[str]:
    """Addresses or domains in one cell, lower case.

    >>> split_list("a@x.cn; B@y.cn，c@z.cn")
    ['a@x.cn', 'b@y.cn', 'c@z.cn']
    """
    return [value for part in _SPLIT.split(text or "")
            if (value := part.strip().lower().lstrip("@"))]


def phone_key(number: str) -> str:
    """A phone number as matched: its last eleven digits (a Chinese mobile without +86).

    >>> phone_key("+86 139-1111-0201"), phone_key("13911110201")
    ('13911110201', '13911110201')
    """
    digits = re.sub(r"\D", "", number)
    return digits[-11:] if len(digits) >= 7 else ""


def _domain_in(domain: str, domains: Collection[str]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in domains)


@dataclass
class Directory:
    """The people an activity import matches against: ``people`` by id (``name``,
    ``org_id``, ``org_kind``, ``email``, ``phone``; as a store's people index gives them)
    and the mail domains of organizations (``org_id → domains text``)."""

    people: Mapping[str, Mapping[str, Any]]
    domains: Mapping[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_address: dict[str, set[str]] = defaultdict(set)
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_phone: dict[str, set[str]] = defaultdict(set)
        for person, data in self.people.items():
            for address in split_list(data.get("email")):
                self.by_address[address].add(person)
            for number in re.split(r"[;,，；、/]+", str(data.get("phone") or "")):
                if phone_key(number):
                    self.by_phone[phone_key(number)].add(person)
            if data.get("name"):
                self.by_name[str(data["name"]).strip()].add(person)
        own_orgs = {d.get("org_id") for d in self.people.values()
                    if d.get("org_kind") == OrgKind.OWN}
        self.own_domains = {d for org, text in self.domains.items() if org in own_orgs
                            for d in split_list(text)}

    def ours(self, attendee: Attendee) -> bool:
        """Whether ``attendee`` is one of us (by address or by our mail domain)."""
        found = self.by_address.get(attendee.address, set())
        if any(self.people[p].get("org_kind") == OrgKind.OWN for p in found):
            return True
        domain = attendee.address.rpartition("@")[2]
        return bool(domain) and _domain_in(domain, self.own_domains)

    def who(self, attendee: Attendee) -> str | None:
        """The one person ``attendee`` is (by address, then by exact name), or ``None``."""
        found = self.by_address.get(attendee.address) if attendee.address else None
        if found and len(found) == 1:
            return next(iter(found))
        named = self.by_name.get(attendee.name.strip()) if attendee.name else None
        if not found and named and len(named) == 1:
            return next(iter(named))
        return None


@dataclass
class Unmatched:
    """An outside participant nobody is known for: their address and name, how many
    activities, first and last day, which of us met them, and the interactions they would
    make (``(date, our person, channel)``) once the user says who they are."""

    address: str
    name: str
    count: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    ours: set[str] = field(default_factory=set)
    meetings: set[tuple[str, str, str]] = field(default_factory=set)

    @property
    def key(self) -> str:
        """How the review list knows them: the address, else ``name:<name>``."""
        return self.address or f"name:{self.name}"

    def entry(self) -> dict[str, Any]:
        """As an entry of the review list (:meth:`graphcrm.stores.Store.remember_review`)."""
        return {"key": self.key, "address": self.address or None, "name": self.name or None,
                "meetings": [list(m) for m in sorted(self.meetings)]}


@dataclass
class ActivityReport:
    """What an activity import found, per file and in all."""

    read: Counter = field(default_factory=Counter)  # file → events or messages
    kinds: dict[str, str] = field(default_factory=dict)  # file → calendar or mail
    used: int = 0
    internal: int = 0
    without_us: int = 0
    private: int = 0
    interactions: Counter = field(default_factory=Counter)  # contact id → interactions
    unmatched: dict[str, Unmatched] = field(default_factory=dict)
    cards: CardReport | None = None  # what contact cards gave, when there were any
    names: dict[str, str] = field(default_factory=dict)  # person id → name, for reports
    #: ties whose last contact the import moves: (a, b, before, after)
    moved: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: (contact, our person) → the days and channels of every activity between them
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    #: ties proposed for pairs who met often with no KNOWS tie (review list entries)
    suggested: list[dict[str, Any]] = field(default_factory=list)
    #: messages left out as dated after the import date: (file, message number, date)
    future: list[tuple[str, int, str]] = field(default_factory=list)


def interactions_from(files: Iterable[tuple[str, list[Activity]]], directory: Directory, *,
                      only_domains: Collection[str] = (), skip_domains: Collection[str] = (),
                      keep_subjects: bool = False
                      ) -> tuple[list[tuple[str, list[tuple[str, ...]]]], ActivityReport]:
    """The interaction rows the activities of ``files`` (``(source, activities)``) make, per
    file (``(source, rows)``; each row as :data:`INTERACTION_COLUMNS`), and the report.

    The same activity (by key) in several files counts once, and so does an interaction
    (date, contact, our person, channel) several activities make; the first subject wins.
    """
    report = ActivityReport()
    only = [d.lower().lstrip("@") for d in only_domains]
    skip = [d.lower().lstrip("@") for d in skip_domains]
    seen: set[str] = set()
    made: dict[tuple[str, str, str, str], str] = {}
    out: list[tuple[str, list[tuple[str, ...]]]] = []
    for source, activities in files:
        report.read[source] += len(activities)
        rows: list[tuple[str, ...]] = []
        for activity in activities:
            if activity.key in seen:
                continue
            seen.add(activity.key)
            us = {p for a in activity.people if directory.ours(a)
                  for p in [directory.who(a)] if p is not None}
            outside = [a for a in activity.people if not directory.ours(a)]
            if not outside:
                report.internal += 1
                continue
            kept = []
            for attendee in outside:
                domain = attendee.address.rpartition("@")[2]
                if (only and not (domain and _domain_in(domain, only))) or \
                        (domain and _domain_in(domain, skip)):
                    continue
                kept.append(attendee)
            if not kept:
                report.private += 1
                continue
            if not us:
                report.without_us += 1
                continue
            report.used += 1
            for attendee in kept:
                contact = directory.who(attendee)
                if contact is None or directory.people[contact].get("org_kind") == OrgKind.OWN:
                    if contact is None:
                        _note(report, attendee, activity, us)
                    continue
                for mine in sorted(us):
                    report.pairs.setdefault((contact, mine), []).append(
                        (activity.date.isoformat(), activity.channel))
                    key = (activity.date.isoformat(), contact, mine, activity.channel)
                    if key in made:
                        continue
                    made[key] = activity.subject or ""
                    report.interactions[contact] += 1
                    rows.append((*key, (activity.subject or "") if keep_subjects else ""))
        out.append((source, rows))
    return out, report


def _note(report: ActivityReport, attendee: Attendee, activity: Activity,
          us: set[str]) -> None:
    token = attendee.address or f"name:{attendee.name}"
    entry = report.unmatched.setdefault(token, Unmatched(attendee.address, attendee.name))
    entry.meetings |= {(activity.date.isoformat(), mine, activity.channel) for mine in us}
    entry.count += 1
    entry.name = entry.name or attendee.name
    entry.first = min(filter(None, [entry.first, activity.date]))
    entry.last = max(filter(None, [entry.last, activity.date]))
    entry.ours |= us


def activity_tables(paths: Iterable[Path], directory: Directory, until: dt.date, *,
                    only_domains: Collection[str] = (), skip_domains: Collection[str] = (),
                    keep_subjects: bool = False, limits: Limits = DEFAULT_LIMITS
                    ) -> tuple[list[RawTable], ActivityReport]:
    """Read calendar and mail files and turn them into ``interactions`` tables for the
    import's validation, with the report of what they held.

    Raises
    ------
    ValidationFailed
        An event or message is malformed (each one is listed: file, event or message
        number, what is wrong); nothing is imported.
    InputError
        A file cannot be read, or is larger than ``limits`` allow.
    """
    files = []
    problems = []
    for path in paths:
        try:
            check_size(path, limits)
            found = read_activity(path, until, limits.max_occurrences)
        except OSError as err:
            raise InputError(Said("error.cannot_read", path=path, why=os_reason(err))) from None
        problems += [Problem(str(path), "interactions", None, None, None, text)
                     for text in found.problems]
        files.append((str(path), found))
    if problems:
        raise ValidationFailed(problems)
    made, report = interactions_from(((s, f.activities) for s, f in files), directory,
                                     only_domains=only_domains, skip_domains=skip_domains,
                                     keep_subjects=keep_subjects)
    for source, found in files:
        report.read[source] = found.items
        report.kinds[source] = found.kind
        report.future += [(source, n, day.isoformat()) for n, day in found.future]
    columns = INTERACTION_COLUMNS if keep_subjects else INTERACTION_COLUMNS[:-1]
    tables = [RawTable("interactions", source, list(columns),
                       [(number, list(row[:len(columns)]))
                        for number, row in enumerate(rows, start=2)], generated=True)
              for source, rows in made if rows]
    return tables, report


# -- contact cards ----------------------------------------------------------------------------

#: The people columns a contact-card import writes.
CARD_COLUMNS = ["id", "name", "org_id", "department", "title", "email", "phone"]
#: The source the tables made from contact cards name (they come from several files).
CARD_SOURCE = "contact cards"


@dataclass
class CardReport:
    """What contact cards gave: per file the cards read; people new and already known (by
    id), organizations new (by name), and cards left out (no organization) by where."""

    read: Counter = field(default_factory=Counter)
    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def card_person(card: Card, directory: Directory) -> str | None:
    """The known person a card is: by an e-mail address, then a phone number, then the exact
    name at the organization of the same name. A namesake at another organization, or a
    card that names none, is somebody else: identities never merge across organizations.

    >>> d = Directory({"p1": {"name": "王建国", "org_name": "东方新能源"}})
    >>> def card(org):
    ...     return Card("王建国", org, None, None, (), (), "card 1")
    >>> [card_person(card(org), d) for org in ("东方新能源", "远大咨询", None)]
    ['p1', None, None]
    """
    for found in ([directory.by_address.get(a, set()) for a in card.emails]
                  + [directory.by_phone.get(phone_key(t), set()) for t in card.phones]):
        if len(found) == 1:
            return next(iter(found))
    if not card.organization:
        return None
    named = directory.by_name.get(card.name.strip(), set())
    at = [p for p in named
          if _same_name(directory.people[p].get("org_name"), card.organization)]
    return at[0] if len(at) == 1 else None


def _same_name(a: object, b: object) -> bool:
    """The same organization's name, by the one folding rule
    (:func:`graphcrm.domain.normalize_token`: full-width, case and spacing aside)."""
    return bool(a) and bool(b) and normalize_token(str(a)) == normalize_token(str(b))


#: How :func:`_matched` names a person a card will create (its name and organization).
_NEW = "\x1fnew:"


def _matched(cards: list[tuple[str, Card]], directory: Directory) -> list[str | None]:
    """The known person each card is (:func:`card_person`), as the import will leave them:
    a card matched gives its person its addresses and numbers, so that another card with
    one of them is that person too, on this import as on the next one. When nothing more
    matches, each card left with an organization stands for the new person it will create
    (``_NEW`` + name and organization), lending them its addresses likewise. Passes until
    nothing more matches (a second pass is rare, a third rarer)."""
    found: list[str | None] = [None] * len(cards)

    def lend(i: int, person: str) -> None:
        found[i] = person
        for address in cards[i][1].emails:
            directory.by_address[address].add(person)
        for number in cards[i][1].phones:
            if phone_key(number):
                directory.by_phone[phone_key(number)].add(person)

    left = list(range(len(cards)))
    creating = False
    while left:
        now = [(i, card_person(cards[i][1], directory)) for i in left]
        hits = [(i, person) for i, person in now if person is not None]
        for i, person in hits:
            lend(i, person)
        left = [i for i, person in now if person is None]
        if hits:
            continue
        fresh = [i for i in left if cards[i][1].organization]
        if creating or not fresh:
            break
        creating = True
        for i in fresh:
            card = cards[i][1]
            lend(i, f"{_NEW}{card.name}\x1f{card.organization}")
        left = [i for i in left if found[i] is None]
    return found


def card_tables(files: Iterable[tuple[str, list[Card]]], directory: Directory,
                organizations: Iterable[Mapping[str, Any]],
                stored: Callable[[Collection[str]], Mapping[str, Mapping[str, Any]]]
                ) -> tuple[list[RawTable], CardReport]:
    """People (and new organizations) from contact cards, as tables for the import's
    validation and change plan.

    A card that is someone known updates them: their addresses and numbers are joined to
    the stored ones, a title the card gives replaces the stored one, and their name and
    organization stay as they are (``stored(ids)`` gives their records). Any other card is a
    new person (a stable id from name and organization) at the organization of that exact
    name, or a new one of kind ``other``. A card with no organization is left out (said in
    the report): a person needs one.
    """
    report = CardReport()
    by_name: dict[str, list[str]] = defaultdict(list)
    for org in organizations:
        by_name[str(org["name"])].append(str(org["id"]))
    everything = [(source, card) for source, cards in files for card in cards]
    for source, cards in files:
        report.read[source] += len(cards)
    people = _matched(everything, directory)
    matched = [(source, card, person)
               for (source, card), person in zip(everything, people, strict=True)]
    records = stored({p for _, _, p in matched if p and not p.startswith(_NEW)})
    rows: dict[str, list[str]] = {}
    new_orgs: dict[str, str] = {}
    for source, card, person in matched:
        if person is not None and person.startswith(_NEW):  # a new person, as its first card
            name, organization = person.removeprefix(_NEW).split("\x1f", 1)
            card, person = replace(card, name=name, organization=organization), None
        if person is not None:
            old = records.get(person) or directory.people[person]
            row = dict(old)
            if card.title:
                row["title"] = card.title
            row["department"] = old.get("department") or card.department
            report.known.append(person)
        elif card.organization:
            ids = sorted(by_name.get(card.organization, []))
            if ids:
                org_id = ids[0]
            else:
                org_id = new_orgs.setdefault(card.organization, derived_id(
                    "organizations", {"name": card.organization}))
            row = {"name": card.name, "org_id": org_id, "department": card.department,
                   "title": card.title}
            row["id"] = derived_id("people", row)
            old = {}
            if row["id"] not in rows:  # each new person once (rows holds every one so far)
                report.new.append(row["id"])
        else:
            report.left_out.append(Said("cards.left_out", source=source, where=card.where,
                                        name=card.name))
            continue
        emails = list(dict.fromkeys([*split_list(old.get("email")), *card.emails]))
        phones = list(dict.fromkeys([p.strip() for p in re.split(
            r"[;,，；、]+", str(old.get("phone") or "")) if p.strip()] + list(card.phones)))
        row["email"], row["phone"] = "; ".join(emails), "; ".join(phones)
        if row["id"] in rows:  # two cards of one person: the addresses of both
            earlier = dict(zip(CARD_COLUMNS, rows[row["id"]], strict=True))
            for column in ("email", "phone"):
                both = [*re.split(r"; ", earlier[column]), *re.split(r"; ", row[column])]
                row[column] = "; ".join(dict.fromkeys(v for v in both if v))
            for column in ("title", "department"):  # a card that gives none keeps the other's
                row[column] = row.get(column) or earlier[column]
        rows[row["id"]] = [str(row.get(c) or "") for c in CARD_COLUMNS]
    report.organizations = sorted(new_orgs)
    tables = []
    if new_orgs:
        tables.append(RawTable("organizations", CARD_SOURCE, ["id", "name", "kind"],
                               [(i, [org_id, name, OrgKind.OTHER.value]) for i, (name, org_id)
                                in enumerate(sorted(new_orgs.items()), start=2)],
                               generated=True))
    if rows:
        tables.append(RawTable("people", CARD_SOURCE, list(CARD_COLUMNS),
                               [(i, cells) for i, cells in enumerate(rows.values(), start=2)],
                               generated=True))
    return tables, report


def contact_tables(paths: Iterable[Path], directory: Directory,
                   organizations: Iterable[Mapping[str, Any]],
                   stored: Callable[[Collection[str]], Mapping[str, Mapping[str, Any]]],
                   limits: Limits = DEFAULT_LIMITS) -> tuple[list[RawTable], CardReport]:
    """Read vCard and LinkedIn files and make the people tables :func:`card_tables` makes.

    Raises
    ------
    ValidationFailed
        A card has no name (each one is listed by file and card or row); nothing is
        imported.
    InputError
        A file cannot be read, or is larger than ``limits`` allow.
    """
    files, problems = [], []
    for path in paths:
        check_size(path, limits)
        try:
            found = parse_cards(path.read_bytes(), str(path))
        except OSError as err:
            raise InputError(Said("error.cannot_read", path=path, why=os_reason(err))) from None
        problems += [Problem(str(path), "people", None, None, None, text)
                     for text in found.problems]
        files.append((str(path), found.cards))
    if problems:
        raise ValidationFailed(problems)
    return card_tables(files, directory, organizations, stored)


def moved_ties(met: Mapping[tuple[str, str], str], ties: Iterable[Mapping[str, Any]],
               interactions: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, str, str]]:
    """The ties whose last contact the new interactions move later: ``(a, b, before,
    after)`` for each KNOWS tie between a pair in ``met`` (``(contact, our person) → the
    latest new date``), ``before`` being the later of the tie's recorded last contact and
    the latest stored interaction between the two (``""`` when there is none), as
    :func:`graphcrm.graph.build_graph` reckons it.

    >>> moved_ties({("c", "us"): "2026-11-25"},
    ...            [{"source": "us", "target": "c", "type": "KNOWS", "last_contact": "2026-10-01"}],
    ...            [{"person_id": "c", "our_person_id": "us", "date": "2026-10-20"}])
    [('us', 'c', '2026-10-20', '2026-11-25')]
    """
    latest: dict[frozenset[str], str] = {}
    for row in interactions:
        pair = frozenset((row["person_id"], row.get("our_person_id") or ""))
        latest[pair] = max(latest.get(pair, ""), str(row["date"]))
    wanted = {frozenset(pair): date for pair, date in met.items()}
    out = []
    for tie in ties:
        if tie["type"] != TieType.KNOWS.value:
            continue
        pair = frozenset((tie["source"], tie["target"]))
        if pair not in wanted:
            continue
        before = max(str(tie.get("last_contact") or ""), latest.get(pair, ""))
        if wanted[pair] > before:
            out.append((tie["source"], tie["target"], before, wanted[pair]))
    return sorted(out)


#: The half-life, in days, of how much a past meeting says about a tie today.
SUGGESTION_HALF_LIFE = 180


def suggested_strength(count: int, last: dt.date, today: dt.date) -> int:
    """The strength proposed for a tie between two people who met or mailed ``count`` times,
    last on ``last``: ``1 + log2(count) × 2^(-days since last / 180)``, rounded and kept
    within 1–5. Frequency raises it (2 meetings: 2, 4: 3, 8: 4, 16 or more: 5, all recent);
    a pair who stopped meeting half a year ago gets half the lift.

    >>> today = dt.date(2026, 11, 28)
    >>> [suggested_strength(n, today, today) for n in (1, 2, 4, 8, 16, 64)]
    [1, 2, 3, 4, 5, 5]
    >>> suggested_strength(8, dt.date(2026, 5, 28), today)  # 1 + 3 × 0.49, rounded
    2
    """
    days = max(0, (today - last).days)
    lift = math.log2(max(1, count)) * 2 ** (-days / SUGGESTION_HALF_LIFE)
    return max(1, min(5, round(1 + lift)))


def tie_suggestions(report: ActivityReport, ties: Iterable[Mapping[str, Any]], at_least: int,
                    today: dt.date) -> list[dict[str, Any]]:
    """Review-list entries proposing a KNOWS tie for each pair of ours and a contact who met
    or mailed on at least ``at_least`` days (a day and channel counting once) in the files
    and have no KNOWS tie (``ties``: the store's and the files' relationships). The entry's
    key is ``tie:<our id>:<contact id>``, its ``meetings`` the pair's activities,
    ``strength`` :func:`suggested_strength`."""
    tied = {frozenset((t["source"], t["target"])) for t in ties
            if t["type"] == TieType.KNOWS.value}
    out = []
    for (contact, ours), activities in sorted(report.pairs.items()):
        met = sorted(set(activities))  # a day's meetings (or mails) count once
        if len(met) < at_least or frozenset((contact, ours)) in tied:
            continue
        days = [day for day, _ in met]
        out.append({"key": f"tie:{ours}:{contact}", "address": None,
                    "name": f"{report.names.get(ours, ours)} — "
                            f"{report.names.get(contact, contact)}",
                    "meetings": [[day, ours, channel] for day, channel in met],
                    "strength": suggested_strength(len(met), dt.date.fromisoformat(max(days)),
                                                   today)})
    return out
