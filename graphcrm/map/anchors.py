"""The same place every week: an org chart laid out against an earlier map of it.

An earlier map page (the HTML ``graphcrm map`` wrote last week) carries every card's key and
position and the reporting lines between the cards. Laid out against it, this week's chart
keeps each card where it was when its person still answers to the same superior (and so do
all of their superiors on the chart); a successor takes the place of the one they took over
from; only new people and moved subtrees are placed anew — beside their superior as the
fresh layout would have them, on the nearest free spot — and the bands are drawn around
their cards again. Two weeks' slides can be laid side by side.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphcrm.map.layout import CARD_HEIGHT, CARD_WIDTH, GAP_X, GAP_Y, HEAD, PAD

__all__ = ["Previous", "read_page", "slide_part", "extent", "anchored", "rebanded"]

_DATA = re.compile(r'<script type="application/json" id="graphcrm-data">(.*?)</script>', re.S)


@dataclass(frozen=True)
class Previous:
    """An earlier org chart: card positions by card key, each card's superior (key), and the
    chart's title (the project's name: a page of another project is no anchor)."""

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    superiors: dict[str, str] = field(default_factory=dict)
    title: str = ""
    #: the part of the chart's plane the picture showed (left, top, right, bottom): this
    #: week's picture shows at least as much, so that the kept stand where they stood on it
    frame: tuple[float, float, float, float] | None = None

    def part(self) -> dict:
        """As a page keeps a slide's chart (:func:`slide_part`)."""
        return {"title": self.title, "superiors": dict(self.superiors),
                "positions": {k: [x, y] for k, (x, y) in self.positions.items()},
                "frame": list(self.frame) if self.frame else None}


def read_page(path: str | os.PathLike[str], slide: bool = False) -> Previous | None:
    """The org chart an earlier map page drew, or None when ``path`` is no graphcrm org
    chart page (a network view, a redacted page's keys only it knows, another file).

    With ``slide``, the chart of the slide written with that page (its key people: the page
    keeps their places, :func:`slide_part`), or None when none was."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _DATA.search(text)
    if found is None:
        return None
    try:
        data = json.loads(found.group(1))
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or (data.get("meta") or {}).get("layout") != "orgchart":
        return None
    if slide:
        return _slide(data["meta"].get("slide"))
    return _chart(data)


def _chart(data: Mapping) -> Previous | None:
    """A map's org chart as an anchor: its keyed cards' places, their superiors (reporting
    lines, not dotted ones), its title and frame; None without keyed cards. Read with care:
    the data may come from a page on disk."""
    key_of, positions = {}, {}
    for node in data.get("nodes") or []:
        where = (node.get("x"), node.get("y")) if isinstance(node, dict) else (None, None)
        if isinstance(node, dict) and isinstance(node.get("key"), str) \
                and all(isinstance(v, int | float) for v in where):
            key_of[node.get("id")] = node["key"]
            positions[node["key"]] = (float(node["x"]), float(node["y"]))
    superiors = {key_of[e["from"]]: key_of[e["to"]] for e in data.get("edges") or []
                 if isinstance(e, dict) and e.get("layer") == "tree" and not e.get("arrows")
                 and e.get("from") in key_of and e.get("to") in key_of}
    title = str((data.get("meta") or {}).get("title") or "")
    return Previous(positions, superiors, title, _frame((data.get("meta") or {}).get("frame"))
                    ) if positions else None


def _frame(value: object) -> tuple[float, float, float, float] | None:
    if isinstance(value, list | tuple) and len(value) == 4 and all(isinstance(v, int | float)
                                                           for v in value):
        return (float(value[0]), float(value[1]), float(value[2]), float(value[3]))
    return None


def extent(nodes: Sequence[Mapping], bands: Sequence[Mapping],
           frame: tuple[float, float, float, float] | None = None
           ) -> tuple[float, float, float, float] | None:
    """What a picture of the chart shows (left, top, right, bottom): every card and band,
    and at least ``frame`` (last week's) — each side of it kept where the chart passes it
    by no more than a band's padding (bands drawn again around their cards round outwards).

    >>> extent([{"x": 0, "y": 0}], [], (-500.0, 0.0, 100.0, 52.0))
    (-500.0, -52.0, 100.0, 52.0)
    >>> extent([{"x": 0, "y": 0}], [], (-500.0, -50.0, 50.0, 52.0))
    (-500.0, -50.0, 100.0, 52.0)
    """
    boxes = [(n["x"] - CARD_WIDTH / 2, n["y"] - CARD_HEIGHT / 2, n["x"] + CARD_WIDTH / 2,
              n["y"] + CARD_HEIGHT / 2) for n in nodes if "x" in n and "y" in n]
    boxes += [(b["x"], b["y"], b["x"] + b["width"], b["y"] + b["height"]) for b in bands]
    if not boxes:
        return frame
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    if frame is None:
        return left, top, right, bottom
    return (frame[0] if left >= frame[0] - PAD else left,
            frame[1] if top >= frame[1] - PAD else top,
            frame[2] if right <= frame[2] + PAD else right,
            frame[3] if bottom <= frame[3] + PAD else bottom)


def slide_part(data: Mapping) -> dict:
    """What a page keeps of the slide written with it (``meta.slide``), so that next week's
    slide keeps its key people where they stood: each card's key and place, each card's
    superior, the chart's title. Empty for a chart without keys (pseudonymized)."""
    chart = _chart(data)
    return chart.part() if chart is not None else {}


def _slide(part: object) -> Previous | None:
    if not isinstance(part, dict) or not isinstance(part.get("positions"), dict):
        return None
    positions = {k: (float(v[0]), float(v[1])) for k, v in part["positions"].items()
                 if isinstance(k, str) and isinstance(v, list) and len(v) == 2
                 and all(isinstance(c, int | float) for c in v)}
    superiors = part.get("superiors")
    superiors = {k: v for k, v in superiors.items() if isinstance(k, str)
                 and isinstance(v, str)} if isinstance(superiors, dict) else {}
    return Previous(positions, superiors, str(part.get("title") or ""),
                    _frame(part.get("frame"))) if positions else None


def _overlaps(x: float, y: float, placed: list[tuple[float, float]]) -> bool:
    return any(abs(x - a) < CARD_WIDTH + GAP_X / 2 and abs(y - b) < CARD_HEIGHT + GAP_X / 2
               for a, b in placed)


def _free(x: float, y: float, placed: list[tuple[float, float]],
          columns: tuple[float, float] | None = None) -> tuple[float, float]:
    """The spot nearest (``x``, ``y``) where a card overlaps none of ``placed``: along its
    row first, then the rows below; within ``columns`` (the left and right card centres of
    its organization's cards) when given and there is room there, so that a new card never
    lands between two organizations and draws their bands over each other."""
    step_x, step_y = CARD_WIDTH + GAP_X, CARD_HEIGHT + GAP_Y
    if columns is not None:
        x = min(max(x, columns[0]), columns[1])
    for ring in range(0, 60):
        for dy in range(0, ring + 1):
            for dx in sorted({ring - dy, -(ring - dy)}, key=lambda d: (abs(d), -d)):
                spot = (x + dx * step_x, y + dy * step_y)
                inside = columns is None or columns[0] - 1 <= spot[0] <= columns[1] + 1
                if inside and not _overlaps(*spot, placed):
                    return spot
    return x, y + 60 * step_y


def anchored(fresh: Mapping[str, tuple[float, float]], superiors: Mapping[str, str],
             previous: Previous, predecessors: Mapping[str, str] | None = None,
             groups: Mapping[str, str] | None = None
             ) -> tuple[dict[str, tuple[float, float]], set[str]]:
    """Card positions laid out against ``previous``: the kept cards, and the others placed.

    Parameters
    ----------
    fresh
        This week's layout: card key → centre.
    superiors
        Card key → the card key of their superior on this chart.
    previous
        The earlier chart.
    predecessors
        Card key → the card key of the one they took over from.
    groups
        Card key → its organization: a card placed anew stays within the columns of its
        organization's kept cards.

    Returns
    -------
    (dict, set)
        Every card's centre, and the keys kept where they were.

    Examples
    --------
    >>> before = Previous({"a": (0.0, 0.0), "b": (0.0, 200.0)}, {"b": "a"})
    >>> final, kept = anchored({"a": (500.0, 0.0), "b": (500.0, 164.0),
    ...                         "c": (800.0, 164.0)}, {"b": "a", "c": "a"}, before)
    >>> final["a"], final["b"], sorted(kept)
    ((0.0, 0.0), (0.0, 200.0), ['a', 'b'])
    >>> final["c"]  # beside its superior, as the fresh layout has it: (0 + 300, 0 + 164)
    (300.0, 164.0)
    """
    predecessors = predecessors or {}

    def depth(key: str) -> int:
        seen, d = {key}, 0
        while key in superiors and superiors[key] not in seen:
            key = superiors[key]
            seen.add(key)
            d += 1
        return d

    order = sorted(fresh, key=lambda k: (depth(k), fresh[k][1], fresh[k][0], k))
    final: dict[str, tuple[float, float]] = {}
    kept: set[str] = set()
    for key in order:  # superiors first: a card is kept only under a kept superior
        boss = superiors.get(key)
        if boss is not None and boss not in kept:
            continue
        taken = predecessors.get(key)  # a successor, where the one they replaced stood
        for before in (key, taken if taken not in fresh else None):
            if before is None:
                continue
            was = previous.superiors.get(before)
            # the same superior; or theirs was replaced by them; or theirs left the chart
            # and they answer to nobody on it now
            same = was == boss or (boss is not None and was == predecessors.get(boss)) \
                or (boss is None and was is not None and was not in fresh)
            if before in previous.positions and same:
                final[key] = previous.positions[before]
                kept.add(key)
                break
    shifts = sorted((final[k][0] - fresh[k][0], final[k][1] - fresh[k][1]) for k in kept)
    shift = shifts[len(shifts) // 2] if shifts else (0.0, 0.0)
    placed = list(final.values())
    groups = groups or {}
    spans: dict[str, tuple[float, float]] = {}  # each organization's kept columns
    for key in kept:
        if key in groups:
            low, high = spans.get(groups[key], (math.inf, -math.inf))
            spans[groups[key]] = (min(low, final[key][0]), max(high, final[key][0]))
    for key in order:
        if key in final:
            continue
        boss = superiors.get(key)
        if boss in final:
            x = final[boss][0] + fresh[key][0] - fresh[boss][0]
            y = final[boss][1] + fresh[key][1] - fresh[boss][1]
        else:
            x, y = fresh[key][0] + shift[0], fresh[key][1] + shift[1]
        final[key] = _free(x, y, placed, spans.get(groups.get(key, "")))
        placed.append(final[key])
    return final, kept


def rebanded(bands: list[dict], fresh: Mapping[str, tuple[float, float]],
             final: Mapping[str, tuple[float, float]]) -> list[dict]:
    """The bands drawn again around their cards where they now stand: each band holds the
    cards the fresh layout put inside it, and its nested bands."""
    out = [dict(b) for b in bands]
    members = []
    for band in out:
        inside = [k for k, (x, y) in fresh.items()
                  if band["x"] <= x <= band["x"] + band["width"]
                  and band["y"] <= y <= band["y"] + band["height"]]
        members.append(inside)
    for i in sorted(range(len(out)), key=lambda i: -out[i]["depth"]):  # the deepest first
        band, inside = out[i], members[i]
        if not inside:
            continue
        x0 = min(final[k][0] for k in inside) - CARD_WIDTH / 2 - PAD
        y0 = min(final[k][1] for k in inside) - CARD_HEIGHT / 2 - HEAD
        x1 = max(final[k][0] for k in inside) + CARD_WIDTH / 2 + PAD
        y1 = max(final[k][1] for k in inside) + CARD_HEIGHT / 2 + PAD
        for j, other in enumerate(out):  # the nested bands, already drawn again
            if other["depth"] > band["depth"] and members[j] and set(members[j]) <= set(inside):
                x0, y0 = min(x0, other["x"] - PAD), min(y0, other["y"] - HEAD)
                x1 = max(x1, other["x"] + other["width"] + PAD)
                y1 = max(y1, other["y"] + other["height"] + PAD)
        band.update(x=math.floor(x0), y=math.floor(y0), width=math.ceil(x1 - x0),
                    height=math.ceil(y1 - y0))
    return out
