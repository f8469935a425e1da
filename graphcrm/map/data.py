"""Turn the people graph and the analyses into what the map shows: nodes, edges, options.

Only an explicit allow-list of facts reaches the page: a person's name, organization, title,
department, roles, stance and influence in the project, last contact, coverage status and
best chain from us, and — unless the map is redacted — notes, e-mail, phone and whether they
inform us (:mod:`graphcrm.redaction` decides what a redacted map keeps). Node and
organization ids on the page are opaque (``n0``, ``n1`` …, ``g0``, ``g1`` …), and a
pseudonymized map names people after their shareable role and organizations after their
kind, with no id, name or informant flag left to give them away. The node and edge records
are vis-network's own (``id``, ``label``, ``shape`` …; ``from``, ``to``, ``arrows`` …), built
here directly: pyvis's ``add_edge`` looks each node up in a list, which costs minutes at
tens of thousands of ties.

Two views (``MapSettings.layout``): the **org chart** (the organizations that matter to the
bid as bands, people under their superiors, positions from :mod:`graphcrm.map.layout`, cards
and lines from :mod:`graphcrm.map.orgchart`) and the **network** (a seeded force layout).

Network looks: colour by organization kind, shape by the person's main role in the project,
size by influence, border by stance; ties as wide as their strength today (decayed as of the map's
date), dashed when weak or undated, with arrows for INFLUENCES, REFERRED and the org chart.
Marks: ``✖`` uncovered stakeholder, ``⚠`` the broker a single-threaded stakeholder depends
on, ``◎`` key-informant candidate; ``--paths`` highlights the best chain from our people to
each decision maker.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
from wcwidth import wcswidth

from graphcrm.analysis import coverage_gaps, influence_paths, key_informants
from graphcrm.analysis.network import our_people, roles_of, stance_of
from graphcrm.analysis.valued import ValuedGraph
from graphcrm.domain import REPORTS_TO, Coverage, OrgKind, PersonStatus, Role, Stance, TieType
from graphcrm.graph import DOTTED_LINE, REPORTING, last_contacts
from graphcrm.map.anchors import Previous, extent
from graphcrm.map.layout import SLIDE_ASPECT
from graphcrm.map.orgchart import (
    CARD_COLUMNS,
    TREE_COLOR,
    card_title,
    chart_line,
    chart_options,
    chart_people,
    influence_bar,
    place_cards,
    tint,
)
from graphcrm.palette import KIND_COLOR, PATH_COLOR, STANCE_COLOR, TIE_COLOR
from graphcrm.redaction import SECRET_ROLES, card_secret, shareable_projects
from graphcrm.reports.gaps import score_text
from graphcrm.stores.base import OrganizationSummary
from graphcrm.words import WORDS, joined, role_words, vocab, word

__all__ = ["MapSettings", "map_data", "organization_map_data", "summarize_organizations",
           "KIND_COLOR", "AGGREGATE_ABOVE"]

#: Whole-network maps with more people than this show organizations instead,
AGGREGATE_ABOVE = 1500
#: joined by this many of their strongest links (by number of ties) at most.
MAX_ORGANIZATION_LINKS = 2000

STANCE_BORDER = {stance: (STANCE_COLOR[stance], width) for stance, width in
                 {"champion": 5, "supporter": 3, "neutral": 1, "skeptic": 3,
                  "opponent": 5}.items()}
ROLE_SYMBOL = [("decision_maker", "★"), ("evaluator", "◆"), ("procurement", "⬢"),
               ("influencer", "▲"), ("gatekeeper", "▼"), ("bid_team", "■")]
ROLE_SHAPE = [("decision_maker", "star"), ("evaluator", "diamond"), ("procurement", "hexagon"),
              ("influencer", "triangle"), ("gatekeeper", "triangleDown"), ("bid_team", "square")]
WEAK_BELOW = 2.5
WEAK_DASHES = [8, 6]
REPORTING_DASHES = [2, 5]


@dataclass(frozen=True)
class MapSettings:
    """What a map shows and hides, and how it lays people out.

    ``positions`` are card positions saved from an org chart (by the page's "Save layout"):
    card key → (x, y); keys the page does not have are ignored, and people without one are
    placed by the layout.
    """

    project: str | None = None
    paths: bool = False
    redact: bool = False
    pseudonymize: bool = False
    informants: int = 5
    aggregate_above: int = AGGREGATE_ABOVE
    lang: str = "en"
    layout: str = "network"
    positions: Mapping[str, tuple[float, float]] | None = None
    #: an org chart of the key people only (a slide): the project's stakeholders and their
    #: superiors up to the top, our people with a tie to one of them, and the competitors'
    #: people tied to them
    key_people: bool = False
    #: the org chart also draws the people no longer in post, greyed where they stood, with
    #: since when and their successor (已调离 2026-12 · 继任 钱进); never on a pseudonymized map
    former: bool = False
    #: an earlier map of the org chart (:mod:`graphcrm.map.anchors`): unchanged people keep
    #: their places on it
    previous: Previous | None = None
    #: what changed for each person since a snapshot (``map --since``): ``new``, ``up``,
    #: ``down``, ``role``, ``left`` — said on their card (新 · 态度↑ · 角色变化)
    since: Mapping[str, Sequence[str]] | None = None


def _physics(n: int) -> dict[str, Any]:
    return {
        "physics": {"solver": "forceAtlas2Based", "stabilization": {
            "enabled": True, "iterations": 300 if n <= AGGREGATE_ABOVE else 150,
            "updateInterval": 50}},
        # a fixed seed: the same data give the same picture on every opening
        "layout": {"improvedLayout": n <= 300, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 500},
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}},
        "edges": {"smooth": False},
    }


def map_data(V: ValuedGraph, settings: MapSettings = MapSettings()) -> dict[str, Any]:
    """The map's data: ``nodes``, ``edges``, ``options`` and ``meta`` (title, legend, filters).

    Every tie is drawn as valued in ``V`` (its date and :class:`TieModel`), and the marks come
    from the analyses asked of the same ``V``.

    Example
    -------
    >>> from graphcrm.analysis.valued import value
    >>> G = nx.MultiDiGraph(projects={}, organizations={})
    >>> G.add_node("a", name="<b>Ana</b>", org_id="o", org_name="O", org_kind="customer",
    ...            projects={}, last_interaction=None)
    >>> data = map_data(value(G, dt.date(2026, 1, 1)))
    >>> data["nodes"][0]["name"], data["nodes"][0]["id"]
    ('<b>Ana</b>', 'n0')
    """
    whole, as_of = V.people, V.as_of
    if settings.project is None and whole.number_of_nodes() > settings.aggregate_above:
        return organization_map_data(summarize_organizations(whole), as_of, settings)
    project = settings.project
    marks = _marks(V, settings)
    if settings.redact:  # who had a hidden role is not to be told from anything drawn
        whole = _shareable(whole)
    names = _pseudonyms(whole, project, settings) if settings.pseudonymize else {
        n: whole.nodes[n]["name"] for n in whole}
    chart = settings.layout == "orgchart"
    # the org chart draws the organizations that matter to the bid (the marks come from the
    # whole neighbourhood all the same); the network view draws everyone
    G = whole.subgraph(chart_people(whole, project, marks["path_people"] | marks["brokers"],
                                    key_only=settings.key_people)) if chart else whole
    # who left since the snapshot asked about (map --since) stands greyed where they stood,
    # 已调离; everyone no longer in post with --former
    left = {p for p, said in (settings.since or {}).items() if "left" in said}
    if chart and (settings.former or left) and not settings.pseudonymize:
        G = _with_former(whole, G, None if settings.former else left)
        names.update({n: G.nodes[n]["name"] for n in G if n not in names})
    organizations = _organizations(G)
    orgs = _org_names(organizations, settings.pseudonymize, settings.lang)
    ids = {person: f"n{i}" for i, person in enumerate(sorted(G))}
    org_ids = _opaque(orgs)
    ours = _ours(V, G, project, names) if chart else {}
    nodes = []
    for person in sorted(G):
        node = _person(G, person, project, names, orgs, marks, settings, ours.get(person))
        node["org"] = org_ids[node["org"]]
        nodes.append({"id": ids[person], **node})
    nodes += _placeholders(marks["missing_roles"], len(nodes), settings.lang)
    highlighted = marks["path_edges"]
    edges = []
    for index, (u, v, tie) in enumerate(sorted(G.edges(data=True),
                                               key=lambda e: (e[0], e[1], e[2]["type"]))):
        effective = None if tie["type"] in REPORTING else V.tie(u, v, tie).effective_strength
        on_path = (u, v) in highlighted or (v, u) in highlighted
        edges.append({"from": ids[u], "to": ids[v],
                      **_tie(index, tie, effective, on_path, names[u], names[v],
                             settings.lang)})
        if chart:
            edges[-1].update(chart_line(tie["type"], on_path,
                                        G.nodes[u]["org_id"] == G.nodes[v]["org_id"]))
    bands: list[dict[str, Any]] = []
    previous = settings.previous if settings.previous is not None \
        and settings.previous.title == _title(G, project, settings) else None
    if chart:
        colours = {o: KIND_COLOR.get(kind, "#999") for o, (_, kind) in organizations.items()}
        bands = place_cards(G, project, nodes, marks["missing_roles"], ids, orgs, colours,
                            departments=not settings.pseudonymize, lang=settings.lang,
                            saved=dict(settings.positions or {}),
                            previous=previous,
                            keyed=not settings.pseudonymize,
                            aspect=SLIDE_ASPECT if settings.key_people else None,
                            secret=card_secret() if settings.redact else None)
    drawn = _drawn(G, nodes, edges, marks, settings.key_people) if chart else None
    if drawn is not None and any(ours.values()):
        drawn.add("ours")  # a card says who of ours knows them
    for node in nodes:
        node.pop("card", None)
        node.pop("former", None)
    return {
        "nodes": nodes,
        "edges": edges,
        "options": chart_options() if chart else _physics(len(nodes)),
        "meta": {
            "title": _title(G, project, settings),
            "subtitle": _subtitle(G, project, as_of, orgs, settings.lang,
                                  whole.number_of_nodes() - G.number_of_nodes(),
                                  marks["score"], settings.key_people),
            "layout": "orgchart" if chart else "network",
            "bands": bands,
            # what a picture of the chart shows: at least last week's (the same places)
            "frame": extent(nodes, bands, previous.frame if previous else None)
            if chart else None,
            "words": page_words(settings.lang),
            "aggregated": False,
            "organizations": sorted(
                {(org_ids[d["org_id"]], orgs.get(d["org_id"], ""),
                  KIND_COLOR.get(d["org_kind"], "#999"))
                 for _, d in G.nodes(data=True)}, key=lambda o: (o[1], o[0])),
            "roles": [(r, vocab(Role(r), settings.lang)) for r in sorted({r for n in nodes
                                                           for r in n.get("roles", [])})],
            "legend": _legend(project is not None, settings, chart, drawn),
            "as_of": as_of.isoformat(),
        },
    }


def _shareable(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` with each person's parts in projects as a redacted map may show them
    (:func:`graphcrm.redaction.shareable_projects`): a copy of the attribute dicts where one
    is hidden, the rest shared."""
    H = G.copy(as_view=False) if any(
        r in SECRET_ROLES for _, d in G.nodes(data=True)
        for e in d.get("projects", {}).values() for r in e.get("roles", [])) else G
    if H is not G:
        for _, data in H.nodes(data=True):
            data["projects"] = shareable_projects(data.get("projects") or {})
    return H


def _organizations(G: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """(name, kind) of the organizations of the people in ``G`` and of their parents, up to
    the top (an org chart draws a subsidiary inside its group's band)."""
    records = G.graph.get("organizations", {})
    found: dict[str, tuple[str, str]] = {}
    for _, d in G.nodes(data=True):
        found[d["org_id"]] = (d.get("org_name") or d["org_id"], d["org_kind"])
    for org in list(found):
        up = (records.get(org) or {}).get("parent_id")
        while up and up not in found:
            record = records.get(up) or {}
            found[up] = (record.get("name") or up, record.get("kind") or OrgKind.CUSTOMER.value)
            up = record.get("parent_id")
    return found


def _subtitle(G: nx.MultiDiGraph, project: str | None, as_of: dt.date, orgs: dict[str, str],
              lang: str, left_out: int = 0, score: dict[str, Any] | None = None,
              key_people: bool = False) -> str:
    """The customer and the date ties are valued as of (on the page, its pictures, the PDF),
    the project's coverage as ``gaps`` says it, and how many people of other organizations
    an org chart leaves out."""
    customer = G.graph["projects"].get(project, {}).get("customer_id") if project else None
    if customer in orgs:
        text = word("map.subtitle", lang, customer=orgs[customer], date=as_of.isoformat())
    else:
        text = word("map.subtitle_plain", lang, date=as_of.isoformat())
    if score is not None:
        text += " · " + score_text(score, lang)
    if left_out:
        text += word("map.left_out_key" if key_people else "map.left_out", lang,
                     people=word("people", lang, n=left_out))
    return text


def _title(G: nx.MultiDiGraph, project: str | None, settings: MapSettings) -> str:
    if project is None or settings.pseudonymize:
        return word("map.title" if project is None else "map.title_project", settings.lang)
    return str(G.graph["projects"][project].get("name") or project)  # a slide's title


#: The words of the page's own controls (buttons, filters), by element id.
_PAGE_WORDS = ("search", "organization", "role", "all_organizations", "all_roles",
               "min_strength", "cluster", "uncluster", "reset", "png", "close", "focus",
               "legend", "as_of", "inner", "across", "save_layout")


def page_words(lang: str) -> dict[str, str]:
    """The page's own words in ``lang`` (the script puts them on its controls)."""
    return {key: word(f"page.{key}", lang) for key in _PAGE_WORDS}


def _marks(V: ValuedGraph, settings: MapSettings) -> dict[str, Any]:
    """What the analyses add to the map: statuses, brokers, informants, best chains."""
    G, H, project = V.people, V.reach, settings.project
    marks: dict[str, Any] = {"status": {}, "score": None, "brokers": set(),
                             "informants": set(), "via": {}, "path_people": set(),
                             "path_edges": set(), "chains": {},
                             "last_contact": last_contacts(G), "missing_roles": []}
    ours = set(our_people(G, project))
    if ours:
        # sorted: among equal chains, the same start on every run (a set has no order)
        distance, chains = nx.multi_source_dijkstra(H, sorted(ours), weight="cost")
        marks["chains"] = {n: (chains[n], math.exp(-distance[n])) for n in chains}
    if project is None:
        return marks
    coverage = coverage_gaps(V, project, plan=False)  # the levels and the score
    gaps = coverage.stakeholder_rows
    marks["missing_roles"] = [h["values"]["role"] for h in coverage.hole_rows
                              if h["reason"] == "gaps.missing_role"]
    marks["status"] = {r["person_id"]: r["coverage"] for r in gaps}
    marks["score"] = coverage.score
    marks["brokers"] = {b for r in gaps for b in r["broker_ids"]}
    marks["via"] = {r["person_id"]: r["broker_ids"] for r in gaps if r["broker_ids"]}
    if not settings.redact:
        candidates = key_informants(V, project, top=settings.informants)
        marks["informants"] = {row["person_id"] for row in candidates.rows}
    if settings.paths:
        for person in (r["person_id"] for r in gaps):
            if Role.DECISION_MAKER.value in roles_of(G, person, project):
                best = influence_paths(V, person, project=project, k=1).paths
                if best:
                    marks["path_edges"] |= set(zip(best[0].nodes, best[0].nodes[1:],
                                                   strict=False))
                    marks["path_people"] |= set(best[0].nodes)
    return marks


def _opaque(orgs: dict[str, str]) -> dict[str, str]:
    """Organization ids on the page: ``g0``, ``g1`` … in the order of the real ids."""
    return {org: f"g{i}" for i, org in enumerate(sorted(orgs))}


PLACEHOLDER_COLOR = {"background": "#ffffff", "border": "#9e9e9e"}


def _placeholders(roles: list[str], start: int, lang: str) -> list[dict[str, Any]]:
    """An empty dashed card for each buying-centre role nobody is known for at the customer
    ("决策者: ?"), with what to find out: the same holes ``graphcrm gaps`` lists."""
    found = []
    for i, role in enumerate(roles, start=start):
        label = word("gaps.missing", lang, role=vocab(Role(role), lang))
        todo = word("gaps.missing_role", lang, role=vocab(Role(role), lang))
        found.append({
            "id": f"n{i}", "label": label, "name": label, "shape": "box",
            "size": 16, "color": PLACEHOLDER_COLOR, "borderWidth": 2,
            "shapeProperties": {"borderDashes": [6, 4]}, "org": "", "roles": [role],
            "placeholder": True, "tip": [label, todo],
            "facts": [(word("map.fact.roles", lang), vocab(Role(role), lang)),
                      (word("map.fact.todo", lang), todo)],
        })
    return found


def _pseudonyms(G: nx.MultiDiGraph, project: str | None, settings: MapSettings
                ) -> dict[str, str]:
    """Role labels instead of names: "Decision maker 1", "Our team 2", "Contact 7" (from the
    roles a redacted map may show, so that no label says "Informant")."""
    counters: Counter = Counter()
    names = {}
    for person in sorted(G):
        roles = roles_of(G, person, project)
        main = next((r for r, _ in ROLE_SHAPE if r in roles), roles[0] if roles else None)
        if main is None:
            key = "map.our_team" if G.nodes[person]["org_kind"] == OrgKind.OWN \
                else "map.contact"
            label = word(key, settings.lang)
        else:
            label = vocab(Role(main), settings.lang)
        label = label[:1].upper() + label[1:]
        counters[label] += 1
        names[person] = f"{label} {counters[label]}"
    return names


def _org_names(orgs: dict[str, tuple[str, str]], pseudonymize: bool, lang: str = "en"
               ) -> dict[str, str]:
    """Organization names by id (``orgs``: id → (name, kind)), or "Customer A"… labels."""
    if not pseudonymize:
        return {o: name for o, (name, _) in orgs.items()}
    counters: Counter = Counter()
    names = {}
    for org, (_, kind) in sorted(orgs.items()):
        counters[kind] += 1
        label = _kind(kind, lang)
        names[org] = word("map.our_company", lang) if kind == OrgKind.OWN else \
            f"{label[:1].upper() + label[1:]} {chr(64 + counters[kind])}"
    return names


def _kind(kind: str, lang: str) -> str:
    return word(f"map.kind.{kind}", lang) if f"map.kind.{kind}" in WORDS else kind


def _with_former(whole: nx.MultiDiGraph, G: nx.MultiDiGraph, only: set[str] | None = None
                 ) -> nx.MultiDiGraph:
    """``G`` (a copy) with the people no longer in post at its organizations (or those of
    them in ``only``), where they stood: under their last superior, marked ``former`` with
    their successor's name."""
    drawn = {d["org_id"] for _, d in G.nodes(data=True)}
    gone = {p: r for p, r in whole.graph.get("former", {}).items() if r.get("org_id") in drawn
            and (only is None or p in only)}
    if not gone:
        return G
    H = nx.MultiDiGraph(G)
    successor = {d.get("predecessor"): d["name"] for _, d in whole.nodes(data=True)
                 if d.get("predecessor")}
    records = whole.graph.get("organizations", {})
    for person, record in sorted(gone.items()):
        org = record["org_id"]
        boss = record.get("reports_to") if record.get("reports_to") in H else None
        H.add_node(person, name=record["name"], org_id=org,
                   org_kind=(records.get(org) or {}).get("kind") or OrgKind.CUSTOMER.value,
                   org_name=(records.get(org) or {}).get("name") or org,
                   title=record.get("title"), department=record.get("department"),
                   reports_to=boss, projects={}, former=True, status=record.get("status"),
                   status_since=record.get("status_since"), successor=successor.get(person))
        if boss is not None:
            H.add_edge(person, boss, key=REPORTS_TO, type=REPORTS_TO, mutual=False)
    return H


def _former_card(data: dict[str, Any], name: str, lang: str, left: bool = False
                 ) -> dict[str, Any]:
    """A person no longer in post on the org chart: greyed, since when, and who took over
    (``left``: since the snapshot the map compares with — said 已调离)."""
    since = str(data.get("status_since") or "")[:7]
    status = word("map.since.left", lang) if left else vocab(PersonStatus(data["status"]), lang)
    said = " · ".join(filter(None, [
        " ".join(filter(None, [status, since])),
        word("map.card.successor", lang, who=data["successor"]) if data.get("successor")
        else ""]))
    lines = [name, card_title(data.get("title"), data.get("department")), said]
    return {
        "card": {"stance": None, "uncovered": False, "lines": lines},
        "label": name, "name": name, "shape": "box", "size": 10,
        "color": {"background": "#eeeeee", "border": "#bdbdbd",
                  "highlight": {"background": "#ffe082", "border": "#f57f17"}},
        "borderWidth": 1, "shapeProperties": {"borderDashes": [2, 3]}, "org": data["org_id"],
        "roles": [], "tip": [name, said], "facts": [(word("map.fact.coverage", lang), said)],
        "former": True,
    }


def _ours(V: ValuedGraph, G: nx.MultiDiGraph, project: str | None, names: dict[str, str],
          ) -> dict[str, list[str]]:
    """Who of ours each other person of the chart knows, said on their card ("我方 赵刚、郑凯"):
    our people with a working tie to them (:meth:`TieModel.working`), the strongest first —
    the chart draws acquaintances across organizations only on request."""
    found: dict[str, list[tuple[float, str]]] = defaultdict(list)
    side = set(our_people(G, project))
    for u, v, tie in G.edges(data=True):
        if tie["type"] != TieType.KNOWS:
            continue
        for us, them in ((u, v), (v, u)):
            if us in side and them not in side:
                strength = V.tie(u, v, tie).effective_strength
                if V.model.working(strength):
                    found[them].append((-strength, names[us]))
    return {person: list(dict.fromkeys(name for _, name in sorted(pairs)))
            for person, pairs in found.items()}


def _contact_line(ours: list[str], last: str | None, lang: str) -> str:
    """A card's last line: who of ours knows them and the month we last met ("我方 赵刚、郑凯 ·
    2026-11"), or when nobody of ours does, the day ("最近联系 2026-11-20"); on one line of
    the card (at most :data:`CARD_COLUMNS` columns).

    >>> _contact_line(["赵刚", "郑凯", "孙悦"], "2026-11-20", "zh")
    '我方 赵刚等3人 · 2026-11'
    >>> _contact_line([], "2026-11-20", "zh")
    '最近联系 2026-11-20'
    >>> _contact_line(["投标团队 1", "投标团队 2"], "2026-11-20", "zh")
    '我方 投标团队 1等2人'
    """
    if not ours:
        return word("map.tie_last", lang, date=last) if last else ""
    when = f" · {last[:7]}" if last else ""
    for shown, month in ((ours[:2], when), (ours[:1], when), (ours[:1], "")):
        names = joined(shown, lang)
        if len(ours) > len(shown):
            names = word("map.card.more", lang, names=names, n=len(ours))
        text = word("map.card.ours", lang, names=names) + month
        # vis-network breaks a line at its spaces by a measure a little wider than the type
        # drawn (tests/map/test_orgchart_page.py counts every card's lines in the browser)
        if wcswidth(text) <= CARD_COLUMNS - 3:
            break
    return text  # the shortest: the month left out (a long name, a pseudonym)


def _drawn(G: nx.MultiDiGraph, nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
           marks: dict[str, Any], slide: bool) -> set[str]:
    """What an org chart draws, by legend row (see :func:`_legend`): a slide's legend
    explains only the marks on it."""
    drawn = {f"kind:{d['org_kind']}" for _, d in G.nodes(data=True)}
    for node in nodes:
        card = node.get("card")
        if card is None:
            drawn.add("placeholder")
            continue
        drawn |= {f"role:{r}" for r in node.get("roles", [])}
        drawn.add(f"stance:{card['stance']}" if card.get("stance") else "no_stance")
    statuses = {marks["status"].get(p) for p in G}
    drawn |= {f"status:{s}" for s in statuses if s}
    if set(marks["brokers"]) & set(G):
        drawn.add("broker")
    if set(marks["informants"]) & set(G):
        drawn.add("informant")
    for edge in edges:
        drawn.add(f"layer:{edge.get('layer')}")
        if edge.get("color", {}).get("color") == PATH_COLOR:
            drawn.add("path")
        if edge.get("dashes") == WEAK_DASHES:
            drawn.add("weak")
    drawn |= {f"tie:{t['type']}" for _, _, t in G.edges(data=True)
              if t["type"] != TieType.KNOWS}
    # acquaintances: on the page, on request; on a slide, those drawn (the rest is on cards)
    if any((e.get("layer") == "overlay" and e["color"]["color"] == TIE_COLOR[TieType.KNOWS])
           or (e.get("layer") in ("across", "inner") and not slide) for e in edges):
        drawn.add(f"tie:{TieType.KNOWS.value}")
    return drawn


def _person(G: nx.MultiDiGraph, person: str, project: str | None, names: dict[str, str],
            orgs: dict[str, str], marks: dict[str, Any], settings: MapSettings,
            ours: list[str] | None = None) -> dict[str, Any]:
    data = G.nodes[person]
    if data.get("former"):
        return _former_card(data, names[person], settings.lang,
                            "left" in (settings.since or {}).get(person, ()))
    roles = roles_of(G, person, project)
    entry = data["projects"].get(project, {}) if project else {}
    stance = stance_of(G, person, project)
    influence = entry.get("influence")
    border, width = STANCE_BORDER.get(stance or "", ("#37474f", 1))
    shape = next((s for r, s in ROLE_SHAPE if r in roles), "dot")
    status = marks["status"].get(person)
    badges = "".join([
        " ✖" if status == "uncovered" else "",
        " ⚠" if person in marks["brokers"] else "",
        " ◎" if person in marks["informants"] else "",
    ])
    name = names[person]
    org = orgs.get(data["org_id"], "")
    chain = marks["chains"].get(person)
    best = (" → ".join(names[n] for n in chain[0]) + f" ({chain[1]:.2f})"
            if chain and len(chain[0]) > 1 else None)
    last = marks["last_contact"].get(person)
    lang = settings.lang
    facts = [
        ("organization", org),
        ("title", None if settings.pseudonymize else data.get("title")),
        ("department", None if settings.pseudonymize else data.get("department")),
        ("roles", role_words(roles, lang) or None),
        ("stance", vocab(Stance(stance), lang) if stance else None),
        ("leaning", None if settings.redact else entry.get("leaning")),
        ("owner", names.get(entry["owner"]) if entry.get("owner") in G else None),
        ("influence", influence),
        ("last contact", last),
        ("coverage", vocab(Coverage(status), lang) if status else None),
        ("best path from us", best),
    ]
    if person in marks["brokers"]:
        facts.append(("broker", word("map.broker_means", lang)))
    if person in marks["informants"]:
        facts.append(("key informant", word("map.informant_means", lang)))
    if not settings.redact:  # the team's plans and what the person cares about stay inside
        step = entry.get("next_step")
        facts += [("next step", f"{step}（{entry['due']}）" if step and entry.get("due")
                   else step), ("concerns", entry.get("concerns"))]
        notes = [data.get("notes"), *entry.get("notes", [])]
        facts += [("email", data.get("email")), ("phone", data.get("phone")),
                  ("notes", " · ".join(n for n in notes if n) or None)]
    facts = [(word(f"map.fact.{k}", lang), str(v)) for k, v in facts if v not in (None, "")]
    symbol = next((s for r, s in ROLE_SYMBOL if r in roles), "")
    via = marks["via"].get(person)
    coverage = " ".join(filter(None, [
        "✖" if status == Coverage.UNCOVERED.value else "⊘"
        if status == Coverage.CONTESTED.value else "⚠" if via else "",
        vocab(Coverage(status), lang) if status else "",
        word("map.card.via", lang, broker=joined([names.get(b, "") for b in via], lang))
        if via else ""]))
    card = {"stance": stance, "uncovered": status == "uncovered", "lines": [
        " · ".join(filter(None, [f"{symbol} {name}{badges}".strip(), *(
            word(f"map.since.{m}", lang) for m in (settings.since or {}).get(person, ())
            if m != "left")])),
        "" if settings.pseudonymize else card_title(data.get("title"), data.get("department")),
        " · ".join(filter(None, [role_words(roles, lang),
                                 influence_bar(influence) if influence else ""])),
        # the leaning first (the first question of a tender), then the coverage
        " · ".join(filter(None, [word("map.card.leaning", lang, who=entry["leaning"])
                                 if entry.get("leaning") and not settings.redact else "",
                                 coverage])),
        _contact_line(ours or [], last if data["org_kind"] != OrgKind.OWN else None, lang),
    ]}
    return {
        "card": card,
        "label": name + badges,
        "name": name,
        "shape": shape,
        "size": 10 + 4 * (influence or 1),
        "color": {"background": KIND_COLOR.get(data["org_kind"], "#999"), "border": border,
                  "highlight": {"background": "#ffe082", "border": "#f57f17"}},
        "borderWidth": width,
        "shapeProperties": {"borderDashes": [5, 4]} if status == "uncovered" else {},
        "org": data["org_id"],
        "roles": roles,
        "tip": [name + badges, org, *(f"{k}: {v}" for k, v in facts[1:5])],
        "facts": facts,
    }


def _tie(index: int, tie: dict[str, Any], effective: float | None, on_path: bool,
         source: str, target: str, lang: str = "en") -> dict[str, Any]:
    kind = tie["type"]
    undated = kind not in REPORTING and not tie.get("last_contact")
    weak = effective is not None and effective < WEAK_BELOW
    strength = effective if effective is not None else 3.0
    return {
        "id": f"e{index}",
        "color": {"color": PATH_COLOR if on_path else TIE_COLOR[kind], "opacity": 0.9},
        "width": (1 + strength) * (2 if on_path else 1),
        # a reporting line dotted, a weak or undated tie dashed: never the same mark
        "dashes": REPORTING_DASHES if kind in REPORTING else
        (WEAK_DASHES if weak or undated else False),
        "arrows": "to" if kind != "KNOWS" else "",
        "strength": round(strength, 2),
        "tip": [f"{source} — {word(f'TieType.{kind}', lang)} — {target}",
                word("map.tie_strength", lang, recorded=tie.get("strength") or "–",
                     now=strength) + (word("map.undated", lang) if undated else ""),
                word("map.tie_last", lang, date=tie.get("last_contact"))
                if tie.get("last_contact") else ""],
    }


def _legend(with_project: bool, settings: MapSettings, chart: bool = False,
            drawn: set[str] | None = None) -> list[dict[str, str]]:
    """A row for every mark the page draws (in the view it draws them in); with ``drawn``
    (:func:`_drawn`), only the rows of the marks in it."""
    lang = settings.lang
    rows: list[tuple[str, dict[str, str]]] = [
        (f"kind:{kind}", {"color": color, "label": _kind(kind, lang)})
        for kind, color in KIND_COLOR.items()]
    if chart:
        rows.append(("", {"symbol": "▭", "label": word("map.legend.band", lang)}))
    if with_project:
        rows += [(f"role:{role}", {"symbol": symbol, "label": vocab(Role(role), lang)})
                 for role, symbol in ROLE_SYMBOL]
        if not chart:
            rows.append(("", {"symbol": "●", "label": word("map.legend.others", lang)}))
        if chart:
            rows += [(f"stance:{stance}", {"color": tint(color), "border": color, "label": word(
                "map.legend.card", lang, stance=vocab(Stance(stance), lang))})
                     for stance, color in STANCE_COLOR.items()]
            rows.append(("no_stance", {"color": "#ffffff", "border": "#607d8b",
                                       "label": word("map.legend.no_stance", lang)}))
        else:
            rows += [("", {"border": color, "label": word("map.legend.border", lang,
                                                           stance=vocab(Stance(stance), lang))})
                     for stance, color in STANCE_COLOR.items()]
        rows += [("placeholder", {"symbol": "⬚", "label": word("map.legend.placeholder", lang)}),
                 (f"status:{Coverage.UNCOVERED.value}",
                  {"symbol": "✖", "label": vocab(Coverage.UNCOVERED, lang)}),
                 (f"status:{Coverage.CONTESTED.value}",
                  {"symbol": "⊘", "label": word("map.legend.contested", lang)}),
                 ("broker", {"symbol": "⚠", "label": word("map.legend.broker", lang)})]
        if not settings.redact:
            rows.append(("informant", {"symbol": "◎",
                                       "label": word("map.legend.informant", lang)}))
        if settings.paths:
            rows.append(("path", {"color": PATH_COLOR, "label": word("map.legend.path", lang)}))
    if chart:
        rows.append(("ours", {"symbol": "·", "label": word("map.legend.ours", lang)}))
    knows = word("map.legend.across" if chart else "TieType.KNOWS", lang)
    rows += [(f"tie:{TieType.KNOWS.value}", {"line": TIE_COLOR[TieType.KNOWS], "label": knows}),
             (f"tie:{TieType.INFLUENCES.value}", {"line": TIE_COLOR[TieType.INFLUENCES],
                                                  "label": word("map.legend.influences", lang)}),
             (f"tie:{TieType.REFERRED.value}", {"line": TIE_COLOR[TieType.REFERRED],
                                                "label": word("map.legend.referred", lang)}),
             ("weak", {"symbol": "┅", "label": word("map.legend.weak", lang)})]
    if chart:
        rows.append((f"tie:{REPORTS_TO}",
                     {"line": TREE_COLOR, "label": word("map.legend.tree", lang)}))
    else:
        rows.append(("", {"symbol": "┈", "label": word("map.legend.reporting", lang)}))
    rows.append((f"tie:{DOTTED_LINE}", {"symbol": "┈→", "label": word("map.legend.dotted", lang)}))
    return [row for mark, row in rows if drawn is None or not mark or mark in drawn]


def summarize_organizations(G: nx.MultiDiGraph) -> OrganizationSummary:
    """The organization view's numbers from a loaded graph (what a store computes itself)."""
    organizations: dict[str, dict[str, object]] = {}
    for _, d in G.nodes(data=True):
        entry = organizations.setdefault(d["org_id"], {"name": d.get("org_name"),
                                                        "kind": d["org_kind"], "people": 0})
        entry["people"] = int(entry["people"]) + 1  # type: ignore[call-overload]
    pairs: dict[tuple[str, str], list[float]] = defaultdict(list)
    for u, v, tie in G.edges(data=True):
        a, b = sorted((G.nodes[u]["org_id"], G.nodes[v]["org_id"]))
        if a != b and tie.get("strength") is not None:
            pairs[(a, b)].append(tie["strength"])
    return OrganizationSummary(organizations,
                               {k: (len(v), round(sum(v) / len(v), 3))
                                for k, v in pairs.items()})


def organization_map_data(summary: OrganizationSummary, as_of: dt.date,
                          settings: MapSettings = MapSettings()) -> dict[str, Any]:
    """A map of organizations (sized by people, joined by their strongest links): the view
    of a network too big for a browser to lay out person by person."""
    kinds = {o: str(d["kind"] or "customer") for o, d in summary.organizations.items()}
    names = {o: str(d["name"] or o) for o, d in summary.organizations.items()}
    orgs = _org_names({o: (names[o], kinds[o]) for o in names}, settings.pseudonymize,
                      settings.lang)
    members = {o: int(d["people"]) for o, d in summary.organizations.items()}  # type: ignore[call-overload]
    people = sum(members.values())
    strongest = sorted(summary.links.items(), key=lambda kv: (-kv[1][0], kv[0]))
    shown = sorted(strongest[:MAX_ORGANIZATION_LINKS])
    ids = {org: f"n{i}" for i, org in enumerate(sorted(members))}
    org_ids = _opaque(orgs)
    nodes = [{
        "id": ids[org], "label": orgs[org], "name": orgs[org], "shape": "dot",
        "size": 8 + 6 * math.log1p(count), "org": org_ids[org], "roles": [],
        "color": {"background": KIND_COLOR.get(kinds[org], "#999"), "border": "#37474f"},
        "tip": [orgs[org], word("people", settings.lang, n=count)],
        "facts": [(word("map.fact.kind", settings.lang), _kind(kinds[org], settings.lang)),
                  (word("map.fact.people", settings.lang), str(count))],
    } for org, count in sorted(members.items())]
    edges = [{
        "id": f"e{i}", "from": ids[a], "to": ids[b], "width": 1 + math.log1p(ties),
        "color": {"color": TIE_COLOR["KNOWS"], "opacity": 0.7}, "strength": strength,
        "tip": [f"{orgs[a]} — {orgs[b]}",
                word("map.org_link", settings.lang, n=ties, strength=strength)],
    } for i, ((a, b), (ties, strength)) in enumerate(shown)]
    links = (word("map.strongest", settings.lang, shown=len(shown), all=len(summary.links))
             if len(shown) < len(summary.links) else "")
    return {
        "nodes": nodes, "edges": edges, "options": _physics(len(nodes)),
        "meta": {"title": word("map.by_organization", settings.lang, people=people,
                               links=links),
                 "words": page_words(settings.lang),
                 "aggregated": True, "as_of": as_of.isoformat(),
                 "organizations": [(org_ids[o], orgs[o], KIND_COLOR.get(kinds[o], "#999"))
                                   for o in sorted(members)],
                 "roles": [], "legend": _legend(False, settings)},
    }
