"""The reach graph's one value per pair, and the one rule for last contact, by hand."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphcrm.analysis.health import contact_plan
from graphcrm.graph import last_contact
from graphcrm.map import MapSettings, map_data
from tests.analysis.conftest import make_graph, make_valued

PEOPLE = {"us": "o-us", "mate": "o-us", "qian": "o-c", "ma": "o-c", "dm": "o-c"}


def test_a_pair_follows_its_most_recent_evidence():
    # 钱立 → 马林: an undated REFERRED tie (3) and a KNOWS tie (4) last used 270 days ago
    ties = [("qian", "ma", 3, "REFERRED"), ("qian", "ma", 4, "KNOWS", "2025-09-04", 1)]
    V = make_valued(PEOPLE, ties)
    arc = V.reach["qian"]["ma"]
    assert arc["tie"]["type"] == "KNOWS"  # the dated, decayed tie decides, not the undated
    hop = V.tie("qian", "ma", arc["tie"])
    assert hop.last_contact == "2025-09-04" and hop.effective_strength < 2.5
    assert math.isclose(arc["p"], hop.probability)


def test_the_later_of_two_dated_ties_decides_and_equal_dates_take_the_stronger():
    later = make_valued(PEOPLE, [("qian", "ma", 5, "KNOWS", "2025-01-01"),
                                 ("qian", "ma", 2, "REFERRED", "2026-05-01")])
    assert later.reach["qian"]["ma"]["tie"]["type"] == "REFERRED"
    same = make_valued(PEOPLE, [("qian", "ma", 2, "KNOWS", "2026-05-01"),
                                ("qian", "ma", 4, "REFERRED", "2026-05-01")])
    assert same.reach["qian"]["ma"]["tie"]["type"] == "REFERRED"  # 4 beats 2
    undated = make_valued(PEOPLE, [("qian", "ma", 2, "KNOWS"), ("qian", "ma", 4, "REFERRED")])
    assert undated.reach["qian"]["ma"]["tie"]["type"] == "REFERRED"  # none dated: stronger


def test_a_reporting_line_still_counts_when_stronger():
    details = {"ma": {"reports_to": "qian"}}
    V = make_valued(PEOPLE, [("qian", "ma", 2, "KNOWS", "2024-01-01")], details=details)
    assert V.reach["ma"]["qian"]["tie"]["type"] == "REPORTS_TO"


def test_last_contact_is_one_rule_for_health_and_the_map():
    # the decision maker met a colleague who is not on the bid team on 05-10; the bid
    # team's own tie to them was last used in January
    ties = [("us", "dm", 4, "KNOWS", "2026-01-10"), ("mate", "dm", 3, "KNOWS", "2026-05-10"),
            ("qian", "dm", 4, "KNOWS", "2026-05-31")]  # two outsiders: not our contact
    roles = [("us", "bid_team"), ("dm", "decision_maker", 5)]
    G = make_graph(PEOPLE, ties, roles)
    assert last_contact(G, "dm") == "2026-05-10"
    V = make_valued(PEOPLE, ties, roles)
    plan = contact_plan(V, "P").to_frame().set_index("person_id")
    assert str(plan.loc["dm", "last_contact"].date()) == "2026-05-10"
    assert plan.loc["dm", "days"] == 22
    person = next(n for n in map_data(V, MapSettings(project="P"))["nodes"]
                  if n["name"] == "DM")
    assert ("last contact", "2026-05-10") in person["facts"]


def test_an_interaction_with_any_of_us_counts():
    G = make_graph(PEOPLE, [("us", "dm", 4, "KNOWS", "2026-01-10")],
                   interactions=[("2026-04-01", "dm", "mate")])
    assert last_contact(G, "dm") == "2026-04-01"
    assert last_contact(G, "ma") is None


def test_the_reach_graph_is_what_add_edges_from_builds(monkeypatch):
    """reach_graph writes its adjacency directly (_arc_graph); the graph is the one
    NetworkX's add_edges_from builds from the same arcs: arcs, data and order, both ways."""
    import datetime as dt
    import random

    import networkx as nx

    from graphcrm.analysis import network

    rng = random.Random(3)
    G = nx.MultiDiGraph()
    G.add_nodes_from(f"p{i}" for i in range(60))
    kinds = ["KNOWS", "KNOWS", "INFLUENCES", "REFERRED", "REPORTS_TO", "DOTTED_LINE"]
    for _ in range(400):
        a, b = rng.sample(sorted(G), 2)
        kind = rng.choice(kinds)
        G.add_edge(a, b, key=kind, type=kind, strength=rng.choice([None, 1, 3, 5]),
                   last_contact=rng.choice([None, "2025-03-01", "2026-06-30"]))
    H = network.reach_graph(G, as_of=dt.date(2026, 11, 27))

    def with_add_edges_from(nodes, arcs):
        R = nx.DiGraph()
        R.add_nodes_from(nodes)
        R.add_edges_from(arcs)
        return R

    monkeypatch.setattr(network, "_arc_graph", with_add_edges_from)
    R = network.reach_graph(G, as_of=dt.date(2026, 11, 27))
    assert nx.utils.graphs_equal(H, R)
    assert list(H.edges(data=True)) == list(R.edges(data=True))
    assert all(list(H.pred[n].items()) == list(R.pred[n].items()) for n in G)
    assert H.number_of_edges() > 300
    H.remove_node("p0")  # an ordinary graph: NetworkX's own operations work on it
    assert "p0" not in H.pred["p1"] and "p0" not in H.succ["p1"]


def _people_graph(seed: int, people: int = 40, ties: int = 300):
    """A people graph of the shapes that make choosing a pair's tie hard: several ties
    between the same two people (each type, both ways), reporting and dotted lines, few
    strengths and dates (many equal candidates), one hub holding a third of the ties."""
    import random

    import networkx as nx

    from graphcrm.domain import TieType

    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    names = [f"p{i}" for i in range(people)]
    rng.shuffle(names)
    G.add_nodes_from(names)
    kinds = [t.value for t in TieType] + ["KNOWS", "KNOWS"]
    for _ in range(ties):
        a, b = rng.sample(names, 2)
        if rng.random() < 0.3:
            a = names[0]  # the hub
        kind = rng.choice(kinds)
        G.add_edge(a, b, key=kind, type=kind, strength=rng.choice([None, 1, 2, 3, 5]),
                   level=rng.choice([None, 1, 4]),
                   last_contact=rng.choice([None, "2025-03", "2025-03-01", "2026-06-30"]))
    return G


@pytest.mark.parametrize("seed", range(12))
def test_the_pairs_ties_are_chosen_as_the_dictionary_way_chose_them(seed):
    """reach_arcs chooses each pair's tie in numpy; the same arcs, in the same order, with
    the same floats and the same recorded ties (the very dicts; a downward line's copy
    equal) as the dictionary way (tests/analysis/reference.py)."""
    import datetime as dt

    from graphcrm.analysis import network

    from .reference import reach_arcs

    G = _people_graph(seed)
    day = dt.date(2026, 11, 27)
    chosen = network.reach_arcs(G, as_of=day)
    tails, heads, chances, ties = reach_arcs(G, as_of=day, model=network.DEFAULT_MODEL)
    assert [chosen.nodes[i] for i in chosen.tail.tolist()] == tails
    assert [chosen.nodes[i] for i in chosen.head.tolist()] == heads
    assert chosen.p.tolist() == chances
    assert list(chosen.ties) == ties
    assert all(a is b for a, b in zip(chosen.ties, ties, strict=True)
               if a.get("direction") != network.DOWN)
    assert len(tails) > 200 and any(t.get("direction") == network.DOWN for t in ties)


@given(st.data())
@settings(max_examples=60, deadline=None)
def test_any_ties_are_chosen_as_the_dictionary_way_chose_them(data):
    import datetime as dt

    import networkx as nx

    from graphcrm.analysis import network
    from graphcrm.domain import TieType

    from .reference import reach_arcs

    people = data.draw(st.integers(1, 6))
    G = nx.MultiDiGraph()
    G.add_nodes_from(f"p{i}" for i in range(people))
    person = st.integers(0, people - 1).map(lambda i: f"p{i}")
    for a, b, kind, strength, date in data.draw(st.lists(st.tuples(
            person, person, st.sampled_from([t.value for t in TieType]),
            st.sampled_from([None, 1, 3, 5]),
            st.sampled_from([None, "2025-01-01", "2026-01-01"])), max_size=25)):
        if a != b:
            G.add_edge(a, b, key=kind, type=kind, strength=strength, last_contact=date)
    day = dt.date(2026, 11, 27)
    chosen = network.reach_arcs(G, as_of=day)
    tails, heads, chances, ties = reach_arcs(G, as_of=day, model=network.DEFAULT_MODEL)
    assert ([chosen.nodes[i] for i in chosen.tail.tolist()],
            [chosen.nodes[i] for i in chosen.head.tolist()], chosen.p.tolist(),
            list(chosen.ties)) == (tails, heads, chances, ties)


@given(st.data())
@settings(max_examples=60, deadline=None)
def test_ties_kept_as_columns_are_valued_as_the_written_ones(data):
    """reach_arcs takes a people graph's ties from its columns while they are not written
    (graphcrm.graph.pending_ties): the same arcs in the same order, the same floats and the
    very tie dicts the written graph holds, reporting lines and superiors included; and it
    leaves them unwritten."""
    import datetime as dt

    from graphcrm.analysis import network
    from graphcrm.domain import TieType
    from graphcrm.graph import pending_ties

    ids = [f"p{i}" for i in range(data.draw(st.integers(1, 6)))]
    person = st.sampled_from(ids)
    ties = data.draw(st.lists(st.tuples(
        person, person, st.sampled_from([None, 1, 3, 5]),
        st.sampled_from([t.value for t in TieType]),
        st.sampled_from([None, "2025-01-01", "2026-01-01"]), st.sampled_from([None, 2])),
        max_size=25, unique_by=lambda t: (t[0], t[1], t[3])))
    bosses = data.draw(st.dictionaries(person, person, max_size=3))
    details = {p: {"reports_to": b} for p, b in bosses.items()}
    people = dict.fromkeys(ids, "o-c")
    G = make_graph(people, ties, details=details)
    written = make_graph(people, ties, details=details)
    day = dt.date(2026, 11, 27)
    if pending_ties(G) is None:  # a recorded line that is also the superior: merged
        return
    chosen = network.reach_arcs(G, as_of=day)
    assert pending_ties(G) is not None
    assert written.number_of_edges() == len(ties) + sum(
        1 for p, b in bosses.items() if not any(
            (a, c, k) == (p, b, "REPORTS_TO") for a, c, _, k, *_ in ties))
    again = network.reach_arcs(written, as_of=day)
    assert (chosen.nodes, chosen.tail.tolist(), chosen.head.tolist(), chosen.p.tolist(),
            list(chosen.ties)) == (again.nodes, again.tail.tolist(), again.head.tolist(),
                                   again.p.tolist(), list(again.ties))
    G.number_of_edges()  # written now: the dicts reach_arcs chose are the graph's own
    edges = {id(d) for *_, d in G.edges(keys=True, data=True)}
    assert all(id(t) in edges for t in chosen.ties if t.get("direction") != network.DOWN)


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(-3, 3), st.booleans()), max_size=40),
       st.sampled_from([1, 2**40, 2**59]), st.booleans())
@settings(max_examples=150, deadline=None)
def test_each_arc_s_best_candidate_is_the_highest_key_then_the_first(rows, scale, floats):
    """_first_best by its definition, in plain Python: one sort of one integer where it
    fits in 63 bits, three sorts where arcs are too far apart (scale) — the same winners."""
    import numpy as np

    from graphcrm.analysis.network import _first_best

    arc = np.array([a * scale for a, _, _ in rows], dtype=np.int64)
    key = np.array([k / 2 if floats else k for _, k, _ in rows],
                   dtype=float if floats else np.int64)
    seq = np.random.default_rng(len(rows)).permutation(len(rows)).astype(np.int64)
    best: dict[int, int] = {}  # arc → its winner, in the order of the arc's lowest seq
    for i in sorted(range(len(rows)), key=lambda i: int(seq[i])):
        a = int(arc[i])
        if a not in best or key[i] > key[best[a]]:
            best[a] = i
    assert _first_best(arc, seq, key).tolist() == list(best.values())
