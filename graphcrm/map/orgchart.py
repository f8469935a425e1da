"""How the org chart view looks: cards at the positions :mod:`graphcrm.map.layout` computes,
the tree's lines, the overlays drawn over it, and the bands behind.

A **card** is a fixed-size box (every card the same size, so that the layout's promise of no
overlap holds on the page): the role's symbol, the name and the marks (✖ uncovered, ⚠ the
broker a single-threaded stakeholder depends on, ◎ key-informant candidate); the title; the
buying roles and an influence bar; the coverage status (with the one person a single-threaded
stakeholder is reached through, "⚠ only via 周建平"); the last contact (not for our own
people). Its fill is the stance's colour, lightened
(white: not a stakeholder, or stance unknown); its border the stance's colour, dashed when
nobody on our side reaches them. Text longer than a card is cut with "…" (the panel shows it
whole).

**Lines**: reporting lines are the tree's solid grey connectors (curved, no arrow: the
superior is the card above); a dotted-line (second) superior is dotted with an arrow; over the
tree, without moving it, INFLUENCES, REFERRED and ties across organizations (the best chain to
each decision maker highlighted with ``--paths``). Ties between two people of the same
organization are hidden until the reader ticks "ties inside organizations".

Saved layouts: each card carries a ``key`` (a digest of the person's id, never the id) that a
positions file from "Save layout" refers to; a pseudonymized map carries none, so that nothing
on it can be matched against another map.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
from pathlib import Path
from typing import Any

import networkx as nx
from wcwidth import wcswidth, wcwidth

from graphcrm.domain import OrgKind, TieType
from graphcrm.errors import InputError
from graphcrm.graph import DOTTED_LINE, REPORTS_TO
from graphcrm.map.anchors import Previous, anchored, rebanded
from graphcrm.map.layout import (
    CARD_HEIGHT,
    CARD_WIDTH,
    Band,
    orgchart,
    placeholder_key,
    superiors,
)
from graphcrm.palette import PATH_COLOR, STANCE_COLOR, rgb
from graphcrm.words import Said, os_reason, word

__all__ = ["card", "card_title", "place_cards", "chart_line", "chart_people", "chart_options",
           "card_key", "CARD_COLUMNS", "tint", "read_positions"]

#: How many columns of text (a Chinese character counts two) fit on a card's line.
CARD_COLUMNS = 27
#: The space around a card's text; vis-network draws a box this much and 12 px more than
#: its text's size constraints (tests/map/test_orgchart_page.py measures the boxes drawn).
MARGIN = {"top": 6, "bottom": 6, "left": 8, "right": 8}
_TEXT_WIDTH = CARD_WIDTH - MARGIN["left"] - MARGIN["right"] - 12
_TEXT_HEIGHT = CARD_HEIGHT - MARGIN["top"] - MARGIN["bottom"] - 12
#: A card's box, as vis-network's constraints.
BOX = {"widthConstraint": {"minimum": _TEXT_WIDTH, "maximum": _TEXT_WIDTH},
       "heightConstraint": {"minimum": _TEXT_HEIGHT, "valign": "top"}, "margin": MARGIN}
#: The tree's connectors.
TREE_COLOR = "#8d8d8d"
DOTTED = [2, 5]


def tint(color: str, share: float = 0.72) -> str:
    """``color`` mixed with ``share`` of white: a card's fill.

    >>> tint("#000000", 0.5)
    '#808080'
    """
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in rgb(color))


def _cut(text: str, columns: int = CARD_COLUMNS) -> str:
    """``text`` on one line of at most ``columns`` display columns, cut with "…".

    >>> _cut("东方新能源江苏有限公司设备管理部", 12)
    '东方新能源…'
    """
    text = " ".join(str(text).split())
    if wcswidth(text) <= columns:
        return text
    out, used = "", 0
    for ch in text:
        w = max(0, wcwidth(ch))
        if used + w > columns - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


def card(lines: list[str]) -> str:
    """A card's label: its lines, each cut to the card's width.

    >>> card(["★ 王建国", "", "总经理"])
    '★ 王建国\\n总经理'
    """
    return "\n".join(_cut(line) for line in lines if line)


#: Titles that say a rank but not where: 主任 of which department? (English: the same)
_GENERIC = {"head", "manager", "director", "deputy", "deputy head", "deputy director",
            "deputy manager", "chief", "chair", "secretary"}


def card_title(title: str | None, department: str | None) -> str:
    """A card's title: a generic one (主任, 处长, 经理 — a title of three characters or
    fewer, or a bare rank in English) with its department before it, so that the head of one
    department is not the head of another on a slide; a title that names its place as it is.

    >>> card_title("主任", "设备部"), card_title("自动化处处长", "调控中心")
    ('设备部 主任', '自动化处处长')
    >>> card_title("总经理", None)
    '总经理'
    """
    title = (title or "").strip()
    place = (department or "").strip()
    generic = (len(title) <= 3 and not title.isascii()) or title.lower() in _GENERIC
    if title and place and generic and place not in title:
        return f"{place} {title}"
    return title


def influence_bar(influence: int | None) -> str:
    """``influence`` 1–5 as a bar.

    >>> influence_bar(3)
    '▮▮▮▯▯'
    """
    return "" if not influence else "▮" * int(influence) + "▯" * (5 - int(influence))


def card_key(person: str, secret: bytes | None = None) -> str:
    """The key a saved layout knows a person's card by: a digest, never the id itself; on a
    shared (redacted) page a digest under that page's own ``secret``
    (:func:`graphcrm.redaction.card_secret`), which nobody can recompute from ids."""
    return hashlib.blake2b(person.encode(), digest_size=6, key=secret or b"").hexdigest()


def card_style(stance: str | None, uncovered: bool) -> dict[str, Any]:
    """A card's box: fill by stance (lightened), border by stance, dashed when uncovered."""
    border = STANCE_COLOR.get(stance or "", "#607d8b")
    return {
        "shape": "box",
        "color": {"background": tint(border) if stance else "#ffffff", "border": border,
                  "highlight": {"background": "#ffe082", "border": "#f57f17"}},
        "borderWidth": 3 if stance in ("champion", "opponent") else 2,
        "shapeProperties": {"borderDashes": [5, 4]} if uncovered else {"borderDashes": False},
        **BOX,
        "font": {"size": 12, "align": "left", "color": "#1a1a1a",
                 "face": "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"},
    }


def place_cards(G: nx.MultiDiGraph, project: str | None, nodes: list[dict[str, Any]],
                missing_roles: list[str], ids: dict[str, str], orgs: dict[str, str],
                colours: dict[str, str], departments: bool, lang: str,
                saved: dict[str, tuple[float, float]] | None = None,
                keyed: bool = True, secret: bytes | None = None,
                previous: Previous | None = None, aspect: float | None = None
                ) -> list[dict[str, Any]]:
    """Give each node its card and position; return the bands to draw behind them.

    ``nodes`` are the map's person nodes (each with its ``card`` lines) followed by the
    placeholders; ``ids`` maps person ids to node ids; ``orgs`` names organizations (already
    pseudonymized when the map is) and ``colours`` colours their bands (by kind);
    ``departments`` says whether department names may show. ``saved`` positions (by card
    key) win over the layout's; ``keyed`` puts the keys on the page (not when pseudonymized),
    under ``secret`` when given (a redacted page: see :func:`card_key`). ``previous``: an
    earlier map's chart (:mod:`graphcrm.map.anchors`): the unchanged keep their places.
    ``aspect``: the page's (a slide's), for :func:`~graphcrm.map.layout.orgchart`.
    """
    chart = orgchart(G, project, missing_roles, aspect)
    person_of = {node_id: person for person, node_id in ids.items()}
    anchor: dict[str, tuple[float, float]] = {}
    fresh: dict[str, tuple[float, float]] = {}
    if previous is not None and secret is None and keyed:
        key_of = {p: card_key(p) for p in ids}
        fresh = {key_of.get(k, k): xy for k, xy in chart.positions.items()}
        successor = {G.nodes[p]["predecessor"]: p for p in ids if G.nodes[p].get("predecessor")}
        above = superiors(G)  # a superior who left and was replaced: their successor
        drawn_gone = {before: p for before, p in successor.items() if before in ids}
        bosses = {key_of[p]: key_of[drawn_gone.get(above[p], above[p])] for p in ids
                  if above.get(p) in key_of}  # (also when the one who left is drawn)
        predecessors = {key_of[p]: card_key(before) for before, p in successor.items()}
        # the one replaced drawn too (greyed: --former, --since): the successor takes their
        # place, and their card is placed anew beside it
        places, above_was = dict(previous.positions), dict(previous.superiors)
        for before, p in successor.items():
            if before in ids and card_key(before) in places:
                places[key_of[p]] = places.pop(card_key(before))
                if card_key(before) in above_was:
                    above_was[key_of[p]] = above_was.pop(card_key(before))
        groups = {key_of[p]: str(G.nodes[p].get("org_id")) for p in ids}
        anchor, _ = anchored(fresh, bosses, dataclasses.replace(
            previous, positions=places, superiors=above_was), predecessors, groups)
    for node in nodes:
        person = person_of.get(node["id"])
        key = card_key(person) if person is not None else placeholder_key(node["roles"][0])
        x, y = anchor.get(key) or chart.positions[person if person is not None else key]
        if saved and key in saved:
            x, y = saved[key]
        node.update(x=x, y=y)
        if keyed or person is None:
            node["key"] = key if person is None or secret is None else card_key(person, secret)
        if person is None:  # a placeholder: its dashed box, the card's size
            node.update(BOX, label=card(node["tip"]), font={"size": 12, "align": "left"})
            continue
        facts = node["card"]
        if node.get("former"):  # no longer in post: a card of the same size, greyed, dotted
            node.update(card_style(None, False))
            node.update(color={"background": "#eeeeee", "border": "#bdbdbd",
                               "highlight": {"background": "#ffe082", "border": "#f57f17"}},
                        borderWidth=1, shapeProperties={"borderDashes": [2, 3]})
            node["font"] = {**node.get("font", {}), "color": "#757575"}
        else:
            node.update(card_style(facts["stance"], facts["uncovered"]))
        node["label"] = card(facts["lines"])
    bands = []
    for band in _moved(chart.bands, fresh, anchor):
        if band.kind == "organization":
            label = orgs.get(band.key, "")
        elif band.kind == "department":
            label = band.key if departments else ""
        else:
            label = word("map.placeholders", lang)
        bands.append({"x": band.x, "y": band.y, "width": band.width,
                      "height": band.height, "depth": band.depth, "kind": band.kind,
                      "label": label, "color": colours.get(band.key, "#9e9e9e")
                      if band.kind == "organization" else "#9e9e9e"})
    return bands


def _moved(bands: list[Band], fresh: dict[str, tuple[float, float]],
           final: dict[str, tuple[float, float]]) -> list[Band]:
    """The layout's bands, drawn again around cards laid out against an earlier chart."""
    if not final:
        return bands
    moved = rebanded([dataclasses.asdict(b) for b in bands], fresh, final)
    return [Band(**b) for b in moved]


def chart_people(G: nx.MultiDiGraph, project: str | None, also: set[str], *,
                 key_only: bool = False) -> set[str]:
    """Who an org chart of ``project`` shows: everyone at an organization one of the
    project's stakeholders belongs to, and at our own organizations; the competitors'
    people who have a tie to one of the project's stakeholders (the competitor's man's
    friend: "he is the competitor's man" is the first question of a tender), in their
    competitor's band; and the people in ``also`` (those on a highlighted chain, the
    brokers stakeholders depend on). Without a project, everyone.

    An org chart is the organizations that matter to the bid; the colleagues-of-contacts
    two ties out, at organizations with no part in the project, are the network view's.

    ``key_only`` (a slide): the project's stakeholders and their superiors up to the top of
    their organization (so that each stands at their rank under the people they answer
    to), our people with a tie to one of them, and the competitors' people tied to them —
    not everyone of their organizations.
    """
    if project is None:
        return set(G)
    stakeholders = {n for n, d in G.nodes(data=True) if project in d.get("projects", {})}
    if key_only:
        chosen = set(stakeholders)
        above = superiors(G)
        for person in stakeholders:  # the chain of superiors, up to the top
            boss = above.get(person)
            while boss is not None and boss not in chosen:
                chosen.add(boss)
                boss = above.get(boss)
        chosen |= {n for n, d in G.nodes(data=True)
                   if d["org_kind"] in (OrgKind.OWN, OrgKind.COMPETITOR)
                   and not stakeholders.isdisjoint(nx.all_neighbors(G, n))}
        return chosen
    orgs = {G.nodes[n]["org_id"] for n in stakeholders} | {
        d["org_id"] for _, d in G.nodes(data=True) if d["org_kind"] == OrgKind.OWN}
    rivals = {n for n, d in G.nodes(data=True) if d["org_kind"] == OrgKind.COMPETITOR
              and not stakeholders.isdisjoint(nx.all_neighbors(G, n))}
    return {n for n, d in G.nodes(data=True) if d["org_id"] in orgs} | rivals | (
        also & set(G))


def chart_line(kind: str, on_path: bool, same_organization: bool) -> dict[str, Any]:
    """How a tie is drawn over the org chart (changes to its network look)."""
    if kind == REPORTS_TO:
        return {"color": {"color": PATH_COLOR if on_path else TREE_COLOR, "opacity": 1.0},
                "width": 4 if on_path else 1.5, "dashes": False, "arrows": "",
                "smooth": {"enabled": True, "type": "cubicBezier",
                           "forceDirection": "vertical", "roundness": 0.6},
                "layer": "tree"}
    if kind == DOTTED_LINE:
        return {"dashes": DOTTED, "arrows": "to", "layer": "tree",
                "color": {"color": PATH_COLOR if on_path else TREE_COLOR, "opacity": 1.0},
                "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.2}}
    # acquaintances are the chart's clutter: inside an organization shown on request, across
    # organizations a card's own when it is clicked (the card says who of ours knows them);
    # influence, referrals and the best chains stay drawn
    layer = "overlay" if kind != TieType.KNOWS or on_path else \
        "inner" if same_organization else "across"
    return {"layer": layer, "hidden": layer != "overlay",
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.15}}


def chart_options() -> dict[str, Any]:
    """vis-network's options for an org chart: positions given, nothing moves by itself."""
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "dragNodes": True,
                        "hideEdgesOnDrag": False},
        "edges": {"smooth": False},
        # card text stays drawn however far the reader zooms out (vis hides labels below
        # 5 px by default): a printed page holds the whole chart
        "nodes": {"font": {"size": 12}, "scaling": {"label": {"drawThreshold": 2}}},
    }


def read_positions(path: str | os.PathLike[str]) -> dict[str, tuple[float, float]]:
    """The card positions in a layout file saved by a map page's "Save layout".

    Raises
    ------
    InputError
        The file cannot be read, is not JSON, or is not a positions file (the message names
        the file and the entry at fault).
    """
    shown = Path(path)
    try:
        found = json.loads(shown.read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise InputError(Said("error.cannot_read", path=shown, why=os_reason(err))) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(Said("layout.not_json", path=shown, why=str(err))) from None
    except (RecursionError, ValueError):  # nested thousands deep; a number of 5,000 digits
        raise InputError(Said("layout.too_deep", path=shown)) from None
    if not isinstance(found, dict) or found.get("graphcrm") != "positions":
        raise InputError(Said("layout.not_positions", path=shown))
    positions = found.get("positions")
    if not isinstance(positions, dict):
        raise InputError(Said("layout.not_a_map", path=shown))
    out = {}
    for key, where in positions.items():
        if not (isinstance(where, list) and len(where) == 2
                and all(_coordinate(v) is not None for v in where)):
            raise InputError(Said("layout.bad_position", path=shown, card=repr(str(key)[:40]),
                                  far=f"{_FAR:,.0f}",
                                  found=json.dumps(where, default=str)[:40]))
        out[str(key)] = (float(where[0]), float(where[1]))
    return out


_FAR = 1e7  # further from the chart's origin than any page draws


def _coordinate(value: object) -> float | None:
    """``value`` as a coordinate, or None: a finite number within ±:data:`_FAR` (a number
    of 400 digits is none)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) and abs(number) <= _FAR else None
