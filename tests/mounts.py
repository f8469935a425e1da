"""Real faults of the machine for the tests: a small disk that fills up, a read-only disk.

Both are tmpfs mounts, made for the test and removed after it. Mounting needs root (as the
developers' machines and CI run); elsewhere the tests that need it skip, except in CI, where
they must run.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _fail_or_skip(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the disk-fault tests, but: {reason}")
    pytest.skip(reason)


@contextmanager
def tmpfs(folder: Path, size_kb: int) -> Iterator[Path]:
    """A tmpfs of ``size_kb`` KiB mounted on ``folder`` for the duration of the block."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs",
                           str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        _fail_or_skip(f"cannot mount a tmpfs ({done.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def make_read_only(folder: Path) -> None:
    """Remount the tmpfs at ``folder`` read-only (root ignores file permissions, so this is
    how a test gets a read-only store or output folder)."""
    done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        _fail_or_skip(f"cannot remount read-only ({done.stderr.strip()})")
