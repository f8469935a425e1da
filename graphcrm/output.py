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
from typing import TYPE_CHECKING, Any

from graphcrm.errors import BadArgument
from graphcrm.results import Part, Result, TableResult, plain, shown
from graphcrm.words import Said, cell, column

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "emit", "render", "safe_cell"]

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


def emit(result: Result, fmt: str, lang: str = "en", part: str | None = None) -> str:
    """Any query result as ``fmt``, ending with a newline: the one output path.

    Parameters
    ----------
    result
        A :class:`~graphcrm.results.Result` (paths, gaps, informants, contact plan,
        matrix, stats, changes, history).
    fmt
        ``table``: the result's text in ``lang``; ``json``: its records (keys and vocabulary
        values in English, whatever ``lang``), or one part's; ``csv``: one part (the main one
        by default), vocabulary cells in ``lang``; headers are the JSON keys in English (so
        that scripts keep reading them) and the catalogue's words in Chinese.
    lang
        ``en`` or ``zh``.
    part
        For ``json`` and ``csv``: the part to write (``gaps``: ``stakeholders``, ``plan`` or
        ``holes``).

    Raises
    ------
    BadArgument
        When the result has no such part.
    """
    if part is not None and part not in result.parts():
        raise BadArgument(Said("error.no_part", part=part, kind=result.kind,
                               parts=", ".join(result.parts())))
    if fmt == "json":
        found = result.records() if part is None else plain(result.part(part).rows)
        return json.dumps(found, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        chosen = result.part(part)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")  # quotes cells with \r or \n
        writer.writerow([safe_cell(c if lang == "en" else column(c, lang, result.kind))
                         for c in chosen.columns])
        for row in chosen.rows:
            writer.writerow([safe_cell(_csv_value(cell(c, row.get(c), lang), lang))
                             for c in chosen.columns])
        return "\ufeff" + buffer.getvalue()  # the BOM tells Excel it is UTF-8 (Chinese)
    if fmt == "table":
        return result.text(lang)
    raise ValueError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")


def _csv_value(value: Any, lang: str) -> Any:
    value = plain(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return shown(value, lang)


def render(frame: pd.DataFrame, fmt: str, lang: str = "en") -> str:
    """A plain table (a DataFrame) through :func:`emit`."""
    return emit(TableResult("table", {"rows": Part.of(frame)}), fmt, lang)
