"""graphcrm.records: the keys that order and identify records."""

from __future__ import annotations

from graphcrm.records import TieRows, record_key, tie_row_key


def test_a_tie_row_has_its_records_key():
    """Rows sort as their records do: a KNOWS tie is the same either way round, a directed
    tie is not, and a missing part counts as empty."""
    rows = [("p2", "p1", "KNOWS"), ("p2", "p1", "INFLUENCES"), ("p1", "p2", "KNOWS"),
            ("p3", None, "REFERRED")]
    keys = [tie_row_key((*row, None, None, None, None, None, None)) for row in rows]
    assert keys == [("p1", "p2", "KNOWS"), ("p2", "p1", "INFLUENCES"), ("p1", "p2", "KNOWS"),
                    ("p3", "", "REFERRED")]
    assert keys == [record_key("relationships", dict(zip(TieRows.COLUMNS[:3], row, strict=True)))
                    for row in rows]
