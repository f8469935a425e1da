"""Contact cards as people: vCard 3 and 4 (unknown properties passed over) and LinkedIn's
Connections.csv, matched to the people already known by address, then phone, then name."""

from __future__ import annotations

import pytest

from graphcrm.errors import ValidationFailed
from graphcrm.ingest.cards import card_kind, parse_cards
from graphcrm.ingest.participants import Directory, card_person, card_tables, contact_tables
from graphcrm.words import problem_text

VCARD3 = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;建国;;;\r\nFN:王建国\r\n"
          "ORG:东方新能源江苏有限公司;公司领导\r\nTITLE:总经理\r\n"
          "EMAIL;TYPE=INTERNET,pref:WJG@qq.com\r\nTEL;TYPE=CELL:139-1111-0201\r\n"
          "X-WECHAT:wjg\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\n"
          " AAAQABAAD\r\nBDAY:1970-01-01\r\nEND:VCARD\r\n")
VCARD4 = ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sun Yue\r\nN:Sun;Yue;;;\r\n"
          "ORG:NewCo Ltd.\r\nTITLE:Purchasing Manager\r\nEMAIL;TYPE=work:sun.y@newco.example\r\n"
          "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+86-138-0000-9999\r\n"
          "X-SOCIALPROFILE;TYPE=linkedin:https://x.example\r\nEND:VCARD\r\n")
LINKEDIN = ("Notes:\n\"When exporting your connection data, you may notice that some of the "
            "email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,"
            "Position,Connected On\n悦,孙,https://www.linkedin.com/in/x,,新客户股份有限公司,"
            "采购经理,12 Oct 2025\nMaria,Garcia,https://www.linkedin.com/in/y,maria@hx.example,"
            ",Freelancer,01 Jan 2024\n")

PEOPLE = {
    "p201": {"name": "王建国", "org_id": "dfny-js", "org_name": "东方新能源江苏有限公司",
             "org_kind": "customer", "email": "wang.jg@dfny-js.example",
             "phone": "139-1111-0201"},
    "p9": {"name": "张伟", "org_id": "a", "org_name": "A", "org_kind": "customer",
           "email": None, "phone": None},
    "p10": {"name": "张伟", "org_id": "b", "org_name": "B", "org_kind": "customer",
            "email": None, "phone": None},
}
ORGS = [{"id": "dfny-js", "name": "东方新能源江苏有限公司"}, {"id": "a", "name": "A"},
        {"id": "b", "name": "B"}]


def test_recognised_by_content():
    assert card_kind(VCARD3.encode()[:50]) == "vcard"
    assert card_kind(LINKEDIN.encode()) == "linkedin"
    assert card_kind(b"id,name\n") is None


def test_vcard_3_and_4_with_unknown_properties():
    found = parse_cards((VCARD3 + VCARD4).encode(), "all.vcf")
    assert found.problems == [] and found.items == 2
    wang, sun = found.cards
    assert (wang.name, wang.organization, wang.department, wang.title) == (
        "王建国", "东方新能源江苏有限公司", "公司领导", "总经理")
    assert wang.emails == ("wjg@qq.com",) and wang.phones == ("139-1111-0201",)
    assert (sun.name, sun.organization, sun.phones) == ("Sun Yue", "NewCo Ltd.",
                                                        ("+86-138-0000-9999",))


def test_linkedin_connections_with_chinese_names():
    found = parse_cards(LINKEDIN.encode(), "Connections.csv")
    assert [(c.name, c.organization, c.title, c.where) for c in found.cards] == [
        ("孙悦", "新客户股份有限公司", "采购经理", "row 5"),
        ("Maria Garcia", None, "Freelancer", "row 6")]


def test_a_card_without_a_name_is_a_problem(tmp_path):
    path = tmp_path / "bad.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nORG:X\r\nEND:VCARD\r\n" + VCARD4.encode())
    with pytest.raises(ValidationFailed, match=r"bad.vcf: card 1: no name \(FN or N\)") as bad:
        contact_tables([path], Directory(PEOPLE), ORGS, lambda ids: {})
    assert problem_text(bad.value.problems[0], "zh") == f"{path}：第 1 张名片：没有姓名（FN 或 N）"


def test_matched_by_address_then_phone_then_name():
    who = Directory(PEOPLE)
    wang = parse_cards(VCARD3.encode(), "a.vcf").cards[0]
    assert card_person(wang, who) == "p201"  # the phone (the address is a new one)
    namesake = parse_cards(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\xe5\xbc\xa0\xe4\xbc\x9f\r\n"
                           b"ORG:B\r\nEND:VCARD\r\n", "z.vcf").cards[0]
    assert card_person(namesake, who) == "p10"  # two 张伟: the one at B


def test_known_people_keep_their_name_and_gain_addresses():
    who = Directory(PEOPLE)
    files = [("a.vcf", parse_cards((VCARD3 + VCARD4).encode(), "a.vcf").cards),
             ("c.csv", parse_cards(LINKEDIN.encode(), "c.csv").cards)]
    stored = {"p201": {**PEOPLE["p201"], "id": "p201", "title": "总经理",
                       "department": "公司领导"}}
    tables, report = card_tables(files, who, ORGS, lambda ids: {i: stored[i] for i in ids})
    orgs, people = tables
    assert [r[1][1:] for r in orgs.rows] == [["NewCo Ltd.", "other"],
                                             ["新客户股份有限公司", "other"]]
    rows = {cells[1]: dict(zip(people.header, cells, strict=True)) for _, cells in people.rows}
    assert rows["王建国"]["id"] == "p201"
    assert rows["王建国"]["email"] == "wang.jg@dfny-js.example; wjg@qq.com"
    assert set(rows) == {"王建国", "Sun Yue", "孙悦"}
    assert report.left_out == ["c.csv, row 6: Maria Garcia"]


def test_a_namesake_at_another_organization_is_somebody_else():
    """A card of a 王建国 at another company does not rewrite the customer's 王建国 (the
    README's promise: a name matches only at the same organization); it is a new person."""
    other = parse_cards("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王建国\r\nORG:远大咨询\r\n"
                        "TITLE:Intern\r\nEMAIL:wjg@yuanda.example\r\nEND:VCARD\r\n".encode(),
                        "o.vcf").cards[0]
    who = Directory(PEOPLE)
    assert card_person(other, who) is None
    tables, report = card_tables([("o.vcf", [other])], who, ORGS, lambda ids: {})
    assert report.known == [] and len(report.new) == 1
    (_, cells), = tables[-1].rows
    assert cells[0] != "p201" and "Intern" in cells


def test_a_crm_export_is_a_table_not_linkedin():
    """First Name / Last Name / Company / Position with the CRM's own columns beside them
    (Contact ID, Mobile, Reports To) is a people table, every column read."""
    head = b"Contact ID,First Name,Last Name,Company,Position,Mobile,Reports To\n"
    assert card_kind(head) is None
    assert card_kind(LINKEDIN.encode()) == "linkedin"



def test_a_field_longer_than_the_csv_module_reads_is_a_problem():
    data = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "a,b," + "x" * 1_100_000 + ",,c,d,e\n").encode()
    found = parse_cards(data, "Connections.csv")
    assert found.problems == ["row 2: not readable (field larger than field limit (1048544))"]


def test_two_cards_of_one_new_person_make_one_person_at_once():
    """A card with an organization and another with the same address but none (found by
    the fuzz tests): one new person with what both say, on the first import as on the next
    (the second card was left out first, then matched on re-import, a change each time)."""
    found = parse_cards("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:孙悦\r\nORG:新客户\r\n"
                        "EMAIL:sun@new.example\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\n"
                        "FN:Sun Yue\r\nEMAIL:sun@new.example\r\nTEL:138-0000-9999\r\n"
                        "TITLE:采购经理\r\nEND:VCARD\r\n".encode(), "two.vcf").cards
    tables, report = card_tables([("two.vcf", found)], Directory(PEOPLE), ORGS, lambda ids: {})
    assert len(report.new) == 1 and report.left_out == []
    (_, cells), = tables[-1].rows
    row = dict(zip(tables[-1].header, cells, strict=True))
    assert (row["name"], row["title"], row["email"], row["phone"]) == (
        "孙悦", "采购经理", "sun@new.example", "138-0000-9999")
