"""Render result tables as text tables, JSON records or spreadsheet-safe CSV.

- ``table``: aligned columns for a terminal; Chinese and other wide characters count two
  columns (``tabulate`` with ``wcwidth``).
- ``json``: a JSON array of records, UTF-8 (not ``\\u`` escapes), dates as ISO text.
- ``csv``: UTF-8 with a byte-order mark (so that Excel reads Chinese correctly), a header and
  rows; a text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``, while numbers stay
  numbers.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "render", "render_records", "safe_cell"]

FORMATS = ("table", "json", "csv")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralize a CSV cell that a spreadsheet would take for a formula.

    >>> safe_cell('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> safe_cell(-3)
    -3
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    """A JSON-friendly value: NaN/NA → None, numpy scalars → Python, containers kept."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    pandas = sys.modules.get("pandas")  # a value can be pandas' NA only if pandas is loaded
    if pandas is not None and (value is pandas.NA or value is pandas.NaT):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _text(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def render(frame: pd.DataFrame, fmt: str) -> str:
    """Render ``frame`` as ``fmt`` (``table``, ``json`` or ``csv``), ending with a newline."""
    records = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")  # quotes cells with \r or \n
        writer.writerow([safe_cell(str(c)) for c in frame.columns])
        for record in records:
            writer.writerow(
                [safe_cell(v if isinstance(v, (int, float)) or v is None else _text(v))
                 for v in record.values()]
            )
        return "\ufeff" + buffer.getvalue()  # the BOM tells Excel it is UTF-8 (Chinese)
    if fmt == "table":
        import tabulate as tabulation

        tabulation.MIN_PADDING = 0  # columns two spaces apart, no extra padding on headers
        if not records:
            return "(none)\n"
        rows = [[_text(v) for v in record.values()] for record in records]
        return tabulation.tabulate(rows, headers=list(frame.columns),
                                   disable_numparse=True) + "\n"
    raise ValueError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")


def render_records(records: list[dict[str, Any]]) -> str:
    """Nested records (lists and dicts inside) as a JSON array, UTF-8, ending with a newline."""
    return json.dumps([_plain(r) for r in records], ensure_ascii=False, indent=2) + "\n"
