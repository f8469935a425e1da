"""Contacts from where they already live: calendar, mail and contact-card files read against
a store, and the review list of those nobody is known for.

:func:`graphcrm.ingest.formats.by_family` tells an import's files apart by content (the
format registry); :func:`extra_tables` turns
calendar, mail and contact-card files into the tables an import validates with the rest
(interactions; people and new organizations), matched against the store's people and those
of the same import's table files (see :mod:`graphcrm.ingest.participants`);
:func:`review_additions` gives the contacts who match nobody and the proposed ties, which the
store puts on its review list in the import's own transaction, and :func:`to_review` leaves
those the user chose to ignore out of the import's report. :class:`graphcrm.api.GraphCRM`
lists and settles the review list (``graphcrm review``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from graphcrm.errors import BadArgument, LookupFailed
from graphcrm.ingest.participants import (
    ActivityReport,
    Directory,
    activity_tables,
    contact_tables,
    moved_ties,
    split_list,
    suggested_strength,
    tie_suggestions,
)
from graphcrm.ingest.readers import RawTable
from graphcrm.records import Dataset
from graphcrm.stores import Store
from graphcrm.words import Said

__all__ = ["extra_tables", "to_review", "tie_strength", "review_entry",
           "organization_for", "review_additions"]


def review_additions(report: ActivityReport | None) -> list[dict[str, Any]]:
    """The review-list entries an import adds (its unmatched contacts and proposed ties),
    written in the import's own transaction (:meth:`Store.import_dataset`)."""
    if report is None:
        return []
    return [u.entry() for u in report.unmatched.values()] + [
        {k: s[k] for k in ("key", "address", "name", "meetings")} for s in report.suggested]


def to_review(opened: Store, report: ActivityReport) -> None:
    """Leave the contacts and ties the user chose to ignore out of the import's report."""
    keys = [*report.unmatched, *(s["key"] for s in report.suggested)]
    if not keys:
        return
    decided = {e["key"]: e["status"] for e in opened.review_entries(keys)}
    report.unmatched = {k: u for k, u in report.unmatched.items()
                        if decided.get(k) != "ignored"}
    report.suggested = [s for s in report.suggested if decided.get(s["key"]) != "ignored"]


def tie_strength(entry: Mapping[str, Any], today: dt.date | None = None) -> int:
    """The strength proposed for the tie of a ``tie:`` review entry, as of ``today``."""
    last = max(m[0] for m in entry["meetings"])
    return suggested_strength(len(entry["meetings"]), dt.date.fromisoformat(last),
                              today or dt.date.today())


def review_entry(opened: Store, contact: str) -> dict[str, Any]:
    """The review entry of ``contact`` (an address, any case, or a name)."""
    text = contact.strip()
    for key in dict.fromkeys((text, text.lower(), f"name:{text}")):
        found = opened.review_entries([key])
        if found:
            return found[0]
    named = [e for e in opened.review_entries() if e["name"] == text]
    if len(named) == 1:
        return named[0]
    raise LookupFailed(Said("error.not_on_review", contact=repr(contact)))


def organization_for(organizations: Sequence[Mapping[str, Any]], entry: Mapping[str, Any],
                     org: str | None) -> str:
    """The organization a new person from the review list works at: the one named, else
    the one whose mail domains hold their address's domain."""
    if org is not None:
        for field in ("id", "name"):
            found = [o["id"] for o in organizations if o.get(field) == org]
            if len(found) == 1:
                return found[0]
        raise LookupFailed(Said("error.no_organization", org=repr(org)))
    domain = (entry.get("address") or "").rpartition("@")[2]
    found = [o["id"] for o in organizations
             if domain and any(domain == d or domain.endswith("." + d)
                               for d in split_list(o.get("domains")))]
    if len(found) == 1:
        return found[0]
    raise BadArgument(Said("error.no_domain", domain=domain or "—") if not found else
                      Said("error.several_domains", domain=domain))


def extra_tables(activities: list[Path], cards: list[Path],
                 index: Mapping[str, Mapping], organizations: Sequence[Mapping[str, Any]],
                 stored: Callable[[Collection[str]], Dataset] | None, files: Dataset,
                 options: dict) -> tuple[list[RawTable], ActivityReport]:
    """The tables calendar, mail and contact-card files make: interactions, and people
    (with new organizations); matched against the store's people and organizations
    (``stored(ids)`` loads some people of the store with their ties and interactions; None
    for a new store) and those of the import's own table files (``files``, validated)."""
    people = {p: dict(d) for p, d in index.items()}
    orgs = {o["id"]: dict(o) for o in organizations}
    records: dict[str, Mapping[str, Any]] = {}
    if files.records:  # the same import's people and organizations count too
        for org in files.table("organizations"):
            orgs[org["id"]] = {**orgs.get(org["id"], {}),
                               **{k: v for k, v in org.items() if v is not None}}
        for person in files.table("people"):
            known = people.get(person["id"], {})
            org = orgs.get(person["org_id"], {})
            people[person["id"]] = {
                "name": person["name"], "org_id": person["org_id"],
                "org_name": org.get("name") or known.get("org_name"),
                "org_kind": org.get("kind") or known.get("org_kind"),
                "email": person.get("email") or known.get("email"),
                "phone": person.get("phone") or known.get("phone")}
            records[person["id"]] = person
    directory = Directory(people, {o: d.get("domains") for o, d in orgs.items()})
    tables: list[RawTable] = []
    report = ActivityReport()
    if cards:
        def lookup(ids: Collection[str]) -> Mapping[str, Mapping[str, Any]]:
            wanted = [i for i in ids if i not in records]
            found = {r["id"]: r for r in stored(wanted).table("people")} if stored else {}
            return {**found, **{i: records[i] for i in ids if i in records}}

        made, report.cards = contact_tables(cards, directory, orgs.values(), lookup,
                                            options["limits"])
        tables += made
    if activities:
        made, found = activity_tables(activities, directory,
                                      options["until"] or dt.date.today(),
                                      only_domains=options["only_domains"],
                                      skip_domains=options["skip_domains"],
                                      keep_subjects=options["keep_subjects"],
                                      limits=options["limits"])
        found.cards = report.cards
        report = found
        tables += made
        named = {*report.interactions, *(p for u in report.unmatched.values() for p in u.ours)}
        report.names = {p: str(people[p].get("name")) for p in named if p in people}
        met: dict[tuple[str, str], str] = {}
        for table in made:
            for _, (date, contact, ours, *_rest) in table.rows:
                met[(contact, ours)] = max(met.get((contact, ours), ""), date)
        before = stored({p for pair in met for p in pair}) if stored and met else Dataset()
        if stored is not None and met:
            report.moved = moved_ties(met, before.table("relationships"),
                                      before.table("interactions"))
            report.names.update({p: str(people[p].get("name")) for a, b, *_ in report.moved
                                 for p in (a, b) if p in people})
        if options["suggest_ties"]:
            report.names.update({p: str(people[p].get("name")) for pair in report.pairs
                                 for p in pair if p in people})
            report.suggested = tie_suggestions(
                report, [*before.table("relationships"), *files.table("relationships")],
                options["suggest_ties"], options["until"] or dt.date.today())
    return tables, report
