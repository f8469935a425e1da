"""``graphcrm import`` of calendar and mail exports, end to end on both stores: the sample
bid's people met in an Outlook calendar and a mailbox; re-importing changes nothing; no
subject or body is stored unless asked; bad files refused whole, with every problem named."""

from __future__ import annotations

import json
import mailbox
import sqlite3
from email.header import Header

from graphcrm import api
from graphcrm.ingest.validate import derived_id
from graphcrm.resources import sample_dir
from graphcrm.stores import open_store
from tests.conftest import run_on
from tests.ingest.test_activity import ics, message

#: In the sample: 林晓 (p002) and 赵磊 (p003) are ours; 王建国 (p201) and 张伟 (p203) at the
#: customer have e-mail addresses; 郑宏 (p103) has none, so is matched by name.
CALENDAR = ics("""
UID:outlook-1
SUMMARY:储能项目技术交流（机密）
DTSTART;TZID=Asia/Shanghai:20261125T100000
ORGANIZER;CN=林晓:mailto:lin.x@huaxin.example
ATTENDEE;CN=王建国;PARTSTAT=ACCEPTED:mailto:wang.jg@dfny-js.example
ATTENDEE;CN=张伟;PARTSTAT=DECLINED:mailto:zhang.w@dfny-js.example
ATTENDEE;CN=郑宏;PARTSTAT=ACCEPTED:mailto:zheng@dfny.example
ATTENDEE;CN=新面孔;PARTSTAT=ACCEPTED:mailto:new.face@dfny-js.example
""", """
UID:internal-1
SUMMARY:内部复盘
DTSTART;TZID=Asia/Shanghai:20261126T100000
ORGANIZER;CN=林晓:mailto:lin.x@huaxin.example
ATTENDEE;CN=赵磊:mailto:zhao.l@huaxin.example
""")
SECRET_SUBJECT = "报价底线 1,180 万"
SECRET_BODY = "最终让步方案"


def mailbox_file(folder):
    box = mailbox.mbox(folder / "sent.mbox")
    box.add(message(str(Header("林晓", "gb2312")) + " <lin.x@huaxin.example>",
                    ["张伟 <zhang.w@dfny-js.example>"], "Tue, 24 Nov 2026 09:00:00 +0800",
                    SECRET_SUBJECT, message_id="<q1@huaxin.example>", body=SECRET_BODY))
    box.add(message("王建国 <wang.jg@dfny-js.example>", ["lin.x@huaxin.example"],
                    "Tue, 24 Nov 2026 18:00:00 +0800", "回复：" + SECRET_SUBJECT,
                    message_id="<q2@dfny-js.example>", body=SECRET_BODY))
    box.flush()
    return folder / "sent.mbox"


def interactions(store, since: str = "2026-11-24") -> list[tuple]:
    with open_store(store) as opened:
        rows = opened.load().table("interactions")
    return sorted((r["date"], r["person_id"], r["our_person_id"], r["channel"], r["notes"])
                  for r in rows if r["date"] >= since)


def test_calendar_and_mail_become_interactions_on_both_stores(target, tmp_path, request):
    (tmp_path / "cal.ics").write_bytes(CALENDAR)
    box = mailbox_file(tmp_path)
    assert run_on(target, "import", sample_dir()).exit_code == 0
    done = run_on(target, "import", tmp_path / "cal.ics", box)
    assert done.exit_code == 0, done.output
    out = done.stdout
    assert "cal.ics: 2 events" in out and "sent.mbox: 2 messages" in out
    assert "new.face@dfny-js.example 新面孔: once, 2026-11-25" in out
    assert "1 internal only" in out
    store, env = target
    where = request.getfixturevalue("neo4j_settings") if env else store
    made = interactions(where)
    assert made == [("2026-11-24", "p201", "p002", "email", None),
                    ("2026-11-24", "p203", "p002", "email", None),
                    ("2026-11-25", "p103", "p002", "meeting", None),
                    ("2026-11-25", "p201", "p002", "meeting", None)]
    again = run_on(target, "import", tmp_path / "cal.ics", box)
    assert again.exit_code == 0 and "nothing changed" in again.stdout
    # the analyses read them: 王建国's last contact is the meeting
    assert api.GraphCRM(where).graph().nodes["p201"]["last_interaction"] == "2026-11-25"


def test_no_subject_or_body_is_stored_unless_asked(tmp_path):
    store = tmp_path / "bid.db"
    bid = api.GraphCRM(store)
    bid.import_data([sample_dir()])
    box = mailbox_file(tmp_path)
    summary = bid.import_data([box])
    assert summary.changed and summary.activity.used == 2
    for path in tmp_path.glob("bid.db*"):  # the file, its WAL: nowhere
        data = path.read_bytes()
        assert SECRET_SUBJECT.encode() not in data and SECRET_BODY.encode() not in data
    with sqlite3.connect(store) as conn:
        notes = conn.execute("SELECT count(*) FROM interactions WHERE notes LIKE '%报价%'")
        assert notes.fetchone()[0] == 0
    kept = api.GraphCRM(tmp_path / "kept.db")
    kept.import_data([sample_dir()])
    kept.import_data([box], keep_subjects=True)
    assert [r[4] for r in interactions(tmp_path / "kept.db")] == [
        "回复：" + SECRET_SUBJECT, SECRET_SUBJECT]
    assert SECRET_BODY.encode() not in (tmp_path / "kept.db").read_bytes()


def test_a_new_store_from_the_sample_and_a_calendar_at_once(tmp_path):
    """Matched against the people of the same import's files."""
    (tmp_path / "cal.ics").write_bytes(CALENDAR)
    bid = api.GraphCRM(tmp_path / "new.db")
    summary = bid.import_data([sample_dir(), tmp_path / "cal.ics"])
    assert summary.activity.interactions == {"p201": 1, "p103": 1}
    assert ("2026-11-25", "p201", "p002", "meeting", None) in interactions(tmp_path / "new.db")


def test_our_mail_domain_and_domain_filters(tmp_path):
    """A colleague we have no address for is ours by our organizations' mail domains; a
    contact's private address is left out with --skip-domain."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "organizations.csv").write_text(
        "id,name,kind,domains\nhuaxin,华信智能科技有限公司,own,huaxin.example；hx.cn\n",
        encoding="utf-8")
    store = str(tmp_path / "bid.db")
    assert run_on((store, {}), "import", sample_dir()).exit_code == 0
    assert run_on((store, {}), "import", folder / "organizations.csv").exit_code == 0
    box = mailbox.mbox(tmp_path / "m.mbox")
    box.add(message("someone.new@hx.cn", ["wang.jg@dfny-js.example"],
                    "Mon, 23 Nov 2026 10:00:00 +0800", "x"))  # ours, but nobody we know
    box.add(message("lin.x@huaxin.example", ["王建国 <wjg@qq.com>"],
                    "Mon, 23 Nov 2026 11:00:00 +0800", "y"))
    box.flush()
    done = run_on((store, {}), "import", tmp_path / "m.mbox", "--skip-domain", "qq.com")
    assert done.exit_code == 0, done.output
    assert "1 with only contacts at skipped domains" in done.stdout
    assert "someone.new" not in done.stdout  # ours: never an unmatched contact
    plain = run_on((store, {}), "import", tmp_path / "m.mbox", "--dry-run")
    assert "+ interactions 2026-11-23 王建国 email" in plain.stdout  # matched by name


def test_bad_calendar_and_mailbox_refused_whole(tmp_path):
    store = str(tmp_path / "bid.db")
    assert run_on((store, {}), "import", sample_dir()).exit_code == 0
    before = (tmp_path / "bid.db").read_bytes()
    (tmp_path / "bad.ics").write_bytes(CALENDAR + ics("UID:x\r\nSUMMARY:no start"))
    (tmp_path / "bad.mbox").write_bytes(b"From x Mon Nov  2 10:00:00 2026\nFrom: a@b.example"
                                        b"\nDate: someday\n\nbody\n")
    done = run_on((store, {}), "import", tmp_path / "bad.ics", tmp_path / "bad.mbox")
    assert done.exit_code == 3, done.output
    assert "bad.ics: event 3: no start (DTSTART)" in done.output
    assert "bad.mbox: message 1: a header not understood" in done.output
    assert "Traceback" not in done.output
    assert interactions(store) == []
    assert (tmp_path / "bid.db").read_bytes() == before


def test_the_review_list_end_to_end(target, tmp_path, request):
    """Unmatched contacts wait on the review list: accepted as a new person at the
    organization their mail domain says, merged with someone known (who keeps the address),
    or ignored (and not listed again); each decision imports their meetings as
    interactions, through the change plan and the history."""
    store, env = target
    where = request.getfixturevalue("neo4j_settings") if env else store
    assert run_on(target, "import", sample_dir()).exit_code == 0
    domains = tmp_path / "organizations.csv"
    domains.write_text("id,name,kind,domains\ndfny-js,东方新能源江苏有限公司,customer,"
                       "dfny-js.example\n", encoding="utf-8")
    assert run_on(target, "import", domains).exit_code == 0
    box = mailbox.mbox(tmp_path / "m.mbox")
    for i, (other, day) in enumerate([("新面孔 <new.face@dfny-js.example>", 20),
                                      ("新面孔 <new.face@dfny-js.example>", 21),
                                      ("W. Jianguo <wjg@qq.com>", 22),
                                      ("Vendor <news@vendor.example>", 23)]):
        box.add(message("lin.x@huaxin.example", [other], f"Mon, {day} Nov 2026 10:00:00 +0800",
                        "x", message_id=f"<r{i}@huaxin.example>"))
    box.flush()
    assert run_on(target, "import", tmp_path / "m.mbox").exit_code == 0
    listed = run_on(target, "review", "--format", "json")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [(r["contact"], r["times"], r["met_by"]) for r in rows] == [
        ("new.face@dfny-js.example", 2, ["林晓"]), ("news@vendor.example", 1, ["林晓"]),
        ("wjg@qq.com", 1, ["林晓"])]
    accepted = run_on(target, "review", "accept", "New.Face@dfny-js.example", "--name", "孙悦")
    assert accepted.exit_code == 0, accepted.output
    assert "+ people 孙悦" in accepted.stdout and "+ interactions 2026-11-21 孙悦 email" in \
        accepted.stdout
    merged = run_on(target, "review", "merge", "wjg@qq.com", "王建国")
    assert merged.exit_code == 0, merged.output
    assert "~ people 王建国 (p201): email: wang.jg@dfny-js.example → wang.jg@dfny-js.example; " \
           "wjg@qq.com" in merged.stdout
    ignored = run_on(target, "review", "ignore", "news@vendor.example")
    assert ignored.exit_code == 0 and "left off the review list" in ignored.stdout
    assert json.loads(run_on(target, "review", "--format", "json").stdout) == []
    decided = json.loads(run_on(target, "review", "--all", "--format", "json").stdout)
    assert sorted(r["decision"] for r in decided) == ["accepted", "ignored", "merged"]
    again = run_on(target, "import", tmp_path / "m.mbox")
    assert again.exit_code == 0 and "nothing changed" in again.stdout
    assert "match nobody" not in again.stdout  # accepted and merged match; ignored unlisted
    sun = derived_id("people", {"name": "孙悦", "org_id": "dfny-js"})
    assert [r[:4] for r in interactions(where, since="2026-11-20")
            if r[1] in (sun, "p201") and r[0] <= "2026-11-23"] == [
        ("2026-11-20", sun, "p002", "email"), ("2026-11-21", sun, "p002", "email"),
        ("2026-11-22", "p201", "p002", "email")]
    history = run_on(target, "history", "--format", "json")
    # the re-import changed nothing, so it left no change set
    assert [h["command"] for h in json.loads(history.stdout)][-2:] == [
        "review accept", "review merge"]
    missing = run_on(target, "review", "accept", "nobody@x.example")
    assert missing.exit_code == 5 and "not on the review list" in missing.output


def test_contact_cards_on_both_stores(target, tmp_path, request):
    """vCards and LinkedIn connections become people through the change plan: a known
    person gains an address, a new one is created at a new organization; importing the same
    cards again changes nothing."""
    from tests.ingest.test_cards import LINKEDIN, VCARD3, VCARD4

    store, env = target
    where = request.getfixturevalue("neo4j_settings") if env else store
    assert run_on(target, "import", sample_dir()).exit_code == 0
    (tmp_path / "contacts.vcf").write_text(VCARD3 + VCARD4, encoding="utf-8")
    (tmp_path / "Connections.csv").write_text(LINKEDIN, encoding="utf-8")
    done = run_on(target, "import", tmp_path / "contacts.vcf", tmp_path / "Connections.csv")
    assert done.exit_code == 0, done.output
    assert "~ people 王建国 (p201): email: wang.jg@dfny-js.example → wang.jg@dfny-js.example; " \
           "wjg@qq.com" in done.stdout
    assert "+ organizations 新客户股份有限公司" in done.stdout and "+ people 孙悦" in done.stdout
    assert "row 6: Maria Garcia: no organization, left out" in done.output
    again = run_on(target, "import", tmp_path / "contacts.vcf", tmp_path / "Connections.csv")
    assert again.exit_code == 0 and "nothing changed" in again.stdout
    with open_store(where) as opened:
        people = {p["name"]: p for p in opened.load().table("people")}
    assert people["孙悦"]["title"] == "采购经理" and people["Sun Yue"]["phone"] == \
        "+86-138-0000-9999"
    assert people["王建国"]["title"] == "总经理"


def test_the_summary_says_per_person_and_which_ties_moved(tmp_path):
    """林晓 and 刘洋 (no address on file: matched by name) last met in May; a meeting in
    November moves their tie's last contact, and the summary says so."""
    store = str(tmp_path / "bid.db")
    assert run_on((store, {}), "import", sample_dir()).exit_code == 0
    (tmp_path / "cal.ics").write_bytes(ics("""
UID:price-1
SUMMARY:价格澄清
DTSTART;TZID=Asia/Shanghai:20261126T150000
ORGANIZER;CN=林晓:mailto:lin.x@huaxin.example
ATTENDEE;CN=刘洋:mailto:liu.yang@dfny-js.example
ATTENDEE;CN=王建国:mailto:wang.jg@dfny-js.example
"""))
    done = run_on((store, {}), "import", tmp_path / "cal.ics")
    assert done.exit_code == 0, done.output
    assert "interactions per person: 刘洋 1, 王建国 1" in done.stdout
    assert "last contact moved: 林晓 — 刘洋: 2026-05-20 → 2026-11-26" in done.stdout
    chinese = run_on((store, {}), "import", tmp_path / "cal.ics", "--lang", "zh", "--dry-run")
    assert "各人联系记录数：刘洋 1、王建国 1" in chinese.stdout


def test_ties_suggested_from_frequent_meetings(target, tmp_path, request):
    """林晓 mailed 王建国 on three days and has no KNOWS tie with him: a tie is proposed on
    the review list, with a strength from frequency and recency; 张伟, whom she knows
    already, is not proposed. Accepting it imports the tie."""
    import datetime as dt

    from graphcrm.ingest.participants import suggested_strength

    store, env = target
    where = request.getfixturevalue("neo4j_settings") if env else store
    bid = api.GraphCRM(where)
    bid.import_data([sample_dir()])
    box = mailbox.mbox(tmp_path / "m.mbox")
    for i, day in enumerate((20, 23, 25)):
        for other in ("wang.jg@dfny-js.example", "zhang.w@dfny-js.example"):
            box.add(message("lin.x@huaxin.example", [other],
                            f"Mon, {day} Nov 2026 10:00:00 +0800", "x",
                            message_id=f"<s{i}{other}>"))
    box.flush()
    summary = bid.import_data([tmp_path / "m.mbox"], suggest_ties=3,
                              until=dt.date(2026, 11, 28))
    assert [(s["key"], s["name"], len(s["meetings"]), s["strength"])
            for s in summary.activity.suggested] == [("tie:p002:p201", "林晓 — 王建国", 3, 3)]
    listed = run_on(target, "review", "--format", "json")
    (row,) = json.loads(listed.stdout)
    expected = suggested_strength(3, dt.date(2026, 11, 25), dt.date.today())
    assert (row["contact"], row["proposal"], row["times"]) == ("林晓 — 王建国", expected, 3)
    misused = run_on(target, "review", "merge", "林晓 — 王建国", "刘洋")  # not 刘洋's meetings
    assert misused.exit_code == 2 and "a proposed tie, not a contact" in misused.output
    assert "Traceback" not in misused.output
    done = run_on(target, "review", "accept", "林晓 — 王建国")
    assert done.exit_code == 0, done.output
    assert "+ relationships" in done.stdout
    with open_store(where) as opened:
        ties = [t for t in opened.load(people=["p002", "p201"]).table("relationships")
                if {t["source"], t["target"]} == {"p002", "p201"}]
    assert [(t["type"], t["strength"], t["level"], t["since"], t["last_contact"])
            for t in ties] == [("KNOWS", expected, 1, "2026-11-20", "2026-11-25")]


def test_the_review_list_from_python(tmp_path):
    """The API twins of ``graphcrm review``: list, accept (organization by mail domain, or
    named), merge, ignore; clear errors for what cannot be settled."""
    import pytest

    from graphcrm.errors import BadArgument, LookupFailed

    bid = api.GraphCRM(tmp_path / "bid.db")
    bid.import_data([sample_dir()])
    box = mailbox.mbox(tmp_path / "m.mbox")
    for i, other in enumerate(["=?utf-8?b?" + "5a2Z5oKm" + "?= <sun@newco.example>",
                               "Zhou <zhou@dfny.example>", "Ad <ad@spam.example>"]):
        box.add(message("lin.x@huaxin.example", [other], "Mon, 23 Nov 2026 10:00:00 +0800",
                        "x", message_id=f"<p{i}@x>"))
    box.flush()
    bid.import_data([tmp_path / "m.mbox"])
    assert [(r["contact"], r["name"]) for r in bid.review().records()] == [
        ("ad@spam.example", "Ad"), ("sun@newco.example", "孙悦"), ("zhou@dfny.example", "Zhou")]
    with pytest.raises(BadArgument, match=r"no organization has the mail domain newco\.example"):
        bid.accept_contact("sun@newco.example")
    with pytest.raises(LookupFailed, match="no organization 'Nowhere'"):
        bid.accept_contact("sun@newco.example", org="Nowhere")
    summary = bid.accept_contact("孙悦", org="东方新能源江苏有限公司")
    assert {c.table for c in summary.changes} == {"people", "interactions"}
    bid.merge_contact("zhou@dfny.example", "郑宏")
    assert bid.graph().nodes["p103"]["email"] == "zhou@dfny.example"  # 郑宏 had none
    bid.ignore_contact("AD@spam.example")
    assert bid.review().records() == []
    assert [r["decision"] for r in bid.review(everyone=True).records()] == [
        "ignored", "accepted", "merged"]
