"""Property tests of the calendar, mail and contact-card imports: random files as exports
make them, and worse.

Events with starts in year 1, 1970 or 9999, in zones or floating, garbage; recurrence rules
that repeat every second, end before they start, or are not rules at all; moved occurrences
of rules that do not exist. Mailboxes with a byte-order mark, CRLF lines, unescaped "From"
lines in bodies, duplicate Message-IDs with other headers, dates from 2099 or none,
encoded words in unknown charsets. vCards and LinkedIn exports with hostile names,
organizations, addresses and numbers. Each file either imports (and importing it again
changes nothing) or is refused with the problems listed (exit 3), leaving the store exactly
as it was: never a traceback, an internal error or a hang (``tests/fuzz.py`` for the long
run).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import event, given
from hypothesis import strategies as st

from graphcrm.cli import cli
from graphcrm.stores import open_store
from tests.conftest import TINY, write_tables
from tests.fuzz import fuzz
from tests.ingest.test_fuzz_import import imported
from tests.stores.test_contract import canonical

HOSTILE = ["", " ", "=1+1", "😀", "مرحبا", "\u202eevil", "王建国", "Alice 林", "陈总",
           "a;b", "x\\,y", "'quoted'", "=?x-unknown?B?5p6X5pmT?=", "=?GB2312?B?wdbP/g==?="]
ADDRESSES = ["a@us.example", "c@cust.example", "new@cust.example", "x@qq.com", "bad",
             "", "A@US.EXAMPLE", "<>", "@", "王@例子.中国"]
STARTS = ["20261120T100000Z", "20261120T100000", "20261120", "00010101T000000Z",
          "99991231T235959Z", "19700101T000000Z", "20261340T990000", "garbage", ""]
RULES = ["", "FREQ=WEEKLY;COUNT=6", "FREQ=DAILY;UNTIL=20261101T000000Z",
         "FREQ=MINUTELY", "FREQ=SECONDLY;COUNT=999999999", "FREQ=HOURLY;INTERVAL=0",
         "FREQ=DAILY;INTERVAL=-1", "RDATE:20261101T100000Z",
         "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=FOO", "COUNT=3", "FREQ=WEEKLY;UNTIL=2020",
         "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23"]
DATES = ["Fri, 20 Nov 2026 10:00:00 +0800", "Fri, 20 Nov 2026 10:00:00 -1200",
         "Thu, 1 Jan 2099 10:00:00 +0800", "Mon, 1 Jan 0001 00:00:00 +0000",
         "20 Nov 2026", "not a date", "", "Fri, 31 Dec 9999 23:59:59 -1200"]

text = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(
    blacklist_categories=["Cs", "Cc"]), max_size=10))


@st.composite
def calendars(draw) -> bytes:
    events = []
    for number in range(draw(st.integers(0, 4))):
        lines = [f"UID:{draw(st.sampled_from(['e1', 'e2', '', 'e1']))}"]
        start = draw(st.sampled_from(STARTS))
        if start:
            zone = draw(st.sampled_from(["", ";TZID=Asia/Shanghai", ";TZID=Nowhere/Else"]))
            lines.append(f"DTSTART{zone if start[-1:] != 'Z' else ''}:{start}")
        if rule := draw(st.sampled_from(RULES)):
            lines.append(f"RRULE:{rule}")
        if draw(st.integers(0, 5)) == 0:
            lines.append(f"RECURRENCE-ID:{draw(st.sampled_from(STARTS[:3]))}")
        lines.append(f"SUMMARY:{draw(text)}")
        lines.append(f"ORGANIZER;CN={draw(text)}:mailto:{draw(st.sampled_from(ADDRESSES))}")
        for _ in range(draw(st.integers(0, 3))):
            status = draw(st.sampled_from(["ACCEPTED", "DECLINED", "", "x"]))
            lines.append(f"ATTENDEE;CN={draw(text)};PARTSTAT={status}:"
                         f"mailto:{draw(st.sampled_from(ADDRESSES))}")
        events.append("BEGIN:VEVENT\r\n" + "\r\n".join(lines) + f"\r\nX-N:{number}\r\n"
                      "END:VEVENT\r\n")
    body = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(events) + "END:VCALENDAR\r\n"
    return body.encode("utf-8", "replace")


@st.composite
def mailboxes(draw) -> bytes:
    messages = []
    for _ in range(draw(st.integers(1, 4))):
        headers = [f"From: {draw(text)} <{draw(st.sampled_from(ADDRESSES))}>",
                   f"To: {draw(st.sampled_from(ADDRESSES))}"]
        if date := draw(st.sampled_from(DATES)):
            headers.append(f"Date: {date}")
        headers.append(f"Message-ID: <{draw(st.sampled_from(['m1', 'm2', 'm1']))}@x>")
        headers.append(f"Subject: {draw(text)}")
        body = draw(st.sampled_from(["hi", "\nFrom the desk of the GM\n",
                                     "From x@y Mon Nov  2 10:00:00 2026\nFrom: a@b",
                                     "\n\nFrom me\n"]))
        messages.append("From MAILER-DAEMON Mon Nov  2 10:00:00 2026\n" + "\n".join(headers)
                        + "\n\n" + body + "\n")
    data = "\n".join(messages)
    if draw(st.booleans()):
        data = data.replace("\n", "\r\n")
    raw = data.encode("utf-8", "replace")
    return (b"\xef\xbb\xbf" + raw) if draw(st.booleans()) else raw


@st.composite
def cards(draw) -> tuple[str, bytes]:
    if draw(st.booleans()):
        rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
        for _ in range(draw(st.integers(0, 4))):
            cells = [draw(text), draw(text), "https://x", draw(st.sampled_from(ADDRESSES)),
                     draw(st.sampled_from(["客户公司", "Rival Ltd", "", "新公司"])), draw(text),
                     "01 Jan 2024"]
            rows.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
        return "Connections.csv", ("\n".join(rows) + "\n").encode("utf-8", "replace")
    out = []
    for _ in range(draw(st.integers(1, 4))):
        name = draw(text)
        lines = ["BEGIN:VCARD", draw(st.sampled_from(["VERSION:3.0", "VERSION:4.0", ""]))]
        if name or draw(st.booleans()):
            lines.append(f"FN:{name}")
        lines.append(f"ORG:{draw(st.sampled_from(['客户公司', 'Rival Ltd', '', '新公司;部']))}")
        lines.append(f"EMAIL:{draw(st.sampled_from(ADDRESSES))}")
        lines.append(f"TEL:{draw(st.sampled_from(['139-1111-0201', '+86 138', 'x', '']))}")
        lines.append(f"TITLE:{draw(text)}")
        lines.append("END:VCARD")
        out.append("\r\n".join(lines))
    return "cards.vcf", ("\r\n".join(out) + "\r\n").encode("utf-8", "replace")


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    """The tiny bid, with addresses for our Alice and the customer's 陈总."""
    folder = tmp_path_factory.mktemp("tiny")
    tables = {k: [list(r) for r in v] for k, v in TINY.items()}
    tables["people"][3][5] = "c@cust.example"
    store = folder / "base.db"
    result = CliRunner().invoke(cli, ["--store", str(store), "import",
                                      str(write_tables(folder / "in", tables))])
    assert result.exit_code == 0, result.output
    return store


def _state(store: Path) -> dict:
    with open_store(store) as opened:
        return {"tables": canonical(opened.load()), "review": opened.review_entries()}


def _check(folder: Path, base: Path, name: str, data: bytes) -> None:
    store = folder / "bid.db"
    store.write_bytes(base.read_bytes())
    before = _state(store)
    path = folder / name
    path.write_bytes(data)
    result = imported(store, path, "--suggest-ties", "2")
    event(f"exit {result.exit_code}")
    if result.exit_code == 3:
        assert _state(store) == before
        assert result.stderr.strip().splitlines()[0].startswith("graphcrm: ")
        return
    after = _state(store)
    again = imported(store, path, "--suggest-ties", "2")
    assert again.exit_code == 0 and "nothing changed" in again.stdout, again.output
    assert _state(store)["tables"] == after["tables"]


@fuzz(60)
@given(data=calendars())
def test_a_calendar_imports_whole_or_not_at_all(tmp_path_factory, base_store, data):
    _check(tmp_path_factory.mktemp("cal"), base_store, "cal.ics", data)


@fuzz(60)
@given(data=mailboxes())
def test_a_mailbox_imports_whole_or_not_at_all(tmp_path_factory, base_store, data):
    _check(tmp_path_factory.mktemp("mail"), base_store, "m.mbox", data)


@fuzz(60)
@given(card=cards())
def test_contact_cards_import_whole_or_not_at_all(tmp_path_factory, base_store, card):
    _check(tmp_path_factory.mktemp("cards"), base_store, *card)
