"""The import format registry: a file's format from its content, never its name."""

from __future__ import annotations

from graphcrm.ingest.formats import FAMILIES, FORMATS, by_family, recognise


def test_every_format_belongs_to_a_family_and_says_what_it_yields():
    assert {f.family for f in FORMATS} <= set(FAMILIES) and all(f.yields for f in FORMATS)
    assert len({f.name for f in FORMATS}) == len(FORMATS)


def test_files_go_to_their_readers_by_content(tmp_path):
    calendar = tmp_path / "会议.txt"  # a calendar saved under another name
    calendar.write_bytes(b"\xef\xbb\xbfBEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    mail = tmp_path / "sent"
    mail.write_bytes(b"From a@x.example Mon Nov  2 10:00:00 2026\nFrom: a@x.example\n"
                     b"To: b@y.example\n\nhi\n")
    card = tmp_path / "名片.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王建国\r\nEND:VCARD\r\n", encoding="utf-8")
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_text("Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,"
                        "Connected On\n", encoding="utf-8")
    titled = tmp_path / "人员.csv"  # a title row that starts like a mailbox's From line
    titled.write_text("From 2026 to 2027: bid plan,,\n编号,姓名\n", encoding="utf-8")
    folder = tmp_path / "sheets"
    folder.mkdir()
    missing = tmp_path / "gone.csv"
    found = by_family([calendar, mail, card, linkedin, titled, folder, missing])
    assert found == {"tables": [titled, folder, missing], "activity": [calendar, mail],
                     "cards": [card, linkedin]}
    assert recognise(b"") is None and recognise(b"id,name\n") is None
