"""Write a file whole or not at all: into a temporary file beside it, then rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["replacing"]


@contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` (with the
    permissions any file the user writes gets), on failure it is removed.

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
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".graphcrm-")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
