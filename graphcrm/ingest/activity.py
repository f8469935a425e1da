"""Read who met or mailed whom, and when, from calendar and mail exports: headers only.

Three formats, recognised by their content (not only their extension):

* **iCalendar** (``.ics``: Outlook, Google, Apple, Feishu/Lark and DingTalk export it): each
  event's organizer and attendees (an attendee who declined does not count) on the date of
  its start, read with the maintained ``icalendar`` parser. A recurring event counts each
  occurrence of the last two years (:data:`RECURRENCE_YEARS`) up to the import date
  (``recurring-ical-events``); a rule that would make the library step through more than
  ``max_occurrences`` instances from its start (an event every minute since 2020) is a
  problem, found before any is made. Google's ``X-WR-TIMEZONE`` is honoured. An event is a
  ``call`` when its summary or location says so (call, phone, 电话, 通话, 致电), else a
  ``meeting``.
* **A mailbox** (``.mbox``, as Thunderbird and Google Takeout write it) or **one message**
  (``.eml``): each message's From, To and Cc on its Date, as an ``email``. Only the header
  block is parsed (the standard library's ``email``; RFC 2047 encoded words in GB2312, GBK
  or UTF-8 decoded, raw 8-bit GBK headers read as GB18030); a body is never read. In a
  mailbox a message starts at a ``From`` line of the mbox form (``From sender Mon Nov  2
  10:00:00 2026``) after a blank line, so a body's unescaped "From the desk of …" is no
  message.

Dates: an event after the import date has not happened yet and does not count; a message
dated more than a day after it (:data:`FUTURE_DAYS`: a sender's clock or zone may be ahead)
cannot have been sent, and is left out and said; either before 1970 is a problem.

The date is the day in the event's own time zone, or the sender's for a message (a time in
UTC is taken in the machine's local zone; a zone the system does not know, as written). Each
activity has a **key**: the event's UID with the occurrence's date, the message's Message-ID
with a digest of its From, To, Cc, Date and Subject (two messages that share an id but not their
headers are two), or a digest of its headers when there is none, so the same event or
message in two files counts once. A subject is kept only for ``--keep-subjects``; nothing
else of an event or message is read past its headers.

Problems (an event without a start, a bad date, a message without a date or sender) are
collected per event or message, numbered as they come in the file, and the import refuses the
file with all of them listed, as it does a spreadsheet's bad rows.

Example
-------
>>> ics = (b"BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:1\\r\\nSUMMARY:Kick-off\\r\\n"
...        b"DTSTART:20261020T090000\\r\\nORGANIZER;CN=Lin:mailto:lin@us.example\\r\\n"
...        b"ATTENDEE;CN=Wang;PARTSTAT=ACCEPTED:mailto:wang@c.example\\r\\n"
...        b"END:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
>>> found = parse_activity(ics, "cal.ics", dt.date(2026, 11, 1))
>>> [(a.date.isoformat(), a.channel, [p.address for p in a.people]) for a in found.activities]
[('2026-10-20', 'meeting', ['lin@us.example', 'wang@c.example'])]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.header import Header, decode_header, make_header
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

from graphcrm.domain import Channel
from graphcrm.words import Said

__all__ = ["Attendee", "Activity", "ActivityFile", "activity_kind", "parse_activity",
           "read_activity", "short_reason", "RECURRENCE_YEARS", "FUTURE_DAYS",
           "MAX_OCCURRENCES"]

_CALL = re.compile(r"\b(call|phone|tel)\b|电话|通话|致电|打电话", re.IGNORECASE)
#: An mbox ``From`` line: ``From <sender> <asctime>`` (Thunderbird writes ``From - …``,
#: Google Takeout a zone before the year).
_MBOX_FROM = re.compile(
    rb"^From \S+ +[A-Z][a-z]{2} +[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d{2}(?::\d{2})?"
    rb"(?: +(?:[+-]\d{4}|[A-Z]{2,5}))? +\d{4}[ \t]*\r?$", re.MULTILINE)
_HEADER_LINE = re.compile(rb"[!-9;-~]+:")
#: Headers that only mail has: a block of these is a message, whatever comes first (a
#: Gmail message opens with kilobytes of Received, ARC and DKIM headers).
_MAIL_HEADERS = {b"from", b"date", b"message-id", b"received", b"return-path",
                 b"delivered-to", b"dkim-signature", b"arc-seal", b"arc-message-signature",
                 b"arc-authentication-results", b"x-received", b"x-gm-message-state",
                 b"authentication-results", b"received-spf", b"mime-version"}

#: How many years back from the import date a recurring event's occurrences count.
RECURRENCE_YEARS = 2
#: How many days after the import date a date may lie (a clock or zone ahead) and count.
FUTURE_DAYS = 1
#: The default bound on the instances a recurrence rule may make the library step through
#: from its start (``--max-occurrences``): an event every minute since 2020 is 3.6 million.
MAX_OCCURRENCES = 100_000
_EPOCH = dt.date(1970, 1, 1)
_PERIOD = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3_600, "DAILY": 86_400,
           "WEEKLY": 604_800, "MONTHLY": 2_629_746, "YEARLY": 31_556_952}


@dataclass(frozen=True)
class Attendee:
    """One participant: an e-mail address (lower case; ``""`` when there is none) and a
    display name."""

    address: str
    name: str


@dataclass(frozen=True)
class Activity:
    """One meeting, call or message: who took part, on which day, through which channel."""

    key: str
    date: dt.date
    channel: str
    people: tuple[Attendee, ...]
    subject: str | None
    where: str  # "event 3", "message 12": for reports


@dataclass
class ActivityFile:
    """What one file held: its kind (``calendar`` or ``mail``), how many events or messages
    it had, the activities read, and the problems met (each naming its event or message)."""

    source: str
    kind: str
    items: int = 0
    activities: list[Activity] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: messages left out as dated after the import date: (message number, date)
    future: list[tuple[int, dt.date]] = field(default_factory=list)


def activity_kind(head: bytes) -> str | None:
    """``calendar``, ``mail`` or ``None``, from the first bytes of a file.

    >>> activity_kind(b"\\xef\\xbb\\xbfBEGIN:VCALENDAR\\r\\n")
    'calendar'
    >>> activity_kind(b"From x@y Mon Nov  2 10:00:00 2026\\nFrom: x@y\\n")
    'mail'
    >>> activity_kind(b"From 2026 to 2027: bid plan,,\\nid,name\\n") is None  # a title row
    True
    >>> activity_kind(b"id,name\\n") is None
    True
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:15].upper() == b"BEGIN:VCALENDAR":
        return "calendar"
    if _MBOX_FROM.match(text) and _HEADER_LINE.match(text.partition(b"\n")[2]):
        return "mail"  # a mailbox: its From line, then a message's headers
    header = re.match(rb"(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+", text)
    if header:
        names = {line.split(b":", 1)[0].lower() for line in header.group(0).splitlines()
                 if b":" in line and not line[:1].isspace()}
        if len(names & _MAIL_HEADERS) >= 2:
            return "mail"
    return None


def read_activity(path: Path, until: dt.date, max_occurrences: int = MAX_OCCURRENCES
                  ) -> ActivityFile:
    """Read a calendar or mail file (see :func:`parse_activity`)."""
    return parse_activity(path.read_bytes(), str(path), until, max_occurrences)


def parse_activity(data: bytes, source: str, until: dt.date,
                   max_occurrences: int = MAX_OCCURRENCES) -> ActivityFile:
    """The activities in ``data`` (a calendar or a mailbox or message), up to ``until``.

    Raises
    ------
    ValueError
        ``data`` is neither a calendar nor mail.
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    kind = activity_kind(data[:4096])
    if kind == "calendar":
        return _calendar(data, source, until, max_occurrences)
    if kind == "mail":
        return _mail(data, source, until)
    raise ValueError(f"{source}: neither a calendar (.ics) nor mail (.eml, .mbox)")


# -- calendars --------------------------------------------------------------------------------

def _calendar(data: bytes, source: str, until: dt.date, max_occurrences: int
              ) -> ActivityFile:
    import icalendar
    import x_wr_timezone

    found = ActivityFile(source, "calendar")
    try:  # an export may hold several calendars one after the other
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except ValueError as err:
        found.problems.append(Said("activity.not_calendar", why=short_reason(err)))
        return found
    checked = []
    for calendar in calendars:
        try:
            checked.append((x_wr_timezone.to_standard(calendar), found.items))
        except Exception as err:  # the libraries raise many kinds: reported, not raised
            found.problems.append(Said("activity.timezone", why=short_reason(err)))
            return found
        found.items += len(calendar.walk("VEVENT"))
    for calendar, before in checked:
        _occurrences(calendar, before, until, found, max_occurrences)
    return found


def _occurrences(calendar: Any, before: int, until: dt.date, found: ActivityFile,
                 max_occurrences: int) -> None:
    """The events of one calendar (numbered from ``before + 1`` in the file) into
    ``found``: problems first; when there are none, every single event up to ``until`` and
    every occurrence of a recurring one in the window (module docs)."""
    import recurring_ical_events

    numbers: dict[str, int] = {}  # an event's UID → its number in the file (for reports)
    repeating: set[str] = set()
    singles: list[tuple[Any, dt.date, int]] = []
    problems = len(found.problems)
    for number, event in enumerate(calendar.walk("VEVENT"), start=before + 1):
        where = Said("activity.event", number=number)
        start = event.get("DTSTART")
        if start is None:
            found.problems.append(Said("activity.no_start", where=where))
            continue
        try:
            day = _day(start.dt)
        except (AttributeError, TypeError, ValueError, OverflowError) as err:
            found.problems.append(Said("activity.start_not_date", where=where,
                                       why=short_reason(err)))
            continue
        if day < _EPOCH:
            found.problems.append(Said("activity.before_1970", where=where, day=day.isoformat()))
            continue
        uid = str(event.get("UID") or "")
        numbers.setdefault(uid, number)
        if any(event.get(k) is not None for k in ("RRULE", "RDATE", "RECURRENCE-ID")):
            repeating.add(uid)
            try:
                steps = _rule_steps(event, start.dt, until)
            except Exception as err:  # icalendar raises many kinds for a broken rule
                found.problems.append(Said("activity.rrule", where=where,
                                           why=short_reason(err)))
                continue
            if steps > max_occurrences:
                found.problems.append(Said(
                    "activity.too_many", where=where, steps=f"{steps:,}", start=day.isoformat(),
                    until=until.isoformat(), limit=f"{max_occurrences:,}"))
        else:
            singles.append((event, day, number))
    if len(found.problems) > problems:
        return
    for event, day, number in singles:
        if uid_of(event) in repeating:
            continue  # a moved occurrence without a rule of its own: the library's
        if day <= until:  # a calendar holds meetings still to come: not yet contacts
            key = uid_of(event) or _digest(event.to_ical())
            found.activities.append(_event(event, day, key, f"event {number}"))
    if not repeating:
        return
    window = until.replace(year=until.year - RECURRENCE_YEARS) if not (
        until.month == 2 and until.day == 29) else until - dt.timedelta(days=365 * 2)
    try:  # each occurrence of the window, a moved one where it was moved to
        occurrences = recurring_ical_events.of(calendar).between(
            window, until + dt.timedelta(days=1))
    except Exception as err:  # the libraries raise many kinds: reported, not raised
        found.problems.append(Said("activity.events_unreadable", why=short_reason(err)))
        return
    for event in occurrences:
        uid = uid_of(event)
        if uid not in repeating:
            continue  # a single event, counted above
        try:
            day = _day(event.get("DTSTART").dt)
        except (AttributeError, TypeError, ValueError, OverflowError):
            continue
        if day > until or day < window:
            continue
        found.activities.append(_event(event, day, f"{uid}/{day.isoformat()}",
                                       f"event {numbers.get(uid, 0)}"))


def uid_of(event: Any) -> str:
    """An event's UID (``""`` when it has none)."""
    return str(event.get("UID") or "")


def _rule_steps(event: Any, start: dt.date | dt.datetime, until: dt.date) -> int:
    """About how many instances the event's recurrence rules make a reader step through
    from its start up to ``until`` (each rule: the span over its period and interval, times
    what its BY parts expand to; COUNT bounds a rule without BY parts). An upper estimate,
    computed without expanding anything."""
    rules = event.get("RRULE")
    total = 0
    first = start.date() if isinstance(start, dt.datetime) else start
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        freq = str((rule.get("FREQ") or [""])[0]).upper()
        if freq not in _PERIOD:
            raise ValueError(f"FREQ {freq or '(none)'}: not one of {', '.join(_PERIOD)}")
        interval = int((rule.get("INTERVAL") or [1])[0])
        if interval < 1:  # a rule that never moves on: the reader would loop for ever
            raise ValueError(f"INTERVAL={interval}: a rule repeats every 1 or more periods")
        end = until
        stop = (rule.get("UNTIL") or [None])[0]
        if stop is not None:
            stop_day = stop.date() if isinstance(stop, dt.datetime) else stop
            if isinstance(stop_day, dt.date):
                end = min(end, stop_day)
        seconds = max(0, (end - first).days + 1) * 86_400
        steps = seconds // (_PERIOD[freq] * interval) + 1
        by = [k for k in rule if str(k).upper().startswith("BY")]
        for key in by:
            steps *= max(1, len(rule[key]))
        count = (rule.get("COUNT") or [None])[0]
        if count is not None and not by:
            steps = min(steps, int(count))
        total += steps
    rdates = event.get("RDATE")
    total += len(rdates) if isinstance(rdates, list) else 1 if rdates is not None else 0
    return total


def _event(event: Any, day: dt.date, key: str, where: str) -> Activity:
    people: list[Attendee] = []
    organizer = event.get("ORGANIZER")
    if organizer is not None:
        people.append(_attendee(organizer))
    attendees = event.get("ATTENDEE") or []
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        status = str(attendee.params.get("PARTSTAT", "")).upper()
        if status == "DECLINED":
            continue
        people.append(_attendee(attendee))
    text = " ".join(str(event.get(k) or "") for k in ("SUMMARY", "LOCATION"))
    channel = Channel.CALL.value if _CALL.search(text) else Channel.MEETING.value
    subject = str(event.get("SUMMARY") or "") or None
    return Activity(key, day, channel, _unique(people), subject, where)


def _attendee(value: Any) -> Attendee:
    address = str(value)
    if address.lower().startswith("mailto:"):
        address = address[7:]
    name = str(value.params.get("CN", "")) if hasattr(value, "params") else ""
    return Attendee(address.strip().lower() if "@" in address else "", name.strip())


def _day(value: dt.date | dt.datetime) -> dt.date:
    """The day of a start: a date as it is; a time in its own zone; UTC (or no zone the
    system knows) in the machine's (the day as written where that zone runs out: year 1 or
    9999)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and value.utcoffset() == dt.timedelta(0):
            try:
                return value.astimezone().date()
            except OverflowError:
                return value.date()
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"{type(value).__name__}")


# -- mail -------------------------------------------------------------------------------------

def _mail(data: bytes, source: str, until: dt.date) -> ActivityFile:
    found = ActivityFile(source, "mail")
    # the legacy policy leaves headers as text; only the few read are decoded (below): the
    # default policy's header registry parses every header and costs five times as much
    parser = BytesHeaderParser(policy=policy.compat32)
    for number, raw in enumerate(_messages(data), start=1):
        found.items += 1
        where = Said("activity.message", number=number)
        try:
            message = parser.parsebytes(raw)
            sender = _addresses(message, "From")
            date_header = message.get("Date")
            if not date_header:
                found.problems.append(Said("activity.no_date", where=where))
                continue
            sent = parsedate_to_datetime(_text(date_header))
            day = _day(sent)  # in the sender's own zone, as an event's day is
        except (TypeError, ValueError, IndexError, LookupError, OverflowError) as err:
            found.problems.append(Said("activity.header", where=where, why=short_reason(err)))
            continue
        if not sender:
            found.problems.append(Said("activity.no_sender", where=where))
            continue
        if day < _EPOCH:
            found.problems.append(Said("activity.before_1970", where=where, day=day.isoformat()))
            continue
        if day > until + dt.timedelta(days=FUTURE_DAYS):
            found.future.append((number, day))
            continue
        people = sender + _addresses(message, "To") + _addresses(message, "Cc")
        headers = _digest("\n".join(_text(message.get(h)) for h in (
            "From", "To", "Cc", "Date", "Subject")).encode())
        message_id = _text(message.get("Message-ID")).strip()
        key = f"{message_id} {headers}" if message_id else headers
        subject = _decoded(message.get("Subject")) or None
        found.activities.append(Activity(key, day, Channel.EMAIL.value, _unique(people),
                                         subject, where))
    return found


def _messages(data: bytes) -> Iterator[bytes]:
    """The header blocks of the messages in a mailbox (split on its ``From `` lines) or of
    one message: each up to its first blank line, so that no body is ever parsed."""
    if _MBOX_FROM.match(data):
        starts = [m.start() for m in _MBOX_FROM.finditer(data)]
        # a "From " line starts a message only after a blank line (or at the top)
        starts = [s for s in starts if s == 0 or data[max(0, s - 2):s] == b"\n\n"
                  or data[max(0, s - 4):s] == b"\r\n\r\n"]
        chunks = [data[a:b] for a, b in zip(starts, [*starts[1:], len(data)], strict=True)]
        for chunk in chunks:
            yield _head(chunk.split(b"\n", 1)[1] if b"\n" in chunk else b"")
    else:
        yield _head(data)


def _head(message: bytes) -> bytes:
    end = re.search(rb"\r?\n\r?\n", message)
    return message[:end.start()] + b"\n" if end else message


def _addresses(message: Any, header: str) -> list[Attendee]:
    """The addresses of a header: split first (encoded words stay whole), then each display
    name decoded (RFC 2047: GB2312, GBK, UTF-8 …)."""
    found = []
    for name, address in getaddresses([_text(v) for v in message.get_all(header) or []]):
        if "@" in address:
            found.append(Attendee(address.strip().lower(), _decoded(name)))
    return found


def _text(value: Any) -> str:
    """A header as text (a legacy ``Header`` holding raw 8-bit bytes, as some Chinese mail
    clients send them, read as GB18030 when it is not UTF-8)."""
    if value is None:
        return ""
    if isinstance(value, Header):
        raw = b"".join(part if isinstance(part, bytes) else part.encode("utf-8", "replace")
                       for part, _ in decode_header(value))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("gb18030", "replace")
    return str(value)


def _decoded(value: Any) -> str:
    """A header's encoded words decoded (``=?GB2312?B?...?=`` → 林晓)."""
    text = _text(value)
    if "=?" not in text:
        return text.strip()
    try:
        return str(make_header(decode_header(text))).strip()
    except (LookupError, ValueError, UnicodeDecodeError):  # an unknown or broken charset
        return text.strip()


# -- shared -----------------------------------------------------------------------------------

def _unique(people: list[Attendee]) -> tuple[Attendee, ...]:
    """Each address once (the first name given for it); people without an address by name."""
    seen: set[str] = set()
    out = []
    for person in people:
        token = person.address or f"name:{person.name}"
        if (person.address or person.name) and token not in seen:
            seen.add(token)
            out.append(person)
    return tuple(out)


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()[:32]


def short_reason(err: BaseException) -> str:
    """An exception's message on one line of at most 120 characters, for a problem report.

    >>> short_reason(ValueError("bad    date " + "x" * 200))[:12]
    'bad date xxx'
    """
    text = " ".join(str(err).split())
    return text[:120] + ("…" if len(text) > 120 else "")
