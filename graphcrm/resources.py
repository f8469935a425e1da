"""Locate the folders that travel with the package: the sample bid and the Cypher files.

In the repository they sit at the top (``data/sample``, ``cypher``); ``setup.cfg`` maps them
into the installed package as ``graphcrm._sample`` and ``graphcrm._cypher``, so a wheel and an
editable install find them the same way.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["resource_dir", "sample_dir"]


def resource_dir(package: str) -> Path:
    """The folder of the data package ``package`` (``graphcrm._sample``, ``graphcrm._cypher``)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{package} is not installed with graphcrm (reinstall it)")
    return Path(next(iter(spec.submodule_search_locations)))


def sample_dir() -> Path:
    """The folder of the bundled sample bid's CSV files."""
    return resource_dir("graphcrm._sample")
