"""Read people from contact cards: vCard files (``.vcf``, versions 3 and 4, as phones, Outlook,
Google and WeChat Work export them) and LinkedIn's ``Connections.csv``.

Each card gives a person's name, organization (and department), title, e-mail addresses and
phone numbers; properties graphcrm has no use for (photos, birthdays, ``X-WECHAT`` …) are
passed over. Files are recognised by their content: ``BEGIN:VCARD``, or a CSV whose header
(after LinkedIn's "Notes:" lines) is ``First Name, Last Name, … Company, Position``. The
vCard parser is the maintained ``vobject``. A LinkedIn name in Chinese is family name first
with no space (孙悦), any other "First Last".

A card without a name is a problem, named with its number in its file (``card 3``; a
LinkedIn row by its line), and the import refuses the file with every problem listed.

Example
-------
>>> found = parse_cards(b"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Sun Yue\\r\\n"
...                     b"ORG:Dfny;IT\\r\\nEMAIL:sun@d.example\\r\\nEND:VCARD\\r\\n", "a.vcf")
>>> card = found.cards[0]
>>> card.name, card.organization, card.department, card.emails
('Sun Yue', 'Dfny', 'IT', ('sun@d.example',))
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graphcrm.ingest.activity import short_reason
from graphcrm.ingest.limits import DEFAULT_LIMITS
from graphcrm.words import Said

__all__ = ["Card", "CardFile", "card_kind", "parse_cards"]

_LINKEDIN = ("first name", "last name", "company", "position")
#: Every column of LinkedIn's Connections.csv: a header with any other column (a CRM
#: export's Contact ID, Mobile, Reports To) is a table, read by the import's headers.
_LINKEDIN_ALL = frozenset({*_LINKEDIN, "url", "email address", "connected on"})
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ADDRESS = re.compile(r"[^@\s;,]+@[^@\s;,]+")  # an e-mail address, not "@" or "bad"


@dataclass(frozen=True)
class Card:
    """One person as a contact card gives them."""

    name: str
    organization: str | None
    department: str | None
    title: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    where: str


@dataclass
class CardFile:
    """The cards of one file and the problems met, each naming its card or row."""

    source: str
    kind: str
    items: int = 0
    cards: list[Card] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def card_kind(head: bytes) -> str | None:
    """``vcard``, ``linkedin`` or ``None``, from the first bytes of a file.

    >>> card_kind(b"BEGIN:VCARD\\r\\n"), card_kind(b"Notes:\\n\\nFirst Name,Last Name,URL,"
    ...                                          b"Email Address,Company,Position\\n")
    ('vcard', 'linkedin')
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:11].upper() == b"BEGIN:VCARD":
        return "vcard"
    lines = head.decode("utf-8", "replace").lower().splitlines()[:12]
    if any(_linkedin_header(line) for line in lines):
        return "linkedin"
    return None


def _linkedin_header(line: str) -> bool:
    """Whether ``line`` is LinkedIn's header: its four columns, and no column of its own.

    >>> _linkedin_header("First Name,Last Name,URL,Email Address,Company,Position,Connected On")
    True
    >>> _linkedin_header("Contact ID,First Name,Last Name,Company,Position,Mobile,Reports To")
    False
    """
    try:
        cells = {c.strip().strip('"').strip().lower()
                 for c in next(csv.reader([line]), []) if c.strip()}
    except csv.Error:  # a line no header is: a field over the csv module's limit
        return False
    return set(_LINKEDIN) <= cells <= _LINKEDIN_ALL


def parse_cards(data: bytes, source: str) -> CardFile:
    """The cards in ``data`` (vCards or a LinkedIn connections export)."""
    if card_kind(data[:4096]) == "vcard":
        return _vcards(data, source)
    return _linkedin(data, source)


def _vcards(data: bytes, source: str) -> CardFile:
    import vobject

    found = CardFile(source, "vcard")
    text = data.decode("utf-8-sig", "replace")
    # one card at a time, so that a broken card is named and the others still read
    blocks = re.findall(r"BEGIN:VCARD.*?END:VCARD", text, re.S | re.I)
    for number, block in enumerate(blocks, start=1):
        found.items += 1
        where = Said("cards.card", card=number)
        try:
            card = vobject.readOne(_wanted(block))
        except Exception as err:  # vobject raises many kinds: reported, not raised
            found.problems.append(Said("cards.unreadable", where=where, why=short_reason(err)))
            continue
        contents = card.contents
        name = _value(contents, "fn") or _structured_name(contents)
        if not name:
            found.problems.append(Said("cards.no_name", where=where))
            continue
        org = contents.get("org")
        parts = [str(p).strip() for p in (org[0].value if org else [])
                 if str(p).strip()] if org else []
        emails = tuple(dict.fromkeys(
            address for e in contents.get("email", []) if e.value
            if _ADDRESS.fullmatch(address := str(e.value).strip().lower())))
        phones = tuple(dict.fromkeys(_phone(str(t.value)) for t in contents.get("tel", [])
                                     if t.value))
        found.cards.append(Card(name, parts[0] if parts else None,
                                parts[1] if len(parts) > 1 else None,
                                _value(contents, "title"), emails, phones, where))
    return found


_WANTED = {"BEGIN", "END", "VERSION", "FN", "N", "ORG", "TITLE", "EMAIL", "TEL"}


def _wanted(block: str) -> str:
    """A card with only the properties graphcrm reads (a photo, a birthday or a vendor's
    ``X-`` property, however malformed, cannot spoil it); lines unfolded first."""
    lines = re.sub(r"\r?\n[ \t]", "", block).splitlines()
    kept = [line for line in lines
            if re.split(r"[;:]", line.split(".", 1)[-1] if "." in line.split(":", 1)[0]
                        else line, maxsplit=1)[0].strip().upper() in _WANTED]
    return "\r\n".join(kept) + "\r\n"


def _value(contents: dict, key: str) -> str | None:
    lines = contents.get(key) or []
    value = str(lines[0].value).strip() if lines and lines[0].value else ""
    return value or None


def _structured_name(contents: dict) -> str | None:
    lines = contents.get("n") or []
    if not lines:
        return None
    n = lines[0].value
    family, given = str(n.family or "").strip(), str(n.given or "").strip()
    return _joined(given, family)


def _joined(given: str, family: str) -> str | None:
    if _CJK.search(given + family):
        return (family + given) or None
    return " ".join(p for p in (given, family) if p) or None


def _phone(text: str) -> str:
    return text.removeprefix("tel:").strip()


def _rows(reader: csv.DictReader, found: CardFile, first: int) -> Iterator[dict[str, Any]]:
    """The reader's rows, until one cannot be read (a field over the csv module's limit):
    that one is a problem, and the rest of the file is not read."""
    number = first
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            found.problems.append(Said("cards.row_unreadable", row=number,
                                       why=short_reason(err)))
            return
        yield row
        number += 1


def _linkedin(data: bytes, source: str) -> CardFile:
    found = CardFile(source, "linkedin")
    lines = data.decode("utf-8-sig", "replace").splitlines()
    start = next((i for i, line in enumerate(lines) if _linkedin_header(line)), None)
    if start is None:
        found.problems.append(Said("cards.no_linkedin_header"))
        return found
    csv.field_size_limit(DEFAULT_LIMITS.max_line_chars)  # as the table reader bounds it
    reader = csv.DictReader(io.StringIO("\n".join(lines[start:])))
    for number, row in enumerate(_rows(reader, found, start + 2), start=start + 2):
        found.items += 1
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()
               if isinstance(v, str)}
        name = _joined(row.get("first name", ""), row.get("last name", ""))
        if not name:
            found.problems.append(Said("cards.row_no_name", row=number))
            continue
        email = row.get("email address", "").lower()
        email = email if _ADDRESS.fullmatch(email) else ""
        found.cards.append(Card(name, row.get("company") or None, None,
                                row.get("position") or None, (email,) if email else (), (),
                                Said("cards.row", row=number)))
    return found
