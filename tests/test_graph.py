"""The graph built from the tiny bid, checked against the hand-written tables in conftest."""

from hypothesis import given, note, settings
from hypothesis import strategies as st

from graphcrm.graph import REPORTS_TO, build_graph


def test_people_are_nodes_with_their_organization(tiny):
    G = build_graph(tiny)
    assert set(G) == {"a", "b", "c", "d", "e", "x"}
    assert G.nodes["a"]["org_kind"] == "own"
    assert G.nodes["x"]["org_kind"] == "competitor"
    assert G.nodes["c"]["org_name"] == "客户公司"
    assert G.nodes["e"]["name"] == "NA"
    assert G.nodes["a"]["extra"] == {"WeChat": "alice_w"}


def test_ties_are_typed_edges(tiny):
    G = build_graph(tiny)
    assert G.number_of_edges() == 5 + 3  # 5 imported ties, 3 reports_to
    knows = G.edges["a", "c", "KNOWS"]
    assert (knows["strength"], knows["level"], knows["mutual"]) == (4, 2, True)
    assert G.edges["c", "e", "INFLUENCES"]["mutual"] is False
    assert G.has_edge("d", "c", REPORTS_TO) and G.has_edge("b", "a", REPORTS_TO)
    assert not G.has_edge("c", "d", REPORTS_TO)


def test_interactions_bring_last_contact_forward(tiny):
    G = build_graph(tiny)
    tie = G.edges["a", "c", "KNOWS"]
    assert tie["last_contact_recorded"] == "2026-10-01"
    assert tie["last_contact"] == "2026-11-20"  # the dinner on 2026-11-20
    undated = G.edges["b", "d", "KNOWS"]
    assert (undated["last_contact_recorded"], undated["last_contact"]) == (None, "2026-09-01")
    assert G.edges["c", "d", "KNOWS"]["last_contact"] is None
    assert G.nodes["c"]["last_interaction"] == "2026-11-20"
    assert G.nodes["x"]["last_interaction"] is None


def test_roles_stance_influence_per_project(tiny):
    G = build_graph(tiny)
    assert G.nodes["c"]["projects"] == {
        "P1": {"roles": ["decision_maker"], "influence": 5, "stance": "neutral", "notes": [],
               "owner": None, "next_step": None, "due": None, "concerns": None,
               "leaning": None}
    }
    assert G.nodes["d"]["projects"]["P1"]["stance"] == "supporter"
    assert G.nodes["a"]["projects"]["P1"]["roles"] == ["bid_team"]
    assert G.nodes["x"]["projects"] == {}
    assert G.graph["projects"]["P1"]["customer_id"] == "o-c"
    assert set(G.graph["organizations"]) == {"o-us", "o-c", "o-x"}


def test_several_roles_in_one_project(tiny):
    tiny.records["stakeholders"].append(
        {"project_id": "P1", "person_id": "d", "role": "informant", "influence": 4,
         "stance": None, "notes": "tells us", "extra": {}}
    )
    entry = build_graph(tiny).nodes["d"]["projects"]["P1"]
    assert entry == {"roles": ["evaluator", "informant"], "influence": 4,
                     "stance": "supporter", "notes": ["tells us"], "owner": None,
                     "next_step": None, "due": None, "concerns": None, "leaning": None}


def test_edges_to_people_outside_a_neighbourhood_are_left_out(tiny):
    tiny.records["people"] = [p for p in tiny.records["people"] if p["id"] != "c"]
    G = build_graph(tiny)
    assert "c" not in G
    assert not any("c" in (u, v) for u, v in G.edges())


def test_the_sample_has_something_for_every_analysis(sample):
    G = build_graph(sample)
    assert 60 <= G.number_of_nodes() <= 150
    kinds = {G.nodes[n]["org_kind"] for n in G}
    assert kinds == {"own", "customer", "partner", "competitor", "other"}
    roles = {r for n in G for p in G.nodes[n]["projects"].values() for r in p["roles"]}
    assert {"decision_maker", "informant", "referrer", "bid_team"} <= roles
    assert len(G.graph["projects"]) >= 2
    strengths = {d["strength"] for *_, d in G.edges(data=True) if d["type"] == "KNOWS"}
    assert strengths == {1, 2, 3, 4, 5}
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in G.nodes[n]["name"]) for n in G)


def test_last_contacts_in_one_pass_agree_with_the_rule(sample):
    """``last_contacts`` (the map's one pass) gives every person ``last_contact``'s date."""
    from graphcrm.graph import last_contact, last_contacts

    G = build_graph(sample)
    everyone = last_contacts(G)
    assert everyone == {person: last_contact(G, person) for person in G}
    assert sum(date is not None for date in everyone.values()) > 20


def test_ties_are_written_as_add_edge_writes_them(sample):
    """The adjacency written directly equals MultiDiGraph.add_edge's, tie by tie: the same
    edges in the same order with the same attributes, one key dict shared both ways, a tie
    recorded twice updating the first."""
    import networkx as nx

    G = build_graph(sample)
    twice = [dict(t) for t in sample.table("relationships")[:3]]
    for t in twice:
        t["notes"] = "again"
    doubled = type(sample)(records={**sample.records, "relationships": [
        *sample.table("relationships"), *twice]}, columns=sample.columns)
    D = build_graph(doubled)
    for built, data in ((G, sample), (D, doubled)):
        R = nx.MultiDiGraph()  # add_edge replayed: reporting lines, then ties as recorded
        R.add_nodes_from(built.nodes(data=True))
        for person, boss in built.nodes(data="reports_to"):
            if built.has_edge(person, boss, REPORTS_TO):
                R.add_edge(person, boss, REPORTS_TO, **built.edges[person, boss, REPORTS_TO])
        for t in data.table("relationships"):
            edge = (t["source"], t["target"], t["type"])
            if built.has_edge(*edge):
                R.add_edge(*edge, **built.edges[edge])
        assert list(built.edges(keys=True, data=True)) == list(R.edges(keys=True, data=True))
        assert all(built._pred[v][u] is keys for u, adj in built._succ.items()
                   for v, keys in adj.items())
        assert list(built._pred) == list(R._pred)
        assert all(list(built._pred[n]) == list(R._pred[n]) for n in built)
    assert D.number_of_edges() == G.number_of_edges()
    assert [D.edges[t["source"], t["target"], t["type"]]["notes"] for t in twice] == [
        "again"] * 3


def test_people_are_written_as_add_node_writes_them(sample):
    """The node dicts written directly are what MultiDiGraph.add_node writes: the same people
    in the same order with the same attributes, an adjacency both ways for each, a person
    listed twice updated in place; and the graph works as any other."""
    import networkx as nx

    people = sample.table("people")
    again = {**people[0], "title": "again"}
    doubled = type(sample)(records={**sample.records, "people": [*people, again]},
                           columns=sample.columns)
    for data in (sample, doubled):
        G = build_graph(data)
        R = nx.MultiDiGraph()
        for person, attrs in G.nodes(data=True):
            R.add_node(person, **attrs)
        assert list(G.nodes(data=True)) == list(R.nodes(data=True))
        assert list(G._succ) == list(G._pred) == list(R._succ)
        assert G._adj is G._succ and len(G) == len(R)
    assert G.nodes[again["id"]]["title"] == "again" and len(G) == len(build_graph(sample))
    first = next(iter(G))
    G.remove_node(first)
    assert first not in G and all(first not in G._pred[n] for n in G)


def _random_dataset(draw_ties, people, bosses, former):
    """A dataset of ``people`` (p0…), their superiors, the former among them, and ties
    ``(a, b, type, strength, last_contact)`` (an id outside the people for a neighbourhood's
    edge), as build_graph reads one."""
    from graphcrm.records import SCHEMA, Dataset

    records = {
        "organizations": [{"id": "o", "name": "O", "kind": "customer", "extra": {}}],
        "people": [{"id": f"p{i}", "name": f"P{i}", "org_id": "o", "extra": {},
                    "reports_to": bosses.get(i), "status": "left" if i in former else None}
                   for i in range(people)],
        "projects": [], "stakeholders": [], "interactions": [],
        "relationships": [{"source": a, "target": b, "type": kind, "strength": strength,
                           "last_contact": last, "level": None, "extra": {}}
                          for a, b, kind, strength, last in draw_ties],
    }
    return Dataset(records=records, columns={t: SCHEMA[t].column_names for t in records})


def _ties_of(G):
    return sorted((u, v, k, tuple(sorted(d.items(), key=str)))
                  for u, v, k, d in G.edges(keys=True, data=True))


@given(st.data())
@settings(max_examples=80, deadline=None)
def test_ties_kept_as_columns_are_the_ties_written(data):
    """Until something reads the adjacency, a people graph keeps its ties as columns: in the
    order its edges come once written (pending_ties' walk order), each tie's people and
    attributes the very dicts written; ties_at finds each person's ties there without
    writing them; a tie recorded twice (or a recorded reporting line that is also a
    superior) is written first, merged as add_edge merges it."""
    import pickle

    from graphcrm.domain import TieType
    from graphcrm.graph import pending_ties, ties_at

    people = data.draw(st.integers(1, 7))
    someone = st.integers(0, people).map(lambda i: f"p{i}")  # p{people}: outside
    bosses = data.draw(st.dictionaries(st.integers(0, people - 1),
                                       st.integers(0, people).map(lambda i: f"p{i}"),
                                       max_size=people))
    former = data.draw(st.sets(st.integers(0, people - 1), max_size=2))
    ties = data.draw(st.lists(st.tuples(
        someone, someone, st.sampled_from([t.value for t in TieType]),
        st.sampled_from([None, 1, 4]), st.sampled_from([None, "2026-01-01"])), max_size=30,
        unique_by=lambda t: t[:3]))
    if ties and data.draw(st.booleans()):  # one recorded twice
        ties.append((*ties[0][:3], 5, None))
    dataset = _random_dataset(ties, people, bosses, former)
    G, twin = build_graph(dataset), build_graph(dataset)
    columns = pending_ties(G)
    note(f"merged: {columns is None}")
    if columns is None:  # merged: written, as add_edge writes them
        assert "_pending" not in G.__dict__ and _ties_of(G) == _ties_of(twin)
        keys = [(a, b, k) for a, b, k, *_ in ties] + [
            (f"p{i}", boss, REPORTS_TO) for i, boss in bosses.items()]
        assert len(set(keys)) < len(keys)
        return
    at = {person: ties_at(G, person) for person in G}
    order = columns.walk_order().tolist()
    assert "_pending" in G.__dict__  # still columns
    written = list(G.edges(keys=True, data=True))
    assert [(columns.nodes[columns.tail[k]], columns.nodes[columns.head[k]],
             columns.data[k]["type"]) for k in order] == [(u, v, k) for u, v, k, _ in written]
    assert all(columns.data[k] is d for k, (*_, d) in zip(order, written, strict=True))
    assert pending_ties(G) is None
    for person, found in at.items():
        assert sorted(map(repr, found)) == sorted(map(repr, ties_at(G, person)))
    assert _ties_of(pickle.loads(pickle.dumps(twin))) == _ties_of(G)
    twin.add_edge("p0", "new", key="KNOWS")  # NetworkX's own calls write them first
    assert twin.number_of_edges() == G.number_of_edges() + 1


def test_threads_reading_one_graph_write_its_ties_once(sample, monkeypatch):
    """Several threads that first read a graph's adjacency at once find it written once,
    whole (NetworkX graphs may be read from several threads); the writing made slow, so
    that they do meet."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    from graphcrm.graph import PeopleGraph

    write = PeopleGraph._write_ties

    def slowly(self):
        time.sleep(0.05)
        write(self)

    monkeypatch.setattr(PeopleGraph, "_write_ties", slowly)
    G = build_graph(sample)
    tie = sample.table("relationships")[0]
    with ThreadPoolExecutor(8) as pool:  # has_edge reads the adjacency itself
        found = list(pool.map(lambda _: G.has_edge(tie["source"], tie["target"]), range(16)))
    assert found == [True] * 16 and "_pending" not in G.__dict__
    assert G.number_of_edges() == build_graph(sample).number_of_edges()


def test_threads_asking_for_one_tie_s_dict_are_given_one_dict():
    """A tie's attribute dict is made when first asked for (graphcrm.graph.Made), once: two
    threads asking at the same moment hold the same dict, as they would from a list (the
    making made slow, so that they do meet)."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    from graphcrm.graph import Made

    class Slow(Made):
        def _make(self, k):
            time.sleep(0.02)
            return {"k": k}

    items = Slow(3, [{"k": "made"}])
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda i: items[i % 3], range(24)))
    assert all(found[i] is found[i % 3] for i in range(24))
    assert list(items) == [{"k": "made"}, {"k": 1}, {"k": 2}] and items[-1] is found[2]
    assert items[1:] == [{"k": 1}, {"k": 2}]


def test_ties_a_store_is_still_reading_are_received_when_first_needed(sample):
    """Built from ties a store still reads (TieRows.later), the graph has its people at
    once and receives the ties when something first needs them — the columns, an edge, a
    pickle or a copy: the same graph as built from the ties at hand, the rows fetched once."""
    import copy
    import pickle

    from graphcrm.graph import pending_ties
    from graphcrm.records import TieRows

    rows = TieRows([tuple(t.get(c) for c in TieRows.COLUMNS)
                    for t in sample.table("relationships")])
    asked: list[int] = []

    def later() -> TieRows:
        asked.append(1)
        return rows

    whole = build_graph(sample)
    expected = list(whole.edges(keys=True, data=True))
    G = build_graph(sample, TieRows.later(later))
    assert asked == [] and list(G.nodes(data=True)) == list(whole.nodes(data=True))
    assert pending_ties(G) is not None and asked == [1]
    assert list(pickle.loads(pickle.dumps(G)).edges(keys=True, data=True)) == expected
    G = build_graph(sample, TieRows.later(later))
    assert list(copy.deepcopy(G).edges(keys=True, data=True)) == expected
    assert list(G.edges(keys=True, data=True)) == expected and asked == [1, 1]
