"""Locate the folders that travel with the package: the sample bid and the Cypher files.

In the repository they sit at the top (``data/sample``, ``cypher``); ``setup.cfg`` maps them
into the installed package as ``graphcrm._sample`` and ``graphcrm._cypher``. An installed
package (wheel or editable) finds them by that name; code run straight from a checkout finds
them beside the package folder.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["resource_dir", "sample_dir", "cypher_dir"]

_IN_REPOSITORY = {"graphcrm._sample": "data/sample", "graphcrm._cypher": "cypher"}


def resource_dir(package: str) -> Path:
    """The folder of the data package ``package`` (``graphcrm._sample``, ``graphcrm._cypher``)."""
    try:
        spec = importlib.util.find_spec(package)
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    checkout = Path(__file__).resolve().parent.parent / _IN_REPOSITORY[package]
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"{package} is missing from this graphcrm installation; reinstall it")


def sample_dir() -> Path:
    """The folder of the bundled sample bid's CSV files."""
    return resource_dir("graphcrm._sample")


def cypher_dir() -> Path:
    """The folder of the Cypher files the Neo4j store runs."""
    return resource_dir("graphcrm._cypher")
