"""The exceptions graphcrm raises; every one derives from :class:`GraphCRMError`.

::

    GraphCRMError                 anything graphcrm reports to a user            exit 1
    ├── InputError                a file cannot be read as the import format     exit 3
    ├── ValidationFailed          the input was read; some rows are invalid      exit 3
    ├── StoreError                the store cannot be opened, read or written    exit 4
    │   ├── StoreNotFound         there is no store where one was expected
    │   ├── StoreDamaged          the store's file is corrupt or truncated
    │   ├── StoreBusy             another process holds the store too long
    │   └── ErasureIncomplete     forget erased, but a reader keeps the old copy
    ├── LookupFailed (LookupError) a person or project named is not there        exit 5
    │   └── AmbiguousName         a name matches several people (candidates listed)
    ├── Conflict                  a snapshot name is taken, a date precedes history  exit 2
    ├── BadArgument (ValueError)  an argument out of range                       exit 2
    │   └── WrongType (TypeError) an argument of the wrong type
    └── OutputError               a map, export or picture cannot be written     exit 6

Library code raises these and never prints or exits; the CLI turns them into one message on
stderr and the exit code above (2 is click's: a wrong option or argument). Errors from the
standard library, the drivers or pandas are translated at the boundary where they occur
(``raise ... from err``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "GraphCRMError",
    "BadArgument",
    "WrongType",
    "Conflict",
    "InputError",
    "Problem",
    "ValidationFailed",
    "StoreError",
    "StoreNotFound",
    "StoreDamaged",
    "StoreBusy",
    "ErasureIncomplete",
    "OutputError",
    "LookupFailed",
    "AmbiguousName",
]


class GraphCRMError(Exception):
    """Root of graphcrm's exceptions. ``exit_code`` is what the CLI exits with.

    An error whose message is a sentence of the catalogue (:class:`graphcrm.words.Said`)
    reads in the user's language (``GRAPHCRM_LANG``, else the locale) wherever it is shown —
    in a notebook as at the command line."""

    exit_code = 1

    def __str__(self) -> str:
        said = self.args[0] if len(self.args) == 1 else None
        if said is not None and hasattr(said, "in_lang"):
            from graphcrm.words import default_lang

            return str(said.in_lang(default_lang()))
        return super().__str__()


class InputError(GraphCRMError):
    """A file or folder cannot be read as the import format (missing, unreadable, wrong type,
    over a limit). Nothing was written."""

    exit_code = 3


@dataclass(frozen=True)
class Problem:
    """One invalid spot in the input: where it is, what is there, and why it is wrong.

    ``row`` is the spreadsheet row number (the header is row 1); ``None`` for problems with a
    whole table or column.
    """

    source: str
    table: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = self.source
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        value = "" if self.value is None else f" {self.value!r}:"
        return f"{where}:{value} {self.reason}"


class ValidationFailed(GraphCRMError, ValueError):
    """The input has invalid rows; nothing was written. ``problems`` lists every one."""

    exit_code = 3

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        plural = "s" if count != 1 else ""
        super().__init__(f"{count} problem{plural} in the input; nothing was written")

    def __str__(self) -> str:
        return "\n".join([self.args[0], *(str(p) for p in self.problems)])


class StoreError(GraphCRMError):
    """The store cannot be opened, read or written."""

    exit_code = 4


class StoreNotFound(StoreError):
    """No store exists where one was expected (nothing has been imported yet)."""


class StoreDamaged(StoreError):
    """The store's file is corrupt or truncated; graphcrm does not write to it."""


class StoreBusy(StoreError):
    """Another process held the store longer than graphcrm waits for it."""


class ErasureIncomplete(StoreError):
    """``forget`` erased the person from the store, but another process still reads an older
    copy of the file, so the erased data is not yet overwritten on disk. ``erased`` counts what
    went."""

    def __init__(self, message: str, erased: dict[str, int]) -> None:
        super().__init__(message)
        self.erased = erased


class OutputError(GraphCRMError):
    """A file graphcrm was asked to write (map, export, picture) cannot be written; nothing
    was left half-written."""

    exit_code = 6


class LookupFailed(GraphCRMError, LookupError):
    """A person or project named by the user does not exist (a :class:`LookupError`)."""

    exit_code = 5


class AmbiguousName(LookupFailed):
    """A name matches several people; ``candidates`` lists ``(id, name, organization)``."""

    def __init__(self, name: str, candidates: Sequence[tuple[str, str, str]]) -> None:
        self.name = name
        self.candidates = list(candidates)
        lines = [f"{name!r} matches {len(self.candidates)} people; write which, as "
                 f"{name}（part of the organization）, or give the id:"]
        lines += [f"  {pid}  {pname}  ({org})" for pid, pname, org in self.candidates]
        super().__init__("\n".join(lines))


class Conflict(GraphCRMError):
    """A name the user gave is taken (a snapshot name used twice), or a date lies before
    what the store remembers."""

    exit_code = 2


class BadArgument(GraphCRMError, ValueError):
    """An argument out of its range (``k`` below 1, a part that a result does not have): a
    :class:`ValueError`."""

    exit_code = 2


class WrongType(BadArgument, TypeError):
    """An argument of the wrong type (``top="5"``, a number for a person): a
    :class:`TypeError` (and a :class:`ValueError`, as every bad argument)."""
