"""Hand the graph on: GraphML and GEXF for Gephi and Cytoscape, node-link JSON for D3.

GraphML and GEXF allow only text, numbers and booleans as attribute values, so
:func:`flatten` turns the people graph into one that any tool opens: ``None`` values are
left out, a person's roles become ``roles`` (``project:role`` pairs separated by ``; ``)
plus ``influence`` and ``stance`` per project as ``influence:<project>`` and
``stance:<project>``, extra columns become ``x:<column>``, a tie's type is ``tie`` (GEXF
keeps ``type`` for itself) and its ``weight`` the probability it passes a request, and the
graph's organization, project and interaction tables stay out (JSON keeps organizations and
projects). Every file is one directed graph — a mutual (KNOWS) tie is two arcs, marked
``mutual`` — so that ``nx.read_graphml``, ``nx.read_gexf`` and ``nx.node_link_graph`` read
it back with their defaults, and Gephi and Cytoscape draw it.

``redact`` keeps only what :mod:`graphcrm.redaction` allows, as the map's ``--redact``:
no notes, e-mail, phone, informant roles or extra columns, and organizations and projects
reduced to their contract facts. Characters XML cannot carry (control characters, lone
surrogates) become U+FFFD, so every export parses.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphcrm.atomic import replacing
from graphcrm.domain import TieType
from graphcrm.errors import BadArgument
from graphcrm.palette import KIND_COLOR, STANCE_COLOR, rgb
from graphcrm.redaction import (
    ORGANIZATION_FIELDS,
    PERSON_FIELDS,
    PRIVATE_PERSON_FIELDS,
    PROJECT_FIELDS,
    TIE_FIELDS,
    shareable,
    shareable_projects,
)
from graphcrm.words import Said

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

    import networkx as nx

    from graphcrm.analysis.valued import ValuedGraph

__all__ = ["EXPORT_FORMATS", "flatten", "export_graph", "networkx_graph"]

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


def _person(person: str, data: dict[str, Any], redact: bool) -> dict[str, Any]:
    """A person's attributes as text, numbers and booleans (see the module docs)."""
    person_fields = PERSON_FIELDS if redact else (*PERSON_FIELDS, *PRIVATE_PERSON_FIELDS)
    attrs = {k: _value(v) for k, v in shareable(data, person_fields).items()}
    if not redact:
        attrs.update(_extras(data.get("extra")))
    pairs, stances = [], set()
    projects = data.get("projects") or {}
    for project, entry in sorted((shareable_projects(projects) if redact
                                  else projects).items()):
        pairs += [f"{_text(project)}:{r}" for r in entry["roles"]]
        if entry.get("influence") is not None:
            attrs[f"influence:{_text(project)}"] = entry["influence"]
        if entry.get("stance"):
            attrs[f"stance:{_text(project)}"] = entry["stance"]
            stances.add(entry["stance"])
    if pairs:
        attrs["roles"] = "; ".join(pairs)
    attrs["person_id"] = _text(person)
    attrs["label"] = _text(str(data.get("name") or person))
    attrs["color"] = STANCE_COLOR[stances.pop()] if len(stances) == 1 else \
        KIND_COLOR.get(data.get("org_kind") or "", KIND_COLOR["other"])
    return attrs


def flatten(G: nx.MultiDiGraph, *, redact: bool = False,
            valued: ValuedGraph | None = None) -> nx.MultiDiGraph:
    """A copy of the people graph whose attributes are all text, numbers or booleans, every
    tie an arc: a mutual (KNOWS) tie is two arcs, one each way, both ``mutual=True`` — so
    that the file is one directed graph that NetworkX reads back as it is.

    ``valued`` (the graph valued as of the export's date) gives each arc its ``weight``, the
    probability it passes a request; without it the weight is the recorded strength.

    Example
    -------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="Ana", email="a@x", extra={"wechat": "ana"}, notes=None,
    ...            org_kind="customer", projects={"P": {"roles": ["informant", "user"],
    ...                                                  "influence": 2, "stance": "champion"}})
    >>> attrs = flatten(G).nodes["a"]
    >>> attrs["label"], attrs["roles"], attrs["stance:P"], attrs["x:wechat"], attrs["color"]
    ('Ana', 'P:informant; P:user', 'champion', 'ana', '#1b5e20')
    >>> sorted(flatten(G, redact=True).nodes["a"])
    ['color', 'influence:P', 'label', 'name', 'org_kind', 'person_id', 'roles', 'stance:P']
    >>> G.add_node("b", name="Bo")
    >>> _ = G.add_edge("a", "b", key="KNOWS", type="KNOWS", strength=4)
    >>> sorted((u, v, d["mutual"]) for u, v, d in flatten(G).edges(data=True))
    [('a', 'b', True), ('b', 'a', True)]
    """
    import networkx as nx  # on use: the command line names the formats without it

    F = nx.MultiDiGraph()
    tie_fields = TIE_FIELDS if redact else (*TIE_FIELDS, "notes")
    for person, data in G.nodes(data=True):
        F.add_node(_text(person), **_person(person, data, redact))
    for number, (u, v, data) in enumerate(G.edges(data=True)):
        attrs = {k: _value(v) for k, v in shareable(data, tie_fields).items()}
        attrs["tie"] = data["type"]  # GEXF keeps "type" for directed/undirected
        mutual = data["type"] == TieType.KNOWS
        attrs["mutual"] = mutual
        if not redact:
            attrs.update(_extras(data.get("extra")))
        for a, b, key in ((u, v, f"e{number}"), (v, u, f"e{number}r"))[:2 if mutual else 1]:
            weight = round(valued.tie(a, b, data).probability, 4) if valued else \
                float(data.get("strength") or 1)  # what Gephi and Cytoscape draw with
            F.add_edge(_text(a), _text(b), key=key, **attrs, weight=weight)
    return F


def networkx_graph(valued: ValuedGraph, *, directed: bool = True, redact: bool = False
                   ) -> nx.DiGraph | nx.Graph:
    """The graph the analyses reason on, for NetworkX as it is (see
    :meth:`graphcrm.api.GraphCRM.to_networkx`): one arc per ordered pair of people reached
    (a mutual tie both ways), ``weight`` the best tie's probability, ``cost`` its
    ``-log``, ``tie`` its type; node and edge attributes text, numbers and booleans only.
    Undirected (``directed=False``): one edge per pair, the better of its two directions.

    Example
    -------
    >>> import datetime as dt, networkx as nx
    >>> from graphcrm.analysis.valued import value
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="Ana"); G.add_node("b", name="Bo")
    >>> _ = G.add_edge("a", "b", key="KNOWS", type="KNOWS", strength=4)
    >>> H = networkx_graph(value(G, dt.date(2026, 1, 1)))
    >>> H["a"]["b"]["weight"] == H["b"]["a"]["weight"] == 0.8, H["a"]["b"]["tie"]
    (True, 'KNOWS')
    """
    import networkx as nx

    H: nx.DiGraph | nx.Graph = nx.DiGraph() if directed else nx.Graph()
    people = valued.people
    for person in valued.reach:
        data = people.nodes[person] if person in people else {}
        attrs = _person(person, data, redact)
        attrs.pop("color")
        H.add_node(person, **attrs)
    tie_fields = TIE_FIELDS if redact else (*TIE_FIELDS, "notes")
    for u, v, arc in valued.reach.edges(data=True):
        if not directed and H.has_edge(u, v) and H[u][v]["weight"] >= arc["p"]:
            continue
        tie = arc.get("tie") or {}
        attrs = {k: _value(x) for k, x in shareable(tie, tie_fields).items()}
        attrs.update(weight=float(arc["p"]), cost=float(arc["cost"]),
                     tie=str(tie.get("type") or ""))
        H.add_edge(u, v, **attrs)
    return H


def export_graph(G: nx.MultiDiGraph, path: str | os.PathLike[str], fmt: str | None = None, *,
                 redact: bool = False, valued: ValuedGraph | None = None) -> Path:
    """Write ``G`` to ``path`` as ``graphml``, ``gexf`` or ``json`` (node-link: NetworkX's
    ``node_link_graph`` reads it with its defaults; D3 takes ``nodes`` and ``edges``), ties
    weighted as ``valued`` values them (see the module docs). ``fmt`` defaults to the
    file's suffix (``.graphml``, ``.gexf``, ``.json``), else GraphML.

    The file is written whole or not at all (a temporary file renamed into place).

    Raises
    ------
    BadArgument
        A format (or suffix, when ``fmt`` is given) that is none of the three.
    """
    import networkx as nx

    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = fmt or (suffix if suffix in EXPORT_FORMATS else "graphml")
    if fmt not in EXPORT_FORMATS:
        raise BadArgument(Said("error.export_format", format=repr(fmt),
                               formats=", ".join(EXPORT_FORMATS)))
    F = flatten(G, redact=redact, valued=valued)
    with replacing(path) as temporary:
        if fmt == "graphml":
            nx.write_graphml(F, temporary, encoding="utf-8")
        elif fmt == "gexf":
            _write_gexf(F, temporary)
        else:
            data = nx.node_link_data(F, edges="edges")
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


_GEXF = "http://www.gexf.net/1.2draft"


def _edit_xml(path: Path, namespaces: dict[str, str],
              edit: Callable[[ET.Element], object]) -> None:
    """Change a written XML file in place, keeping its namespace prefixes."""
    import xml.etree.ElementTree as ET

    for prefix, uri in {**namespaces, "xsi": "http://www.w3.org/2001/XMLSchema-instance"}.items():
        ET.register_namespace(prefix, uri)
    tree = ET.parse(path)
    edit(tree.getroot())
    tree.write(path, encoding="utf-8", xml_declaration=True)


def _write_gexf(F: nx.MultiDiGraph, path: Path) -> None:
    """GEXF 1.2 with colours as ``viz:color``; every edge directed (a mutual tie is two)."""
    import networkx as nx

    for _, data in F.nodes(data=True):
        r, g, b = rgb(data.pop("color"))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}}
    nx.write_gexf(F, path, encoding="utf-8")
    _edit_xml(path, {"": _GEXF, "viz": f"{_GEXF}/viz"},
              lambda root: root.find(f"{{{_GEXF}}}graph").attrib.pop("name", None)  # type: ignore[union-attr]
              )
