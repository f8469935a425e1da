"""The reach graph's one value per pair, and the one rule for last contact, by hand."""

import math

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
    assert plan.loc["dm", "last_contact"] == "2026-05-10" and plan.loc["dm", "days"] == 22
    person = next(n for n in map_data(V, MapSettings(project="P"))["nodes"]
                  if n["name"] == "DM")
    assert ("last contact", "2026-05-10") in person["facts"]


def test_an_interaction_with_any_of_us_counts():
    G = make_graph(PEOPLE, [("us", "dm", 4, "KNOWS", "2026-01-10")],
                   interactions=[("2026-04-01", "dm", "mate")])
    assert last_contact(G, "dm") == "2026-04-01"
    assert last_contact(G, "ma") is None
