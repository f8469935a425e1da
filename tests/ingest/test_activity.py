"""Calendar and mail exports in the shapes Outlook, Google and Feishu write them, a mailbox
with Chinese encoded-word headers, and broken ones: who met whom, on which day, headers only."""

from __future__ import annotations

import datetime as dt
import mailbox
from email.header import Header
from email.message import EmailMessage
from pathlib import Path

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.ingest.activity import activity_kind, parse_activity
from graphcrm.ingest.participants import Directory, activity_tables, interactions_from

UNTIL = dt.date(2026, 11, 28)


def ics(*events: str, head: str = "") -> bytes:
    body = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + head + "".join(
        f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events) + "END:VCALENDAR\r\n"
    return body.replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode()


#: Outlook: Windows time-zone names with their own VTIMEZONE, CN on attendees, PARTSTAT.
OUTLOOK = ics("""
UID:040000008200E00074C5B7101A82E008
SUMMARY:储能项目技术交流
DTSTART;TZID=China Standard Time:20261120T100000
DTEND;TZID=China Standard Time:20261120T113000
ORGANIZER;CN=林晓:mailto:Lin.X@us.example
ATTENDEE;CN=王建国;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:wang@cust.example
ATTENDEE;CN=张伟;PARTSTAT=DECLINED:mailto:zhang@cust.example
""", head="""BEGIN:VTIMEZONE
TZID:China Standard Time
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:+0800
TZOFFSETTO:+0800
END:STANDARD
END:VTIMEZONE
""")

#: Google: times in UTC with X-WR-TIMEZONE, an all-day event, a weekly series with a moved
#: occurrence, folded long lines.
GOOGLE = ics("""
UID:abc123@google.com
SUMMARY:Weekly sync
DTSTART:20261102T010000Z
RRULE:FREQ=WEEKLY;COUNT=6
ORGANIZER;CN=Lin Xiao:mailto:lin.x@us.example
ATTENDEE;CN=Wang Jianguo;PARTSTAT=ACCEPTED:mailto:wang@cust.
 example
""", """
UID:abc123@google.com
RECURRENCE-ID:20261109T010000Z
SUMMARY:Weekly sync (moved)
DTSTART:20261110T010000Z
ORGANIZER;CN=Lin Xiao:mailto:lin.x@us.example
ATTENDEE;CN=Wang Jianguo;PARTSTAT=ACCEPTED:mailto:wang@cust.example
""", """
UID:allday@google.com
SUMMARY:Site visit
DTSTART;VALUE=DATE:20261015
ORGANIZER:mailto:lin.x@us.example
ATTENDEE;CN=Wang Jianguo:mailto:wang@cust.example
""", head="X-WR-TIMEZONE:Asia/Shanghai\r\n")

#: Feishu: IANA zone names, 电话 in the summary, a huge description.
FEISHU = ics(f"""
UID:feishu-1
SUMMARY:电话沟通招标文件
DESCRIPTION:{"很长的会议纪要" * 200_000}
DTSTART;TZID=Asia/Shanghai:20261118T160000
ORGANIZER;CN=林晓:mailto:lin.x@us.example
ATTENDEE;CN=王建国:mailto:wang@cust.example
""")


def message(sender, to, date, subject, cc=(), message_id=None, body="机密正文 secret body"):
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Date"] = date
    msg["Subject"] = subject
    if message_id:
        msg["Message-ID"] = message_id
    msg.set_content(body)
    return msg


def test_recognised_by_content_not_extension():
    assert activity_kind(OUTLOOK[:200]) == "calendar"
    assert activity_kind(b"From: a@b.example\r\nDate: Mon, 2 Nov 2026 10:00:00 +0800\r\n\r\n") \
        == "mail"
    assert activity_kind("id,name\r\nc1,王建国\r\n".encode()) is None
    assert activity_kind(b"\xef\xbb\xbfBEGIN:VCALENDAR") == "calendar"


def test_outlook_meeting_without_the_decliner():
    found = parse_activity(OUTLOOK, "outlook.ics", UNTIL)
    assert found.problems == [] and found.items == 1
    (meeting,) = found.activities
    assert meeting.date == dt.date(2026, 11, 20) and meeting.channel == "meeting"
    assert [p.address for p in meeting.people] == ["lin.x@us.example", "wang@cust.example"]
    assert meeting.people[1].name == "王建国"


def test_google_series_moved_occurrence_and_all_day_event():
    found = parse_activity(GOOGLE, "google.ics", UNTIL)
    assert found.problems == []
    days = sorted(a.date.isoformat() for a in found.activities)
    # 01:00 UTC is 09:00 in Shanghai; weekly from 2 November, the second moved to the 10th,
    # the fifth and sixth (30 November, 7 December) not yet happened on the 28th; the
    # all-day visit on its date
    assert days == ["2026-10-15", "2026-11-02", "2026-11-10", "2026-11-16", "2026-11-23"]
    keys = [a.key for a in found.activities]
    assert len(set(keys)) == len(keys)  # each occurrence keyed apart


def test_feishu_call_with_a_ten_megabyte_description():
    found = parse_activity(FEISHU, "feishu.ics", UNTIL)
    (call,) = found.activities
    assert call.channel == "call" and call.date == dt.date(2026, 11, 18)
    assert call.subject == "电话沟通招标文件"


def test_malformed_calendar_events_are_each_reported():
    bad = ics("""
UID:no-start
SUMMARY:nothing
""", """
UID:bad-date
DTSTART:2026-13-45
""", """
UID:fine
DTSTART;TZID=Mars/Olympus_Mons:20261101T100000
ORGANIZER:mailto:lin.x@us.example
ATTENDEE:mailto:wang@cust.example
""")
    found = parse_activity(bad, "bad.ics", UNTIL)
    text = " | ".join(found.problems)
    assert "event 1: no start (DTSTART)" in text
    assert "event 2" in text
    assert "event 3" not in text  # a zone the system does not know: the time as written


def test_a_mailbox_with_chinese_encoded_words(tmp_path):
    box = mailbox.mbox(tmp_path / "sent.mbox")
    first = message("=?GB2312?B?" + "林晓".encode("gb2312").hex() + "?= <lin.x@us.example>",
                    ["wang@cust.example"], "Mon, 02 Nov 2026 10:00:00 +0800", "报价")
    first.replace_header("From", str(Header("林晓", "gb2312")) + " <lin.x@us.example>")
    box.add(first)
    second = message("王建国 <wang@cust.example>", ["林晓 <lin.x@us.example>"],
                     "Tue, 03 Nov 2026 23:30:00 -0000", "回复：报价",
                     cc=[str(Header("张伟", "gbk")) + " <zhang@cust.example>"],
                     message_id="<m2@cust.example>")
    box.add(second)
    box.flush()
    found = parse_activity((tmp_path / "sent.mbox").read_bytes(), "sent.mbox", UNTIL)
    assert found.problems == [] and found.items == 2
    first_read, second_read = found.activities
    assert first_read.people[0].name == "林晓" and first_read.channel == "email"
    assert [p.name for p in second_read.people] == ["王建国", "林晓", "张伟"]
    assert second_read.key.startswith("<m2@cust.example> sha256:")  # id and headers
    assert first_read.key.startswith("sha256:")  # no Message-ID: a digest of the headers


def test_broken_mail_headers_are_reported_per_message():
    data = (b"From a@b Mon Nov  2 10:00:00 2026\nFrom: lin.x@us.example\nTo: w@c.example\n"
            b"Subject: no date\n\nbody\n\n"
            b"From a@b Mon Nov  2 10:00:00 2026\nTo: w@c.example\nDate: Mon, 02 Nov 2026 "
            b"10:00:00 +0800\n\nbody\n\n"
            b"From a@b Mon Nov  2 10:00:00 2026\nFrom: lin.x@us.example\nTo: w@c.example\n"
            b"Date: the day after tomorrow\n\nbody\n")
    found = parse_activity(data, "broken.mbox", UNTIL)
    assert [p.split(":")[0] for p in found.problems] == ["message 1", "message 2", "message 3"]


def test_a_body_is_never_read():
    raw = message("lin.x@us.example", ["wang@cust.example"], "Mon, 02 Nov 2026 10:00:00 +0800",
                  "hi").as_bytes()
    raw += b"\n\nFrom: evil@x.example\nDate: Mon, 02 Nov 2026 10:00:00 +0800\n"
    found = parse_activity(raw, "one.eml", UNTIL)
    assert len(found.activities) == 1
    assert "evil@x.example" not in [p.address for p in found.activities[0].people]


PEOPLE = {
    "us1": {"name": "林晓", "org_id": "us", "org_kind": "own", "email": "lin.x@us.example"},
    "us2": {"name": "赵磊", "org_id": "us", "org_kind": "own", "email": None},
    "c1": {"name": "王建国", "org_id": "cust", "org_kind": "customer",
           "email": "wang@cust.example; wjg@qq.com"},
    "c2": {"name": "张伟", "org_id": "cust", "org_kind": "customer", "email": None},
}


def test_matching_by_address_then_name_and_the_domain_rules():
    who = Directory(PEOPLE, {"us": "us.example"})
    found = parse_activity(OUTLOOK, "o.ics", UNTIL).activities
    mail = parse_activity(message("林晓 <lin.x@us.example>", [
        "Wang <wjg@qq.com>", "张伟 <zw@unknown.example>", "新人 <new@cust.example>"],
        "Mon, 02 Nov 2026 10:00:00 +0800", "x").as_bytes(), "m.eml", UNTIL).activities
    internal = parse_activity(message("lin.x@us.example", ["someone@us.example"],
                                      "Mon, 02 Nov 2026 10:00:00 +0800", "x").as_bytes(),
                              "i.eml", UNTIL).activities
    rows, report = interactions_from([("o.ics", found), ("m.eml", mail), ("i.eml", internal)],
                                     who)
    made = [r for _, file_rows in rows for r in file_rows]
    assert ("2026-11-20", "c1", "us1", "meeting", "") in made
    assert ("2026-11-02", "c1", "us1", "email", "") in made  # by the second address
    assert ("2026-11-02", "c2", "us1", "email", "") in made  # by exact name
    assert report.internal == 1
    assert [u.address for u in report.unmatched.values()] == ["new@cust.example"]
    # private mail left out: 王建国 only wrote from qq.com; 张伟 from a domain not allowed
    _, skipped = interactions_from([("m.eml", mail)], who, skip_domains=["qq.com"])
    assert dict(skipped.interactions) == {"c2": 1}
    _, allowed = interactions_from([("m.eml", mail)], who, only_domains=["cust.example"])
    assert dict(allowed.interactions) == {} and list(allowed.unmatched) == ["new@cust.example"]


def test_bad_files_stop_the_import_with_every_problem(tmp_path):
    (tmp_path / "a.ics").write_bytes(ics("UID:x\r\nSUMMARY:no start"))
    (tmp_path / "b.mbox").write_bytes(b"From x Mon Nov  2 10:00:00 2026\nTo: a@b.example\n\n")
    with pytest.raises(ValidationFailed) as caught:
        activity_tables([tmp_path / "a.ics", tmp_path / "b.mbox"], Directory(PEOPLE), UNTIL)
    text = str(caught.value)
    assert "a.ics: event 1: no start (DTSTART)" in text and "b.mbox: message 1" in text


def test_subjects_only_when_asked(tmp_path):
    path = Path(tmp_path / "f.ics")
    path.write_bytes(FEISHU)
    tables, _ = activity_tables([path], Directory(PEOPLE), UNTIL)
    assert tables[0].header == ["date", "person_id", "our_person_id", "channel"]
    tables, _ = activity_tables([path], Directory(PEOPLE), UNTIL, keep_subjects=True)
    assert tables[0].rows[0][1][-1] == "电话沟通招标文件"


def test_raw_8bit_gbk_headers_as_some_chinese_clients_send_them():
    raw = ("From: 林晓 <lin.x@us.example>\r\nTo: 王建国 <wang@cust.example>\r\n"
           "Date: Mon, 02 Nov 2026 10:00:00 +0800\r\nSubject: 报价\r\n\r\n正文").encode("gbk")
    found = parse_activity(raw, "gbk.eml", UNTIL)
    (mail,) = found.activities
    assert [(p.address, p.name) for p in mail.people] == [("lin.x@us.example", "林晓"),
                                                          ("wang@cust.example", "王建国")]
    assert mail.subject == "报价" and mail.date == dt.date(2026, 11, 2)


# -- hostile and careless files (issue 22) -----------------------------------------------------

def _mbox(*raw: bytes) -> bytes:
    return b"".join(b"From MAILER-DAEMON Mon Nov  2 10:00:00 2026\n" + m + b"\n" for m in raw)


def _raw(sender: str, date: str, message_id: str, body: str = "x") -> bytes:
    return (f"From: {sender}\nTo: wang@cust.example\nDate: {date}\n"
            f"Message-ID: {message_id}\nSubject: s\n\n{body}\n").encode()


def test_a_message_from_the_future_is_left_out_and_said():
    """A mail dated 2099 is no contact (it would take the overdue decision maker off the
    call plan); one a day ahead (a sender's clock or zone) still counts."""
    found = parse_activity(_mbox(
        _raw("lin@us.example", "Mon, 1 Jan 2099 10:00:00 +0800", "<f1@x>"),
        _raw("lin@us.example", "Sun, 29 Nov 2026 07:00:00 +0800", "<f2@x>"),
        _raw("lin@us.example", "Fri, 27 Nov 2026 10:00:00 +0800", "<f3@x>")), "m.mbox", UNTIL)
    assert found.problems == [] and found.items == 3
    assert [a.date.isoformat() for a in found.activities] == ["2026-11-29", "2026-11-27"]
    assert found.future == [(1, dt.date(2099, 1, 1))]


def test_a_shared_message_id_with_other_headers_is_another_message():
    same = _raw("lin@us.example", "Fri, 27 Nov 2026 10:00:00 +0800", "<dup@x>")
    other = _raw("lin@us.example", "Fri, 20 Nov 2026 10:00:00 +0800", "<dup@x>")
    found = parse_activity(_mbox(same, other, same), "m.mbox", UNTIL)
    keys = [a.key for a in found.activities]
    assert len(set(keys)) == 2 and keys[0] == keys[2]  # the copy is the same message


def test_an_unescaped_from_in_a_body_is_no_message():
    body = "Dear Wang,\n\nFrom the desk of our GM: the offer stands.\n\nFrom now on, call me."
    found = parse_activity(_mbox(_raw("lin@us.example", "Fri, 27 Nov 2026 10:00:00 +0800",
                                      "<b@x>", body)), "m.mbox", UNTIL)
    assert found.problems == [] and found.items == 1


def test_title_rows_and_long_gmail_headers_are_told_apart():
    """A CSV whose title row begins "From " is a table; a Gmail .eml whose Received, ARC and
    DKIM headers fill the first kilobytes is mail."""
    assert activity_kind("From 2026年11月 to 2027年, 客户联系人\nid,name\n".encode()) is None
    long = "".join(f"Received: from mx{i}.google.com (mx{i}.google.com. [209.85.220.{i}])\n"
                   f"        by 2002:a05:6a10:{i} with SMTP id {'x' * 60};\n"
                   f"        Mon, 23 Nov 2026 01:0{i % 10}:00 -0800 (PST)\n" for i in range(20))
    dkim = "DKIM-Signature: v=1; a=rsa-sha256; " + "b=" + "A" * 3000 + "\n"
    eml = (f"Delivered-To: lin@us.example\n{long}{dkim}From: 王建国 <wang@cust.example>\n"
           "To: lin@us.example\nDate: Mon, 23 Nov 2026 17:00:00 +0800\n"
           "Message-ID: <g1@mail.gmail.com>\nSubject: hi\n\nbody\n").encode()
    assert len(eml[:eml.index(b"From: ")]) > 4096
    assert activity_kind(eml[:4096]) == "mail"
    found = parse_activity(eml, "gmail.eml", UNTIL)
    assert found.problems == [] and found.activities[0].date == dt.date(2026, 11, 23)


def test_a_mailbox_with_a_byte_order_mark():
    found = parse_activity(b"\xef\xbb\xbf" + _mbox(
        _raw("lin@us.example", "Fri, 27 Nov 2026 10:00:00 +0800", "<bom@x>")), "m.mbox", UNTIL)
    assert found.problems == [] and len(found.activities) == 1


def test_years_one_and_9999_outside_utc():
    found = parse_activity(ics("UID:a\nDTSTART;TZID=Asia/Shanghai:99991231T230000\n"
                               "ORGANIZER:mailto:lin@us.example",
                               "UID:b\nDTSTART:00010101T000000Z\nORGANIZER:mailto:lin@us.example",
                               "UID:c\nDTSTART:99991231T235959Z\nORGANIZER:mailto:lin@us.example"),
                           "far.ics", UNTIL)
    assert found.problems == ["event 2: dated 0001-01-01, before 1970"]


def test_a_rule_that_repeats_without_bound_is_refused_before_it_runs():
    """FREQ=MINUTELY since 2020 (3.6 million steps) and SECONDLY with a huge COUNT are
    problems named by event, found from the rule alone; a weekly meeting since 2015 counts
    its occurrences of the last two years only."""
    found = parse_activity(ics(
        "UID:m\nDTSTART:20200101T000000Z\nRRULE:FREQ=MINUTELY\nORGANIZER:mailto:l@us.example",
        "UID:s\nDTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY;COUNT=999999999\n"
        "ORGANIZER:mailto:l@us.example",
        "UID:w\nDTSTART:20150105T100000Z\nRRULE:FREQ=WEEKLY\nORGANIZER:mailto:l@us.example"),
        "spam.ics", UNTIL)
    assert [p.split(":")[0] for p in found.problems] == ["event 1", "event 2"]
    assert "--max-occurrences" in found.problems[0]
    weekly = parse_activity(ics(
        "UID:w\nDTSTART:20150105T100000Z\nRRULE:FREQ=WEEKLY\nORGANIZER:mailto:l@us.example"),
        "w.ics", UNTIL)
    days = [a.date for a in weekly.activities]
    assert days and min(days) >= dt.date(2024, 11, 28) and max(days) <= UNTIL
    assert 100 <= len(days) <= 106


def test_every_reader_keeps_to_max_file_mb(tmp_path):
    from graphcrm.errors import InputError
    from graphcrm.ingest.limits import Limits

    box = tmp_path / "big.mbox"
    box.write_bytes(_mbox(_raw("lin@us.example", "Fri, 27 Nov 2026 10:00:00 +0800", "<x>",
                               "y" * 2_000_000)))
    with pytest.raises(InputError, match=r"big.mbox: 1.9 MiB, over the limit of 1 MiB"):
        activity_tables([box], Directory({}), UNTIL, limits=Limits(max_file_mb=1))


def test_rules_that_never_move_on_are_problems():
    """INTERVAL=0 made the recurrence reader loop for ever (found by the fuzz tests); a rule
    without FREQ, or with one that is none, is named by event too."""
    found = parse_activity(ics(
        "UID:a\nDTSTART:20261120T100000Z\nRRULE:FREQ=HOURLY;INTERVAL=0\n"
        "ORGANIZER:mailto:l@us.example",
        "UID:b\nDTSTART:20261120T100000Z\nRRULE:COUNT=3\nORGANIZER:mailto:l@us.example",
        "UID:c\nDTSTART:20261120T100000Z\nRRULE:FREQ=FOO\nORGANIZER:mailto:l@us.example"),
        "loop.ics", UNTIL)
    assert [p.split(": RRULE not understood")[0] for p in found.problems] == [
        "event 1", "event 2", "event 3"]
