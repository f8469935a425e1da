"""Write a file whole or not at all: into a temporary file beside it, then rename.

Only regular files are written: a FIFO, a device (``/dev/full``), a folder or anything else
already at the target is refused rather than replaced, and every failure (no such folder,
a read-only or full disk) becomes an :class:`~graphcrm.errors.OutputError` naming the path.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graphcrm.errors import OutputError
from graphcrm.words import Said, os_reason

__all__ = ["replacing"]


def _reason(err: OSError) -> str:
    """Why a write failed, in the reader's words (:func:`graphcrm.words.os_reason`)."""
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return Said("os.not_ours")
    return os_reason(err)


@contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` (with the
    permissions any file the user writes gets), on failure it is removed.

    Raises
    ------
    OutputError
        The target is not a regular file, its folder does not exist, or writing failed.

    Example
    -------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "out.txt"
    >>> with replacing(target) as path:
    ...     _ = path.write_text("done")
    >>> target.read_text()
    'done'
    """
    target = Path(target)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise OutputError(Said("error.cannot_write", target=target, why=_reason(err))) from err
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(Said("error.not_regular", target=target))
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(Said("error.no_folder", target=target, folder=folder))
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".graphcrm-")
    except OSError as err:
        raise OutputError(Said("error.cannot_write", target=target, why=_reason(err))) from err
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except OSError as err:
        raise OutputError(Said("error.cannot_write_whole", target=target,
                               why=_reason(err))) from err
    finally:
        temporary.unlink(missing_ok=True)
