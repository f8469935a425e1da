"""Import: read a folder of CSV files or an Excel workbook and validate it into a Dataset.

The readers, header rules and validation are imported when first used, so that the command
line can name :class:`Limits` in its options without loading them (``graphcrm --help``
starts fast).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphcrm.ingest.limits import Limits

if TYPE_CHECKING:
    from graphcrm.ingest.headers import Headers, read_mapping
    from graphcrm.ingest.readers import RawTable
    from graphcrm.ingest.validate import Names, Parents
    from graphcrm.records import Dataset

__all__ = ["read_dataset", "read_tables", "Limits", "Headers", "read_mapping"]


def __getattr__(name: str) -> Any:
    if name in ("Headers", "read_mapping"):
        from graphcrm.ingest import headers

        return getattr(headers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_dataset(
    paths: Sequence[str | Path],
    *,
    encoding: str | None = None,
    known_ids: Mapping[str, set[str]] | None = None,
    limits: Limits | None = None,
    headers: Headers | None = None,
    known_names: Names | None = None,
    known_people: Mapping[str, tuple[str, str]] | None = None,
    allow_reassign: bool = False,
    more: Sequence[RawTable] = (),
    read: tuple[list[RawTable], list[str]] | None = None,
    known_parents: Parents | None = None,
    clear_blanks: bool = False,
    defer_references: bool = False,
) -> Dataset:
    """Read and validate the import files at ``paths`` (folders, CSV files, workbooks).

    Parameters
    ----------
    paths
        Folders of CSV files, single CSV files named after their table, or ``.xlsx``
        workbooks; tables of the same name from several paths are concatenated.
    encoding
        Force the CSV encoding (``utf-8``, ``gb18030`` ...) instead of detecting it.
    known_ids
        Ids already in the store (see :meth:`graphcrm.stores.Store.known_ids`), so that a
        file may refer to people or organizations imported earlier; a table the store
        already holds rows of is not required in the input.
    limits
        Bounds on what reading may cost (:class:`~graphcrm.ingest.limits.Limits`).
    headers
        How sheet names and headers are recognised (built in, plus a mapping file's).
    known_names
        ``table → name → ids`` of what the store holds, for references by name.
    known_people, allow_reassign
        ``id → (name, org_id)`` in the store: a stored id arriving with another name and
        another organization is refused unless ``allow_reassign``.
    more
        Tables read from elsewhere (the interactions of calendar and mail files, from
        :func:`graphcrm.ingest.participants.activity_tables`), validated with the rest.
    read
        The tables and warnings of ``paths`` already read (:func:`read_tables`), so that
        files validated twice are read once.
    known_parents
        ``(table, ids) → id → stored superior or parent organization``: a reporting line
        that closes a cycle through earlier imports is refused like one within the files.
    clear_blanks
        A blank cell erases what the store holds; by default it leaves it.
    defer_references
        Leave references to ids the store does not hold yet for the store to check under its
        import lock (``Dataset.pending``), instead of refusing them now.

    Returns
    -------
    Dataset

    Raises
    ------
    InputError
        A path cannot be read as the import format.
    ValidationFailed
        Some rows are invalid; every problem is listed.

    Example
    -------
    >>> from graphcrm.resources import sample_dir
    >>> read_dataset([sample_dir()]).counts()["people"] > 60
    True
    """
    from graphcrm.ingest.headers import Headers
    from graphcrm.ingest.validate import validate

    headers = headers or Headers()
    tables, warnings = read if read is not None else read_tables(paths, encoding=encoding,
                                                                 limits=limits, headers=headers)
    return validate([*tables, *more], known_ids, warnings, headers=headers, known_names=known_names,
                    known_people=known_people, allow_reassign=allow_reassign,
                    known_parents=known_parents, clear_blanks=clear_blanks,
                    defer_references=defer_references)


def read_tables(paths: Sequence[str | Path], *, encoding: str | None = None,
                limits: Limits | None = None, headers: Headers | None = None
                ) -> tuple[list[RawTable], list[str]]:
    """The raw tables of the import files at ``paths`` and the warnings met reading them,
    not yet validated (see :func:`read_dataset`).

    Raises
    ------
    InputError
        A path cannot be read as the import format.
    """
    from graphcrm.ingest.readers import read_paths

    return read_paths(list(paths), encoding, limits, headers) if paths else ([], [])

