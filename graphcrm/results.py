"""The shape every query result shares, so that one output path serves them all.

A result (paths, gaps, informants, contact plan, matrix, stats, changes) offers:

``parts()``
    Its tables by name, as plain records (the first is the main one): what ``to_frame``,
    ``--format csv`` and ``--part`` read.
``records()``
    Everything it holds as plain data (the JSON output): a list of records, or an object
    of parts for a result with several (``gaps``: ``score``, ``stakeholders``, ``plan``,
    ``holes``). Keys and vocabulary values stay English: they are an interface.
``to_frame(part)``
    A part as a pandas DataFrame.
``blocks(lang)``
    What a person reads, in ``lang``: headings, sentences and tables whose headers and
    vocabulary cells come from :mod:`graphcrm.words`. ``text(lang)`` lays them out for a
    terminal (wide characters count two columns); notebooks show them as HTML.

Example
-------
>>> r = TableResult("demo", {"rows": Part(["name", "coverage"], [{"name": "A",
...                                                               "coverage": "uncovered"}])})
>>> print(r.text("zh"), end="")
姓名  覆盖
----  ------
A     未覆盖
"""

from __future__ import annotations

import datetime as dt
import html
import math
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphcrm.errors import BadArgument
from graphcrm.words import Said, cell, column, default_lang, joined, word

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Block", "Part", "Result", "TableResult", "ReportResult", "layout", "plain",
           "shown", "DATE_COLUMNS"]

#: Columns that hold a date (ISO text in records and JSON; datetime64 in frames).
DATE_COLUMNS = frozenset({"last_contact", "at", "deadline", "since", "date", "first", "last",
                          "status_since"})


@dataclass(frozen=True)
class Part:
    """One table of a result: its columns (English keys) and rows (records); ``shown``, the
    columns a person reads in its text table (default all: ids stay in the data)."""

    columns: list[str]
    rows: list[dict[str, Any]]
    shown: tuple[str, ...] = ()

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Part:
        """A DataFrame's columns and records."""
        rows: list[dict[str, Any]] = [{str(k): v for k, v in r.items()}
                                      for r in frame.to_dict("records")]
        return cls([str(c) for c in frame.columns], rows)


@dataclass(frozen=True)
class Block:
    """A piece of text output: a line (``wrap``: a paragraph wrapped at the terminal width,
    later lines indented two more), or a table (``headers`` and ``rows``, already in the
    reader's language)."""

    text: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    indent: str = ""
    wrap: bool = False

    @property
    def is_table(self) -> bool:
        return bool(self.headers)


def plain(value: Any) -> Any:
    """A JSON-friendly value: NaN, NA and NaT → None, numpy scalars → Python, dates → ISO
    text, containers converted inside."""
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    pandas = sys.modules.get("pandas")  # a value can be pandas' NA only if pandas is loaded
    if pandas is not None and (value is pandas.NA or value is pandas.NaT):
        return None
    if isinstance(value, (dt.date, dt.datetime)) or hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def shown(value: Any, lang: str = "en") -> str:
    """A cell as text: nothing for a missing value (never ``nan``/``None``), lists joined,
    floats to three significant digits, booleans as yes/no."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(value, list):
        return joined((shown(v, lang) for v in value), lang)
    if isinstance(value, dict):
        if "name" in value:
            return str(value["name"])
        return ", ".join(f"{k}: {shown(v, lang)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


class Result:
    """Base of every query result; subclasses give ``kind``, ``parts`` and ``blocks``.
    ``notes``: what a reader should know about how it was answered (catalogue keys and
    values), shown after the text; set by the API (:meth:`noted`)."""

    kind = "result"
    notes: tuple[tuple[str, dict[str, Any]], ...] = ()

    def noted(self, key: str, **values: Any) -> Result:
        """This result with a note (a catalogue key and its values) added; returns it."""
        object.__setattr__(self, "notes", (*self.notes, (key, values)))  # frozen results too
        return self

    def parts(self) -> dict[str, Part]:
        raise NotImplementedError

    def blocks(self, lang: str) -> list[Block]:
        raise NotImplementedError

    def records(self) -> Any:
        """The JSON output: the main part's records (a result with several parts overrides
        this with one object)."""
        return plain(next(iter(self.parts().values())).rows)

    def part(self, name: str | None = None) -> Part:
        """A part by name (the main one when ``name`` is None)."""
        parts = self.parts()
        if name is None:
            return next(iter(parts.values()))
        if name not in parts:
            raise BadArgument(Said("error.result_part", kind=self.kind, part=repr(name),
                                   parts=", ".join(parts)))
        return parts[name]

    def to_frame(self, part: str | None = None) -> pd.DataFrame:
        """A part (the main one by default) as a DataFrame, its dates (:data:`DATE_COLUMNS`)
        as ``datetime64`` (a missing date ``NaT``)."""
        import pandas as pd

        chosen = self.part(part)
        frame = pd.DataFrame(chosen.rows, columns=chosen.columns)
        for name in DATE_COLUMNS.intersection(frame.columns):
            frame[name] = pd.to_datetime(frame[name], errors="coerce", format="ISO8601")
        return frame

    def table(self, part: str | None = None, lang: str = "en",
              columns: list[str] | None = None, rows: list[dict[str, Any]] | None = None,
              indent: str = "") -> Block:
        """A part as a table block in ``lang``: translated headers and vocabulary cells;
        only ``columns`` and ``rows`` of it when given (a chain's hops, a quadrant)."""
        chosen = self.part(part)
        names = columns or list(chosen.shown) or chosen.columns
        return Block(headers=[column(c, lang, self.kind) for c in names],
                     rows=[[shown(cell(c, row.get(c), lang), lang) for c in names]
                           for row in (chosen.rows if rows is None else rows)],
                     indent=indent)

    def text(self, lang: str | None = None) -> str:
        """What a person reads, laid out for a terminal (see :func:`layout`), and its
        notes."""
        lang = lang or default_lang()
        return layout([*self.blocks(lang), *self._note_blocks(lang)])

    def _note_blocks(self, lang: str) -> list[Block]:
        return [Block(word(key, lang, **values), wrap=True) for key, values in self.notes]

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        parts = ", ".join(f"{name} ({len(part.rows)} rows)" for name, part in self.parts().items())
        return f"<{type(self).__name__}: {parts}; .to_frame(part), .records(), .text(lang)>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's plain-text display: the text a person reads."""
        printer.text(self.text())

    def _repr_html_(self) -> str:
        out = []
        lang = default_lang()
        for block in [*self.blocks(lang), *self._note_blocks(lang)]:
            if block.is_table:
                head = "".join(f"<th>{html.escape(h)}</th>" for h in block.headers)
                body = "".join("<tr>" + "".join(f"<td>{html.escape(shown(c))}</td>" for c in row)
                               + "</tr>" for row in block.rows)
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            elif block.text:
                out.append(f"<p>{html.escape(block.text)}</p>")
        return "".join(out)


class TableResult(Result):
    """A result that is only tables (stats, history): each part shown as a table."""

    def __init__(self, kind: str, parts: dict[str, Part]) -> None:
        self.kind = kind
        self._parts = parts

    def parts(self) -> dict[str, Part]:
        return self._parts

    def blocks(self, lang: str) -> list[Block]:
        out: list[Block] = []
        for i, name in enumerate(self._parts):
            if i:
                out.append(Block())
            out.append(self.table(name, lang) if self._parts[name].rows
                       else Block(word("none", lang)))
        return out


class ReportResult(TableResult):
    """Tables that answer one question together (``handover``): shown one after the other,
    and in JSON one object with a key per part."""

    def records(self) -> Any:
        return {name: plain(part.rows) for name, part in self.parts().items()}


WIDTH = 100


def layout(blocks: list[Block], width: int = WIDTH) -> str:
    """Lay blocks out as terminal text, ending with a newline: tables aligned with wide
    (Chinese) characters counted as two columns, paragraphs wrapped at ``width``."""
    lines: list[str] = []
    for block in blocks:
        if block.is_table:
            lines += [block.indent + line for line in _grid(block).splitlines()]
        elif block.wrap:
            lines += _wrapped(block.text, block.indent, width)
        else:
            lines.append(block.indent + block.text)
    return "\n".join(lines) + "\n"


def _grid(block: Block) -> str:
    import tabulate as tabulation

    tabulation.MIN_PADDING = 0  # columns two spaces apart, no extra padding on headers
    rows = [[shown(v) for v in row] for row in block.rows]
    return str(tabulation.tabulate(rows, headers=block.headers, disable_numparse=True))


def _wrapped(text: str, indent: str, width: int) -> list[str]:
    """Greedy wrapping that breaks after a list separator (``、`` ``，`` ``；`` or ``, ``
    ``; `` ``· ``) when it can, at another space when it must; wide characters count two."""
    import re

    from wcwidth import wcswidth

    first = indent + " " * (len(text) - len(text.lstrip(" ")))
    pieces: list[str] = []
    for chunk in re.split(r"(?<=[、，；])|(?<=[,;·] )", text.strip(" ")):
        if wcswidth(chunk) > width // 2:
            words = chunk.split(" ")
            pieces += [w + " " for w in words[:-1] if w] + ([words[-1]] if words[-1] else [])
        elif chunk:
            pieces.append(chunk)
    lines: list[str] = []
    line = first
    for piece in pieces:
        if wcswidth((line + piece).rstrip()) > width and line.strip():
            lines.append(line.rstrip())
            line = f"{indent}  {piece.lstrip()}"
        else:
            line += piece
    lines.append(line.rstrip())
    return lines
