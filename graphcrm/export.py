"""Hand the graph on: GraphML and GEXF for Gephi and Cytoscape, node-link JSON for D3.

GraphML and GEXF allow only text, numbers and booleans as attribute values, so
:func:`flatten` turns the people graph into one that any tool opens: ``None`` values are
left out, a person's roles become ``roles`` (``project:role`` pairs separated by ``; ``)
plus ``influence`` and ``stance`` per project as ``influence:<project>`` and
``stance:<project>``, extra columns become ``x:<column>``, a tie's type is ``tie`` (GEXF
keeps ``type`` for itself) and its ``weight`` its strength, and the graph's organization,
project and interaction tables stay out (JSON keeps organizations and projects).
``redact`` keeps only what :mod:`graphcrm.redaction` allows, as the map's ``--redact``:
no notes, e-mail, phone, informant roles or extra columns, and organizations and projects
reduced to their contract facts. Characters XML cannot carry (control characters, lone
surrogates) become U+FFFD, so every export parses.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphcrm.atomic import replacing
from graphcrm.redaction import (
    ORGANIZATION_FIELDS,
    PERSON_FIELDS,
    PRIVATE_PERSON_FIELDS,
    PROJECT_FIELDS,
    TIE_FIELDS,
    shareable,
    shareable_roles,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EXPORT_FORMATS", "flatten", "export_graph"]

EXPORT_FORMATS = ("graphml", "gexf", "json")
# XML 1.0 has no place for these (and a lone surrogate cannot even be encoded)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return _text(value)
    return value if isinstance(value, (int, float, bool)) else _text(str(value))


def _extras(extra: dict[str, Any] | None) -> dict[str, Any]:
    return {f"x:{_text(k)}": _value(v) for k, v in (extra or {}).items()}


def flatten(G: nx.MultiDiGraph, *, redact: bool = False) -> nx.MultiDiGraph:
    """A copy of the people graph whose attributes are all text, numbers or booleans.

    Example
    -------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="Ana", email="a@x", extra={"wechat": "ana"}, notes=None,
    ...            projects={"P": {"roles": ["informant", "user"], "influence": 2,
    ...                          "stance": "champion"}})
    >>> attrs = flatten(G).nodes["a"]
    >>> attrs["roles"], attrs["stance:P"], attrs["x:wechat"], attrs["email"]
    ('P:informant; P:user', 'champion', 'ana', 'a@x')
    >>> sorted(flatten(G, redact=True).nodes["a"])
    ['influence:P', 'name', 'roles', 'stance:P']
    """
    import networkx as nx  # on use: the command line names the formats without it

    F = nx.MultiDiGraph()
    person_fields = PERSON_FIELDS if redact else (*PERSON_FIELDS, *PRIVATE_PERSON_FIELDS)
    tie_fields = TIE_FIELDS if redact else (*TIE_FIELDS, "notes")
    for person, data in G.nodes(data=True):
        attrs = {k: _value(v) for k, v in shareable(data, person_fields).items()}
        if not redact:
            attrs.update(_extras(data.get("extra")))
        pairs = []
        for project, entry in sorted((data.get("projects") or {}).items()):
            roles = shareable_roles(entry["roles"]) if redact else entry["roles"]
            pairs += [f"{_text(project)}:{r}" for r in roles]
            if entry.get("influence") is not None:
                attrs[f"influence:{_text(project)}"] = entry["influence"]
            if entry.get("stance"):
                attrs[f"stance:{_text(project)}"] = entry["stance"]
        if pairs:
            attrs["roles"] = "; ".join(pairs)
        F.add_node(_text(person), **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = {k: _value(v) for k, v in shareable(data, tie_fields).items()}
        attrs["tie"] = data["type"]  # GEXF keeps "type" for directed/undirected
        attrs["weight"] = float(data.get("strength") or 1)  # what Gephi draws with
        if not redact:
            attrs.update(_extras(data.get("extra")))
        F.add_edge(_text(u), _text(v), key=key, **attrs)
    return F


def export_graph(G: nx.MultiDiGraph, path: str | os.PathLike[str], fmt: str, *,
                 redact: bool = False) -> Path:
    """Write ``G`` to ``path`` as ``graphml``, ``gexf`` or ``json`` (D3 node-link).

    The file is written whole or not at all (a temporary file renamed into place).
    """
    import networkx as nx

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
            organizations = G.graph.get("organizations", {})
            projects = G.graph.get("projects", {})
            if redact:
                organizations = {k: shareable(o, ORGANIZATION_FIELDS)
                                 for k, o in organizations.items()}
                projects = {k: shareable(p, PROJECT_FIELDS) for k, p in projects.items()}
            data["graph"] = {"organizations": organizations, "projects": projects}
            temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str),
                                 encoding="utf-8")
    return Path(path)
