"""Find the person or project a user named: by id, or by name in any script.

Exact id first, then exact name, then a case-insensitive match (folded by
:func:`graphcrm.domain.normalize_token`, the one folding rule for names, headers and
vocabulary: full-width and half-width forms agree). A name that fits several people is an
error that lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from graphcrm.domain import normalize_token
from graphcrm.errors import AmbiguousName, LookupFailed
from graphcrm.words import Said

__all__ = ["find_person", "find_project", "by_title", "QUALIFIED"]


#: A name with what tells namesakes apart: 张伟（调控中心）, 张伟(信通), 张伟@国网 — the one
#: rule for person lookups and for names in an import's cells.
QUALIFIED = re.compile(r"^\s*(.+?)\s*(?:[（(]\s*(.+?)\s*[）)]|[@＠]\s*(.+?))\s*$")


def find_person(people: Mapping[str, Mapping[str, Any]], text: str) -> str:
    """The id of the person ``text`` names among ``people`` (id → ``name``, ``org_name``):
    a graph's ``G.nodes`` or a store's :meth:`~graphcrm.stores.Store.people_index`. A name
    several people share may be written with a part of the organization (or department or
    title) that tells them apart: ``张伟（调控中心）``, ``张伟@国网``; and people may be
    called as colleagues call them, by surname and title (``刘总``, ``王处``, ``张工``) when
    exactly one fits (several are listed).

    Raises
    ------
    AmbiguousName
        Several people match; the error lists them with their organizations.
    LookupFailed
        Nobody matches.

    Example
    -------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p1", name="王建国", org_name="东方")
    >>> find_person(G.nodes, "王建国"), find_person(G.nodes, "p1")
    ('p1', 'p1')
    >>> G.add_node("p2", name="王建国", org_name="滨海医院")
    >>> find_person(G.nodes, "王建国（滨海）"), find_person(G.nodes, "王建国@东方")
    ('p2', 'p1')
    """
    if text in people:
        return text
    qualified = QUALIFIED.match(text)
    if qualified and not any(d.get("name") == text for d in people.values()):
        base, hint = qualified.group(1), qualified.group(2) or qualified.group(3)
        fits = [n for n, d in people.items() if d.get("name") == base and any(
            hint in str(d.get(fact) or "") for fact in ("org_name", "department", "title"))]
        if len(fits) == 1:
            return fits[0]
    for matches in (
        [n for n, d in people.items() if d.get("name") == text],
        [n for n, d in people.items()
         if normalize_token(d.get("name") or "") == normalize_token(text)],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousName(
                text, [(n, people[n]["name"], people[n].get("org_name") or "")
                       for n in sorted(matches)]
            )
    called = by_title(people, text)
    if len(called) == 1:
        return called[0]
    if called:
        raise AmbiguousName(text, [(n, people[n]["name"], people[n].get("org_name") or "")
                                   for n in sorted(called)])
    raise LookupFailed(Said("error.nobody_called", name=repr(text)))


#: How people are called by surname and title (刘总, 王处, 张工, 李主任): the words of the
#: title each form needs.
_NICKNAMES = {"总": ("总",), "处": ("处长",), "工": ("工程师", "总工", "工"),
              "主任": ("主任",), "局": ("局长",), "部长": ("部长",), "经理": ("经理",),
              "科长": ("科长",), "院长": ("院长",), "书记": ("书记",), "董": ("董事",)}


def by_title(people: Mapping[str, Mapping[str, Any]], text: str) -> list[str]:
    """The people ``text`` calls by surname and title (刘总: a 刘 whose title has 总 in it).

    >>> people = {"a": {"name": "刘洪涛", "title": "总经理"}, "b": {"name": "刘洋",
    ...           "title": "采购部经理"}, "c": {"name": "王建", "title": "处长"}}
    >>> by_title(people, "刘总"), by_title(people, "王处"), by_title(people, "刘工")
    (['a'], ['c'], [])
    """
    text = text.strip()
    for suffix, words in _NICKNAMES.items():
        if text.endswith(suffix) and 1 <= len(text) - len(suffix) <= 2:
            surname = text[:-len(suffix)]
            return sorted(n for n, d in people.items()
                          if str(d.get("name") or "").startswith(surname)
                          and len(str(d.get("name") or "")) > len(surname)
                          and any(w in str(d.get("title") or "") for w in words))
    return []


def find_project(projects: Iterable[Mapping[str, Any]], text: str | None) -> str:
    """The id of the project ``text`` names among ``projects`` (records with ``id`` and
    ``name``): its id, or its name (exact, then ignoring case and full-width forms); with no
    text, the only project there is.

    Raises
    ------
    LookupFailed
        No such project, several projects of that name (their ids listed), or no text
        where there are several projects.

    Example
    -------
    >>> projects = [{"id": "P1", "name": "储能监控"}, {"id": "P2", "name": "Metro"}]
    >>> find_project(projects, "P1"), find_project(projects, "ＭＥＴＲＯ")
    ('P1', 'P2')
    """
    chosen = list(projects)
    ids = {p["id"] for p in chosen}
    listed = ", ".join(sorted(ids)) or Said("none")
    if text is None:
        if len(ids) == 1:
            return next(iter(ids))
        raise LookupFailed(Said("error.name_a_project", projects=listed))
    if text in ids:
        return text
    for same in (lambda name: name == text,
                 lambda name: normalize_token(name) == normalize_token(text)):
        named = sorted(p["id"] for p in chosen if p.get("name") and same(p["name"]))
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            raise LookupFailed(Said("error.projects_named", name=repr(text), n=len(named),
                                    ids=", ".join(named)))
    raise LookupFailed(Said("error.no_project", name=repr(text), projects=listed))
