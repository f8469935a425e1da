"""Find the person or project a user named: by id, or by name in any script.

Exact id first, then exact name, then a case-insensitive match (Unicode-folded, so full-width
and half-width forms agree). A name that fits several people is an error that lists them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

import networkx as nx

from graphcrm.errors import AmbiguousName, LookupFailed

__all__ = ["find_person", "find_project"]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def find_person(people: Mapping[str, Mapping[str, Any]], text: str) -> str:
    """The id of the person ``text`` names among ``people`` (id → ``name``, ``org_name``):
    a graph's ``G.nodes`` or a store's :meth:`~graphcrm.stores.Store.people_index`.

    Raises
    ------
    AmbiguousName
        Several people match; the error lists them with their organizations.
    LookupFailed
        Nobody matches.

    Example
    -------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p1", name="王建国", org_name="东方")
    >>> find_person(G.nodes, "王建国"), find_person(G.nodes, "p1")
    ('p1', 'p1')
    """
    if text in people:
        return text
    for matches in (
        [n for n, d in people.items() if d.get("name") == text],
        [n for n, d in people.items() if _fold(d.get("name") or "") == _fold(text)],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousName(
                text, [(n, people[n]["name"], people[n].get("org_name") or "")
                       for n in sorted(matches)]
            )
    raise LookupFailed(f"nobody called {text!r} (give a person's id or name)")


def find_project(G: nx.MultiDiGraph, text: str) -> str:
    """The id of the project ``text`` names (its id or its name)."""
    projects = G.graph.get("projects", {})
    if text in projects:
        return text
    matches = [p for p, d in projects.items() if _fold(d.get("name") or "") == _fold(text)]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(sorted(projects)) or "none"
    raise LookupFailed(f"no project {text!r} (projects: {known})")
