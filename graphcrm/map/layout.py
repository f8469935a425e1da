"""Where the org chart puts every card: positions computed once, in Python, deterministically.

A project's org chart reads the way bid teams read a customer (集团 → 子公司 → 处室):

* **Our own people** stand at the left, beside the customer: one band per own organization,
  laid out as any organization is (below), the bands one under the other.
* **Every other organization is a band** with its name on top. An organization's parent
  (``organizations.parent_id``: group → subsidiary) is a band around it: the group's own
  people first, its subsidiaries' bands below them, side by side. Parents are drawn even when
  none of their people are in the picture, so that the group a subsidiary belongs to shows.
  The project's customer comes first, then partners, consultants, the others and
  competitors; among equals the organization with more people in the picture.
* **Inside a band, people stand at their rank** (``people.reports_to`` within the same
  organization): the trees of the band stand side by side and share their rows, one row per
  level under the top — everyone at depth *d* above everyone at depth *d + 1*, so that the
  deputies of a general manager stand in one row and a deputy is never drawn below another
  tree's staff. Within that, a tidy tree: a superior centred above their reports; three or
  more reports who manage nobody stack in columns of at most :data:`LEAVES_PER_COLUMN` (in
  their level's row, which is as tall as its tallest stack), so that a manager of thirty does
  not make a row thirty cards wide. Rank comes before width: a general manager of thirty
  department heads makes a row of thirty.
  People whose superior is not known and who manage nobody are a clearly separate group below
  the trees, by department (a small band per department; those without one in a plain
  grid), never interleaved with them.
* **Placeholders** (buying-centre roles nobody fills at the customer) are a group of their own
  in the customer's band.

Every position is the centre of a card of :data:`CARD_WIDTH` × :data:`CARD_HEIGHT`; no two
cards overlap (each tree, group and band is a box, and boxes are placed side by side or
below each other with gaps), a superior in the same band is always above their reports, and
so is a superior in a parent organization's band (the parent's people come first). Only a
superior in an unrelated organization (rare: a secondment) is drawn as a line across bands.
The same people, organizations and ties give the same positions on every run and from
either store: every choice is ordered by name and id, never by the order a store returns.

Example
-------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(organizations={"c": {"name": "C"}}, projects={})
>>> for p, boss in (("a", None), ("b", "a"), ("c1", "a")):
...     G.add_node(p, name=p, org_id="c", org_kind="customer", department=None,
...                reports_to=boss, projects={})
>>> chart = orgchart(G)
>>> chart.positions["a"][1] < chart.positions["b"][1] == chart.positions["c1"][1]
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from graphcrm.domain import OrgKind

__all__ = ["OrgChart", "Band", "orgchart", "superiors", "CARD_WIDTH", "CARD_HEIGHT",
           "LEAVES_PER_COLUMN", "SLIDE_ASPECT", "placeholder_key"]

#: A card's size on the page (vis-network units: pixels at zoom 1).
CARD_WIDTH, CARD_HEIGHT = 200.0, 104.0
#: Cards side by side; a superior above their reports; stacked reports.
GAP_X, GAP_Y, GAP_STACK = 24.0, 60.0, 14.0
#: A band's inner padding, the height of its name, and the room between bands.
PAD, HEAD, GAP_BAND = 14.0, 30.0, 40.0
#: Reports who manage nobody stack in columns this tall.
LEAVES_PER_COLUMN = 6
#: The order organization kinds come in after the customer.
KIND_ORDER = (OrgKind.CUSTOMER, OrgKind.PARTNER, OrgKind.OTHER, OrgKind.COMPETITOR, OrgKind.OWN)


def superiors(G: nx.MultiDiGraph) -> dict[str, str]:
    """Each person's superior on the chart: ``reports_to``, or when that person is no longer
    there and someone took over from them (``predecessor``), their successor — the sheet
    not yet updated for a change of holder.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("new", reports_to="gm", predecessor="old")
    >>> G.add_node("gm", reports_to=None)
    >>> G.add_node("head", reports_to="old")
    >>> superiors(G)
    {'new': 'gm', 'head': 'new'}
    """
    successor = {d["predecessor"]: p for p, d in G.nodes(data=True)
                 if d.get("predecessor") and d["predecessor"] not in G}
    out = {}
    for person, data in G.nodes(data=True):
        boss = data.get("reports_to")
        boss = boss if boss in G else successor.get(boss)
        if boss is not None and boss != person:
            out[person] = boss
    return out


def placeholder_key(role: str) -> str:
    """The key of a buying-centre placeholder card in :attr:`OrgChart.positions`."""
    return f"placeholder:{role}"


@dataclass(frozen=True)
class Band:
    """A labelled rectangle drawn behind cards: an organization (``kind="organization"``,
    ``key`` its id), a department (``key`` its name) or the placeholders' group."""

    kind: str
    key: str
    x: float
    y: float
    width: float
    height: float
    depth: int


@dataclass
class OrgChart:
    """Card centres by person id (and :func:`placeholder_key`), and the bands behind them."""

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    bands: list[Band] = field(default_factory=list)


@dataclass
class _Box:
    """Something laid out: its size, card centres and bands relative to its top-left."""

    width: float
    height: float
    cards: list[tuple[str, float, float]] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)

    def put(self, other: _Box, dx: float, dy: float) -> None:
        self.cards += [(k, x + dx, y + dy) for k, x, y in other.cards]
        self.bands += [Band(b.kind, b.key, b.x + dx, b.y + dy, b.width, b.height, b.depth)
                       for b in other.bands]


def orgchart(G: nx.MultiDiGraph, project: str | None = None,
             placeholders: Sequence[str] = (), aspect: float | None = None) -> OrgChart:
    """Lay out the people of ``G`` as org charts, one band per organization.

    Parameters
    ----------
    G
        The people graph (:func:`graphcrm.graph.build_graph`), usually a project's
        neighbourhood.
    project
        The project whose customer comes first.
    placeholders
        Buying-centre roles to draw an empty card for in the customer's band.
    aspect
        The width-to-height ratio of the page the chart is for (:data:`SLIDE_ASPECT`: a
        slide beside its legend). The organizations' bands are then arranged — our own at
        the left or among the others, rows broken where they fill the page best — so that
        the chart, scaled to fit, is drawn largest. None: our own at the left and rows
        about a golden rectangle wide (the interactive page, which zooms).

    Returns
    -------
    OrgChart
        Card centres and bands, deterministic for the same data.

    Examples
    --------
    >>> G = nx.MultiDiGraph(organizations={}, projects={})
    >>> G.add_node("x", name="X", org_id="c", org_kind="customer", department="IT",
    ...            reports_to=None, projects={})
    >>> [band.kind for band in orgchart(G).bands]
    ['organization', 'department']
    """
    organizations = G.graph.get("organizations", {})
    members: dict[str, list[str]] = defaultdict(list)
    kind: dict[str, str] = {}
    for person, data in G.nodes(data=True):
        members[data["org_id"]].append(person)
        kind[data["org_id"]] = data["org_kind"]
    customer = (G.graph.get("projects", {}).get(project, {}).get("customer_id")
                if project else None)

    parent: dict[str, str] = {}  # organization → its parent, up to the top
    queue = list(members)
    while queue:
        org = queue.pop()
        up = (organizations.get(org) or {}).get("parent_id")
        if up and up != org and org not in parent and kind.get(org) != OrgKind.OWN:
            parent[org] = up
            kind.setdefault(up, (organizations.get(up) or {}).get("kind") or OrgKind.CUSTOMER)
            queue.append(up)
    parent = _within(_without_cycles(parent), MAX_NESTING)
    children: dict[str, list[str]] = defaultdict(list)
    for org, up in parent.items():
        children[up].append(org)

    def name(org: str) -> str:
        return str((organizations.get(org) or {}).get("name") or org)

    def top(org: str) -> str:
        while org in parent:
            org = parent[org]
        return org

    size = _subtree_people(members, children)
    customer_top = top(customer) if customer in kind else None

    def order(org: str) -> tuple:
        rank = next((i for i, k in enumerate(KIND_ORDER) if k.value == kind[org]),
                    len(KIND_ORDER))
        return (org != customer_top, rank, -size(org), name(org), org)

    chart = OrgChart()
    own = sorted((o for o in members if kind[o] == OrgKind.OWN and o not in parent),
                 key=lambda o: (-len(members[o]), name(o), o))
    column = _stack([_org_band(G, org, members, children, order, 0, (), customer)
                     for org in own])
    others = sorted((o for o in kind if o not in parent and kind[o] != OrgKind.OWN), key=order)
    home = customer_top if customer_top in others else None
    bands = [_org_band(G, org, members, children, order, 0,
                       placeholders if org == home else (), customer)
             for org in others]
    if placeholders and home is None:  # no customer band to put them in: a band of their own
        bands.insert(0, _group("placeholders", "", [placeholder_key(r) for r in placeholders],
                               0))
    whole = _arranged(column, bands, aspect)
    chart.positions = {key: (round(x, 1), round(y, 1)) for key, x, y in whole.cards}
    chart.bands = whole.bands
    return chart


#: The width-to-height ratio of the room a 16:9 slide leaves the chart beside its legend and
#: under its title.
SLIDE_ASPECT = 1.7


def _arranged(own: _Box, others: list[_Box], aspect: float | None) -> _Box:
    """Our own bands' column at the left of the others' rows (broken where their width
    exceeds about a golden rectangle); for a page of ``aspect``, of the arrangements with our
    own at the left or first among the others and each possible row width, the one drawn
    largest on the page (the first such)."""

    def beside(column: _Box, rows: _Box) -> _Box:
        whole = _Box(0, 0)
        whole.put(column, 0, 0)
        whole.put(rows, column.width + GAP_BAND if column.cards else 0, 0)
        whole.width = column.width + (GAP_BAND if column.cards and rows.cards else 0) \
            + rows.width
        whole.height = max(column.height, rows.height)
        return whole

    default = beside(own, _shelf(others, GAP_BAND))
    if aspect is None or not others:
        return default

    def scale(box: _Box) -> float:  # how large the box is drawn on a page of height 1
        return min(aspect / max(box.width, 1.0), 1.0 / max(box.height, 1.0))

    best, largest = default, scale(default)
    everyone = [own, *others] if own.cards else others
    candidates = []
    for column, items in ((own, others), (_Box(0, 0), everyone)):
        widths = [item.width for item in items]
        for k in range(1, len(items) + 1):  # a row holds the first k of them
            limit = sum(widths[:k]) + GAP_BAND * (k - 1)
            candidates.append(beside(column, _shelf(items, GAP_BAND, limit)))
    heights = sorted(item.height for item in everyone)
    tall = {h for h in heights}  # or in columns as tall as a band, two, or the lowest few
    tall |= {a + GAP_BAND + b for i, a in enumerate(heights) for b in heights[i + 1:]} \
        if len(heights) <= 12 else set()
    tall |= {sum(heights[:k]) + GAP_BAND * (k - 1) for k in range(1, len(heights) + 1)}
    for limit in sorted(h for h in tall if h >= heights[-1]):
        candidates.append(_columns(everyone, limit))
    for box in candidates:
        if scale(box) > largest * 1.01:
            best, largest = box, scale(box)
    return best


def _columns(items: list[_Box], height: float) -> _Box:
    """``items`` in columns at most ``height`` tall, side by side: the tallest first, each
    into the first column with room (first fit decreasing), the columns in the order of the
    first item each holds (our own, first of ``items``, stays at the left)."""
    columns: list[list[int]] = []
    used: list[float] = []
    for i in sorted(range(len(items)), key=lambda i: (-items[i].height, i)):
        for c, column in enumerate(columns):
            if used[c] + GAP_BAND + items[i].height <= height:
                column.append(i)
                used[c] += GAP_BAND + items[i].height
                break
        else:
            columns.append([i])
            used.append(items[i].height)
    out, x = _Box(0, 0), 0.0
    for column in sorted((sorted(c) for c in columns), key=lambda c: c[0]):
        y, width = 0.0, 0.0
        for i in column:
            out.put(items[i], x, y)
            y += items[i].height + GAP_BAND
            width = max(width, items[i].width)
        out.height = max(out.height, y - GAP_BAND)
        x += width + GAP_BAND
    out.width = x - GAP_BAND
    return out


#: How deep subsidiaries' bands nest; one deeper is drawn at this depth, in its ancestor's band
#: of that level (a group of a hundred levels is no picture, and no stack holds it).
MAX_NESTING = 8


def _within(parent: dict[str, str], levels: int) -> dict[str, str]:
    """``parent`` (acyclic) with each organization deeper than ``levels`` below its top
    moved up under its ancestor ``levels - 1`` below the top.

    >>> _within({"b": "a", "c": "b", "d": "c"}, 2)
    {'b': 'a', 'c': 'b', 'd': 'b'}
    """
    out = dict(parent)
    for org in parent:
        chain = [org]
        while chain[-1] in parent:
            chain.append(parent[chain[-1]])
        if len(chain) > levels + 1:  # chain: org, its parent, …, the top
            out[org] = chain[-levels]
    return out


def _without_cycles(parent: dict[str, str]) -> dict[str, str]:
    """``parent`` with the link that closes each cycle dropped (the import refuses cycles;
    a hand-built graph might not)."""
    kept = dict(parent)
    for start in sorted(parent):
        seen, org = {start}, start
        while org in kept:
            if kept[org] in seen:
                del kept[org]
                break
            org = kept[org]
            seen.add(org)
    return kept


def _subtree_people(members: dict[str, list[str]], children: dict[str, list[str]]
                    ) -> Callable[[str], int]:
    cache: dict[str, int] = {}

    def count(org: str) -> int:
        if org not in cache:
            cache[org] = len(members.get(org, ())) + sum(count(c) for c in children.get(org, ()))
        return cache[org]

    return count


def _by_name(G: nx.MultiDiGraph) -> Callable[[str], tuple[str, str]]:
    """Cards in the order of their names (then ids: two people may share a name); a
    successor in the place of the one they took over from (their name and id), so that a
    change of holder moves nobody else's card."""
    gone = G.graph.get("former", {})

    def key(person: str) -> tuple[str, str]:
        before = G.nodes[person].get("predecessor")
        if before in gone:
            return str(gone[before].get("name") or ""), str(before)
        return str(G.nodes[person].get("name") or ""), person

    return key


def _org_band(G: nx.MultiDiGraph, org: str, members: dict[str, list[str]],
              children: dict[str, list[str]], order: Callable[[str], tuple], depth: int,
              placeholders: Sequence[str], customer: str | None) -> _Box:
    """An organization's band: its people's trees (at rank) and, below them, the groups of
    those with no superior; then its subsidiaries'."""
    forest, groups = _people_items(G, members.get(org, []), depth + 1)
    top = [forest] if forest.cards else []
    if placeholders and (org == customer or customer not in members):
        top.insert(0, _group("placeholders", "", [placeholder_key(r) for r in placeholders],
                             depth + 1))
    content = _below(_beside(top, GAP_X * 2), _shelf(groups, GAP_X * 2))
    below = [_org_band(G, child, members, children, order, depth + 1,
                       placeholders if customer == child or _under(children, child, customer)
                       else (), customer)
             for child in sorted(children.get(org, []), key=order)]
    subsidiaries = _shelf(below, GAP_BAND / 2)
    inner = _Box(0, 0)
    inner.put(content, 0, 0)
    if below:
        inner.put(subsidiaries, 0, content.height + (GAP_BAND / 2 if content.cards else 0))
    inner.width = max(content.width, subsidiaries.width)
    inner.height = (content.height + subsidiaries.height
                    + (GAP_BAND / 2 if content.cards and below else 0))
    return _banded("organization", org, inner, depth)


def _under(children: dict[str, list[str]], org: str, target: str | None) -> bool:
    stack = list(children.get(org, []))
    while stack:
        o = stack.pop()
        if o == target:
            return True
        stack += children.get(o, [])
    return False


def _people_items(G: nx.MultiDiGraph, people: list[str], depth: int
                  ) -> tuple[_Box, list[_Box]]:
    """The trees of the people of one organization (people with reports, under their
    superior), side by side at rank, and the department groups of those with neither."""
    if not people:
        return _Box(0, 0), []
    here = set(people)
    key = _by_name(G)
    above = superiors(G)
    boss = _without_cycles({p: above[p] for p in people if above.get(p) in here})
    reports: dict[str, list[str]] = defaultdict(list)
    for person, superior in boss.items():
        reports[superior].append(person)
    for found in reports.values():
        found.sort(key=key)
    roots = sorted((p for p in people if p not in boss), key=key)
    forest = _forest([root for root in roots if reports.get(root)], reports)
    loose: dict[str, list[str]] = defaultdict(list)
    for person in roots:
        if not reports.get(person):
            loose[str(G.nodes[person].get("department") or "").strip()].append(person)
    groups = [_group("department", dept, loose[dept], depth) if dept else _grid(loose[dept])
              for dept in sorted(loose, key=lambda d: (d == "", d))]
    return forest, groups


def _forest(roots: list[str], reports: dict[str, list[str]]) -> _Box:
    """The trees under ``roots`` side by side, every level in one row across them all.

    Widths come bottom-up as a tidy tree's do (a superior centred over the first and last of
    what hangs below; three or more reports who manage nobody stacked in columns); heights
    by level: a level's row is as tall as its tallest card or stack, and the next level
    starts below it, in every tree alike. No recursion: a chain a thousand deep lays out.
    """
    if not roots:
        return _Box(0, 0)
    order: list[tuple[str, int]] = []
    for root in roots:
        stack = [(root, 0)]
        while stack:
            person, level = stack.pop()
            order.append((person, level))
            stack += [(k, level + 1) for k in reversed(reports.get(person, []))]
    stacked: dict[str, list[str]] = {}
    for person, _ in order:
        leaves = [k for k in reports.get(person, []) if not reports.get(k)]
        stacked[person] = leaves if len(leaves) >= 3 else []
    tall: dict[int, float] = defaultdict(float)
    for person, level in order:
        tall[level] = max(tall[level], CARD_HEIGHT)
        if stacked[person]:
            columns = math.ceil(len(stacked[person]) / LEAVES_PER_COLUMN)
            rows = math.ceil(len(stacked[person]) / columns)
            tall[level + 1] = max(tall[level + 1], rows * (CARD_HEIGHT + GAP_STACK) - GAP_STACK)
    top, y = {}, 0.0
    for level in range(max(tall) + 1):
        top[level] = y
        y += tall[level] + GAP_Y
    width: dict[str, float] = {}
    centre: dict[str, float] = {}  # the card's x within its own box
    offsets: dict[str, list[tuple[str, float]]] = {}  # what hangs below: x of its box's left
    for person, _ in reversed(order):
        kids = [k for k in reports.get(person, []) if k not in stacked[person]]
        items = [(width[k], centre[k], [(k, 0.0)]) for k in kids]
        if stacked[person]:
            columns = math.ceil(len(stacked[person]) / LEAVES_PER_COLUMN)
            span = columns * CARD_WIDTH + (columns - 1) * GAP_X
            items.append((span, span / 2, [(k, 0.0) for k in stacked[person]]))
        if not items:
            width[person], centre[person], offsets[person] = CARD_WIDTH, CARD_WIDTH / 2, []
            continue
        total = sum(item[0] for item in items) + GAP_X * (len(items) - 1)
        width[person] = max(CARD_WIDTH, total)
        x = (width[person] - total) / 2
        placed, centres = [], []
        for item_width, item_centre, cells in items:
            placed += [(k, x + dx) for k, dx in cells]
            centres.append(x + item_centre)
            x += item_width + GAP_X
        offsets[person] = placed
        centre[person] = (centres[0] + centres[-1]) / 2
    box = _Box(0, y - GAP_Y)
    level_of = dict(order)
    left = 0.0
    for root in roots:
        corner = {root: left}
        for person, level in order:
            if person not in corner:
                continue
            x0 = corner[person]
            box.cards.append((person, x0 + centre[person], top[level] + CARD_HEIGHT / 2))
            leaves = stacked[person]
            if leaves:
                columns = math.ceil(len(leaves) / LEAVES_PER_COLUMN)
                rows = math.ceil(len(leaves) / columns)
                block = next(dx for k, dx in offsets[person] if k == leaves[0])
                for i, leaf in enumerate(leaves):
                    box.cards.append((leaf, x0 + block + (i // rows) * (CARD_WIDTH + GAP_X)
                                      + CARD_WIDTH / 2,
                                      top[level_of[leaf]] + (i % rows)
                                      * (CARD_HEIGHT + GAP_STACK) + CARD_HEIGHT / 2))
            for child, dx in offsets[person]:
                if child not in leaves:
                    corner[child] = x0 + dx
        left += width[root] + GAP_X * 2
    box.width = left - GAP_X * 2
    return box


def _beside(items: list[_Box], gap: float) -> _Box:
    """Boxes side by side, tops aligned."""
    out, x = _Box(0, 0), 0.0
    for item in items:
        out.put(item, x, 0)
        out.width = x + item.width
        out.height = max(out.height, item.height)
        x += item.width + gap
    return out


def _below(first: _Box, second: _Box) -> _Box:
    """``second`` below ``first`` (either may be empty)."""
    if not second.cards and not second.bands:
        return first
    if not first.cards and not first.bands:
        return second
    out = _Box(max(first.width, second.width), first.height + GAP_Y + second.height)
    out.put(first, 0, 0)
    out.put(second, 0, first.height + GAP_Y)
    return out


def _grid(keys: Iterable[str]) -> _Box:
    """Cards in a grid about as tall as wide, at most four wide, filled column by column."""
    keys = list(keys)
    columns = min(4, max(1, math.ceil(math.sqrt(len(keys)))))
    rows = max(1, math.ceil(len(keys) / columns))
    box = _Box(columns * CARD_WIDTH + (columns - 1) * GAP_X,
               rows * CARD_HEIGHT + (rows - 1) * GAP_STACK)
    for i, key in enumerate(keys):
        column, row = divmod(i, rows)
        box.cards.append((key, column * (CARD_WIDTH + GAP_X) + CARD_WIDTH / 2,
                          row * (CARD_HEIGHT + GAP_STACK) + CARD_HEIGHT / 2))
    return box


def _group(kind: str, key: str, keys: list[str], depth: int) -> _Box:
    return _banded(kind, key, _grid(keys), depth)


def _banded(kind: str, key: str, inner: _Box, depth: int) -> _Box:
    """``inner`` in a band with a name on top and padding around."""
    box = _Box(max(inner.width, CARD_WIDTH) + 2 * PAD, HEAD + inner.height + PAD)
    box.put(inner, PAD, HEAD)
    box.bands.insert(0, Band(kind, key, 0.0, 0.0, box.width, box.height, depth))
    return box


def _shelf(items: list[_Box], gap: float, limit: float | None = None) -> _Box:
    """Boxes in rows, left to right, each row at most ``limit`` wide — by default about as
    wide as a golden rectangle of their area (and never narrower than the widest box)."""
    if not items:
        return _Box(0, 0)
    area = sum(b.width * b.height for b in items)
    limit = max(max(b.width for b in items),
                1.6 * math.sqrt(area) if limit is None else limit)
    out, x, y, row = _Box(0, 0), 0.0, 0.0, 0.0
    for item in items:
        if x > 0 and x + item.width > limit:
            x, y, row = 0.0, y + row + gap, 0.0
        out.put(item, x, y)
        out.width = max(out.width, x + item.width)
        row = max(row, item.height)
        x += item.width + gap
    out.height = y + row
    return out


def _stack(items: list[_Box]) -> _Box:
    """Boxes one below the other."""
    out, y = _Box(0, 0), 0.0
    for item in items:
        out.put(item, 0, y)
        out.width = max(out.width, item.width)
        y += item.height + GAP_BAND / 2
    out.height = max(0.0, y - GAP_BAND / 2)
    return out
