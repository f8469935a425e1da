"""What one import may cost: bounds checked before and while reading, never after.

A workbook's declared unpacked size and a file's size on disk are checked before anything
is read; rows, columns, cells and characters are counted while reading, and reading stops
at the first one over its bound. Each bound has a command-line option that raises it (the
``--max-…`` options of ``graphcrm import``) and is named in the message that refuses a file.

Example
-------
>>> Limits().max_rows
1000000
>>> print(Limits(max_rows=10).over("rows", 11, "people.csv"))
people.csv: more than 10 rows in one table (the limit; raise it with --max-rows)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphcrm.errors import InputError
from graphcrm.words import Said, os_reason

__all__ = ["Limits", "MiB", "check_size", "DEFAULT_LIMITS"]

MiB = 1024 * 1024

_OPTION = {  # the bound's words are the catalogue's ``limit.<what>``
    "rows": "--max-rows",
    "columns": "--max-columns",
    "cells": "--max-rows / --max-columns",
    "cell_chars": "--max-cell-chars",
    "line_chars": "--max-cell-chars",
    "file_bytes": "--max-file-mb",
    "workbook_bytes": "--max-file-mb",
    "occurrences": "--max-occurrences",
}


@dataclass(frozen=True)
class Limits:
    """Bounds on one import.

    Attributes
    ----------
    max_rows
        Data rows in one table (all files of that table together).
    max_columns
        Columns in one table, the extra columns included.
    max_cell_chars
        Characters in one cell (Excel's own limit is 32,767). A CSV line may hold 32
        times as many.
    max_file_mb
        MiB in one file on disk, of every kind an import reads (tables, workbooks,
        calendars, mail, contact cards); a workbook may unpack to twice as many (its
        declared size is checked before it is opened).
    max_occurrences
        Instances a recurrence rule of a calendar event may make the reader step through
        from the event's start (an event every minute since 2020: 3.6 million); estimated
        from the rule before anything is expanded.
    """

    max_rows: int = 1_000_000
    max_columns: int = 1_000
    max_cell_chars: int = 32_767
    max_file_mb: int = 256
    max_occurrences: int = 100_000

    @property
    def max_cells(self) -> int:
        """Cells one sheet may make the reader hold (rows × columns)."""
        return self.max_rows * min(self.max_columns, 20)

    @property
    def max_line_chars(self) -> int:
        """Characters on one physical line of a CSV file."""
        return 32 * self.max_cell_chars

    @property
    def max_file_bytes(self) -> int:
        """Bytes in one file on disk."""
        return self.max_file_mb * MiB

    @property
    def max_workbook_bytes(self) -> int:
        """Bytes a workbook may unpack to (the sum of its parts' declared sizes)."""
        return 2 * self.max_file_mb * MiB

    def over(self, what: str, value: int, where: str) -> str:
        """The message for ``value`` over the bound ``what`` at ``where``."""
        limit = {"rows": self.max_rows, "columns": self.max_columns, "cells": self.max_cells,
                 "cell_chars": self.max_cell_chars, "line_chars": self.max_line_chars,
                 "file_bytes": self.max_file_bytes,
                 "workbook_bytes": self.max_workbook_bytes,
                 "occurrences": self.max_occurrences}[what]
        if what.endswith("bytes"):
            return Said("limit.over_bytes", where=where, size=f"{value / MiB:,.1f}",
                        limit=f"{limit / MiB:,.0f}", what=Said(f"limit.{what}"),
                        option=_OPTION[what])
        return Said("limit.over", where=where, limit=f"{limit:,}", what=Said(f"limit.{what}"),
                    option=_OPTION[what])


#: The bounds an import has when none are given.
DEFAULT_LIMITS = Limits()


def check_size(path: Path, limits: Limits) -> None:
    """Refuse ``path`` before reading it when it is larger than ``limits`` allow.

    Raises
    ------
    InputError
        The file cannot be read, or is over ``max_file_mb``.
    """
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(Said("error.cannot_read", path=path, why=os_reason(err))) from err
    if size > limits.max_file_bytes:
        raise InputError(limits.over("file_bytes", size, str(path)))
