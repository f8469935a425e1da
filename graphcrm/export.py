"""Hand the graph on: GraphML and GEXF for Gephi and Cytoscape, node-link JSON for D3.

GraphML and GEXF allow only text, numbers and booleans as attribute values, so
:func:`flatten` turns the people graph into one that any tool opens: ``None`` values are
left out, a person's roles become ``roles`` (``project:role`` pairs separated by ``; ``)
plus ``influence`` and ``stance`` per project as ``influence:<project>`` and
``stance:<project>``, extra columns become ``x:<column>``, a tie's type is ``tie`` (GEXF
keeps ``type`` for itself) and its ``weight`` its strength, and the graph's organization,
project and interaction tables stay out (JSON keeps organizations and projects).
``redact`` leaves out notes, e-mail, phone and informant roles, as the map's ``--redact``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from graphcrm.atomic import replacing
from graphcrm.domain import Role

__all__ = ["EXPORT_FORMATS", "flatten", "export_graph"]

EXPORT_FORMATS = ("graphml", "gexf", "json")
_PRIVATE = ("email", "phone", "notes")
_PERSON = ("name", "org_id", "org_name", "org_kind", "title", "department", "reports_to",
           "email", "phone", "notes", "last_interaction")
_TIE = ("strength", "level", "since", "last_contact", "notes")


def _value(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool)) else str(value)


def flatten(G: nx.MultiDiGraph, *, redact: bool = False) -> nx.MultiDiGraph:
    """A copy of the people graph whose attributes are all text, numbers or booleans.

    Example
    -------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="Ana", email="a@x", extra={"wechat": "ana"}, notes=None,
    ...            projects={"P": {"roles": ["informant", "user"], "influence": 2,
    ...                          "stance": "champion"}})
    >>> attrs = flatten(G, redact=True).nodes["a"]
    >>> attrs["roles"], attrs["stance:P"], attrs["x:wechat"], "email" in attrs
    ('P:user', 'champion', 'ana', False)
    """
    F = nx.MultiDiGraph()
    for person, data in G.nodes(data=True):
        attrs = {k: _value(data[k]) for k in _PERSON if data.get(k) is not None}
        if redact:
            for key in _PRIVATE:
                attrs.pop(key, None)
        attrs.update({f"x:{k}": _value(v) for k, v in (data.get("extra") or {}).items()})
        pairs = []
        for project, entry in sorted((data.get("projects") or {}).items()):
            roles = [r for r in entry["roles"]
                     if not (redact and r == Role.INFORMANT.value)]
            pairs += [f"{project}:{r}" for r in roles]
            if entry.get("influence") is not None:
                attrs[f"influence:{project}"] = entry["influence"]
            if entry.get("stance"):
                attrs[f"stance:{project}"] = entry["stance"]
        if pairs:
            attrs["roles"] = "; ".join(pairs)
        F.add_node(person, **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = {k: _value(data[k]) for k in _TIE if data.get(k) is not None}
        attrs["tie"] = data["type"]  # GEXF keeps "type" for directed/undirected
        attrs["weight"] = float(data.get("strength") or 1)  # what Gephi draws with
        if redact:
            attrs.pop("notes", None)
        attrs.update({f"x:{k}": _value(v) for k, v in (data.get("extra") or {}).items()})
        F.add_edge(u, v, key=key, **attrs)
    return F


def export_graph(G: nx.MultiDiGraph, path: str | os.PathLike[str], fmt: str, *,
                 redact: bool = False) -> Path:
    """Write ``G`` to ``path`` as ``graphml``, ``gexf`` or ``json`` (D3 node-link).

    The file is written whole or not at all (a temporary file renamed into place).
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of: {', '.join(EXPORT_FORMATS)})")
    F = flatten(G, redact=redact)
    with replacing(path) as temporary:
        if fmt == "graphml":
            nx.write_graphml(F, temporary, encoding="utf-8")
        elif fmt == "gexf":
            nx.write_gexf(F, temporary, encoding="utf-8")
        else:
            data = nx.node_link_data(F, edges="links")
            data["graph"] = {
                "organizations": G.graph.get("organizations", {}),
                "projects": G.graph.get("projects", {}),
            }
            temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str),
                                 encoding="utf-8")
    return Path(path)
