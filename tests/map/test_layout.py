"""The org chart's positions (no browser): every card placed once, no two overlapping, every
superior above their reports, the same positions every time, on hierarchies built by hand and
on random ones (several roots, people with no superior, deep chains, group → subsidiary)."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graphcrm.graph import build_graph
from graphcrm.map.layout import CARD_HEIGHT, CARD_WIDTH, orgchart, placeholder_key


def person(G, pid, org, boss=None, kind="customer", department=None, name=None):
    G.add_node(pid, name=name or pid, org_id=org, org_kind=kind, department=department,
               reports_to=boss, projects={})
    if boss is not None:
        G.add_edge(pid, boss, key="REPORTS_TO", type="REPORTS_TO")


def overlapping(positions):
    """Pairs of cards whose boxes overlap."""
    return [(a, b) for (a, p), (b, q) in itertools.combinations(positions.items(), 2)
            if abs(p[0] - q[0]) < CARD_WIDTH and abs(p[1] - q[1]) < CARD_HEIGHT]


def superiors_below(G, positions):
    """Reporting lines whose superior is not above the report."""
    return [(u, v) for u, v, k in G.edges(keys=True)
            if k == "REPORTS_TO" and not positions[v][1] < positions[u][1]]


def test_a_small_org_chart_by_hand():
    """A boss with two managers, one with three staff, the other with one; a loose person
    in IT: the tree's shape can be checked by eye."""
    G = nx.MultiDiGraph(organizations={"c": {"name": "C"}}, projects={})
    person(G, "boss", "c")
    person(G, "m1", "c", "boss")
    person(G, "m2", "c", "boss")
    for staff in ("s1", "s2", "s3"):
        person(G, staff, "c", "m1")
    person(G, "s4", "c", "m2")
    person(G, "loose", "c", department="IT")
    chart = orgchart(G)
    pos = chart.positions
    assert set(pos) == set(G)
    assert overlapping(pos) == [] and superiors_below(G, pos) == []
    # three staff who manage nobody stack in one column under their manager
    assert pos["s1"][0] == pos["s2"][0] == pos["s3"][0]
    assert pos["s1"][1] < pos["s2"][1] < pos["s3"][1]
    # the boss is centred over the two managers
    assert pos["boss"][0] == (pos["m1"][0] + pos["m2"][0]) / 2
    assert pos["m1"][1] == pos["m2"][1]
    kinds = [(b.kind, b.key) for b in chart.bands]
    assert kinds == [("organization", "c"), ("department", "IT")]


def test_group_band_holds_its_subsidiary_below_the_groups_people():
    G = nx.MultiDiGraph(organizations={"grp": {"name": "Group"},
                                       "sub": {"name": "Sub", "parent_id": "grp"}},
                        projects={"P": {"customer_id": "sub"}})
    person(G, "ceo", "grp")
    person(G, "gm", "sub", "ceo")  # a subsidiary's head reports to the group
    person(G, "eng", "sub", "gm")
    person(G, "us", "own", kind="own")
    chart = orgchart(G, "P", ["decision_maker", "user"])
    pos = chart.positions
    assert overlapping(pos) == [] and superiors_below(G, pos) == []
    bands = {b.key: b for b in chart.bands if b.kind == "organization"}
    group, sub = bands["grp"], bands["sub"]
    assert group.x <= sub.x and sub.x + sub.width <= group.x + group.width
    assert group.y < sub.y and sub.y + sub.height <= group.y + group.height
    # the placeholders sit in the customer's band; our people stand at the left
    for role in ("decision_maker", "user"):
        x, y = pos[placeholder_key(role)]
        assert sub.x < x < sub.x + sub.width and sub.y < y < sub.y + sub.height
    assert pos["us"][0] < group.x


def test_the_sample_lays_out_without_overlap(sample):
    G = build_graph(sample)
    chart = orgchart(G, "prj-js-ess", ["user"])
    assert set(chart.positions) == set(G) | {placeholder_key("user")}
    assert overlapping(chart.positions) == []
    assert superiors_below(G, chart.positions) == []
    assert orgchart(G, "prj-js-ess", ["user"]).positions == chart.positions


def test_a_chain_a_thousand_deep_and_a_manager_of_fifty():
    G = nx.MultiDiGraph(organizations={}, projects={})
    person(G, "c0", "c")
    for i in range(1, 1000):
        person(G, f"c{i}", "c", f"c{i - 1}")
    for i in range(50):
        person(G, f"r{i:02}", "c", "c0")
    pos = orgchart(G).positions
    assert superiors_below(G, pos) == []
    xs = {pos[f"r{i:02}"][0] for i in range(50)}
    assert len(xs) == 9  # fifty reports stack in columns of at most six


@st.composite
def hierarchies(draw):
    """People in a few organizations (some subsidiaries of others), each with a superior
    in the same organization, in a parent organization, or none; departments now and then;
    names that repeat."""
    orgs = draw(st.integers(1, 4))
    parents = {f"o{i}": (f"o{draw(st.integers(0, i - 1))}" if i and draw(st.booleans())
                         else None) for i in range(orgs)}
    G = nx.MultiDiGraph(organizations={o: {"name": f"Org {o}", "parent_id": p}
                                       for o, p in parents.items()},
                        projects={"P": {"customer_id": "o0"}})
    people: list[tuple[str, str]] = []
    for i in range(draw(st.integers(1, 40))):
        org = f"o{draw(st.integers(0, orgs - 1))}"
        candidates = [p for p, o in people if o == org or o == parents[org]]
        boss = draw(st.sampled_from(candidates)) if candidates and draw(st.booleans()) \
            else None
        kind = "own" if org == f"o{orgs - 1}" and orgs > 1 and parents[org] is None \
            else "customer"
        person(G, f"p{i}", org, boss, kind=kind,
               department=draw(st.sampled_from([None, "IT", "采购部"])),
               name=draw(st.sampled_from(["王伟", "李娜", "张伟"])))
        people.append((f"p{i}", org))
    roles = draw(st.lists(st.sampled_from(["decision_maker", "evaluator", "user"]),
                          unique=True))
    return G, roles


@settings(max_examples=150, deadline=None)
@given(hierarchies())
def test_random_hierarchies_lay_out_without_overlap(case):
    G, roles = case
    chart = orgchart(G, "P", roles)
    assert set(chart.positions) == set(G) | {placeholder_key(r) for r in roles}
    assert overlapping(chart.positions) == []
    # superiors above, within a band and from a parent organization's band alike (a
    # superior at our own company is the one exception: our band stands beside)
    lines = nx.MultiDiGraph((u, v, k) for u, v, k in G.edges(keys=True)
                            if "own" not in {G.nodes[u]["org_kind"], G.nodes[v]["org_kind"]}
                            or G.nodes[u]["org_id"] == G.nodes[v]["org_id"])
    assert superiors_below(lines, chart.positions) == []
    # the same data in another order: the same positions
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    assert orgchart(H, "P", roles).positions == chart.positions


def test_a_general_manager_of_thirty_teams_keeps_them_in_one_row():
    """Thirty department heads with two staff each under one general manager: rank comes
    first — the heads share one row, their staff the row below (issue 26)."""
    G = nx.MultiDiGraph(organizations={}, projects={})
    person(G, "gm", "c")
    for i in range(30):
        person(G, f"h{i:02}", "c", "gm")
        for j in range(2):
            person(G, f"s{i:02}{j}", "c", f"h{i:02}")
    pos = orgchart(G).positions
    assert overlapping(pos) == [] and superiors_below(G, pos) == []
    assert len({pos[f"h{i:02}"][1] for i in range(30)}) == 1
    assert len({pos[f"s{i:02}{j}"][1] for i in range(30) for j in range(2)}) == 1


def depth_in_band(G, people):
    """Each person's depth under the top of their organization's reporting tree (those with
    a superior or reports only: the others are a separate group)."""
    boss = {p: G.nodes[p].get("reports_to") for p in people}
    boss = {p: b for p, b in boss.items() if b in people}
    managing = set(boss.values())
    found = {}
    for p in people:
        if p not in boss and p not in managing:
            continue
        d, q, seen = 0, p, {p}
        while q in boss and boss[q] not in seen:
            q = boss[q]
            seen.add(q)
            d += 1
        found[p] = d
    return found


@settings(max_examples=150, deadline=None)
@given(hierarchies())
def test_rank_everyone_at_a_depth_stands_above_everyone_deeper(case):
    """For random hierarchies: in each organization's band, everyone at depth d is above
    everyone at depth d + 1 — peers share a row across trees, a deputy is never below
    another tree's staff (issue 26)."""
    G, roles = case
    pos = orgchart(G, "P", roles).positions
    by_org = {}
    for p, data in G.nodes(data=True):
        by_org.setdefault(data["org_id"], set()).add(p)
    for people in by_org.values():
        depth = depth_in_band(G, people)
        for a, b in itertools.permutations(depth, 2):
            if depth[a] < depth[b]:
                assert pos[a][1] < pos[b][1], (a, depth[a], b, depth[b])
            if depth[a] == depth[b] and not _stacked(G, a, people) \
                    and not _stacked(G, b, people):
                assert pos[a][1] == pos[b][1], (a, b, depth[a])


def _stacked(G, person, people):
    """Whether ``person`` is one of three or more reports of their superior who manage
    nobody (they stack in columns within their level's row)."""
    boss = G.nodes[person].get("reports_to")
    if boss not in people or any(G.nodes[q].get("reports_to") == person for q in people):
        return False
    leaves = [q for q in people if G.nodes[q].get("reports_to") == boss
              and not any(G.nodes[r].get("reports_to") == q for r in people)]
    return len(leaves) >= 3


def test_a_group_nine_hundred_levels_deep_draws_at_most_eight():
    """Subsidiaries nested 900 deep (a hostile workbook) lay out without running out of
    stack: bands nest eight deep, deeper units in their eighth-level ancestor's band."""
    from graphcrm.map.layout import MAX_NESTING

    G = nx.MultiDiGraph(organizations={
        **{f"o{i}": {"name": f"单位{i}", "kind": "customer",
                     "parent_id": f"o{i - 1}" if i else None} for i in range(900)}},
        projects={"P": {"customer_id": "o0"}})
    for i in (0, 450, 899):
        G.add_node(f"p{i}", name=f"人{i}", org_id=f"o{i}", org_kind="customer",
                   projects={"P": {"roles": ["user"]}}, reports_to=None)
    chart = orgchart(G, "P", [])
    assert {f"p{i}" for i in (0, 450, 899)} <= set(chart.positions)
    assert max(b.depth for b in chart.bands) <= MAX_NESTING


def test_layout_files_that_are_not_are_refused_by_name(tmp_path):
    import pytest

    from graphcrm.errors import InputError
    from graphcrm.map import read_positions

    deep = tmp_path / "deep.json"
    deep.write_text("[" * 3000 + "]" * 3000)
    with pytest.raises(InputError, match=r"deep.json: not a layout file.*nested too deep"):
        read_positions(deep)
    huge = tmp_path / "huge.json"
    huge.write_text('{"graphcrm": "positions", "positions": {"k": [' + "9" * 400 + ", 1]}}")
    with pytest.raises(InputError, match=r"huge.json: card 'k': a position is \[x, y\]") as bad:
        read_positions(huge)
    from graphcrm.words import say

    assert say(bad.value.args[0], "zh").startswith(
        f"{huge}：卡片 'k'：位置应为 [x, y]（两个绝对值不超过 ")
    other = tmp_path / "布局.json"
    other.write_text('{"positions": {}}', encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_positions(other)
    assert say(refused.value.args[0], "zh") == (
        f'{other}：不是 graphcrm 地图保存的布局文件（缺少 "graphcrm": "positions"）')


def test_a_successor_stands_where_the_one_they_replaced_stood():
    """钱卫 took over from 吴海峰: among the general manager's deputies he stands in 吴海峰's
    place (the order of names), not at the end of the row (issue 26, 2)."""
    G = nx.MultiDiGraph(organizations={}, projects={},
                        former={"wu": {"name": "吴海峰", "org_id": "c"}})
    person(G, "gm", "c", name="陈国栋")
    for pid, name in (("a", "周立新"), ("b", "马建军"), ("qian", "钱卫")):
        person(G, pid, "c", "gm", name=name)
        person(G, f"{pid}-staff", "c", pid)  # a deputy manages someone: not a stacked leaf
    G.nodes["qian"]["predecessor"] = "wu"
    pos = orgchart(G).positions
    by_x = sorted(("a", "b", "qian"), key=lambda p: pos[p][0])
    # by name: 吴 (钱卫's place) < 周 < 马 in code-point order
    assert by_x == sorted(("a", "b", "qian"),
                          key=lambda p: {"a": "周立新", "b": "马建军", "qian": "吴海峰"}[p])


def _drawn_size(chart, aspect):
    """How large the chart is drawn on a page of ``aspect`` and height 1: what a picture
    shows (its cards and bands) fitted to the page."""
    left = min([x - CARD_WIDTH / 2 for x, _ in chart.positions.values()]
               + [b.x for b in chart.bands])
    right = max([x + CARD_WIDTH / 2 for x, _ in chart.positions.values()]
                + [b.x + b.width for b in chart.bands])
    top = min([y - CARD_HEIGHT / 2 for _, y in chart.positions.values()]
              + [b.y for b in chart.bands])
    bottom = max([y + CARD_HEIGHT / 2 for _, y in chart.positions.values()]
                 + [b.y + b.height for b in chart.bands])
    return min(aspect / (right - left), 1 / (bottom - top))


def test_a_slide_arranges_the_bands_to_fill_its_page():
    """A customer five rows tall and four cards wide (a general manager, four deputies, a
    chain of three under each), our team (a director, two managers, a report each) and a
    competitor's three: side by side the chart is eight cards wide and five rows tall,
    drawn by its width; for a 16:9 slide the competitor's band stands below ours, beside
    the customer, and the chart is drawn a third larger — still at rank, without overlap
    (issue 26, 3)."""
    from graphcrm.map.layout import SLIDE_ASPECT

    G = nx.MultiDiGraph(organizations={}, projects={})
    person(G, "gm", "c")
    for i in range(4):
        person(G, f"d{i}", "c", "gm")
        person(G, f"h{i}", "c", f"d{i}")
        person(G, f"k{i}", "c", f"h{i}")
        person(G, f"m{i}", "c", f"k{i}")
    person(G, "u0", "us", kind="own")
    for i in (1, 2):
        person(G, f"u{i}", "us", "u0", kind="own")
        person(G, f"v{i}", "us", f"u{i}", kind="own")
    person(G, "r0", "rival", kind="competitor")
    person(G, "r1", "rival", "r0", kind="competitor")
    person(G, "r2", "rival", "r0", kind="competitor")
    plain, slide = orgchart(G), orgchart(G, aspect=SLIDE_ASPECT)
    assert _drawn_size(slide, SLIDE_ASPECT) > 1.2 * _drawn_size(plain, SLIDE_ASPECT)
    x, y = {k: p[0] for k, p in slide.positions.items()}, {k: p[1] for k, p in
                                                           slide.positions.items()}
    ours = [k for k in x if k[0] in "uv"]
    assert max(x[k] for k in ours) < min(x[k] for k in x if k[0] in "gdhkm")  # ours left
    assert y["r0"] > max(y[k] for k in ours)  # the competitor below ours
    assert overlapping(slide.positions) == [] and superiors_below(G, slide.positions) == []
    assert orgchart(G, aspect=SLIDE_ASPECT).positions == slide.positions  # deterministic


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 12)), min_size=1, max_size=40),
       st.floats(0.5, 3.0))
def test_any_page_shape_keeps_rank_and_no_overlap(people, aspect):
    """For random organizations and page shapes, the arrangement for the page keeps every
    card apart and every superior above their reports, and is never drawn smaller than
    the plain arrangement."""
    G = nx.MultiDiGraph(organizations={}, projects={})
    for i, (org, boss) in enumerate(people):
        up = f"p{boss}" if boss < i and people[boss][0] == org else None
        person(G, f"p{i}", f"o{org}", up, kind="own" if org == 0 else "customer")
    chart = orgchart(G, aspect=aspect)
    assert overlapping(chart.positions) == [] and superiors_below(G, chart.positions) == []
    assert _drawn_size(chart, aspect) >= 0.99 * _drawn_size(orgchart(G), aspect)
