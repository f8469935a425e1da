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


def test_a_general_manager_of_thirty_teams_wraps_into_rows():
    """Thirty department heads with two staff each under one general manager: the teams
    wrap into rows (no chart thirty teams wide), everyone still below their superior."""
    G = nx.MultiDiGraph(organizations={}, projects={})
    person(G, "gm", "c")
    for i in range(30):
        person(G, f"h{i:02}", "c", "gm")
        for j in range(2):
            person(G, f"s{i:02}{j}", "c", f"h{i:02}")
    pos = orgchart(G).positions
    assert overlapping(pos) == [] and superiors_below(G, pos) == []
    xs = [x for x, _ in pos.values()]
    ys = {pos[f"h{i:02}"][1] for i in range(30)}
    assert len(ys) > 2  # the heads stand in several rows
    width, height = max(xs) - min(xs), max(y for _, y in pos.values())
    assert width < 3 * height  # about golden, not a ribbon


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
    with pytest.raises(InputError, match=r"huge.json: card 'k': a position is \[x, y\]"):
        read_positions(huge)
