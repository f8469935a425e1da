"""Informant ranking and Gould–Fernandez brokerage roles, worked by hand."""

import networkx as nx
import pytest

from graphcrm.analysis.compact import Compact
from graphcrm.analysis.informants import brokerage_roles, burt_measures, key_informants
from tests.analysis.conftest import make_valued


@pytest.mark.parametrize(
    ("edges", "groups", "role"),
    [
        ([("a1", "v"), ("v", "a2")], {"a1": "A", "v": "A", "a2": "A"}, "coordinator"),
        ([("x", "v"), ("v", "a2")], {"x": "X", "v": "A", "a2": "A"}, "gatekeeper"),
        ([("a1", "v"), ("v", "x")], {"a1": "A", "v": "A", "x": "X"}, "representative"),
        ([("a1", "v"), ("v", "a2")], {"a1": "A", "v": "B", "a2": "A"}, "consultant"),
        ([("x", "v"), ("v", "y")], {"x": "X", "v": "B", "y": "Y"}, "liaison"),
    ],
)
def test_each_gould_fernandez_role(edges, groups, role):
    assert brokerage_roles(nx.DiGraph(edges), "v", groups) == {role: 1}


def test_a_closed_relay_is_no_brokerage():
    H = nx.DiGraph([("x", "v"), ("v", "a"), ("x", "a")])
    assert brokerage_roles(H, "v", {"x": "X", "v": "A", "a": "A"}) == {}


PEOPLE = {"us": "o-us", "dm": "o-c", "i1": "o-c", "i2": "o-c", "i3": "o-p", "rival": "o-x"}
TIES = [("us", "i1", 5), ("i1", "dm", 5),      # i1: close to both ends
        ("us", "i2", 2), ("i2", "dm", 2),      # i2: a weak bridge
        ("us", "i3", 5), ("i3", "i2", 1),      # i3: we know them, they barely know i2
        ("rival", "dm", 5), ("rival", "us", 3)]
ROLES = [("us", "bid_team"), ("dm", "decision_maker", 5),
         ("i1", "user", 2, "champion"), ("i2", "informant", 1, "neutral")]


@pytest.fixture
def V():
    return make_valued(PEOPLE, TIES, ROLES)


def test_ranking_and_components(V):
    frame = key_informants(V, "P").to_frame().set_index("person_id")
    # no dm, no rival, not us; i3 (access .857, our tie .95) outranks the weak bridge i2
    assert list(frame.index) == ["i1", "i3", "i2"]
    i1, i2 = frame.loc["i1"], frame.loc["i2"]
    assert i1["access"] == pytest.approx(0.95)
    assert i2["access"] == pytest.approx(0.4)
    assert i1["our_tie"] == pytest.approx(0.95) and i2["our_tie"] == pytest.approx(0.4)
    assert (i1["brokerage"], i2["brokerage"]) == (1.0, 0.0)  # our best route runs via i1
    assert (i1["stance_fit"], i2["stance_fit"]) == (1.0, 0.5)
    # i3's best road to dm runs through us and i1: .95 * .95 * .95
    assert frame.loc["i3", "access"] == pytest.approx(0.857, abs=0.001)
    expected = 0.3 * 0.95 + 0.25 * 0.95 + 0.15 * 1 + 0.1 * i1["structural_holes"] + 0.2 * 1
    assert i1["score"] == pytest.approx(expected, abs=0.002)


def test_recorded_informants_and_reasons(V):
    frame = key_informants(V, "P").to_frame().set_index("person_id")
    assert bool(frame.loc["i2", "recorded_informant"]) and not frame.loc["i1",
                                                                         "recorded_informant"]
    assert "champion" in frame.loc["i1", "reasons"] and "DM 0.95" in frame.loc["i1", "reasons"]
    assert frame.loc["i1", "gf_role"] in {"gatekeeper", "representative"}


def test_competitor_staff_only_on_request_and_flagged(V):
    assert "rival" not in set(key_informants(V, "P").to_frame()["person_id"])
    frame = key_informants(V, "P", include_competitors=True).to_frame().set_index("person_id")
    assert frame.loc["rival", "risk"] == "competitor staff"
    assert "risk: works for a competitor" in frame.loc["rival", "reasons"]


def test_top(V):
    assert len(key_informants(V, "P", top=1).rows) == 1


@pytest.mark.parametrize("seed", range(8))
def test_burt_measures_agree_with_networkx(seed):
    """The sparse-matrix path equals NetworkX's per-node definition (``nodes=`` given: the
    pure-Python reference) to 1e-9, on random graphs with hubs (preferential attachment, and
    a super-connector tied to half the graph) and an isolate."""
    import random

    rng = random.Random(seed)
    U = nx.barabasi_albert_graph(60, 2, seed=seed) if seed % 2 else \
        nx.gnp_random_graph(40, 0.15, seed=seed)
    hub = max(U) + 1
    U.add_edges_from((hub, n) for n in rng.sample(sorted(U), len(U) // 2))
    for a, b in U.edges():
        U[a][b]["weight"] = rng.choice([0.05, 0.2, 0.4, 0.6, 0.8, 0.95])
    U.add_node(999)  # an isolate: NaN, as in NetworkX
    ours = burt_measures(U, list(U), chunk=7)  # several chunks
    constraint = nx.constraint(U, nodes=list(U), weight="weight")
    effective = nx.effective_size(U, nodes=list(U), weight="weight")
    for node in U:
        if node == 999:
            assert all(v != v for v in ours[node])
            continue
        assert ours[node][0] == pytest.approx(constraint[node], rel=1e-9, abs=1e-12, nan_ok=True)
        assert ours[node][1] == pytest.approx(effective[node], rel=1e-9, abs=1e-12, nan_ok=True)


def _relays_one_by_one(H, person, group):
    """The reference: every relay u → v → w, one by one (Gould & Fernandez 1989)."""
    from collections import Counter

    counts = Counter()
    mine = group.get(person)
    for u in H.predecessors(person):
        for w in H.successors(person):
            if u == w or H.has_edge(u, w):
                continue
            gu, gw = group.get(u), group.get(w)
            if gu == mine == gw:
                counts["coordinator"] += 1
            elif gu != mine and gw == mine:
                counts["gatekeeper"] += 1
            elif gu == mine and gw != mine:
                counts["representative"] += 1
            elif gu == gw:
                counts["consultant"] += 1
            else:
                counts["liaison"] += 1
    return counts


@pytest.mark.parametrize("seed", range(12))
def test_brokerage_counted_from_group_sizes_equals_relay_by_relay(seed):
    import random

    rng = random.Random(seed)
    H = nx.gnp_random_graph(50, 0.12, seed=seed, directed=True)
    hub = 50
    H.add_edges_from((n, hub) for n in rng.sample(range(50), 30))
    H.add_edges_from((hub, n) for n in rng.sample(range(50), 30))
    H.add_edge(7, 7)  # a self-loop changes nothing
    group = {n: rng.choice(["A", "B", "C", None]) for n in H}
    group.pop(3, None)  # somebody with no group at all
    nx.set_edge_attributes(H, 1.0, "cost")
    C = Compact.of(H)  # the arrays key_informants counts on
    for person in [hub, *range(10)]:
        assert brokerage_roles(H, person, group) == _relays_one_by_one(H, person, group)
        assert brokerage_roles(C, person, group, skip={1, 2}) == \
            brokerage_roles(H, person, group, skip={1, 2})
