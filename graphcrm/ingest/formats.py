"""The import formats graphcrm reads, in one registry: how each is recognised and which
reader turns it into records.

A file is recognised by its content, never its name (an ``.ics`` saved as ``.txt`` is
still a calendar): the first format of :data:`FORMATS` whose test accepts the file's first
bytes is its format; a file none accepts (CSV, an Excel workbook) or a folder is a set of
**tables** in the import format. Each format belongs to a *family*, the reader that makes
records of it: ``tables`` (:func:`graphcrm.ingest.read_tables`: people, ties, roles …),
``activity`` (calendar and mail: interactions, and the review list) and ``cards`` (contact
cards: people and organizations). A new format is one entry here and its reader.

Example
-------
>>> [f.name for f in FORMATS]
['calendar', 'mail', 'vcard', 'linkedin']
>>> recognise(b"BEGIN:VCALENDAR\\r\\n").family, recognise(b"id,name\\n") is None
('activity', True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graphcrm.ingest.activity import activity_kind
from graphcrm.ingest.cards import card_kind

__all__ = ["ImportFormat", "FORMATS", "FAMILIES", "recognise", "by_family"]

#: The readers, in the order an import runs them (tables first: the others match against
#: the people the tables bring).
FAMILIES = ("tables", "activity", "cards")


@dataclass(frozen=True)
class ImportFormat:
    """One format: its ``name``, the ``family`` whose reader makes records of it, the test
    that recognises it from a file's first bytes, and what it yields (for help texts)."""

    name: str
    family: str
    accepts: Callable[[bytes], bool]
    yields: str


FORMATS: tuple[ImportFormat, ...] = (
    ImportFormat("calendar", "activity", lambda head: activity_kind(head) == "calendar",
                 "iCalendar (.ics) from Outlook, Google, Apple, Feishu/Lark, DingTalk: "
                 "meetings become interactions"),
    ImportFormat("mail", "activity", lambda head: activity_kind(head) == "mail",
                 "mailboxes (.mbox) and messages (.eml): messages become interactions"),
    ImportFormat("vcard", "cards", lambda head: card_kind(head) == "vcard",
                 "vCards (.vcf): people, and organizations new to the store"),
    ImportFormat("linkedin", "cards", lambda head: card_kind(head) == "linkedin",
                 "LinkedIn's Connections.csv: people, and organizations new to the store"),
)


def recognise(head: bytes) -> ImportFormat | None:
    """The format whose test accepts a file's first bytes, or None (tables)."""
    return next((f for f in FORMATS if head and f.accepts(head)), None)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as data:
            return data.read(4096)
    except OSError:  # unreadable: the tables reader says so, by name
        return b""


def by_family(paths: Sequence[str | Path]) -> dict[str, list[Path]]:
    """The import's paths by the family that reads them (:data:`FAMILIES`, every key
    present), in the order given."""
    found: dict[str, list[Path]] = {family: [] for family in FAMILIES}
    read: Callable[[Path], bytes] = _head
    for path in paths:
        chosen = recognise(read(Path(path))) if Path(path).is_file() else None
        found[chosen.family if chosen else "tables"].append(Path(path))
    return found
